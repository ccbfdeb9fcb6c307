package crux.markdown;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * What HTML made from an {@link XssCorpus} payload may hold, checked by a real HTML parser: the same checks for every
 * surface that shows Markdown, each with its own allow-list. Written independently of the production policy classes,
 * so a mistake in one is not repeated in the other.
 */
public final class XssChecks {

    /** Direction embeddings, overrides and isolates, and the controls other than tab and newline. */
    public static final Pattern HIDDEN = Pattern.compile("[\\u202A-\\u202E\\u2066-\\u2069\\x00-\\x08\\x0B-\\x1F\\x7F-\\x9F]");
    public static final String LINK_REL = "nofollow ugc noopener noreferrer";
    private static final List<String> NEVER = List.of("script", "style", "iframe", "img", "svg", "math", "object",
            "embed", "form", "input", "noscript", "template", "textarea", "meta", "base", "link");

    private XssChecks() {
    }

    /**
     * Asserts that {@code html} holds only {@code elements}, each with only its {@code attributes}; that every link
     * leads to an http, https or mailto URL with {@link #LINK_REL}, unless {@code ownLink} accepts its href (a link the
     * page itself makes); that no direction or control character is left; and that what a browser would serialise
     * parses to the same elements and addresses again (no mutation XSS). Returns the parsed document.
     */
    public static Document assertAllowListed(String html, Set<String> elements, Map<String, Set<String>> attributes,
                                             Predicate<String> ownLink) {
        Document doc = Jsoup.parseBodyFragment(html);
        for (Element e : doc.body().select("*")) {
            if (e == doc.body()) {
                continue;
            }
            assertThat(e.tagName()).as("element in %s", html).isIn(elements);
            for (Attribute attribute : e.attributes()) {
                assertThat(attribute.getKey()).as("attribute in %s", html).doesNotStartWithIgnoringCase("on");
                assertThat(attribute.getKey()).as("attribute of <%s>", e.tagName())
                        .isIn(attributes.getOrDefault(e.tagName(), Set.of()));
            }
        }
        for (Element a : doc.select("a")) {
            String href = a.attr("href");
            if (!ownLink.test(href)) {
                assertThat(scheme(href)).as("href %s", href).isIn("http", "https", "mailto");
                assertThat(a.attr("rel")).isEqualTo(LINK_REL);
            }
        }
        for (String tag : NEVER) {
            assertThat(doc.select(tag)).as(tag).isEmpty();
            assertThat(html.toLowerCase(Locale.ROOT)).doesNotContain("<" + tag);
        }
        // nothing invisible that reorders or hides text, in the text or in an address
        assertThat(html).as("direction or control characters").doesNotContainPattern(HIDDEN);
        Document again = Jsoup.parseBodyFragment(doc.body().html());
        assertThat(again.body().select("*").eachAttr("abs:href")).isEqualTo(doc.body().select("*").eachAttr("abs:href"));
        assertThat(tags(again)).isEqualTo(tags(doc));
        return doc;
    }

    private static List<String> tags(Document doc) {
        return doc.body().select("*").stream().map(Element::tagName).toList();
    }

    /** The scheme as a browser reads it: tabs and newlines anywhere and C0/space at the ends do not count. */
    private static String scheme(String href) {
        String url = href.replaceAll("[\\t\\n\\r]", "").replaceAll("^[\\x00-\\x20]+|[\\x00-\\x20]+$", "");
        int colon = url.indexOf(':');
        return colon < 0 ? "(relative)" : url.substring(0, colon).toLowerCase(Locale.ROOT);
    }
}
