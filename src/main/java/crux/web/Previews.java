package crux.web;

import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * What link previews and search engines read in a page's head: descriptions cut to a length they show, and absolute
 * URLs on the public address ({@code CRUX_BASE_URL}). Templates get it as {@code previews}; every value they take
 * from it is escaped by Thymeleaf like any other text.
 */
public final class Previews {

    /** Search results and link cards show about this much of a description; more is cut with an ellipsis. */
    public static final int DESCRIPTION = 200;
    /** The site's name, as Open Graph's {@code og:site_name} gives it. */
    public static final String SITE_NAME = "Crux";

    private static final Pattern SPACE = Pattern.compile("\\s+");

    private final Supplier<String> baseUrl;

    /** @param baseUrl the public address without a trailing slash, e.g. {@code https://crux.example} */
    public Previews(Supplier<String> baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** The public address of a path of Crux (a path from {@link Paths}). */
    public String url(String path) {
        return baseUrl.get() + path;
    }

    public String siteName() {
        return SITE_NAME;
    }

    /** Text on one line (runs of whitespace and line breaks become one space), at most {@link #DESCRIPTION} long. */
    public String describe(String text) {
        return cut(text, DESCRIPTION);
    }

    static String cut(String text, int max) {
        String line = text == null ? "" : SPACE.matcher(text).replaceAll(" ").strip();
        if (line.codePointCount(0, line.length()) <= max) {
            return line;
        }
        String head = line.substring(0, line.offsetByCodePoints(0, max - 1));
        int space = head.lastIndexOf(' ');
        // end at a word when one ends in the last fifth, so a word is not cut in two
        return (space > max * 4 / 5 ? head.substring(0, space) : head).strip() + "…";
    }
}
