package crux.article;

import static org.assertj.core.api.Assertions.assertThat;

import crux.testing.TestApp;
import crux.web.Fragments;
import crux.web.Views;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/** The article text fragment (templates/article/text.html and entry.html's passages) for a Markdown article. */
class ArticleTextTemplateTest {

    static final Views VIEWS = new Views(TestApp.repositoryRoot().resolve("templates"), false, ctx -> null);
    private static final String REL = "nofollow ugc noopener noreferrer";

    /** The HTML the article page caches for this text: the fragment it renders once per version. */
    static String html(ArticleMarkdown.Layout layout, Collection<Item> items) {
        return VIEWS.render("article/one :: text",
                Map.of("blocks", ArticleText.blocks(layout, items), "publisher", "The Publisher"), (Object) null);
    }

    private static Document render(String markdown, Item... items) {
        return Jsoup.parseBodyFragment(html(ArticleMarkdown.layout(markdown), List.of(items)));
    }

    private static Item item(long id, String markdown, String quote) {
        String body = ArticleMarkdown.layout(markdown).body();
        return new Item(id, 1, (int) id, ItemKind.PREDICTION, "s", "a", quote, body.indexOf(quote), null, null, null,
                null, ItemStatus.OPEN, false, null, false, null, 0);
    }

    private static List<String> tags(Document doc) {
        return doc.body().children().stream().map(Element::tagName).toList();
    }

    @Test
    void headingsShowAtTheirMappedLevelUnderThePagesTitle() {
        Document doc = render("# One\n\n## Two\n\n### Three\n\n#### Four\n\nText");
        assertThat(tags(doc)).containsExactly("h2", "h3", "h4", "h4", "p");
        assertThat(doc.select("h2").text()).isEqualTo("One");
        assertThat(doc.select("h4").eachText()).containsExactly("Three", "Four");
    }

    @Test
    void listsQuotesAndLineBreaksHaveTheirOwnMarkup() {
        Document doc = render("- a\n- b\n\n3. c\n4. d\n\n1) e\n\n> q1\n>\n> q2\n\nline one\\\nline two");
        assertThat(tags(doc)).containsExactly("ul", "ol", "ol", "blockquote", "p");
        assertThat(doc.select("ul > li").eachText()).containsExactly("a", "b");
        assertThat(doc.select("ol").get(0).attr("start")).isEqualTo("3");
        assertThat(doc.select("ol").get(1).hasAttr("start")).isFalse();
        assertThat(doc.select("ol").get(0).select("li").eachText()).containsExactly("c", "d");
        assertThat(doc.select("blockquote > p").eachText()).containsExactly("q1", "q2");
        assertThat(html(ArticleMarkdown.layout("line one\\\nline two"), List.of()))
                .contains("<p>line one<br>line two</p>");
    }

    @Test
    void theArticlesLinksCarryTheSameRelAsLinksInArguments() {
        Document doc = render("See [the source](https://a.org/s) and [mail](mailto:m@a.org).");
        assertThat(doc.select("a")).hasSize(2);
        for (Element a : doc.select("a")) {
            assertThat(a.attr("rel")).isEqualTo(REL);
            assertThat(a.className()).isEqualTo("article-link");
        }
        assertThat(doc.select("a").eachAttr("href")).containsExactly("https://a.org/s", "mailto:m@a.org");
        assertThat(doc.select("p").text()).isEqualTo("See the source and mail.");
    }

    @Test
    void aPassageInsideALinkLinksToItsItemWithTheArticlesLinkBesideIt() {
        String md = "Read [the report now](https://a.org/r) please.";
        Document doc = render(md, item(3, md, "report"));
        Element passage = doc.selectFirst("a.passage");
        assertThat(passage.attr("href")).isEqualTo("/items/3");
        assertThat(passage.id()).isEqualTo("passage-3");
        assertThat(passage.text()).isEqualTo("report");
        Element outside = passage.nextElementSibling();
        assertThat(outside.className()).isEqualTo("outside-link");
        assertThat(outside.attr("href")).isEqualTo("https://a.org/r");
        assertThat(outside.attr("rel")).isEqualTo(REL);
        assertThat(outside.attr("aria-label")).isEqualTo("Link in the article: https://a.org/r");
        // the rest of the link's words stay a link of their own; the standing's slot follows the passage's end
        assertThat(doc.select("a.article-link").eachText()).containsExactly("the", "now");
        assertThat(doc.select("p").html()).contains("\u2197</a>" + Fragments.marker("standing", 3));
        // a passage outside any link has no arrow
        String plain = "Nothing linked here.";
        assertThat(render(plain, item(4, plain, "linked")).select(".outside-link")).isEmpty();
    }
}
