// For tests: where java.util.regex matches. Reads records "pattern\u0001text" separated by NUL
// from a UTF-8 file; prints, one line per record, for each position of the text (0 to its
// length, in UTF-16 units) the end of Matcher.lookingAt() from there (transparent,
// non-anchoring bounds, as an SRX engine looks) or "-", separated by spaces; or "ERROR" when
// the pattern does not compile.
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

public class RegexLookingAt {
    public static void main(String[] args) throws Exception {
        String all = new String(Files.readAllBytes(Paths.get(args[0])), StandardCharsets.UTF_8);
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        for (String record : all.split("\0")) {
            String[] parts = record.split("\u0001", -1);
            String text = parts[1];
            try {
                Matcher matcher = Pattern.compile(parts[0]).matcher(text)
                        .useTransparentBounds(true).useAnchoringBounds(false);
                StringJoiner ends = new StringJoiner(" ");
                for (int i = 0; i <= text.length(); i++) {
                    matcher.region(i, text.length());
                    ends.add(matcher.lookingAt() ? String.valueOf(matcher.end()) : "-");
                }
                out.println(ends);
            } catch (PatternSyntaxException e) {
                out.println("ERROR");
            }
        }
    }
}
