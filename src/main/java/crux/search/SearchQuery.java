package crux.search;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a reader typed into the search field, parsed the same way for both engines: words, "quoted phrases", and a
 * minus in front of a word or phrase to exclude it. Everything that is neither a letter nor a digit only separates
 * words, so no character a reader types can act as an operator of either engine; a word split by such characters
 * (e.g. {@code alice_99}) becomes a phrase of its parts. Every positive word and phrase must match.
 *
 * @param clauses the positive words and phrases, each a list of lower-case words (one word: a plain word)
 * @param excluded the words and phrases that must not match, alike
 */
public record SearchQuery(List<List<String>> clauses, List<List<String>> excluded) {

    /** Longer queries are refused (400): no one types more, and each clause costs the engines work. */
    public static final int MAX_CHARS = 500;

    /** Clauses past this many are ignored: a query with more finds nothing anyway. */
    public static final int MAX_CLAUSES = 12;

    /** Words longer than this are ignored: no engine indexes them usefully (PostgreSQL drops those over 2 KB). */
    public static final int MAX_WORD = 60;

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");

    public SearchQuery {
        clauses = List.copyOf(clauses);
        excluded = List.copyOf(excluded);
    }

    /** Parses {@code raw} (already length-checked by the caller). */
    public static SearchQuery parse(String raw) {
        List<List<String>> positive = new ArrayList<>();
        List<List<String>> negative = new ArrayList<>();
        int i = 0;
        int n = raw.length();
        while (i < n && positive.size() + negative.size() < MAX_CLAUSES) {
            char c = raw.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            boolean minus = c == '-' && i + 1 < n && !Character.isWhitespace(raw.charAt(i + 1));
            if (minus) {
                i++;
            }
            int end;
            String part;
            if (raw.charAt(i) == '"') {
                int close = raw.indexOf('"', i + 1);
                end = close < 0 ? n : close + 1;
                part = raw.substring(i + 1, close < 0 ? n : close);
            } else {
                end = i;
                while (end < n && !Character.isWhitespace(raw.charAt(end)) && raw.charAt(end) != '"') {
                    end++;
                }
                part = raw.substring(i, end);
            }
            i = Math.max(end, i + 1);
            List<String> words = words(part);
            if (!words.isEmpty()) {
                (minus ? negative : positive).add(words);
            }
        }
        return new SearchQuery(positive, negative);
    }

    static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        Matcher m = WORD.matcher(text);
        while (m.find()) {
            if (m.end() - m.start() <= MAX_WORD) {
                words.add(m.group().toLowerCase(Locale.ROOT));
            }
        }
        return words;
    }

    /** Nothing to look for: only exclusions, or no words at all. Such a query finds nothing. */
    public boolean empty() {
        return clauses.isEmpty();
    }

    /**
     * The query as PostgreSQL's {@code websearch_to_tsquery} reads it: every clause quoted (so that a word such as
     * "or" is a word, not an operator), exclusions with a minus. Only letters, digits, spaces, quotes and minus signs.
     */
    public String websearch() {
        StringBuilder sb = new StringBuilder();
        for (List<String> c : clauses) {
            sb.append(sb.isEmpty() ? "" : " ").append('"').append(String.join(" ", c)).append('"');
        }
        for (List<String> c : excluded) {
            sb.append(" -\"").append(String.join(" ", c)).append('"');
        }
        return sb.toString();
    }

    /** The words of every positive clause: the ones a snippet marks. */
    public Set<String> markedWords() {
        Set<String> words = new LinkedHashSet<>();
        clauses.forEach(words::addAll);
        return words;
    }
}
