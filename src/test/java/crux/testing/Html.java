package crux.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
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

    /** Only the page's own two scripts (htmx and crux.js, by src) anywhere on it; no inline handlers anywhere. */
    public static void assertNoScriptAnywhere(Document page) {
        assertThat(page.select("script")).allMatch(s -> s.hasAttr("src") && s.data().isBlank());
        assertThat(page.select("script").eachAttr("src")).allMatch(src -> src.startsWith("/webjars/") || src.startsWith("/static/"));
        for (Element e : page.getAllElements()) {
            for (Attribute a : e.attributes()) {
                assertThat(a.getKey().toLowerCase(Locale.ROOT)).doesNotStartWith("on");
                if (a.getKey().equals("href") || a.getKey().equals("src") || a.getKey().equals("action")) {
                    assertThat(a.getValue().replaceAll("\\s", "").toLowerCase(Locale.ROOT))
                            .doesNotStartWith("javascript:").doesNotStartWith("data:").doesNotStartWith("vbscript:");
                }
            }
        }
        assertThat(page.select("iframe, object, embed, svg, math, img, style, base, form[action^=http]")).isEmpty();
    }

    private static String abbreviate(String html) {
        return html.length() <= 2_000 ? html : html.substring(0, 2_000) + "…";
    }
}
