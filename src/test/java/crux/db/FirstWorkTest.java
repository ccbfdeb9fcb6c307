package crux.db;

import static crux.db.generated.Tables.RATE_COUNTER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import crux.testing.TestDatabases;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;

/**
 * Work handed to {@link Database#beforeNextTransaction} (a request's write budget) runs once, inside the thread's next
 * transaction: committed with it, rolled back with it and then still pending, never on another thread.
 */
class FirstWorkTest {

    private static void count(DSLContext tx, String bucket) {
        tx.insertInto(RATE_COUNTER).set(RATE_COUNTER.BUCKET, bucket).set(RATE_COUNTER.WINDOW_START, 0L)
                .set(RATE_COUNTER.HITS, 1).execute();
    }

    private static int rows(Database db, String bucket) {
        return db.dsl().fetchCount(RATE_COUNTER, RATE_COUNTER.BUCKET.eq(bucket));
    }

    @Test
    void runsOnceInsideTheNextTransactionAndIsKeptWhenThatRollsBack() throws Exception {
        try (Database db = TestDatabases.open(TestDatabases.h2())) {
            AtomicInteger runs = new AtomicInteger();
            db.beforeNextTransaction(tx -> {
                runs.incrementAndGet();
                count(tx, "first");
            });
            // another thread's transaction does not take it
            CompletableFuture.runAsync(() -> db.run(tx -> count(tx, "other"))).get();
            assertThat(runs).hasValue(0);

            // refused: the write and the first work roll back together; nothing is stored and the work stays pending
            assertThatThrownBy(() -> db.run(tx -> {
                count(tx, "write");
                throw new IllegalStateException("refused");
            })).hasMessage("refused");
            assertThat(runs).hasValue(1);
            assertThat(rows(db, "first")).isZero();
            assertThat(rows(db, "write")).isZero();

            db.run(tx -> count(tx, "write"));
            assertThat(runs).hasValue(2);
            assertThat(rows(db, "first")).isEqualTo(1);
            assertThat(rows(db, "write")).isEqualTo(1);

            // taken: the next transaction runs without it
            db.run(tx -> count(tx, "later"));
            assertThat(runs).hasValue(2);
            assertThat(db.takeFirst()).isNull();
        }
    }

    @Test
    void whatNoTransactionTookCanBeTakenAway() {
        try (Database db = TestDatabases.open(TestDatabases.h2())) {
            Consumer<DSLContext> work = tx -> count(tx, "never");
            db.beforeNextTransaction(work);
            assertThat(db.takeFirst()).isSameAs(work);
            assertThat(db.takeFirst()).isNull();
            db.run(tx -> count(tx, "plain"));
            assertThat(rows(db, "never")).isZero();
        }
    }
}
