package crux.article;

import static org.assertj.core.api.Assertions.assertThat;

import crux.markdown.XssChecks;
import crux.markdown.XssCorpus;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every payload of the XSS corpus (the one arguments are tested with), published as an article: laid out, cut
 * into passages around an item in its middle, and rendered by the article's text template, then read back by a
 * real HTML parser ({@link XssChecks}). Only the article's own markup may come out, and every address is an item's
 * page or an http, https or mailto URL.
 */
class ArticleMarkdownXssTest {

    private static final Set<String> ALLOWED = Set.of("p", "br", "h2", "h3", "h4", "blockquote", "ul", "ol", "li", "a");
    private static final Map<String, Set<String>> ATTRIBUTES = Map.of(
            "a", Set.of("href", "rel", "class", "id", "title", "aria-label"),
            "ol", Set.of("class", "start"));
    private static final Pattern ITEM_PAGE = Pattern.compile("/items/[0-9]+");

    @TestFactory
    Stream<DynamicTest> noPayloadBecomesMarkupInAnArticle() throws IOException {
        return XssCorpus.load().stream().map(p -> DynamicTest.dynamicTest(p.toString(), () -> check(p)));
    }

    private static void check(XssCorpus.Payload payload) {
        ArticleMarkdown.Layout layout = ArticleMarkdown.layout(payload.source());
        String body = layout.body();
        assertThat(body).as("body").doesNotContainPattern(XssChecks.HIDDEN);
        // a passage over the middle third, so that passages and links cross
        List<Item> items = body.length() < 3 ? List.of() : List.of(new Item(1, 1, 1, ItemKind.CLAIM, "s", "a",
                body.substring(body.length() / 3, 2 * body.length() / 3), body.length() / 3, null, null, null, null,
                ItemStatus.OPEN, false, null, false, null, 0));
        String html = ArticleTextTemplateTest.html(layout, items);
        Document doc = XssChecks.assertAllowListed(html, ALLOWED, ATTRIBUTES, href -> ITEM_PAGE.matcher(href).matches());
        if (payload.visible() != null) {
            // the arrow beside a passage inside a link is not the article's text
            doc.select(".outside-link").remove();
            assertThat(doc.text()).contains(payload.visible());
        }
    }
}
