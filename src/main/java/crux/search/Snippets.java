package crux.search;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Result snippets cut from plain text, never from stored HTML: runs of text, some of them marked as matching the
 * query. Templates print each run escaped (inside {@code <mark>} when marked), so no stored character becomes markup.
 */
public final class Snippets {

    /** About two lines of a result: enough to recognise an argument, short enough to scan a page of them. */
    public static final int LENGTH = 240;

    /** How much text is kept before the first matched word, so that it reads in context. */
    static final int LEAD = 60;

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");

    /**
     * Control characters and the bidirectional overrides and isolates, which could make a snippet read differently
     * from its text; stripped, like runs of white space, which become one space.
     */
    private static final Pattern INVISIBLE = Pattern.compile("[\\p{Cc}\\u200E\\u200F\\u202A-\\u202E\\u2066-\\u2069]+");

    private Snippets() {
    }

    /** One run of a snippet. */
    public record Run(String text, boolean marked) {
    }

    /** The whole of a short text (a statement, a name), with its matching words marked. */
    public static List<Run> whole(String text, Predicate<String> matches) {
        String clean = clean(text);
        return runs(clean, 0, clean.length(), matches);
    }

    /**
     * About {@link #LENGTH} characters of {@code text}, from a little before its first matching word, with an
     * ellipsis where text was cut; the beginning of the text when no word matches (it matched by stem elsewhere).
     */
    public static List<Run> excerpt(String text, Predicate<String> matches) {
        String clean = clean(text);
        if (clean.length() <= LENGTH) {
            return runs(clean, 0, clean.length(), matches);
        }
        int first = 0;
        Matcher m = WORD.matcher(clean);
        while (m.find()) {
            if (matches.test(m.group())) {
                first = m.start();
                break;
            }
        }
        int start = first <= LEAD ? 0 : wordStart(clean, first - LEAD);
        int end = Math.min(clean.length(), start + LENGTH);
        if (end < clean.length()) {
            int space = clean.lastIndexOf(' ', end);
            end = space > start ? space : end;
        }
        List<Run> runs = new ArrayList<>();
        if (start > 0) {
            runs.add(new Run("…", false));
        }
        runs.addAll(runs(clean, start, end, matches));
        if (end < clean.length()) {
            runs.add(new Run("…", false));
        }
        return runs;
    }

    static String clean(String text) {
        return text == null ? "" : INVISIBLE.matcher(text.replaceAll("\\s+", " ")).replaceAll("").strip();
    }

    private static int wordStart(String text, int from) {
        int space = text.indexOf(' ', from);
        return space < 0 ? from : space + 1;
    }

    private static List<Run> runs(String text, int start, int end, Predicate<String> matches) {
        List<Run> runs = new ArrayList<>();
        Matcher m = WORD.matcher(text).region(start, end);
        int at = start;
        while (m.find()) {
            if (matches.test(m.group())) {
                if (m.start() > at) {
                    runs.add(new Run(text.substring(at, m.start()), false));
                }
                runs.add(new Run(m.group(), true));
                at = m.end();
            }
        }
        if (at < end) {
            runs.add(new Run(text.substring(at, end), false));
        }
        return runs;
    }
}
