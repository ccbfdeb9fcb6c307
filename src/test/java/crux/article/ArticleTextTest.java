package crux.article;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ArticleTextTest {

    private static Item item(long id, String body, String quote) {
        int at = body.indexOf(quote);
        return new Item(id, (int) id, ItemKind.CLAIM, "s", "a", quote, at, null, null, null, null, ItemStatus.OPEN, false, null, false);
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
}
