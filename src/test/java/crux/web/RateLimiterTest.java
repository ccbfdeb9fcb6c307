package crux.web;

import static crux.db.generated.Tables.RATE_COUNTER;
import static org.assertj.core.api.Assertions.assertThat;

import crux.core.RateLimitRepository;
import crux.db.Database;
import crux.testing.DatabasePerKind;
import crux.testing.MutableClock;
import crux.testing.TestDatabases;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Fixed-window counters in the database, on H2 and (when configured) PostgreSQL. */
class RateLimiterTest {

    /** A window boundary for every window size used here, so expected Retry-After values are exact. */
    static final Instant ALIGNED = Instant.parse("2030-01-01T00:00:00Z");

    static final DatabasePerKind DATABASES = new DatabasePerKind();

    static List<String> kinds() {
        return TestDatabases.kinds();
    }

    static Database db(String kind) {
        return DATABASES.get(kind);
    }

    @AfterAll
    static void close() {
        DATABASES.close();
    }

    /** Each test uses limits of its own name, so tests sharing a database never share a counter. */
    static RateLimitRepository.Limit limit(int max, Duration window) {
        return new RateLimitRepository.Limit("t-" + UUID.randomUUID(), max, window);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void aWindowAllowsMaxHitsThenRefusesUntilItEnds(String kind) {
        MutableClock clock = new MutableClock(ALIGNED.plusSeconds(20));
        RateLimitRepository limiter = new RateLimitRepository(db(kind), clock);
        RateLimitRepository.Limit l = limit(3, Duration.ofMinutes(1));
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.hit(l, "k").allowed()).as("hit %d", i + 1).isTrue();
        }
        RateLimitRepository.Decision refused = limiter.hit(l, "k");
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.retryAfterSeconds()).isEqualTo(40);
        clock.advance(Duration.ofSeconds(39));
        assertThat(limiter.hit(l, "k")).isEqualTo(new RateLimitRepository.Decision(false, 1));
        clock.advance(Duration.ofSeconds(1));
        assertThat(limiter.hit(l, "k")).isEqualTo(new RateLimitRepository.Decision(true, 0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void anAttemptCountsBeforeItsCheckAndASuccessfulOneIsGivenBack(String kind) {
        MutableClock clock = new MutableClock(ALIGNED);
        RateLimitRepository limiter = new RateLimitRepository(db(kind), clock);
        RateLimitRepository.Limit l = limit(2, Duration.ofMinutes(15));
        for (int i = 0; i < 5; i++) {
            RateLimitRepository.Attempt succeeded = limiter.attempt(l, "k");
            assertThat(succeeded.allowed()).isTrue();
            assertThat(hits(kind, l, "k")).as("counted before the check").isEqualTo(1);
            limiter.giveBack(succeeded);
        }
        assertThat(hits(kind, l, "k")).isZero();
        assertThat(limiter.attempt(l, "k").allowed()).isTrue();
        assertThat(limiter.attempt(l, "k").allowed()).isTrue();
        RateLimitRepository.Attempt refused = limiter.attempt(l, "k");
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.decision().retryAfterSeconds()).isEqualTo(15 * 60);
        assertThat(hits(kind, l, "k")).isEqualTo(3);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void anAttemptIsGivenBackInTheWindowItWasCountedIn(String kind) {
        MutableClock clock = new MutableClock(ALIGNED.plusSeconds(59));
        RateLimitRepository limiter = new RateLimitRepository(db(kind), clock);
        RateLimitRepository.Limit l = limit(1, Duration.ofMinutes(1));
        RateLimitRepository.Attempt first = limiter.attempt(l, "k");
        clock.advance(Duration.ofSeconds(1));
        RateLimitRepository.Attempt second = limiter.attempt(l, "k");
        limiter.giveBack(first);
        assertThat(limiter.attempt(l, "k").allowed()).as("the new window's count is untouched").isFalse();
        limiter.giveBack(second);
        limiter.giveBack(second);
        assertThat(db(kind).dsl().select(RATE_COUNTER.HITS).from(RATE_COUNTER)
                .where(RATE_COUNTER.BUCKET.eq(l.name() + ":k")).fetch(RATE_COUNTER.HITS))
                .as("never below zero").allSatisfy(h -> assertThat(h).isNotNegative());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void ofFortyAttemptsAtOnceNoMoreThanTheLimitAreAllowed(String kind) throws Exception {
        RateLimitRepository limiter = new RateLimitRepository(db(kind), new MutableClock(ALIGNED));
        RateLimitRepository.Limit l = limit(5, Duration.ofMinutes(15));
        int attempts = 40;
        ExecutorService pool = Executors.newFixedThreadPool(attempts);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> allowed = new ArrayList<>();
        try {
            for (int i = 0; i < attempts; i++) {
                allowed.add(pool.submit(() -> {
                    start.await();
                    return limiter.attempt(l, "k").allowed();
                }));
            }
            start.countDown();
            int n = 0;
            for (Future<Boolean> f : allowed) {
                n += f.get(30, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertThat(n).isEqualTo(5);
            assertThat(hits(kind, l, "k")).isEqualTo(attempts);
        } finally {
            pool.shutdownNow();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void keysAndLimitsCountSeparately(String kind) {
        RateLimitRepository limiter = new RateLimitRepository(db(kind), new MutableClock(ALIGNED));
        RateLimitRepository.Limit a = limit(1, Duration.ofMinutes(1));
        RateLimitRepository.Limit b = limit(1, Duration.ofMinutes(1));
        assertThat(limiter.hit(a, "x").allowed()).isTrue();
        assertThat(limiter.hit(a, "x").allowed()).isFalse();
        assertThat(limiter.hit(a, "y").allowed()).isTrue();
        assertThat(limiter.hit(b, "x").allowed()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void oldWindowsAreCleanedUp(String kind) {
        MutableClock clock = new MutableClock(ALIGNED);
        RateLimitRepository limiter = new RateLimitRepository(db(kind), clock);
        RateLimitRepository.Limit l = limit(5, Duration.ofMinutes(10));
        limiter.hit(l, "old");
        clock.advance(Duration.ofDays(2));
        limiter.hit(l, "new");
        assertThat(limiter.deleteOld()).isGreaterThanOrEqualTo(1);
        assertThat(hits(kind, l, "old")).isZero();
        assertThat(db(kind).dsl().fetchCount(RATE_COUNTER, RATE_COUNTER.BUCKET.eq(l.name() + ":new"))).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void concurrentHitsFromSixteenThreadsCountExactly(String kind) throws Exception {
        RateLimitRepository limiter = new RateLimitRepository(db(kind), new MutableClock(ALIGNED));
        RateLimitRepository.Limit l = limit(100, Duration.ofMinutes(10));
        int threads = 16;
        int perThread = 10;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Integer>> allowed = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                allowed.add(pool.submit(() -> {
                    start.await();
                    int ok = 0;
                    for (int i = 0; i < perThread; i++) {
                        if (limiter.hit(l, "shared").allowed()) {
                            ok++;
                        }
                    }
                    return ok;
                }));
            }
            start.countDown();
            int total = 0;
            for (Future<Integer> f : allowed) {
                total += f.get(60, TimeUnit.SECONDS);
            }
            assertThat(total).isEqualTo(100);
            assertThat(hits(kind, l, "shared")).isEqualTo(threads * perThread);
        } finally {
            pool.shutdownNow();
        }
    }

    private static int hits(String kind, RateLimitRepository.Limit l, String key) {
        return db(kind).dsl().select(RATE_COUNTER.HITS.sum()).from(RATE_COUNTER)
                .where(RATE_COUNTER.BUCKET.eq(l.name() + ":" + key))
                .fetchOptional(r -> r.value1() == null ? 0 : r.value1().intValue()).orElse(0);
    }
}
