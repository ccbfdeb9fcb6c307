package crux.article;

import static crux.testing.TestClient.form;
import static org.assertj.core.api.Assertions.assertThat;

import crux.live.EventBus;
import crux.live.LiveEvent;
import crux.pages.PageCache;
import crux.testing.TestApp;
import crux.testing.TestClient;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The anonymous article page comes from memory (no SQL) until something on it changes: a write on this instance,
 * or any item event on the bus (which carries other instances' changes on PostgreSQL).
 */
class AnonymousArticleCacheHttpTest {

    static int statements(TestClient.Response r) {
        return Integer.parseInt(r.header("X-Sql-Statements").orElseThrow());
    }

    @Test
    void servedFromMemoryUntilAWriteOrAnEvent() throws InterruptedException {
        try (TestApp app = TestApp.start()) {
            TestClient anonymous = app.client();
            TestClient member = app.member("cachewatcher");
            everyEventHeard(app); // on PostgreSQL: the listener is up, so no event is missed
            anonymous.get("/"); // a cold first rendering can outlast the maximum age on a busy machine
            TestClient.Response first = anonymous.get("/");
            assertThat(first.status()).isEqualTo(200);
            TestClient.Response cached = anonymous.get("/");
            assertThat(cached.status()).isEqualTo(200);
            assertThat(statements(cached)).isZero();
            assertThat(cached.body()).isEqualTo(first.body());

            // a signed-in member never gets the shared page: it carries their CSRF token and own stances
            assertThat(statements(member.get("/"))).isPositive();

            assertThat(member.submit("/items/1", "/items/1/stance", form("stance", "agree")).status()).isEqualTo(303);
            // on PostgreSQL the write's own event comes back through LISTEN/NOTIFY a moment later and drops the page
            // again: wait until every event published has been heard, so that the next two requests are deterministic
            everyEventHeard(app);
            TestClient.Response afterWrite = anonymous.get("/");
            assertThat(statements(afterWrite)).as("a stance drops the cached page").isPositive();
            assertThat(statements(anonymous.get("/"))).isZero();

            app.app().events().publish(new LiveEvent(5, LiveEvent.Kind.FORECAST));
            everyEventHeard(app);
            assertThat(statements(anonymous.get("/"))).as("an event from any instance drops it").isPositive();
        }
    }

    private static void everyEventHeard(TestApp app) {
        EventBus bus = app.app().events();
        long until = System.nanoTime() + 10_000_000_000L;
        while (!bus.ready() || bus.delivered() < bus.published()) {
            assertThat(System.nanoTime()).as("events published %d, heard %d", bus.published(), bus.delivered())
                    .isLessThan(until);
            Thread.onSpinWait();
        }
    }

    @Test
    void aFlashMessageIsNeverServedToOthers() {
        try (TestApp app = TestApp.start()) {
            TestClient anonymous = app.client();
            anonymous.get("/");
            anonymous.setCookie("crux_flash", java.util.Base64.getUrlEncoder().withoutPadding()
                    .encodeToString("hello".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            assertThat(anonymous.get("/").html().select("p.flash").text()).isEqualTo("hello");
            assertThat(app.client().get("/").html().select("p.flash")).as("the next visitor's page").isEmpty();
        }
    }

    @Test
    void pagesExpireAfterTheirMaximumAge() throws InterruptedException {
        PageCache<String> cache = new PageCache<>(Duration.ofMillis(50), true);
        int[] renders = {0};
        cache.get(() -> "a" + ++renders[0]);
        assertThat(cache.get(() -> "a" + ++renders[0])).isEqualTo("a1");
        Thread.sleep(80);
        assertThat(cache.get(() -> "a" + ++renders[0])).isEqualTo("a2");
        cache.invalidate();
        assertThat(cache.get(() -> "a" + ++renders[0])).isEqualTo("a3");
    }

    @Test
    void aRenderingRacingAnInvalidationIsServedButNotKept() {
        PageCache<String> cache = new PageCache<>();
        assertThat(cache.get(() -> {
            cache.invalidate();
            return "stale";
        })).isEqualTo("stale");
        assertThat(cache.get(() -> "fresh")).isEqualTo("fresh");
    }

    /** No stampede: while one request renders the next version, the others are served the previous page. */
    @Test
    void oneRequestRendersWhileTheOthersGetThePreviousPage() throws Exception {
        PageCache<String> cache = new PageCache<>();
        assertThat(whileOneRenders(cache)).containsOnly("v1");
        assertThat(cache.get(() -> "v3")).isEqualTo("v2");
    }

    /**
     * The shared data of signed-in pages is strict after a change: a member's next page after their own write must
     * show it, so nobody gets the previous value then — only an entry that merely aged is served while renewing.
     */
    @Test
    void afterAChangeAStrictCacheServesNothingStale() throws Exception {
        PageCache<String> cache = new PageCache<>(Duration.ofHours(1), false);
        assertThat(whileOneRenders(cache)).containsOnly("rendered again");
        assertThat(cache.get(() -> "v3")).isIn("v2", "rendered again");
    }

    /** Stores "v1", invalidates, and while one request renders "v2" asks seven others: what they got. */
    private static java.util.List<String> whileOneRenders(PageCache<String> cache) throws Exception {
        assertThat(cache.get(() -> "v1")).isEqualTo("v1");
        cache.invalidate();
        java.util.concurrent.CountDownLatch rendering = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.atomic.AtomicInteger renders = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            java.util.concurrent.Future<String> leader = pool.submit(() -> cache.get(() -> {
                renders.incrementAndGet();
                rendering.countDown();
                await(release);
                return "v2";
            }));
            rendering.await();
            java.util.List<java.util.concurrent.Future<String>> others = new java.util.ArrayList<>();
            for (int i = 0; i < 7; i++) {
                others.add(pool.submit(() -> cache.get(() -> {
                    renders.incrementAndGet();
                    return "rendered again";
                })));
            }
            java.util.List<String> got = new java.util.ArrayList<>();
            for (java.util.concurrent.Future<String> f : others) {
                got.add(f.get());
            }
            release.countDown();
            assertThat(leader.get()).isEqualTo("v2");
            // served the previous page: nobody else rendered; strict: each rendered or took another's fresh result
            assertThat(renders.get()).isEqualTo(got.contains("v1") ? 1 : renders.get()).isBetween(1, 8);
            return got;
        } finally {
            pool.shutdownNow();
        }
    }

    private static void await(java.util.concurrent.CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void theBenchmarkRouteExistsOnlyWhenAskedFor() {
        try (TestApp plain = TestApp.start()) {
            assertThat(plain.client().get("/bench/hello").status()).isEqualTo(404);
        }
        try (TestApp bench = TestApp.start("h2", Map.of("CRUX_BENCHMARK", "true"))) {
            TestClient.Response r = bench.client().get("/bench/hello");
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.body()).isEqualTo("hello");
        }
    }
}
