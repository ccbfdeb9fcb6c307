package crux.debate;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads src/test/resources/xss-corpus.txt; its header explains the format. */
public final class XssCorpus {

    /** One hostile comment; {@code visible} is text the page must show literally, or null. */
    public record Payload(int line, String source, String visible) {
        @Override
        public String toString() {
            String shown = source.length() > 60 ? source.substring(0, 60) + "…" : source;
            return "line " + line + ": " + shown.replaceAll("\\p{Cntrl}", "?");
        }
    }

    private static final String ARROW = " \u27F6 ";
    private static final Pattern REPEAT = Pattern.compile("\\{\\{(\\d+)\\*(.*?)}}");

    private XssCorpus() {
    }

    public static List<Payload> load() throws IOException {
        String text;
        try (InputStream in = XssCorpus.class.getResourceAsStream("/xss-corpus.txt")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<Payload> payloads = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isEmpty() || line.startsWith("%%")) {
                continue;
            }
            int arrow = line.lastIndexOf(ARROW);
            String source = arrow < 0 ? line : line.substring(0, arrow);
            String visible = arrow < 0 ? null : unescape(line.substring(arrow + ARROW.length()));
            payloads.add(new Payload(i + 1, expand(unescape(source)), visible));
        }
        return payloads;
    }

    private static String expand(String s) {
        Matcher m = REPEAT.matcher(s);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(2).repeat(Integer.parseInt(m.group(1)))));
        }
        return m.appendTail(out).toString();
    }

    private static String unescape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            char next = i + 1 < s.length() ? s.charAt(i + 1) : 0;
            if (c != '\\') {
                out.append(c);
            } else if (next == 'u' && i + 5 < s.length()) {
                out.append((char) Integer.parseInt(s.substring(i + 2, i + 6), 16));
                i += 5;
            } else if ("ntr0\\".indexOf(next) >= 0 && next != 0) {
                out.append(switch (next) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    case 'r' -> '\r';
                    case '0' -> '\0';
                    default -> '\\';
                });
                i++;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
