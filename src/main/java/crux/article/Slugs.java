package crux.article;

import java.text.Normalizer;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The slug of an article's URL ({@code /articles/{slug}}), made from its title once, when it is published: people
 * link to it, so it never follows a later change of title. Readable ASCII: letters lose their accents, words are
 * joined by hyphens.
 */
public final class Slugs {

    /** Long enough for any headline's words to be recognisable; a URL longer than this is a paragraph. */
    public static final int MAX_LENGTH = 80;
    /** The slug of a title with no letter or digit in Latin script. */
    public static final String FALLBACK = "article";
    /**
     * More articles than this with one title means the predicate never says "free" (a bug, not a newsroom):
     * fail rather than loop.
     */
    static final int MAX_SUFFIX = 10_000;

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    /** An apostrophe or a dot between two letters or digits joins them: "China's" → chinas, "U.S." → us. */
    private static final Pattern INNER_PUNCTUATION = Pattern.compile("(?<=[a-z0-9])['\u2019\u02BC.](?=[a-z0-9])");
    private static final Pattern SEPARATORS = Pattern.compile("[^a-z0-9]+");
    private static final Pattern EDGE_HYPHENS = Pattern.compile("^-|-$");

    private Slugs() {
    }

    /** The slug of {@code title}: at most {@link #MAX_LENGTH} characters of [a-z0-9-], never empty. */
    public static String slug(String title) {
        String s = Normalizer.normalize(title == null ? "" : title, Normalizer.Form.NFKD);
        s = latin(MARKS.matcher(s).replaceAll("").toLowerCase(Locale.ROOT));
        s = INNER_PUNCTUATION.matcher(s).replaceAll("");
        s = EDGE_HYPHENS.matcher(SEPARATORS.matcher(s).replaceAll("-")).replaceAll("");
        if (s.length() > MAX_LENGTH) {
            int cut = s.lastIndexOf('-', MAX_LENGTH); // a hyphen at MAX_LENGTH keeps MAX_LENGTH characters
            s = s.substring(0, cut == -1 ? MAX_LENGTH : cut);
        }
        return s.isEmpty() ? FALLBACK : s;
    }

    /**
     * {@code base} if it is not {@code taken}, otherwise the first of base-2, base-3… that is not. Such a slug may
     * be longer than {@link #MAX_LENGTH} by its suffix.
     */
    public static String unique(String base, Predicate<String> taken) {
        if (!taken.test(base)) {
            return base;
        }
        for (int n = 2; n <= MAX_SUFFIX; n++) {
            String candidate = base + "-" + n;
            if (!taken.test(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("No free slug for " + base + " up to -" + MAX_SUFFIX);
    }

    /** Latin letters that have no decomposition into a base letter and accents, spelled as English spells them. */
    private static String latin(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            out.append(switch (c) {
                case 'ß' -> "ss";
                case 'æ' -> "ae";
                case 'œ' -> "oe";
                case 'ø' -> "o";
                case 'ł' -> "l";
                case 'đ', 'ð' -> "d";
                case 'þ' -> "th";
                case 'ı' -> "i";
                default -> String.valueOf(c);
            });
        }
        return out.toString();
    }
}
