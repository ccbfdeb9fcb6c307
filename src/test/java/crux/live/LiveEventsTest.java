package crux.live;

import static crux.testing.Refusals.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import crux.testing.TestApp;
import crux.testing.TestDatabases;
import crux.testing.Wait;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Server-sent events reach open item pages, on one instance and across instances sharing PostgreSQL. */
class LiveEventsTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** Waits for a condition, for at most ten seconds. */
    static void await(String what, BooleanSupplier condition) {
        Wait.until(what, Duration.ofSeconds(10), condition);
    }

    static Iterator<String> open(TestApp app, long itemId) throws Exception {
        CompletableFuture<HttpResponse<Stream<String>>> f = HTTP.sendAsync(HttpRequest.newBuilder(
                        URI.create(app.baseUrl() + "/items/" + itemId + "/events"))
                .header("Accept", "text/event-stream").GET().build(), HttpResponse.BodyHandlers.ofLines());
        HttpResponse<Stream<String>> r = f.get(10, TimeUnit.SECONDS);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).get().asString().startsWith("text/event-stream");
        return r.body().iterator();
    }

    /** The next event's name; fails after ten seconds rather than hanging on a stream that says nothing. */
    static String nextEvent(Iterator<String> lines) {
        return assertTimeoutPreemptively(Duration.ofSeconds(10), () -> readEvent(lines), "no event within ten seconds");
    }

    private static String readEvent(Iterator<String> lines) {
        while (lines.hasNext()) {
            String line = lines.next();
            if (line.startsWith("event:")) {
                return line.substring("event:".length()).trim();
            }
        }
        throw new AssertionError("stream ended");
    }

    @Test
    void anOpenPageHearsAboutChangesToItsItemOnly() throws Exception {
        try (TestApp app = TestApp.start()) {
            long watched = app.claim(3);
            Iterator<String> lines = open(app, watched);
            await("a subscriber", () -> app.app().events().subscriberCount() == 1);
            app.app().events().publish(new LiveEvent(app.prediction(1), LiveEvent.Kind.TALLY));
            app.app().events().publish(new LiveEvent(watched, LiveEvent.Kind.ARGUMENT));
            assertThat(nextEvent(lines)).isEqualTo("argument");
        }
    }

    @Test
    void unknownItemsHaveNoStream() {
        try (TestApp app = TestApp.start()) {
            assertRefused(app.client().get("/items/424242/events", Map.of("Accept", "text/event-stream")), 404, "There is nothing at this address. It may have been mistyped, or the thing it pointed to no longer exists.");
            assertRefused(app.client().get("/items/abc/events"), 404, "There is nothing at this address. It may have been mistyped, or the thing it pointed to no longer exists.");
        }
    }

    @Test
    void anEventOnOneInstanceReachesViewersOnAnother() throws Exception {
        assumeTrue(TestDatabases.postgresBase() != null,
                "CRUX_TEST_POSTGRES_URL is not set: the two-instance live-update test needs PostgreSQL");
        try (TestApp a = TestApp.start("postgres"); TestApp b = TestApp.startOn(a.databaseUrl(), Map.of())) {
            await("both listeners", () -> a.app().events().ready() && b.app().events().ready());
            long item = b.claim(2);
            Iterator<String> onB = open(b, item);
            await("a subscriber on b", () -> b.app().events().subscriberCount() == 1);
            a.app().events().publish(new LiveEvent(item, LiveEvent.Kind.FORECAST));
            assertThat(nextEvent(onB)).isEqualTo("forecast");
        } finally {
            // the schema is dropped with the first app's database
        }
    }

    /**
     * NOTIFY reaches every schema of a database: two sites in two schemas must not hear each other. Events are
     * delivered in commit order, so once {@code a} has heard its own later event it would have heard {@code c}'s.
     */
    @Test
    void sitesInOtherSchemasOfTheDatabaseAreNotHeard() throws Exception {
        assumeTrue(TestDatabases.postgresBase() != null,
                "CRUX_TEST_POSTGRES_URL is not set: the schema separation test needs PostgreSQL");
        try (TestApp a = TestApp.start("postgres"); TestApp c = TestApp.start("postgres")) {
            EventBus onA = a.app().events();
            EventBus onC = c.app().events();
            assertThat(onA.channel()).isNotEqualTo(onC.channel()).startsWith(EventBus.CHANNEL_PREFIX);
            await("both listeners, and anything from the start heard",
                    () -> onA.ready() && onC.ready() && onA.delivered() >= onA.published());
            long heardOnA = onA.delivered();
            onC.publish(new LiveEvent(c.claim(2), LiveEvent.Kind.FORECAST));
            await("c hears its own event", () -> onC.delivered() >= onC.published());
            onA.publish(new LiveEvent(a.claim(2), LiveEvent.Kind.TALLY));
            await("a hears its own event", () -> onA.delivered() > heardOnA);
            assertThat(onA.delivered()).as("a heard only its own event, not the other schema's").isEqualTo(heardOnA + 1);
        }
    }

    @Test
    void channelsAreNamedAfterTheSchemaAndAlwaysValidIdentifiers() {
        assertThat(EventBus.channelFor("public")).isEqualTo("crux_live_public");
        assertThat(EventBus.channelFor("t_1a2b")).isEqualTo("crux_live_t_1a2b");
        String odd = EventBus.channelFor("Säle\"; DROP");
        assertThat(odd).matches("crux_live_[0-9a-f]{32}");
        assertThat(EventBus.channelFor("x".repeat(100))).matches("crux_live_[0-9a-f]{32}")
                .isNotEqualTo(EventBus.channelFor("x".repeat(101)));
        assertThat(EventBus.channelFor("Public")).isNotEqualTo(EventBus.channelFor("public"));
    }
}
