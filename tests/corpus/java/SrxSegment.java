// A small SRX 2.0 engine on java.util.regex, for tests: tmkit's segments must be the ones a
// Java SRX engine gives. Usage: java SrxSegment.java RULES.srx LANGUAGE TEXTS-FILE
// (TEXTS-FILE: UTF-8 texts separated by NUL characters).
// At each position between two characters the rules that apply to LANGUAGE (language maps
// matched against the whole code, cascading when the header says so) are tried in order; the
// first whose beforebreak matches text ending there and whose afterbreak matches text starting
// there decides. Prints each text's segments, trimmed, each followed by a NUL character, and
// after each text a U+0001 character.
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

public class SrxSegment {
    static final String NS = "http://www.lisa.org/srx20";

    record Rule(Pattern before, Pattern after, boolean breaks) {}

    public static void main(String[] args) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Document doc = factory.newDocumentBuilder().parse(new File(args[0]));
        String language = args[1];
        String texts = new String(Files.readAllBytes(Paths.get(args[2])), StandardCharsets.UTF_8);
        Element header = (Element) doc.getElementsByTagNameNS(NS, "header").item(0);
        boolean cascade = header != null && "yes".equals(header.getAttribute("cascade"));
        Map<String, List<Rule>> rules = new LinkedHashMap<>();
        NodeList languageRules = doc.getElementsByTagNameNS(NS, "languagerule");
        for (int i = 0; i < languageRules.getLength(); i++) {
            Element languageRule = (Element) languageRules.item(i);
            List<Rule> list = new ArrayList<>();
            NodeList ruleElements = languageRule.getElementsByTagNameNS(NS, "rule");
            for (int j = 0; j < ruleElements.getLength(); j++) {
                Element rule = (Element) ruleElements.item(j);
                list.add(new Rule(Pattern.compile(part(rule, "beforebreak")),
                        Pattern.compile(part(rule, "afterbreak")),
                        !"no".equals(rule.getAttribute("break"))));
            }
            rules.put(languageRule.getAttribute("languagerulename"), list);
        }
        List<Rule> active = new ArrayList<>();
        NodeList maps = doc.getElementsByTagNameNS(NS, "languagemap");
        for (int i = 0; i < maps.getLength(); i++) {
            Element map = (Element) maps.item(i);
            if (Pattern.matches(map.getAttribute("languagepattern"), language)) {
                active.addAll(rules.get(map.getAttribute("languagerulename")));
                if (!cascade) break;
            }
        }
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        for (String text : texts.split("\0", -1)) {
            for (String segment : segment(text, active)) out.print(segment + "\0");
            out.print("\u0001");
        }
    }

    static List<String> segment(String text, List<Rule> active) {
        List<Integer> cuts = new ArrayList<>();
        cuts.add(0);
        for (int p = 1; p < text.length(); p++) {
            for (Rule rule : active) {
                if (endsAt(rule.before(), text, p) && startsAt(rule.after(), text, p)) {
                    if (rule.breaks()) cuts.add(p);
                    break;
                }
            }
        }
        cuts.add(text.length());
        List<String> segments = new ArrayList<>();
        for (int i = 0; i + 1 < cuts.size(); i++) {
            String segment = text.substring(cuts.get(i), cuts.get(i + 1)).strip();
            if (!segment.isEmpty()) segments.add(segment);
        }
        return segments;
    }

    static String part(Element rule, String name) {
        NodeList found = rule.getElementsByTagNameNS(NS, name);
        return found.getLength() == 0 ? "" : found.item(0).getTextContent();
    }

    static boolean endsAt(Pattern pattern, String text, int position) {
        Matcher matcher = pattern.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
        for (int start = position; start >= 0; start--) {
            if (matcher.region(start, position).matches()) return true;
        }
        return false;
    }

    static boolean startsAt(Pattern pattern, String text, int position) {
        Matcher matcher = pattern.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
        return matcher.region(position, text.length()).lookingAt();
    }
}
