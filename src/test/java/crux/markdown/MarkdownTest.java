package crux.markdown;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

class MarkdownTest {

    private static final String REL = "rel=\"nofollow ugc noopener noreferrer\"";

    private static Document doc(String source) {
        return Jsoup.parseBodyFragment(Markdown.render(source));
    }

    @Test
    void rendersTheEverydayMarkdownOfAnArgument() {
        String html = Markdown.render("Some *emphasis*, **strong**, `code` and ~~retracted~~.\n\n> quoted\n\n"
                + "- one\n- two\n\n3. three\n4. four\n\n```java\nint x;\n```\n\nline  \nbreak\n\n---");
        assertThat(html).contains("<em>emphasis</em>", "<strong>strong</strong>", "<code>code</code>",
                "<del>retracted</del>", "<blockquote>", "<ul><li>one</li>", "<ol start=\"3\">",
                "<pre><code>int x;\n</code></pre>", "line<br />", "<hr />");
    }

    @Test
    void oneTildeIsProseNotStrikethrough() {
        assertThat(Markdown.render("about ~5 % to ~8 %")).doesNotContain("<del>");
    }

    @Test
    void linksGetTheRelEveryUserLinkNeeds() {
        assertThat(Markdown.render("[source](https://example.org/report)"))
                .isEqualTo("<p><a href=\"https://example.org/report\" " + REL + ">source</a></p>\n");
    }

    @Test
    void bareUrlsWwwAndEmailAddressesBecomeLinks() {
        Document doc = doc("See https://example.org/a, www.example.org and ask me@example.org");
        assertThat(doc.select("a").eachAttr("href"))
                .containsExactly("https://example.org/a", "http://www.example.org", "mailto:me@example.org");
        assertThat(doc.select("a").eachAttr("rel")).allMatch("nofollow ugc noopener noreferrer"::equals);
    }

    @Test
    void refusedLinksKeepTheirTextButLoseTheLink() {
        assertThat(Markdown.render("[click me](javascript:alert(1)) and [home](/items/3)"))
                .isEqualTo("<p>click me and home</p>\n");
    }

    @Test
    void linkDestinationsAreReadAsABrowserReadsThem() {
        assertThat(LinkPolicy.safe(" https://example.org ")).isEqualTo("https://example.org");
        assertThat(LinkPolicy.safe("ht\ttp://example.org")).isEqualTo("http://example.org");
        assertThat(LinkPolicy.safe("MAILTO:a@example.org")).isEqualTo("MAILTO:a@example.org");
        assertThat(LinkPolicy.safe("java\nscript:alert(1)")).isNull();
        assertThat(LinkPolicy.safe("\u0001javascript:alert(1)")).isNull();
        assertThat(LinkPolicy.safe("data:text/html,x")).isNull();
        assertThat(LinkPolicy.safe("//example.org")).isNull();
        assertThat(LinkPolicy.safe("#top")).isNull();
        assertThat(LinkPolicy.safe(null)).isNull();
        assertThat(LinkPolicy.safe("")).isNull();
        assertThat(LinkPolicy.safe("   ")).isNull();
    }

    @Test
    void imagesBecomeLinksToTheImageAndNeverLoad() {
        assertThat(Markdown.render("![a chart](https://example.org/chart.png)"))
                .isEqualTo("<p><a href=\"https://example.org/chart.png\" " + REL + ">a chart</a></p>\n");
        assertThat(doc("![](https://example.org/c.png)").select("a").text()).isEqualTo("https://example.org/c.png");
        assertThat(Markdown.render("![x](data:image/png;base64,AAAA)")).isEqualTo("<p>x</p>\n");
    }

    @Test
    void anImageInsideALinkIsItsAltTextSoLinksDoNotNest() {
        assertThat(Markdown.render("[![logo](https://example.org/l.png)](https://example.org)"))
                .isEqualTo("<p><a href=\"https://example.org\" " + REL + ">logo</a></p>\n");
        // inside a refused link, the image becomes a link of its own
        assertThat(Markdown.render("[![logo](https://example.org/l.png)](javascript:x)"))
                .isEqualTo("<p><a href=\"https://example.org/l.png\" " + REL + ">logo</a></p>\n");
    }

    @Test
    void headingsMoveBelowThePagesOwn() {
        assertThat(Markdown.render("# One\n## Two\n### Three\n#### Four"))
                .isEqualTo("<h4>One</h4>\n<h5>Two</h5>\n<h6>Three</h6>\n<h6>Four</h6>\n");
    }

    @Test
    void aDocumentKeepsItsHeadingLevelsButNotWhatTheLinkPolicyRefuses() {
        Node document = Markdown.document("# One\n#### Four\n\n[bad](javascript:x) [good](https://example.org)"
                + " ![pic](https://example.org/p.png) <b>raw</b> [rlo](https://a.org/&#x202E;x)"
                + " ![rlo](https://a.org/&#x202E;y.png)");
        List<String> seen = new ArrayList<>();
        document.accept(new AbstractVisitor() {
            @Override
            public void visit(Heading heading) {
                seen.add("h" + heading.getLevel());
                visitChildren(heading);
            }

            @Override
            public void visit(Link link) {
                seen.add("link " + link.getDestination());
                visitChildren(link);
            }

            @Override
            public void visit(Image image) {
                seen.add("image");
            }

            @Override
            public void visit(HtmlInline html) {
                seen.add("html " + html.getLiteral());
            }
        });
        assertThat(seen).containsExactly("h1", "h4", "link https://example.org", "link https://example.org/p.png",
                "html <b>", "html </b>", "link https://a.org/x", "link https://a.org/y.png");
        assertThat(Markdown.document(null).getFirstChild()).isNull();
        assertThat(Markdown.document("a\u202Eb").getFirstChild().getFirstChild()).isInstanceOf(Text.class)
                .extracting(n -> ((Text) n).getLiteral()).isEqualTo("ab");
    }

