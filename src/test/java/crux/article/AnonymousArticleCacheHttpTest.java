package crux.article;

import static crux.testing.TestClient.form;
import static crux.testing.Refusals.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import crux.live.LiveEvent;
import crux.pages.PageCache;
import crux.testing.Seeded;
import crux.testing.TestApp;
import crux.testing.TestClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
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
            app.everyEventHeard(); // on PostgreSQL: the listener is up, so no event is missed
            anonymous.get(Seeded.ARTICLE); // a cold first rendering can outlast the maximum age on a busy machine
            TestClient.Response first = anonymous.get(Seeded.ARTICLE);
            assertThat(first.status()).isEqualTo(200);
            TestClient.Response cached = anonymous.get(Seeded.ARTICLE);
            assertThat(cached.status()).isEqualTo(200);
            assertThat(statements(cached)).isZero();
            assertThat(cached.body()).isEqualTo(first.body());

            // a signed-in member never gets the shared page: it carries their CSRF token and own stances
            assertThat(statements(member.get(Seeded.ARTICLE))).isPositive();

            assertThat(member.submit("/items/" + app.claim(1), "/items/" + app.claim(1) + "/stance", form("stance", "agree")).status()).isEqualTo(303);
            // on PostgreSQL the write's own event comes back through LISTEN/NOTIFY a moment later and drops the page
            // again: wait until every event published has been heard, so that the next two requests are deterministic
            app.everyEventHeard();
            TestClient.Response afterWrite = anonymous.get(Seeded.ARTICLE);
            assertThat(statements(afterWrite)).as("a stance drops the cached page").isPositive();
            assertThat(statements(anonymous.get(Seeded.ARTICLE))).isZero();

            app.app().events().publish(new LiveEvent(app.claim(4), LiveEvent.Kind.FORECAST));
            app.everyEventHeard();
            assertThat(statements(anonymous.get(Seeded.ARTICLE))).as("an event from any instance drops it").isPositive();
        }
    }

    @Test
    void aFlashMessageIsNeverServedToOthers() {
        try (TestApp app = TestApp.start()) {
            TestClient anonymous = app.client();
            anonymous.get(Seeded.ARTICLE);
            anonymous.setCookie("crux_flash", Base64.getUrlEncoder().withoutPadding()
                    .encodeToString("hello".getBytes(StandardCharsets.UTF_8)));
            assertThat(anonymous.get(Seeded.ARTICLE).html().select("p.flash").text()).isEqualTo("hello");
            assertThat(app.client().get(Seeded.ARTICLE).html().select("p.flash")).as("the next visitor's page").isEmpty();
        }
    }

    @Test
    void pagesExpireAfterTheirMaximumAge() {
        long[] now = {1_000_000_000L};
        PageCache<String> cache = new PageCache<>(Duration.ofMillis(50), true, () -> now[0]);
        int[] renders = {0};
        cache.get(() -> "a" + ++renders[0]);
        now[0] += Duration.ofMillis(49).toNanos();
        assertThat(cache.get(() -> "a" + ++renders[0])).isEqualTo("a1");
        now[0] += Duration.ofMillis(1).toNanos();
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
        assertThat(whileOneRenders(cache, 1, 1)).containsOnly("v1");
        assertThat(cache.get(() -> "v3")).isEqualTo("v2");
    }

    /**
     * The shared data of signed-in pages is strict after a change: a member's next page after their own write must
     * show it, so nobody gets the previous value then — only an entry that merely aged is served while renewing.
     */
    @Test
    void afterAChangeAStrictCacheServesNothingStale() throws Exception {
        PageCache<String> cache = new PageCache<>(Duration.ofHours(1), false);
        assertThat(whileOneRenders(cache, 2, 8)).containsOnly("rendered again");
        // the leader stores its rendering last (it is released only after the others returned)
        assertThat(cache.get(() -> "v3")).isEqualTo("v2");
    }

    /**
     * Stores "v1", invalidates, and while one request renders "v2" asks seven others: what they got. Checks that
     * between {@code minRenders} and {@code maxRenders} renderings were made in all.
     */
    private static List<String> whileOneRenders(PageCache<String> cache, int minRenders, int maxRenders)
            throws Exception {
        assertThat(cache.get(() -> "v1")).isEqualTo("v1");
        cache.invalidate();
        CountDownLatch rendering = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger renders = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            Future<String> leader = pool.submit(() -> cache.get(() -> {
                renders.incrementAndGet();
                rendering.countDown();
                await(release);
                return "v2";
            }));
            rendering.await();
            List<Future<String>> others = new ArrayList<>();
            for (int i = 0; i < 7; i++) {
                others.add(pool.submit(() -> cache.get(() -> {
                    renders.incrementAndGet();
                    return "rendered again";
                })));
            }
            List<String> got = new ArrayList<>();
            for (Future<String> f : others) {
                got.add(f.get());
            }
            release.countDown();
            assertThat(leader.get()).isEqualTo("v2");
            // served the previous page: nobody else rendered; strict: at least one other rendered, and those that
            // came after it stored took its fresh result
            assertThat(renders.get()).isBetween(minRenders, maxRenders);
            return got;
        } finally {
            pool.shutdownNow();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void theBenchmarkRouteExistsOnlyWhenAskedFor() {
        try (TestApp plain = TestApp.start()) {
            assertRefused(plain.client().get("/bench/hello"), 404, "There is nothing at this address. It may have been mistyped, or the thing it pointed to no longer exists.");
            assertRefused(plain.client().get("/bench/statements/3"), 404, "There is nothing at this address. It may have been mistyped, or the thing it pointed to no longer exists.");
        }
        try (TestApp bench = TestApp.start("h2", Map.of("CRUX_BENCHMARK", "true"))) {
            TestClient.Response r = bench.client().get("/bench/hello");
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.body()).isEqualTo("hello");
            for (int n : new int[] {1, 3, 10}) {
                TestClient.Response statements = bench.client().get("/bench/statements/" + n);
                assertThat(statements.status()).isEqualTo(200);
                assertThat(statements.body()).isEqualTo(Integer.toString(n));
                assertThat(statements.header("X-Sql-Statements")).contains(Integer.toString(n));
            }
            for (String n : new String[] {"0", "11", "-1", "abc", "99999999999"}) {
                assertRefused(bench.client().get("/bench/statements/" + n), 404, "There is nothing at this address. It may have been mistyped, or the thing it pointed to no longer exists.");
            }
        }
    }
}
