package crux.markdown;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Inputs known to make Markdown parsers slow or deep, most 2 to 20 times the longest comment
 * ({@link #LONGEST_COMMENT} characters), so the form's limit is a comfortable margin, not the thing that keeps
 * rendering fast. The 5 s bound only guards against a hang (a wall-clock assertion would be flaky on a shared
 * machine); the printed time is the figure to watch, and it should stay well under a second.
 */
public class PathologicalMarkdownTest {

    public static final Duration HANG_GUARD = Duration.ofSeconds(5);
    /** crux.debate.CommentForm.MAX_LENGTH, written out: this package sits below debate. */
    private static final int LONGEST_COMMENT = 10_000;

    /** Compiles the hot paths first, so the times printed are those of a running server, not of a cold JVM. */
    @BeforeAll
    static void warmUp() {
        String mixed = "*a".repeat(2_000) + " [a](" + "https://example.org/x ".repeat(200) + "> ".repeat(50) + "`a`";
        for (int i = 0; i < 5; i++) {
            Markdown.render(mixed);
        }
    }

    /** The inputs, by name; public, as every caller of the parser (articles too) must stay fast on them. */
    public static Map<String, String> inputs() {
        Map<String, String> inputs = new LinkedHashMap<>();
        inputs.put("10,000 nested '> '", "> ".repeat(10_000) + "a");
        inputs.put("10,000 nested '>' without spaces", ">".repeat(10_000) + "a");
        inputs.put("50,000 '['", "[".repeat(50_000) + "a");
        inputs.put("25,000 '[' closed by '](b)'", "[".repeat(25_000) + "a" + "](b)".repeat(25_000));
        inputs.put("50,000 '*a'", "*a".repeat(50_000));
        inputs.put("'*a' as long as the longest comment the form lets through", "*a".repeat(LONGEST_COMMENT / 2));
        inputs.put("25,000 '*a_ '", "*a_ ".repeat(25_000));
        inputs.put("25,000 '_' around a letter", "_".repeat(25_000) + "a" + "_".repeat(25_000));
        inputs.put("50,000 backticks", "`".repeat(50_000) + "a");
        inputs.put("backtick runs of every length", IntStream.rangeClosed(1, 300)
                .mapToObj(i -> "`".repeat(i) + "a").reduce("", String::concat));
        inputs.put("5,000 'a`' then 5,000 '``'", "a`".repeat(5_000) + "``".repeat(5_000));
        inputs.put("4,000 link reference definitions, 1,000 uses", referenceDefinitions());
        inputs.put("20,000 '[a]('", "[a](".repeat(20_000));
        inputs.put("25,000 '!['", "![".repeat(25_000));
        inputs.put("10,000 nested '- '", "- ".repeat(10_000) + "a");
        inputs.put("400 lines of ever deeper list indentation", IntStream.range(0, 400)
                .mapToObj(i -> "  ".repeat(i) + "- a\n").reduce("", String::concat));
        inputs.put("50,000 '<'", "<".repeat(50_000));
        inputs.put("25,000 '&#'", "&#".repeat(25_000));
        inputs.put("10,000 bare URLs", "https://example.org/x ".repeat(10_000));
        inputs.put("one 100,000-character line", "a".repeat(100_000));
        return inputs;
    }

    private static String referenceDefinitions() {
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i <= 4_000; i++) {
            sb.append("[r").append(i).append("]: https://example.org/").append(i).append('\n');
        }
        for (int i = 1; i <= 1_000; i++) {
            sb.append("[r").append(i).append("] ");
        }
        return sb.toString();
    }

    @TestFactory
    Stream<DynamicTest> rendersEachKnownSlowInputQuickly() {
        return inputs().entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
            String html = assertTimeoutPreemptively(HANG_GUARD, () -> Markdown.render(e.getValue()));
            assertThat(html).isNotEmpty();
            assertThat(html.split("<blockquote>", -1).length - 1).isLessThanOrEqualTo(Markdown.MAX_BLOCK_NESTING);
        }));
    }
}