    @Test
    void rawHtmlShowsAsTheTextThatWasTyped() {
        assertThat(doc("I <b>mean</b> it <!-- really -->").text()).isEqualTo("I <b>mean</b> it <!-- really -->");
    }

    @Test
    void codeBlocksLoseTheirLanguageClass() {
        assertThat(Markdown.render("```js\nx\n```")).isEqualTo("<pre><code>x\n</code></pre>\n");
    }

    @Test
    void quotesNestOnlySoDeepAndTheRestStaysText() {
        Document doc = doc("> ".repeat(20) + "deep");
        assertThat(doc.select("blockquote")).hasSize(Markdown.MAX_BLOCK_NESTING);
        assertThat(doc.text()).startsWith("> > >").endsWith("deep");
    }

    @Test
    void controlAndBidiCharactersAreRemovedBeforeRendering() {
        assertThat(Markdown.render("a\u0000b\u202Ec\u2066d\r\ne")).isEqualTo("<p>abcd\ne</p>\n");
    }

    @Test
    void entitiesCannotBringBackWhatHygieneRemoved() {
        assertThat(Markdown.render("a &#x202E;b &#1;c &#8294;d &amp; &#x41;"))
                .isEqualTo("<p>a b c d &amp; A</p>\n");
        assertThat(Markdown.render("[x](https://a.org/&#x202E;y)"))
                .isEqualTo("<p><a href=\"https://a.org/y\" " + REL + ">x</a></p>\n");
        assertThat(LinkPolicy.safe("https://a.org/\u202Ey\u0001")).isEqualTo("https://a.org/y");
        // in headings and in an image's alt text too, where the policy looks for links as well
        assertThat(Markdown.render("# [x](javascript:x) a&#x202E;b")).isEqualTo("<h4>x ab</h4>\n");
        assertThat(Markdown.render("![a&#x202E;b](https://a.org/i.png)"))
                .isEqualTo("<p><a href=\"https://a.org/i.png\" " + REL + ">ab</a></p>\n");
    }

    @Test
    void nothingRendersToNothing() {
        assertThat(Markdown.render(null)).isEmpty();
        assertThat(Markdown.render("")).isEmpty();
    }

    @Test
    void plainTextKeepsTheWordsOnOneLine() {
        String source = "# Title\n\nSome *emphasis* and [a link](https://example.org).\n\n- one\n- two\n\n"
                + "> quoted <b>raw</b>\n\n```\ncode block\n```\n\n![alt text](https://example.org/x.png)";
        assertThat(Markdown.plainText(source, 500))
                .isEqualTo("Title Some emphasis and a link. one two quoted <b>raw</b> code block alt text");
    }

    @Test
    void plainTextIsCutAtAWordWithAnEllipsis() {
        String text = Markdown.plainText("The quick brown fox jumps over the lazy dog", 20);
        assertThat(text).isEqualTo("The quick brown fox…");
        assertThat(text.length()).isLessThanOrEqualTo(20);
        assertThat(Markdown.plainText("short", 20)).isEqualTo("short");
        assertThat(Markdown.plainText("x".repeat(50), 10)).isEqualTo("xxxxxxxxx…");
    }

    @Test
    void plainTextNeverSplitsACharacterInTwo() {
        String text = Markdown.plainText("\uD83D\uDE00".repeat(10), 5);
        assertThat(text).isEqualTo("\uD83D\uDE00".repeat(4) + "…");
        assertThatThrownBy(() -> Markdown.plainText("x", 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxChars must be positive: 0");
        assertThat(Markdown.plainText("xy", 1)).isEqualTo("…");
    }

    @Test
    void plainTextExactlyAtTheLimitIsNotCut() {
        assertThat(Markdown.plainText("abcde", 5)).isEqualTo("abcde");
        assertThat(Markdown.plainText("abcdef", 5)).isEqualTo("abcd…");
    }

    /**
     * Cut to 11, ten characters are kept before the ellipsis: a space past the middle of those ten (index 6) is
     * where it is cut; one at the middle (index 5) is too early, so the word is cut instead.
     */
    @Test
    void plainTextIsCutAtAWordBoundaryOnlyPastTheMiddle() {
        assertThat(Markdown.plainText("abcdef ghijklmnop", 11)).isEqualTo("abcdef…");
        assertThat(Markdown.plainText("abcde fghijklmnop", 11)).isEqualTo("abcde fghi…");
        // the space right after the tenth character still counts: the words before it are whole
        assertThat(Markdown.plainText("abcdefghij klmnop", 11)).isEqualTo("abcdefghij…");
    }
}
