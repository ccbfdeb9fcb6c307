package crux.testing;

import com.deque.html.axecore.args.AxeRunOptions;
import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import java.util.List;
import java.util.stream.Collectors;
import org.openqa.selenium.WebDriver;

/** axe-core's automated WCAG 2.x A and AA checks on the page the browser shows. */
public final class A11y {

    static final List<String> TAGS = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa");

    private A11y() {
    }

    /** The violations on the current page, one readable line each (empty when clean). */
    public static List<String> violations(WebDriver driver) {
        // Crux's pages have no frames: axe.run in the page itself (legacy mode) rather than a partial run per frame
        // finished in a second window, and full node lists for violations only: half the time of the default way
        AxeRunOptions options = new AxeRunOptions();
        options.setResultTypes(List.of("violations"));
        Results results = new AxeBuilder().withTags(TAGS).withOptions(options).disableIframeTesting()
                .setLegacyMode(true).analyze(driver);
        if (results.isErrored()) {
            throw new AssertionError("axe-core could not run: " + results.getErrorMessage());
        }
        return results.getViolations().stream().map(A11y::describe).collect(Collectors.toList());
    }

    private static String describe(Rule r) {
        String targets = r.getNodes().stream().limit(5).map(n -> String.valueOf(n.getTarget()))
                .collect(Collectors.joining(", "));
        return r.getId() + " (" + r.getImpact() + "): " + r.getHelp() + " — " + targets;
    }
}
