package crux.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Collectors;
import org.jsoup.nodes.Document;
import org.jsoup.select.Elements;

/**
 * A refused request is checked by its status AND by what the person reads: a status alone also passes when the
 * right status comes for the wrong reason.
 */
public final class Refusals {

    private Refusals() {
    }

    /** The response has {@code status} and says exactly {@code message} (see {@link #message}). */
    public static void assertRefused(TestClient.Response r, int status, String message) {
        assertThat(r.status()).as("status of %s (saying \"%s\")", r.uri(), message(r)).isEqualTo(status);
        assertThat(message(r)).as("what %s says", r.uri()).isEqualTo(message);
    }

    /** The response has {@code status} and says what {@code regex} matches in full (for a wait that moves with time). */
    public static void assertRefusedMatching(TestClient.Response r, int status, String regex) {
        assertThat(r.status()).as("status of %s (saying \"%s\")", r.uri(), message(r)).isEqualTo(status);
        assertThat(message(r)).as("what %s says", r.uri()).matches(regex);
    }

    /**
     * What a refusal says to the person: the message of an error page, else the form's field errors (joined by
     * " | "), else the status line htmx swaps in, else the whole text of the answer.
     */
    public static String message(TestClient.Response r) {
        Document page = r.html();
        Elements error = page.select("main.error-page > h1 + p");
        if (error.size() == 1) {
            return error.text();
        }
        Elements fields = page.select(".field-error");
        if (!fields.isEmpty()) {
            return fields.stream().map(e -> e.text()).filter(t -> !t.isEmpty()).collect(Collectors.joining(" | "));
        }
        Elements status = page.select(".status-line, [role=alert], .flash");
        if (!status.isEmpty()) {
            return status.stream().map(e -> e.text()).filter(t -> !t.isEmpty()).collect(Collectors.joining(" | "));
        }
        return page.text().strip();
    }
}
