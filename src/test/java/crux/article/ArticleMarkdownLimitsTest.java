package crux.article;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import crux.markdown.PathologicalMarkdownTest;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The layout walks the parsed tree recursively: the parser's nesting limits keep it shallow, so the inputs that make
 * Markdown parsers slow or deep are laid out as quickly as arguments render them (the bound only guards a hang).
 */
class ArticleMarkdownLimitsTest {

    @TestFactory
    Stream<DynamicTest> laysOutEachKnownSlowInputQuickly() {
        return PathologicalMarkdownTest.inputs().entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
            ArticleMarkdown.Layout layout = assertTimeoutPreemptively(PathologicalMarkdownTest.HANG_GUARD,
                    () -> ArticleMarkdown.layout(e.getValue()));
            // never more text than was typed (an empty fenced code block, 50,000 backticks long, is no text at all)
            assertThat(layout.body().length()).isLessThanOrEqualTo(e.getValue().length());
            for (ArticleMarkdown.Block block : layout.blocks()) {
                for (ArticleMarkdown.Span line : block.lines()) {
                    assertThat(line.end()).isGreaterThan(line.start());
                }
            }
        }));
    }

    @Test
    void quotesNestedPastTheLimitAreTextInTheInnermostQuote() {
        ArticleMarkdown.Layout layout = ArticleMarkdown.layout("> ".repeat(20) + "deep");
        assertThat(layout.body()).isEqualTo("> ".repeat(12) + "deep");
        assertThat(layout.blocks()).extracting(ArticleMarkdown.Block::kind).containsExactly(ArticleMarkdown.Kind.QUOTE);
    }
}
