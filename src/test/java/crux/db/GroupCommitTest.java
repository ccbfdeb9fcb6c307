package crux.db;

import static crux.db.generated.Tables.RATE_COUNTER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import crux.testing.TestDatabases;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link Database#write}: writes waiting at the same moment are committed together, yet each caller hears only its own
 * outcome, after the commit; a write that fails takes nothing of the others with it and leaves nothing behind; one
 * that loses a race the database resolves is retried; the statements each ran are counted for its caller; the
 * caller's first work (its write budget) runs inside its write; on PostgreSQL a group is run a second time, with
 * savepoints, only when one of its writes failed (H2 keeps a savepoint per write). On H2, and on PostgreSQL when
 * configured.
 */
class GroupCommitTest {

    static List<String> kinds() {
        return TestDatabases.kinds();
    }

    private static void count(DSLContext tx, String bucket) {
        tx.insertInto(RATE_COUNTER).set(RATE_COUNTER.BUCKET, bucket).set(RATE_COUNTER.WINDOW_START, 0L)
                .set(RATE_COUNTER.HITS, 1).execute();
    }

    private static int rows(Database db, String bucket) {
        return db.dsl().fetchCount(RATE_COUNTER, RATE_COUNTER.BUCKET.eq(bucket));
    }

    /** Waits (without sleeping) until {@code n} writes are queued behind the one the writer is running. */
    private static void awaitQueued(Database db, int n) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (db.group().waiting() < n) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("only " + db.group().waiting() + " of " + n + " writes queued");
            }
            Thread.onSpinWait();
        }
    }

    /**
     * Has the writer run a write (storing {@code row}) that waits for {@code release}: writes made meanwhile queue up
     * behind it, to be committed together.
     */
    private static Future<Integer> holdWriter(ExecutorService callers, Database db, CountDownLatch release, String row)
            throws InterruptedException {
        CountDownLatch running = new CountDownLatch(1);
        Future<Integer> blocker = callers.submit(() -> db.write(tx -> {
            count(tx.dsl(), row);
            running.countDown();
            release.await();
            return 1;
        }));
        assertThat(running.await(20, TimeUnit.SECONDS)).isTrue();
        return blocker;
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void writesWaitingTogetherShareOneCommitAndKeepTheirOwnOutcomes(String kind) throws Exception {
        ExecutorService callers = Executors.newFixedThreadPool(21);
        try {
            TestDatabases.withFresh(kind, db -> {
                db.run(tx -> count(tx, "taken"));
                long commitsBefore = db.groupCommits();
                long rerunBefore = db.group().rerun();
                CountDownLatch release = new CountDownLatch(1);
                Future<Integer> blocker = holdWriter(callers, db, release, "blocker");
                List<Future<String>> outcomes = new ArrayList<>();
                AtomicInteger duplicateAttempts = new AtomicInteger();
                for (int i = 0; i < 20; i++) {
                    int n = i;
                    outcomes.add(callers.submit(() -> {
                        db.statements().reset();
                        try {
                            String result = db.write(tx -> {
                                if (n % 10 == 7) {
                                    count(tx.dsl(), "refused-" + n);
                                    throw new IllegalStateException("refused " + n);
                                }
                                if (n % 10 == 9) {
                                    duplicateAttempts.incrementAndGet();
                                    count(tx.dsl(), "lost-" + n);
                                    count(tx.dsl(), "taken"); // a unique key refuses it, every time it is tried
                                }
                                count(tx.dsl(), "ok-" + n);
                                return "stored " + n;
                            });
                            // returned only after the commit: visible to anyone now
                            return result + " visible=" + rows(db, "ok-" + n) + " statements=" + (db.statements().current() - 1);
                        } catch (RuntimeException e) {
                            return (Database.isUniqueViolation(e) ? "duplicate" : e.getMessage())
                                    + " statements=" + db.statements().current();
                        }
                    }));
                }
                awaitQueued(db, 20);
                release.countDown();
                assertThat(blocker.get(20, TimeUnit.SECONDS)).isEqualTo(1);
                for (int i = 0; i < 20; i++) {
                    String expected = i % 10 == 7 ? "refused " + i + " statements=1"
                            : i % 10 == 9 ? "duplicate statements=6" // three tries of two statements
                            : "stored " + i + " visible=1 statements=1";
                    assertThat(outcomes.get(i).get(20, TimeUnit.SECONDS)).isEqualTo(expected);
                }
                if (db.dialect() == SQLDialect.H2) {
                    // savepoints from the start: each duplicate tried exactly as often as a retry allows
                    assertThat(duplicateAttempts).hasValue(2 * Database.MAX_ATTEMPTS);
                    assertThat(db.group().rerun()).isEqualTo(rerunBefore);
                } else {
                    // the first run, without savepoints, ends at the group's first failure: perhaps a duplicate's try
                    assertThat(duplicateAttempts.get())
                            .isBetween(2 * Database.MAX_ATTEMPTS, 2 * Database.MAX_ATTEMPTS + 1);
                    assertThat(db.group().rerun() - rerunBefore).as("run again once, with savepoints").isEqualTo(1);
                }
                for (int i = 0; i < 20; i++) {
                    assertThat(rows(db, "ok-" + i)).isEqualTo(i % 10 == 7 || i % 10 == 9 ? 0 : 1);
                    assertThat(rows(db, "refused-" + i) + rows(db, "lost-" + i)).as("nothing of a failed write").isZero();
                }
                assertThat(rows(db, "blocker")).isEqualTo(1);
                assertThat(rows(db, "taken")).isEqualTo(1);
                assertThat(db.groupCommits() - commitsBefore).as("the blocker's commit, then one for all twenty").isEqualTo(2);
            });
        } finally {
            callers.shutdownNow();
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aGroupWhoseWritesAllSucceedRunsEachOnceAndARefusedWriteAloneRunsOnce(String kind) throws Exception {
        ExecutorService callers = Executors.newFixedThreadPool(11);
        try {
            TestDatabases.withFresh(kind, db -> {
                long commitsBefore = db.groupCommits();
                long rerunBefore = db.group().rerun();
                CountDownLatch release = new CountDownLatch(1);
                Future<Integer> blocker = holdWriter(callers, db, release, "holder");
                AtomicInteger runs = new AtomicInteger();
                List<Future<String>> outcomes = new ArrayList<>();
                for (int i = 0; i < 10; i++) {
                    int n = i;
                    outcomes.add(callers.submit(() -> db.write(tx -> {
                        runs.incrementAndGet();
                        count(tx.dsl(), "ok-" + n);
                        return "stored " + n;
                    })));
                }
                awaitQueued(db, 10);
                release.countDown();
                assertThat(blocker.get(20, TimeUnit.SECONDS)).isEqualTo(1);
                for (int i = 0; i < 10; i++) {
                    assertThat(outcomes.get(i).get(20, TimeUnit.SECONDS)).isEqualTo("stored " + i);
                    assertThat(rows(db, "ok-" + i)).isEqualTo(1);
                }
                assertThat(runs).as("each write run once").hasValue(10);
                assertThat(db.groupCommits() - commitsBefore).isEqualTo(2);

                AtomicInteger refusals = new AtomicInteger();
                assertThatThrownBy(() -> db.write(tx -> {
                    refusals.incrementAndGet();
                    count(tx.dsl(), "refused");
                    throw new IllegalStateException("refused");
                })).hasMessage("refused");
                assertThat(refusals).as("a write alone in its group is not run again to hear its refusal").hasValue(1);
                assertThat(rows(db, "refused")).isZero();
                assertThat(db.group().rerun()).as("no group was run again").isEqualTo(rerunBefore);
            });
        } finally {
            callers.shutdownNow();
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void theBudgetIsSpentInsideItsWriteAndNotWhenThatFails(String kind) throws Exception {
        TestDatabases.withFresh(kind, db -> {
            AtomicInteger spends = new AtomicInteger();
            WriteBudget budget = tx -> {
                spends.incrementAndGet();
                count(tx, "budget");
            };
            assertThatThrownBy(() -> db.write(budget, tx -> {
                count(tx.dsl(), "write");
                throw new IllegalStateException("refused");
            })).hasMessage("refused");
            assertThat(spends).hasValue(1);
            assertThat(rows(db, "budget") + rows(db, "write")).as("rolled back together").isZero();

            String done = db.write(budget, tx -> {
                count(tx.dsl(), "write");
                return "done";
            });
            assertThat(done).isEqualTo("done");
            assertThat(spends).hasValue(2);
            assertThat(rows(db, "budget")).isEqualTo(1);
            assertThat(rows(db, "write")).isEqualTo(1);
        });
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aWriteInsideAWriteAndAWriteAfterCloseAreRefused(String kind) throws Exception {
        Database[] closed = new Database[1];
        TestDatabases.withFresh(kind, db -> {
            assertThatThrownBy(() -> db.write(tx -> {
                count(tx.dsl(), "outer");
                return db.write(inner -> 1);
            })).isInstanceOf(IllegalStateException.class).hasMessageContaining("cannot start another");
            assertThat(rows(db, "outer")).isZero();
            closed[0] = db;
        });
        assertThatThrownBy(() -> closed[0].write(tx -> 1)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }
}
