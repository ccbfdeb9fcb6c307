package crux.article;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ArticleTextTest {

    private static Item item(long id, String body, String quote) {
        int at = body.indexOf(quote);
        return new Item(id, 1, (int) id, ItemKind.CLAIM, "s", "a", quote, at, null, null, null, null, ItemStatus.OPEN, false, null, false,
                null, 0);
    }

    private static String text(ArticleText.Line line) {
        StringBuilder sb = new StringBuilder();
        line.segments().forEach(s -> sb.append(s.highlighted() ? "[" + s.itemId() + ":" + s.text() + "]" : s.text()));
        return sb.toString();
    }

    @Test
    void classifiesBlocksOfAnArticle() {
        String body = "Section\n\nThe Title\n\nPublished May 1, 2025\n\nA paragraph that says things.\n\n"
                + "\"A quote.\" — Someone\n\nA Heading\n\nIntro:\n\n  1. First point.\n  2. Second point.\n\n"
                + "After the list.\n\nOne, Two, Three";
        List<ArticleText.Block> blocks = ArticleText.blocks(body, "The Title", List.of());
        assertThat(blocks).extracting(ArticleText.Block::type).containsExactly(
                "kicker", "title", "byline", "paragraph", "quote", "heading", "paragraph", "list", "paragraph", "tags");
        ArticleText.Block list = blocks.get(7);
        assertThat(list.lines()).hasSize(2);
        assertThat(text(list.lines().get(0))).isEqualTo("First point.");
    }

    @Test
    void highlightsPassagesAsSegmentsWithoutLosingText() {
        String body = "Alpha beta gamma delta.";
        Item a = item(1, body, "beta");
        Item b = item(2, body, "delta");
        ArticleText.Line line = ArticleText.line(body, 0, body.length(), List.of(a, b));
        assertThat(text(line)).isEqualTo("Alpha [1:beta] gamma [2:delta].");
        assertThat(line.segments().stream().filter(ArticleText.Segment::anchor)).hasSize(2);
    }

    @Test
    void overlappingPassagesGiveEachCharacterToTheShortestCoveringItem() {
        String body = "one two three four five";
        Item wide = item(1, body, "two three four");
        Item narrow = item(2, body, "three");
        ArticleText.Line line = ArticleText.line(body, 0, body.length(), List.of(wide, narrow));
        assertThat(text(line)).isEqualTo("one [1:two ][2:three][1: four] five");
        // the wide item's anchor is where it starts, once
        assertThat(line.segments().stream().filter(s -> s.anchor() && s.itemId() == 1)).hasSize(1);
    }

    @Test
    void listEntriesDropTheirNumberButKeepOffsets() {
        String body = "Intro:\n\n  1. China observed a thing.\n";
        Item x = item(7, body, "China observed");
        List<ArticleText.Block> blocks = ArticleText.blocks(body, "", List.of(x));
        ArticleText.Line entry = blocks.get(1).lines().get(0);
        assertThat(text(entry)).isEqualTo("[7:China observed] a thing.");
        assertThat(entry.start()).isEqualTo(body.indexOf("China"));
    }

    @Test
    void contextIsTheParagraphHoldingThePassage() {
        String body = "First paragraph.\n\nSecond paragraph with the claim in it.\n\nThird.";
        Item x = item(3, body, "the claim");
        assertThat(text(ArticleText.context(body, x))).isEqualTo("Second paragraph with [3:the claim] in it.");
    }
    private static List<String> types(String body, String title) {
        return ArticleText.blocks(body, title, List.of()).stream().map(ArticleText.Block::type).toList();
    }

    @Test
    void theKickerIsAShortFirstLineOfUnderFortyCharacters() {
        String thirtyNine = "k".repeat(39);
        String forty = "k".repeat(40);
        assertThat(types(thirtyNine + "\n\nText follows here.", "T")).containsExactly("kicker", "paragraph");
        // forty characters is too long for a kicker: a heading (no closing punctuation)
        assertThat(types(forty + "\n\nText follows here.", "T")).containsExactly("heading", "paragraph");
        // only the first block can be the kicker, and only a single line
        assertThat(types("A first paragraph, long enough to be no kicker.\n\nShort", "T"))
                .containsExactly("paragraph", "heading");
        assertThat(types("One\nTwo\n\nText.", "T")).containsExactly("paragraph", "paragraph");
    }

    @Test
    void aHeadingIsOneLineOfAtMostEightyCharactersWithoutClosingPunctuation() {
        String first = "Intro paragraph, long enough to be no kicker.\n\n";
        assertThat(types(first + "h".repeat(80), "T")).containsExactly("paragraph", "heading");
        assertThat(types(first + "h".repeat(81), "T")).containsExactly("paragraph", "paragraph");
        for (String end : List.of(".", ":", "?", "!", "\"")) {
            assertThat(types(first + "Heading" + end, "T")).as(end).containsExactly("paragraph", "paragraph");
        }
        assertThat(types(first + "Heading;", "T")).containsExactly("paragraph", "heading");
    }

    @Test
    void aLastHeadingWithCommasIsTheTagsButNotWhenItIsTheOnlyBlock() {
        assertThat(types("Intro paragraph, long enough to be no kicker.\n\nChina, Tech", "T"))
                .containsExactly("paragraph", "tags");
        assertThat(types("Intro paragraph, long enough to be no kicker.\n\nChina Tech", "T"))
                .containsExactly("paragraph", "heading");
        // a paragraph with commas at the end stays one
        assertThat(types("Intro paragraph, long enough to be no kicker.\n\nA closing paragraph, with a comma.", "T"))
                .containsExactly("paragraph", "paragraph");
        assertThat(types("A heading, alone but long enough to be no kicker", "T")).containsExactly("heading");
    }

    @Test
    void quotesStartWithAStraightOrCurlyQuotationMark() {
        assertThat(types("Intro paragraph, long enough to be no kicker.\n\n\u201cCurly,\u201d she said, at length.", "T"))
                .containsExactly("paragraph", "quote");
    }

    @Test
    void windowsLineEndingsAndALeadingBlankLineSplitTheSameWay() {
        String body = "\r\nFirst line of a paragraph,\r\nits second line.\r\n\r\n  1. Entry\r\n";
        List<ArticleText.Block> blocks = ArticleText.blocks(body, "T", List.of());
        assertThat(blocks).extracting(ArticleText.Block::type).containsExactly("paragraph", "list");
        // the lines of a paragraph are joined by a line break, without the carriage returns
        assertThat(text(blocks.get(0).line())).isEqualTo("First line of a paragraph,\nits second line.");
        assertThat(blocks.get(0).line().start()).isEqualTo(2);
        assertThat(blocks.get(0).line().end()).isEqualTo(46); // 2 + 26 + 2 + 16
        assertThat(text(blocks.get(1).line())).isEqualTo("Entry");
        assertThat(types("\nAfter a blank first line, a paragraph of some length.", "T")).containsExactly("paragraph");
    }

    @Test
    void segmentsSayWhereEachPassageStartsAndEnds() {
        String body = "Alpha beta gamma delta.";
        Item b = item(2, body, "beta gamma");
        ArticleText.Line line = ArticleText.line(body, 0, body.length(), List.of(b));
        assertThat(line.segments()).containsExactly(
                new ArticleText.Segment("Alpha ", null, null, false, false),
                new ArticleText.Segment("beta gamma", 2L, ItemKind.CLAIM, true, true),
                new ArticleText.Segment(" delta.", null, null, false, false));
        assertThat(line.segments().get(1).highlighted()).isTrue();
        assertThat(line.segments().get(0).highlighted()).isFalse();
        assertThat(line.segments().get(1).itemId()).isEqualTo(2L);
        // a line cut out of the middle of the passage: neither its start nor its end is in it
        ArticleText.Line middle = ArticleText.line(body, 8, 12, List.of(b));
        assertThat(middle.segments()).containsExactly(new ArticleText.Segment("ta g", 2L, ItemKind.CLAIM, false, false));
    }

    @Test
    void passagesTouchingTheLineOnlyAtItsEdgesAreNotInIt() {
        String body = "one two three";
        Item before = item(1, body, "one ");
        Item after = item(2, body, " three");
        ArticleText.Line line = ArticleText.line(body, 4, 7, List.of(before, after));
        assertThat(text(line)).isEqualTo("two");
    }

    @Test
    void passagesOfEqualLengthGoToTheFirstListedAndSharedEdgesMerge() {
        String body = "abcdef";
        Item first = item(1, body, "abc");
        Item second = new Item(2, 1, 2, ItemKind.CLAIM, "s", "a", "abc", 0, null, null, null, null, ItemStatus.OPEN, false, null, false,
                null, 0);
        assertThat(text(ArticleText.line(body, 0, 6, List.of(first, second)))).isEqualTo("[1:abc]def");
        // a shorter passage at the very start of a longer one takes it; the longer one goes on where it ends
        Item whole = item(3, body, "abcdef");
        Item head = item(4, body, "ab");
        assertThat(text(ArticleText.line(body, 0, 6, List.of(whole, head)))).isEqualTo("[4:ab][3:cdef]");
        Item tail = item(5, body, "ef");
        assertThat(text(ArticleText.line(body, 0, 6, List.of(whole, tail)))).isEqualTo("[3:abcd][5:ef]");
    }

    @Test
    void contextOfAPassageAtALinesEdgesIsThatLine() {
        String body = "First line here.\n\nSecond line.";
        Item start = item(1, body, "First");
        Item lastWord = item(2, body, "here.");
        Item second = item(3, body, "Second");
        assertThat(text(ArticleText.context(body, start))).isEqualTo("[1:First] line here.");
        assertThat(text(ArticleText.context(body, lastWord))).isEqualTo("First line [2:here.]");
        assertThat(text(ArticleText.context(body, second))).isEqualTo("[3:Second] line.");
        // a passage that starts on a blank line (no block holds it) is shown on its own
        Item blank = new Item(4, 1, 4, ItemKind.CLAIM, "s", "a", "\n\nSecond", 16, null, null, null, null, ItemStatus.OPEN, false,
                null, false, null, 0);
        assertThat(text(ArticleText.context(body, blank))).isEqualTo("[4:\n\nSecond]");
    }
    @Test
    void listsEndAtABlankLineAParagraphOrTheEndOfTheText() {
        String body = "An introduction that runs past forty characters:\n  1. One\n  2. Two\n"
                + "After the list, a paragraph of some length.\n\n  1. Again\n\n  2. Once more";
        List<ArticleText.Block> blocks = ArticleText.blocks(body, "T", List.of());
        assertThat(blocks).extracting(ArticleText.Block::type)
                .containsExactly("paragraph", "list", "paragraph", "list", "list");
        assertThat(blocks.get(1).lines()).extracting(ArticleTextTest::text).containsExactly("One", "Two");
        assertThat(text(blocks.get(2).line())).isEqualTo("After the list, a paragraph of some length.");
        assertThat(text(blocks.get(4).line())).isEqualTo("Once more");
    }

    @Test
    void overlappingPassagesOfEqualLengthKeepTheFirstListedAcrossTheOverlapInOneSegment() {
        String body = "abcdefgh";
        Item first = item(1, body, "abcdef");
        Item second = item(2, body, "cdefgh");
        ArticleText.Line line = ArticleText.line(body, 0, 8, List.of(first, second));
        assertThat(line.segments()).containsExactly(
                new ArticleText.Segment("abcdef", 1L, ItemKind.CLAIM, true, true),
                new ArticleText.Segment("gh", 2L, ItemKind.CLAIM, false, true));
    }

    // Articles published as Markdown: blocks from ArticleMarkdown's layout, segments cut at links too.

    private static Item quoted(long id, ArticleMarkdown.Layout layout, String quote) {
        return item(id, layout.body(), quote);
    }

    /** A line as "[id:text]" for passages and "{text|href}" for links (a passage in a link: "[id:{text|href}]"). */
    private static String linked(ArticleText.Line line) {
        StringBuilder sb = new StringBuilder();
        for (ArticleText.Segment s : line.segments()) {
            String text = s.href() == null ? s.text() : "{" + s.text() + "|" + s.href() + "}";
            sb.append(s.highlighted() ? "[" + s.itemId() + ":" + text + "]" : text);
        }
        return sb.toString();
    }

    private static List<String> describe(List<ArticleText.Block> blocks) {
        return blocks.stream().map(b -> b.type() + " " + b.level() + " " + b.listStart() + " "
                + b.lines().stream().map(ArticleTextTest::linked).toList()).toList();
    }

    @Test
    void markdownBlocksKeepTheirTypeAndLines() {
        ArticleMarkdown.Layout layout = ArticleMarkdown.layout("# Head\n\nA line\\\nand another.\n\n- x\n- y\n\n"
                + "3. three\n4. four\n\n> q1\n>\n> q2\n\n1. one");
        assertThat(describe(ArticleText.blocks(layout, List.of()))).containsExactly(
                "heading 2 1 [Head]",
                "paragraph 0 1 [A line, and another.]",
                "bullets 0 1 [x, y]",
                "list 0 3 [three, four]",
                "quote 0 1 [q1, q2]",
                "list 0 1 [one]");
    }

    @Test
    void headingLevelsFollowTheirRankSoThePageSkipsNoLevel() {
        ArticleMarkdown.Layout all = ArticleMarkdown.layout("# a\n## b\n### c\n#### d\n##### e\n## b2");
        assertThat(ArticleText.blocks(all, List.of())).extracting(ArticleText.Block::level)
                .containsExactly(2, 3, 4, 4, 4, 3);
        ArticleMarkdown.Layout deep = ArticleMarkdown.layout("## a\n#### b\n\ntext\n\n###### c");
        assertThat(ArticleText.blocks(deep, List.of())).extracting(ArticleText.Block::level)
                .containsExactly(2, 3, 0, 4);
        assertThat(ArticleText.blocks(ArticleMarkdown.layout("### only"), List.of()))
                .extracting(ArticleText.Block::level).containsExactly(2);
    }

    @Test
    void plainTextBlocksHaveTheDefaultLevelAndStartAndNoLinks() {
        List<ArticleText.Block> blocks = ArticleText.blocks("Intro paragraph, long enough to be no kicker.\n\n"
                + "A Heading\n\n  1. One\n\nOne, Two", "T", List.of());
        assertThat(blocks).extracting(b -> b.type() + " " + b.level() + " " + b.listStart())
                .containsExactly("paragraph 0 1", "heading 2 1", "list 0 1", "tags 0 1");
        assertThat(blocks).flatExtracting(ArticleText.Block::lines).flatExtracting(ArticleText.Line::segments)
                .extracting(ArticleText.Segment::href).containsOnlyNulls();
    }

    @Test
    void segmentsAreCutWherePassagesAndLinksStartAndEnd() {
        ArticleMarkdown.Layout layout =
                ArticleMarkdown.layout("Read [the report](https://a.org/r) now, [or](https://b.org) not.");
        assertThat(layout.body()).isEqualTo("Read the report now, or not.");
        Item item = quoted(1, layout, "report now");
        ArticleText.Line line = ArticleText.blocks(layout, List.of(item)).get(0).line();
        assertThat(linked(line))
                .isEqualTo("Read {the |https://a.org/r}[1:{report|https://a.org/r}][1: now], {or|https://b.org} not.");
        assertThat(line.segments()).containsExactly(
                new ArticleText.Segment("Read ", null, null, false, false, null),
                new ArticleText.Segment("the ", null, null, false, false, "https://a.org/r"),
                new ArticleText.Segment("report", 1L, ItemKind.CLAIM, true, false, "https://a.org/r"),
                new ArticleText.Segment(" now", 1L, ItemKind.CLAIM, false, true, null),
                new ArticleText.Segment(", ", null, null, false, false, null),
                new ArticleText.Segment("or", null, null, false, false, "https://b.org"),
                new ArticleText.Segment(" not.", null, null, false, false, null));
    }

    @Test
    void adjacentLinksStaySeparateAndAPassageInsideALinkSplitsIt() {
        ArticleMarkdown.Layout layout = ArticleMarkdown.layout("[one](https://a.org)[two](https://b.org) "
                + "[three four five](https://c.org)");
        Item item = quoted(2, layout, "four");
        assertThat(linked(ArticleText.blocks(layout, List.of(item)).get(0).line())).isEqualTo(
                "{one|https://a.org}{two|https://b.org} {three |https://c.org}[2:{four|https://c.org}]"
                        + "{ five|https://c.org}");
    }

    @Test
    void aLinkAcrossALineBreakLinksItsPartOnEachLine() {
        ArticleMarkdown.Layout layout = ArticleMarkdown.layout("x [a\\\nb](https://a.org) y");
        assertThat(ArticleText.blocks(layout, List.of()).get(0).lines()).extracting(ArticleTextTest::linked)
                .containsExactly("x {a|https://a.org}", "{b|https://a.org} y");
    }

    @Test
    void aPassageMayRunAcrossTheLinesOfAList() {
        ArticleMarkdown.Layout layout = ArticleMarkdown.layout("- first item\n- second item");
        Item item = quoted(5, layout, "item\nsecond");
        List<ArticleText.Line> lines = ArticleText.blocks(layout, List.of(item)).get(0).lines();
        assertThat(lines).extracting(ArticleTextTest::text).containsExactly("first [5:item]", "[5:second] item");
        assertThat(lines.get(0).segments().get(1).anchor()).isTrue();
        assertThat(lines.get(0).segments().get(1).end()).isFalse();
        assertThat(lines.get(1).segments().get(0).end()).isTrue();
    }

    @Test
    void contextInAMarkdownArticleIsTheLineWithItsLinks() {
        ArticleMarkdown.Layout layout = ArticleMarkdown.layout("Intro.\n\nA claim with [a source](https://a.org).");
        Item item = quoted(7, layout, "claim");
        assertThat(linked(ArticleText.context(layout, item))).isEqualTo("A [7:claim] with {a source|https://a.org}.");
        // a passage across two blocks starts in no line: shown on its own
        Item across = quoted(8, layout, "\n\nA");
        assertThat(text(ArticleText.context(layout, across))).isEqualTo("[8:\n\nA]");
        // one that ends a line is in it
        assertThat(text(ArticleText.context(layout, quoted(9, layout, "Intro.")))).isEqualTo("[9:Intro.]");
    }
}
