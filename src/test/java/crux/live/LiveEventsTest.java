package crux.live;

import static crux.testing.Refusals.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import crux.testing.TestApp;
import crux.testing.TestDatabases;
import crux.testing.Wait;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import javax.sql.DataSource;
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

    /**
     * Events waiting while a NOTIFY is being sent go out together in the next one, several to a payload and in order:
     * the publisher is held on its first send while a thousand more are published, then let go.
     */
    @Test
    void eventsWaitingToBeSentShareNotificationsAndArriveInOrder() throws Exception {
        assumeTrue(TestDatabases.postgresBase() != null,
                "CRUX_TEST_POSTGRES_URL is not set: publishing through NOTIFY needs PostgreSQL");
        try (TestApp app = TestApp.start("postgres")) {
            DataSource pool = app.app().database().dataSource();
            CountDownLatch sending = new CountDownLatch(1);
            CountDownLatch letGo = new CountDownLatch(1);
            AtomicBoolean first = new AtomicBoolean(true);
            DataSource held = (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(),
                    new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                        if (method.getName().equals("getConnection")
                                && Thread.currentThread().getName().equals("crux-live-publisher")
                                && first.getAndSet(false)) {
                            sending.countDown();
                            assertThat(letGo.await(10, TimeUnit.SECONDS)).isTrue();
                        }
                        try {
                            return method.invoke(pool, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
            try (EventBus bus = new EventBus(held, app.databaseUrl(), null, null)) {
                await("the listener", bus::ready);
                List<LiveEvent> heard = new CopyOnWriteArrayList<>();
                bus.subscribeAll(heard::add);
                List<LiveEvent> sent = new ArrayList<>();
                sent.add(new LiveEvent(1, LiveEvent.Kind.TALLY));
                bus.publish(sent.get(0));
                assertThat(sending.await(10, TimeUnit.SECONDS)).isTrue();
                for (int i = 2; i <= 1_001; i++) {
                    sent.add(new LiveEvent(i * 1_000_003L, LiveEvent.Kind.values()[i % LiveEvent.Kind.values().length]));
                    bus.publish(sent.get(sent.size() - 1));
                }
                letGo.countDown();
                await("every event heard", () -> heard.size() >= sent.size());
                assertThat(heard).containsExactlyElementsOf(sent);
                int payloads = EventBus.payloads(sent.subList(1, sent.size())).size();
                assertThat(payloads).as("the thousand need more than one payload").isGreaterThan(1);
                assertThat(bus.notifications()).isEqualTo(1 + payloads);
            }
        }
    }

    @Test
    void payloadsKeepEachEventWholeAndUnderPostgresqlsLimitAndUnknownKindsAreSkipped() {
        List<LiveEvent> events = new ArrayList<>();
        for (long i = 0; i < 2_000; i++) {
            events.add(new LiveEvent(Long.MAX_VALUE - i, LiveEvent.Kind.values()[(int) (i % 3)]));
        }
        List<String> payloads = EventBus.payloads(events);
        assertThat(payloads).allSatisfy(p -> assertThat(p.length()).isLessThanOrEqualTo(EventBus.MAX_PAYLOAD));
        List<LiveEvent> back = new ArrayList<>();
        payloads.forEach(p -> back.addAll(LiveEvent.decodeAll(p)));
        assertThat(back).containsExactlyElementsOf(events);
        assertThat(EventBus.payloads(List.of())).isEmpty();
        assertThat(LiveEvent.decodeAll("7:tally 8:rumour x:forecast 9:argument :tally 10:"))
                .containsExactly(new LiveEvent(7, LiveEvent.Kind.TALLY), new LiveEvent(9, LiveEvent.Kind.ARGUMENT));
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
