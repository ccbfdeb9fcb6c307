package crux.markdown;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every payload of xss-corpus.txt (hostile input written by us, not collected from users), rendered and then
 * read back by a real HTML parser, must give only allow-listed markup. The checks are written independently of
 * the production policy classes, so a mistake in one is not repeated in the other.
 */
class XssCorpusTest {

    private static final Set<String> ALLOWED = Set.of("p", "br", "em", "strong", "del", "code", "pre",
            "blockquote", "ul", "ol", "li", "hr", "h4", "h5", "h6", "a");
    private static final Map<String, Set<String>> ATTRIBUTES = Map.of("a", Set.of("href", "rel"), "ol", Set.of("start"));
    /** Direction embeddings, overrides and isolates, and the controls other than tab and newline. */
    static final Pattern HIDDEN = Pattern.compile("[\\u202A-\\u202E\\u2066-\\u2069\\x00-\\x08\\x0B-\\x1F\\x7F-\\x9F]");
    private static final List<String> NEVER = List.of("script", "style", "iframe", "img", "svg", "math", "object",
            "embed", "form", "input", "noscript", "template", "textarea", "meta", "base", "link");

    @Test
    void theCorpusIsLargeEnoughToMeanSomething() throws IOException {
        assertThat(XssCorpus.load()).hasSizeGreaterThanOrEqualTo(80);
        assertThat(XssCorpus.load()).filteredOn(p -> p.visible() != null).hasSizeGreaterThanOrEqualTo(20);
    }

    @TestFactory
    Stream<DynamicTest> everyPayloadRendersToAllowListedMarkupOnly() throws IOException {
        return XssCorpus.load().stream().map(p -> DynamicTest.dynamicTest(p.toString(), () -> check(p)));
    }

    private static void check(XssCorpus.Payload payload) {
        String html = Markdown.render(payload.source());
        Document doc = Jsoup.parseBodyFragment(html);
        for (Element e : doc.body().select("*")) {
            if (e == doc.body()) {
                continue;
            }
            assertThat(e.tagName()).as("element in %s", html).isIn(ALLOWED);
            for (Attribute attribute : e.attributes()) {
                assertThat(attribute.getKey()).as("attribute in %s", html).doesNotStartWithIgnoringCase("on");
                assertThat(attribute.getKey()).as("attribute of <%s>", e.tagName())
                        .isIn(ATTRIBUTES.getOrDefault(e.tagName(), Set.of()));
            }
        }
        for (Element a : doc.select("a")) {
            assertThat(scheme(a.attr("href"))).as("href %s", a.attr("href")).isIn("http", "https", "mailto");
            assertThat(a.attr("rel")).isEqualTo("nofollow ugc noopener noreferrer");
        }
        for (String tag : NEVER) {
            assertThat(doc.select(tag)).as(tag).isEmpty();
            assertThat(html.toLowerCase(Locale.ROOT)).doesNotContain("<" + tag);
        }
        if (payload.visible() != null) {
            assertThat(doc.text()).contains(payload.visible());
        }
        // nothing invisible that reorders or hides text, in the text or in an address
        assertThat(html).as("direction or control characters").doesNotContainPattern(HIDDEN);
        // A second parse of what the browser would serialise must find the same elements (no mutation XSS),
        // and the sanitiser must have nothing left to remove.
        Document again = Jsoup.parseBodyFragment(doc.body().html());
        assertThat(again.body().select("*").eachAttr("abs:href")).isEqualTo(doc.body().select("*").eachAttr("abs:href"));
        assertThat(tags(again)).isEqualTo(tags(doc));
        assertThat(HtmlAllowList.POLICY.sanitize(html)).isEqualTo(html);
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
