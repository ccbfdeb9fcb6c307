package crux.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import crux.testing.TestApp;
import crux.testing.TestDatabases;
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

    /** Waits for a condition, checking every few milliseconds, for at most ten seconds. */
    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.onSpinWait();
            Thread.sleep(5);
        }
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

    static String nextEvent(Iterator<String> lines) {
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
            Iterator<String> lines = open(app, 3);
            await("a subscriber", () -> app.app().events().subscriberCount() == 1);
            app.app().events().publish(new LiveEvent(4, LiveEvent.Kind.TALLY));
            app.app().events().publish(new LiveEvent(3, LiveEvent.Kind.ARGUMENT));
            assertThat(nextEvent(lines)).isEqualTo("argument");
        }
    }

    @Test
    void unknownItemsHaveNoStream() {
        try (TestApp app = TestApp.start()) {
            assertThat(app.client().get("/items/424242/events", Map.of("Accept", "text/event-stream")).status())
                    .isEqualTo(404);
            assertThat(app.client().get("/items/abc/events").status()).isEqualTo(404);
        }
    }

    @Test
    void anEventOnOneInstanceReachesViewersOnAnother() throws Exception {
        assumeTrue(TestDatabases.postgresBase() != null,
                "CRUX_TEST_POSTGRES_URL is not set: the two-instance live-update test needs PostgreSQL");
        try (TestApp a = TestApp.start("postgres"); TestApp b = TestApp.startOn(a.databaseUrl(), Map.of())) {
            await("both listeners", () -> a.app().events().ready() && b.app().events().ready());
            Iterator<String> onB = open(b, 2);
            await("a subscriber on b", () -> b.app().events().subscriberCount() == 1);
            a.app().events().publish(new LiveEvent(2, LiveEvent.Kind.FORECAST));
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
            onC.publish(new LiveEvent(2, LiveEvent.Kind.FORECAST));
            await("c hears its own event", () -> onC.delivered() >= onC.published());
            onA.publish(new LiveEvent(2, LiveEvent.Kind.TALLY));
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
