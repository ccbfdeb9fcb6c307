package crux.article;

import static crux.article.ArticleMarkdown.Kind.BULLET_LIST;
import static crux.article.ArticleMarkdown.Kind.HEADING;
import static crux.article.ArticleMarkdown.Kind.ORDERED_LIST;
import static crux.article.ArticleMarkdown.Kind.PARAGRAPH;
import static crux.article.ArticleMarkdown.Kind.QUOTE;
import static org.assertj.core.api.Assertions.assertThat;

import crux.article.ArticleMarkdown.Block;
import crux.article.ArticleMarkdown.Kind;
import crux.article.ArticleMarkdown.Layout;
import crux.article.ArticleMarkdown.Link;
import crux.article.ArticleMarkdown.Span;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArticleMarkdownTest {

    private static String body(String markdown) {
        return ArticleMarkdown.layout(markdown).body();
    }

    private static Block block(Kind kind, int... startEnd) {
        return new Block(kind, 0, 1, spans(startEnd));
    }

    private static List<Span> spans(int... startEnd) {
        Span[] spans = new Span[startEnd.length / 2];
        for (int i = 0; i < spans.length; i++) {
            spans[i] = new Span(startEnd[2 * i], startEnd[2 * i + 1]);
        }
        return List.of(spans);
    }

    /** What a reader sees of each link: "text → href". */
    private static List<String> links(String markdown) {
        Layout layout = ArticleMarkdown.layout(markdown);
        return layout.links().stream()
                .map(l -> layout.body().substring(l.start(), l.end()) + " → " + l.href()).toList();
    }

    @Test
    void blocksAreSeparatedByABlankLineAndTheLinesOfABlockByALineBreak() {
        Layout layout = ArticleMarkdown.layout("# Title\n\nFirst paragraph.\n\n- one\n- two\n");
        assertThat(layout.body()).isEqualTo("Title\n\nFirst paragraph.\n\none\ntwo");
        assertThat(layout.blocks()).containsExactly(
                new Block(HEADING, 1, 1, spans(0, 5)),
                block(PARAGRAPH, 7, 23),
                block(BULLET_LIST, 25, 28, 29, 32));
        assertThat(layout.links()).isEmpty();
    }

    @Test
    void softBreaksReadAsASpaceAndHardBreaksStartALine() {
        Layout layout = ArticleMarkdown.layout("one\ntwo  \nthree\\\nfour");
        assertThat(layout.body()).isEqualTo("one two\nthree\nfour");
        assertThat(layout.blocks()).containsExactly(block(PARAGRAPH, 0, 7, 8, 13, 14, 18));
    }

    @Test
    void whitespaceReadsAsABrowserShowsIt() {
        assertThat(body("a `x   y` b\t\tc")).isEqualTo("a x y b c");
        // a line break inside raw HTML or from an entity is whitespace like any other
        assertThat(body("a <span\nid=x> b&#10;c")).isEqualTo("a <span id=x> b c");
        // nothing leads or trails a line
        assertThat(body("`  x  `")).isEqualTo("x");
        assertThat(body("a\\\n` x`")).isEqualTo("a\nx");
        // a no-break space is not collapsible whitespace
        assertThat(body("a\u00A0\u00A0b")).isEqualTo("a\u00A0\u00A0b");
    }

    @Test
    void emphasisCodeAndStrikeThroughAreTheirText() {
        assertThat(body("*em* **strong** _u_ ~~gone~~ `code` ~5 %")).isEqualTo("em strong u gone code ~5 %");
    }

    @Test
    void headingsKeepTheLevelTheyWereWrittenWith() {
        Layout layout = ArticleMarkdown.layout("# One\n## Two\n###### Six\n\nSetext\n===\n\nTwo again\n---");
        assertThat(layout.blocks()).extracting(Block::kind).containsOnly(HEADING);
        assertThat(layout.blocks()).extracting(Block::level).containsExactly(1, 2, 6, 1, 2);
        assertThat(layout.body()).isEqualTo("One\n\nTwo\n\nSix\n\nSetext\n\nTwo again");
    }

    @Test
    void anOrderedListKeepsTheNumberItStartsAt() {
        assertThat(ArticleMarkdown.layout("3. three\n4. four").blocks())
                .containsExactly(new Block(ORDERED_LIST, 0, 3, spans(0, 5, 6, 10)));
        assertThat(ArticleMarkdown.layout("1. one").blocks())
                .containsExactly(new Block(ORDERED_LIST, 0, 1, spans(0, 3)));
        assertThat(ArticleMarkdown.layout("0) zero").blocks())
                .containsExactly(new Block(ORDERED_LIST, 0, 0, spans(0, 4)));
    }

    @Test
    void nestedListsAndQuotesFlattenIntoTheLinesOfTheirBlock() {
        Layout list = ArticleMarkdown.layout("- a\n  - b\n    1. c\n- d\n\n  more of d\n");
        assertThat(list.body()).isEqualTo("a\nb\nc\nd\nmore of d");
        assertThat(list.blocks()).containsExactly(block(BULLET_LIST, 0, 1, 2, 3, 4, 5, 6, 7, 8, 17));
        Layout quote = ArticleMarkdown.layout("> q1\n> still q1\n>\n> q2\n> > deep\n> - item\n> # title");
        assertThat(quote.body()).isEqualTo("q1 still q1\nq2\ndeep\nitem\ntitle");
        assertThat(quote.blocks()).containsExactly(block(QUOTE, 0, 11, 12, 14, 15, 19, 20, 24, 25, 30));
    }

    @Test
    void thematicBreaksReferenceDefinitionsAndEmptyBlocksAreNothing() {
        Layout layout = ArticleMarkdown.layout("a\n\n---\n\n[r]: https://x.org\n\n#\n\n-\n\n- \n-\n\nb");
        assertThat(layout.body()).isEqualTo("a\n\nb");
        assertThat(layout.blocks()).containsExactly(block(PARAGRAPH, 0, 1), block(PARAGRAPH, 3, 4));
        for (String nothing : new String[] {null, "", "   \n\n  ", "***", "\u0000\u202E"}) {
            assertThat(ArticleMarkdown.layout(nothing)).isEqualTo(new Layout("", List.of(), List.of()));
        }
    }

    @Test
    void rawHtmlIsTheTextTypedLineByLine() {
        Layout layout = ArticleMarkdown.layout("I <b>mean</b> it\n\n<div>\n<script>alert(1)</script>\n</div>");
        assertThat(layout.body()).isEqualTo("I <b>mean</b> it\n\n<div>\n<script>alert(1)</script>\n</div>");
        assertThat(layout.blocks()).containsExactly(block(PARAGRAPH, 0, 16), block(PARAGRAPH, 18, 23, 24, 49, 50, 56));
    }

    @Test
    void codeBlocksAreParagraphsOfTheirNonBlankLines() {
        Layout fenced = ArticleMarkdown.layout("```js\nlet  x = 1;\n\n  y()\n```");
        assertThat(fenced.body()).isEqualTo("let x = 1;\ny()");
        assertThat(fenced.blocks()).containsExactly(block(PARAGRAPH, 0, 10, 11, 14));
        assertThat(body("text\n\n    code\n    more")).isEqualTo("text\n\ncode\nmore");
    }

    @Test
    void linksKeepTheirDestinationOnlyWhenItIsHttpHttpsOrMailto() {
        String md = "[ok](https://a.org) [mail](mailto:m@a.org) [web](http://a.org) [js](javascript:alert(1))"
                + " [path](/items/1) [data](data:text/html,x) [rel](page.html)";
        assertThat(body(md)).isEqualTo("ok mail web js path data rel");
        assertThat(ArticleMarkdown.layout(md).links()).containsExactly(
                new Link(0, 2, "https://a.org"), new Link(3, 7, "mailto:m@a.org"), new Link(8, 11, "http://a.org"));
    }

    @Test
    void aLinkIsItsWordsWithoutTheSpacesAroundThem() {
        assertThat(body("x [ spaced  link ](https://a.b) y")).isEqualTo("x spaced link y");
        assertThat(ArticleMarkdown.layout("x [ spaced  link ](https://a.b) y").links())
                .containsExactly(new Link(2, 13, "https://a.b"));
        assertThat(links("[*em* and `code`](https://a.b).")).containsExactly("em and code → https://a.b");
        // a link with no words is nothing to click
        assertThat(ArticleMarkdown.layout("[](https://a.org) x").links()).isEmpty();
        assertThat(ArticleMarkdown.layout("a [ ](https://a.org)").links()).isEmpty();
    }

    @Test
    void aLinkMaySpanAHardBreak() {
        Layout layout = ArticleMarkdown.layout("[a\\\nb](https://a.b)");
        assertThat(layout.body()).isEqualTo("a\nb");
        assertThat(layout.links()).containsExactly(new Link(0, 3, "https://a.b"));
        assertThat(layout.blocks()).containsExactly(block(PARAGRAPH, 0, 1, 2, 3));
    }

    @Test
    void imagesBecomeTheirAltTextLinkedToTheImageWhenItsAddressIsAllowed() {
        String md = "![chart](https://a.org/c.png) ![](https://a.org/d.png) ![x](data:image/png;base64,AA)";
        assertThat(body(md)).isEqualTo("chart https://a.org/d.png x");
        assertThat(links(md))
                .containsExactly("chart → https://a.org/c.png", "https://a.org/d.png → https://a.org/d.png");
    }

    @Test
    void bareUrlsAreLinks() {
        assertThat(links("See https://a.org/x. Or www.b.org, or m@c.org")).containsExactly(
                "https://a.org/x → https://a.org/x", "www.b.org → http://www.b.org", "m@c.org → mailto:m@c.org");
    }

    @Test
    void entitiesDecodeButNoControlOrDirectionCharacterSurvives() {
        assertThat(body("a &amp; b &#x202E;c&#1;d \u202Ee&#x2066;f &lt;i&gt;")).isEqualTo("a & b cd ef <i>");
        assertThat(links("[&#x202E;x](https://a.org/&#x202E;y)")).containsExactly("x → https://a.org/y");
    }

    @Test
    void theSameMarkdownAlwaysGivesTheSameLayout() {
        String md = "# T\n\nSome [link](https://a.org) and *more*.\n\n1. a\n2. b\n\n> q";
        assertThat(ArticleMarkdown.layout(md)).isEqualTo(ArticleMarkdown.layout(md));
        assertThat(ArticleMarkdown.layout(md).body()).isEqualTo("T\n\nSome link and more.\n\na\nb\n\nq");
    }

    @Test
    void theLayoutsListsCannotBeChanged() {
        Layout layout = ArticleMarkdown.layout("a [b](https://a.org)");
        assertThat(layout.blocks()).isUnmodifiable();
        assertThat(layout.links()).isUnmodifiable();
        assertThat(layout.blocks().get(0).lines()).isUnmodifiable();
    }
}
