package crux.db;

import static crux.db.generated.Tables.ITEM;
import static crux.db.generated.Tables.RATE_COUNTER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import crux.testing.TestDatabases;
import java.util.List;
import org.jooq.Record1;
import org.jooq.Record2;
import org.jooq.Record3;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A {@link Reusable} statement, rendered once, runs like the same statement written with jOOQ each time: each value
 * lands where its placeholder is in the database's SQL (whatever order that puts them in, and twice where it occurs
 * twice), nulls included, results typed and counted; and what cannot be reused safely is refused when first run.
 * On H2, and on PostgreSQL when configured.
 */
class ReusableTest {

    static List<String> kinds() {
        return TestDatabases.kinds();
    }

    /** Placeholders numbered in the opposite order to where the SQL uses them; one used twice. */
    static final Reusable<Record3<Long, String, Integer>> ITEMS = Reusable.query(3, d -> d
            .select(ITEM.ID, ITEM.KIND, DSL.field(Reusable.value(2, Integer.class).plus(ITEM.POSITION)))
            .from(ITEM)
            .where(ITEM.ID.ge(Reusable.value(1, ITEM.ID)))
            .and(ITEM.ID.le(Reusable.value(0, ITEM.ID)))
            .and(ITEM.POSITION.gt(Reusable.value(2, Integer.class).minus(DSL.inline(1000))))
            .orderBy(ITEM.ID));

    static final Reusable<Record> COUNT = Reusable.statement(3, d -> d.insertInto(RATE_COUNTER)
            .set(RATE_COUNTER.HITS, Reusable.value(2, RATE_COUNTER.HITS))
            .set(RATE_COUNTER.WINDOW_START, Reusable.value(1, RATE_COUNTER.WINDOW_START))
            .set(RATE_COUNTER.BUCKET, Reusable.value(0, RATE_COUNTER.BUCKET)));

    static final Reusable<Record2<String, Integer>> COUNTED = Reusable.query(1, d -> d
            .select(RATE_COUNTER.BUCKET, RATE_COUNTER.HITS).from(RATE_COUNTER)
            .where(RATE_COUNTER.BUCKET.eq(Reusable.value(0, RATE_COUNTER.BUCKET))));

    @ParameterizedTest
    @MethodSource("kinds")
    void runsAsTheSameStatementWrittenEachTime(String kind) throws Exception {
        TestDatabases.withFresh(kind, db -> {
            // ranges of the seeded items' ids, whatever ids the database gave them
            List<Long> ids = db.dsl().select(ITEM.ID).from(ITEM).orderBy(ITEM.ID).fetch(ITEM.ID);
            long[][] ranges = {{ids.get(1), ids.get(4)}, {ids.get(0), ids.get(2)}, {ids.get(6), ids.get(6)},
                    {ids.get(8), ids.get(7)}};
            for (long[] range : ranges) {
                for (int shift : new int[] {0, 40}) {
                    var expected = db.dsl().select(ITEM.ID, ITEM.KIND, DSL.val(shift).plus(ITEM.POSITION))
                            .from(ITEM).where(ITEM.ID.between(range[0], range[1]))
                            .and(ITEM.POSITION.gt(shift - 1000)).orderBy(ITEM.ID).fetch();
                    long before = db.statements().current();
                    var got = ITEMS.fetch(db.dsl(), range[1], range[0], shift);
                    assertThat(db.statements().current()).as("counted like any statement").isEqualTo(before + 1);
                    assertThat(got.map(r -> List.of(r.value1(), r.value2(), r.value3())))
                            .isEqualTo(expected.map(r -> List.of(r.value1(), r.value2(), r.value3())));
                }
            }
            assertThat(ITEMS.fetch(db.dsl(), ids.get(4), ids.get(1), 0)).hasSize(4);

            assertThat(COUNT.execute(db.dsl(), "reusable:a", 60L, 3)).isEqualTo(1);
            assertThat(COUNT.execute(db.dsl(), "reusable:b", 60L, 4)).isEqualTo(1);
            assertThat(COUNTED.fetchOptional(db.dsl(), "reusable:b").orElseThrow().value2()).isEqualTo(4);
            assertThat(COUNTED.fetchOptional(db.dsl(), "reusable:none")).isEmpty();
            assertThat(db.dsl().fetchCount(RATE_COUNTER, RATE_COUNTER.BUCKET.like("reusable:%"))).isEqualTo(2);
        });
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void refusesWhatItCannotReuse(String kind) throws Exception {
        TestDatabases.withFresh(kind, db -> {
            // a value written into the statement would be reused for every run: refused, naming the statement
            Reusable<Record> literal = Reusable.statement(1, d -> d.update(RATE_COUNTER)
                    .set(RATE_COUNTER.HITS, 5).where(RATE_COUNTER.BUCKET.eq(Reusable.value(0, RATE_COUNTER.BUCKET))));
            assertThatThrownBy(() -> literal.execute(db.dsl(), "x"))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("not a placeholder");
            // a placeholder that never occurs: a value given would be silently dropped
            Reusable<Record> unused = Reusable.statement(2, d -> d.deleteFrom(RATE_COUNTER)
                    .where(RATE_COUNTER.BUCKET.eq(Reusable.value(0, RATE_COUNTER.BUCKET))));
            assertThatThrownBy(() -> unused.execute(db.dsl(), "x", 1L))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("placeholder 1 does not occur");
            // a column jOOQ would convert (here a number read as text) cannot be read over plain JDBC as its type
            Reusable<Record1<String>> converted = Reusable.query(1, d -> d
                    .select(ITEM.ID.convertFrom(String::valueOf)).from(ITEM)
                    .where(ITEM.ID.eq(Reusable.value(0, ITEM.ID))));
            assertThatThrownBy(() -> converted.fetch(db.dsl(), 1L))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("converted type");
            // too few or too many values
            assertThatThrownBy(() -> COUNT.execute(db.dsl(), "x", 1L))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected 3 values, got 2");
            assertThat(db.dsl().fetchCount(RATE_COUNTER)).as("nothing ran").isZero();
        });
    }
}
