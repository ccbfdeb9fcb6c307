package crux.markdown;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every payload of xss-corpus.txt (hostile input written by us, not collected from users), rendered and then
 * read back by a real HTML parser, must give only allow-listed markup ({@link XssChecks}).
 */
class XssCorpusTest {

    private static final Set<String> ALLOWED = Set.of("p", "br", "em", "strong", "del", "code", "pre",
            "blockquote", "ul", "ol", "li", "hr", "h4", "h5", "h6", "a");
    private static final Map<String, Set<String>> ATTRIBUTES = Map.of("a", Set.of("href", "rel"), "ol", Set.of("start"));

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
        Document doc = XssChecks.assertAllowListed(html, ALLOWED, ATTRIBUTES, href -> false);
        if (payload.visible() != null) {
            assertThat(doc.text()).contains(payload.visible());
        }
        // the sanitiser must have nothing left to remove
        assertThat(HtmlAllowList.POLICY.sanitize(html)).isEqualTo(html);
    }
}
