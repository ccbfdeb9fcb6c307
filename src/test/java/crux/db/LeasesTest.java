package crux.db;

import static org.assertj.core.api.Assertions.assertThat;

import crux.testing.TestApp;
import crux.testing.TestDatabases;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class LeasesTest {

    static List<String> kinds() {
        return TestDatabases.kinds();
    }

    /** A clock the test moves by hand. */
    static final class ManualClock extends Clock {
        final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void oneHolderAtATimeUntilTheLeaseExpires(String kind) throws Exception {
        String url = TestDatabases.fresh(kind);
        try (Database db = Database.open(url, null, null, TestApp.repositoryRoot().resolve("db/migration"))) {
            ManualClock clock = new ManualClock();
            List<String> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
            LeaseRepository leases = new LeaseRepository(db, clock,
                    (job, taken) -> heard.add(job + (taken ? " taken" : " refused")));
            assertThat(leases.acquire("job", "a", Duration.ofMinutes(5))).isTrue();
            assertThat(leases.acquire("job", "b", Duration.ofMinutes(5))).isFalse();
            assertThat(heard).as("what the metrics count").containsExactly("job taken", "job refused");
            assertThat(leases.acquire("job", "a", Duration.ofMinutes(5))).as("the holder renews").isTrue();
            assertThat(leases.acquire("other", "b", Duration.ofMinutes(5))).as("leases are per job").isTrue();
            clock.now.set(clock.now.get().plus(Duration.ofMinutes(6)));
            assertThat(leases.acquire("job", "b", Duration.ofMinutes(5))).as("after expiry").isTrue();
            assertThat(leases.acquire("job", "a", Duration.ofMinutes(5))).isFalse();

            // eight instances racing for a fresh lease: exactly one wins
            ExecutorService pool = Executors.newFixedThreadPool(8);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Boolean>> results = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String holder = "racer-" + i;
                results.add(pool.submit(() -> {
                    go.await();
                    return leases.acquire("race", holder, Duration.ofMinutes(5));
                }));
            }
            go.countDown();
            int winners = 0;
            for (Future<Boolean> f : results) {
                winners += f.get() ? 1 : 0;
            }
            pool.shutdown();
            assertThat(winners).isEqualTo(1);
        } finally {
            TestDatabases.drop(url);
        }
    }
}
