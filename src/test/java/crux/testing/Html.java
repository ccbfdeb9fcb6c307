package crux.testing;

import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;

/**
 * Exactly-one lookups in a parsed page: {@code select(css).text()} is "" when nothing matches, so a
 * {@code doesNotContain} on it passes on a page that lacks the element altogether.
 */
public final class Html {

    private Html() {
    }

    /** The one element {@code css} selects under {@code root}; fails when there is none or more than one. */
    public static Element one(Element root, String css) {
        Elements found = root.select(css);
        if (found.size() != 1) {
            throw new AssertionError("expected exactly one element for \"" + css + "\", found " + found.size()
                    + " in:\n" + abbreviate(root.outerHtml()));
        }
        return found.first();
    }

    /** The text of the one element {@code css} selects under {@code root}. */
    public static String text(Element root, String css) {
        return one(root, css).text();
    }

    /** The message of a Crux error page (the paragraph under its heading); fails on any other page. */
    public static String errorMessage(Element page) {
        return text(page, "main.error-page > h1 + p");
    }

    private static String abbreviate(String html) {
        return html.length() <= 2_000 ? html : html.substring(0, 2_000) + "…";
    }
}
