// For tests: what java.util.regex finds. Reads records "pattern\u0001text" separated by NUL
// from a UTF-8 file; prints, one line per record, the spans of find() one after another
// ("start-end" in code points, separated by spaces), or "ERROR" when the pattern does not compile.
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

public class RegexSpans {
    public static void main(String[] args) throws Exception {
        String all = new String(Files.readAllBytes(Paths.get(args[0])), StandardCharsets.UTF_8);
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        for (String record : all.split("\0")) {
            String[] parts = record.split("\u0001", -1);
            try {
                Matcher matcher = Pattern.compile(parts[0]).matcher(parts[1]);
                StringJoiner spans = new StringJoiner(" ");
                while (matcher.find()) spans.add(parts[1].codePointCount(0, matcher.start()) + "-"
                            + parts[1].codePointCount(0, matcher.end()));
                out.println(spans);
            } catch (PatternSyntaxException e) {
                out.println("ERROR");
            }
        }
    }
}
