package crux.db;

import static crux.db.generated.Tables.RATE_COUNTER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import crux.testing.TestDatabases;
import java.util.concurrent.atomic.AtomicInteger;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;

/**
 * A write budget is spent first inside the transaction of the write it pays for: committed with it, rolled back with
 * it, and spending may refuse the write before it does anything.
 */
class WriteBudgetTest {

    private static void count(DSLContext tx, String bucket) {
        tx.insertInto(RATE_COUNTER).set(RATE_COUNTER.BUCKET, bucket).set(RATE_COUNTER.WINDOW_START, 0L)
                .set(RATE_COUNTER.HITS, 1).execute();
    }

    private static int rows(Database db, String bucket) {
        return db.dsl().fetchCount(RATE_COUNTER, RATE_COUNTER.BUCKET.eq(bucket));
    }

    @Test
    void spentInsideTheTransactionItPaysForAndRolledBackWithIt() {
        try (Database db = TestDatabases.open(TestDatabases.h2())) {
            AtomicInteger spends = new AtomicInteger();
            WriteBudget budget = tx -> {
                spends.incrementAndGet();
                count(tx, "budget");
            };
            assertThatThrownBy(() -> db.run(budget, tx -> {
                count(tx, "write");
                throw new IllegalStateException("refused");
            })).hasMessage("refused");
            assertThat(spends).hasValue(1);
            assertThat(rows(db, "budget")).isZero();
            assertThat(rows(db, "write")).isZero();

            db.run(budget, tx -> count(tx, "write"));
            assertThat(spends).hasValue(2);
            assertThat(rows(db, "budget")).isEqualTo(1);
            assertThat(rows(db, "write")).isEqualTo(1);

            // a write nobody pays for spends nothing
            db.run(tx -> count(tx, "free"));
            assertThat(spends).hasValue(2);
            assertThat(rows(db, "budget")).isEqualTo(1);
        }
    }

    @Test
    void aBudgetThatRefusesStopsTheWriteBeforeItRuns() {
        try (Database db = TestDatabases.open(TestDatabases.h2())) {
            AtomicInteger writes = new AtomicInteger();
            WriteBudget spentOut = tx -> {
                throw new IllegalStateException("over budget");
            };
            assertThatThrownBy(() -> db.transaction(spentOut, tx -> {
                writes.incrementAndGet();
                count(tx.dsl(), "write");
                return null;
            })).hasMessage("over budget");
            assertThat(writes).hasValue(0);
            assertThat(rows(db, "write")).isZero();
        }
    }
}
