package crux.stances;

import static crux.db.generated.Tables.ITEM;
import static crux.db.generated.Tables.ITEM_STANCE;

import crux.article.ItemKind;
import crux.core.Conflict;
import crux.core.NotFound;
import crux.core.Stance;
import crux.core.Tally;
import crux.db.Codes;
import crux.db.Database;
import crux.db.Reusable;
import crux.db.WriteBudget;
import crux.db.generated.tables.records.ItemStanceRecord;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.InsertSetMoreStep;
import org.jooq.Record1;
import org.jooq.Record2;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.Select;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

/**
 * Stances and the per-item tallies beside them. Every change adjusts the tallies in the same transaction, by
 * exactly the difference between the old and the new stance, so tallies always equal the rows.
 *
 * <p>The old stance comes from the write itself. On PostgreSQL that is one atomic
 * {@code INSERT … ON CONFLICT DO UPDATE … RETURNING previous_stance} (a concurrent click waits on the row lock
 * and then sees the committed value). H2 renders upserts as a non-atomic MERGE, so there a change is an update that
 * hands back the row it replaced ({@code SELECT … FROM OLD TABLE (UPDATE …)}, under the stance row's lock), and only
 * when it changed nothing is the stance read, to tell a first stance (inserted) from the same one again. Either way
 * the retries of {@link Database#write} handle what lost a race (a unique-key clash, H2's concurrent-update error).
 */
public final class StanceRepository {

    /** A member's stance on one item, for their profile. */
    public record MemberStance(long itemId, String statement, ItemKind kind, Stance stance, OffsetDateTime at) {
    }

    // The statements of a stance change, each rendered once (values: see Reusable.value's numbers)

    /**
     * PostgreSQL: sets the stance and moves the tally with it, in one statement (values: member, item, stance, time).
     * The upsert hands back the stance it replaced; the tally's update, in the same statement, reads it. A row comes
     * back only when the stance changed: the stance it replaced (null for a first one) and whether the tally moved (0
     * when the item is retired: the caller refuses, rolling both back). One round trip instead of two: the group-commit
     * writer makes its statements one after another, each a round trip to the server, so those set its pace.
     */
    private static final Reusable<Record2<String, Integer>> UPSERT_AND_TALLY = Reusable.query(4, d -> {
        var changed = DSL.name("changed").fields("previous").as(newStance(d)
                .onConflict(ITEM_STANCE.MEMBER_ID, ITEM_STANCE.ITEM_ID)
                .doUpdate()
                // right-hand sides read the existing row: previous_stance gets the value being replaced
                .set(ITEM_STANCE.PREVIOUS_STANCE, ITEM_STANCE.STANCE)
                .set(ITEM_STANCE.STANCE, DSL.excluded(ITEM_STANCE.STANCE))
                .set(ITEM_STANCE.UPDATED_AT, DSL.excluded(ITEM_STANCE.UPDATED_AT))
                .where(ITEM_STANCE.STANCE.ne(DSL.excluded(ITEM_STANCE.STANCE)))
                .returningResult(ITEM_STANCE.PREVIOUS_STANCE));
        Field<String> previous = changed.field("previous", String.class);
        Field<String> now = Reusable.value(2, ITEM_STANCE.STANCE);
        var tallied = DSL.name("tallied").as(d.update(ITEM)
                .set(ITEM.AGREE_COUNT, ITEM.AGREE_COUNT.plus(delta(Stance.AGREE, now, changed)))
                .set(ITEM.UNSURE_COUNT, ITEM.UNSURE_COUNT.plus(delta(Stance.UNSURE, now, changed)))
                .set(ITEM.DISAGREE_COUNT, ITEM.DISAGREE_COUNT.plus(delta(Stance.DISAGREE, now, changed)))
                .where(ITEM.ID.eq(Reusable.value(1, ITEM.ID))).and(ITEM.RETIRED_AT.isNull())
                .and(DSL.exists(DSL.selectOne().from(changed)))
                .returningResult(ITEM.ID));
        return d.with(changed, tallied)
                .select(previous, DSL.field(DSL.selectCount().from(tallied)))
                .from(changed);
    });

    /** The change of one counter when the stance {@code changed} hands back becomes {@code now}: -1, 0 or 1. */
    private static Field<Integer> delta(Stance counter, Field<String> now,
                                        org.jooq.Table<? extends Record1<String>> changed) {
        Field<String> code = DSL.inline(code(counter));
        return DSL.when(now.eq(code), DSL.inline(1)).otherwise(DSL.inline(0))
                .minus(DSL.when(DSL.exists(DSL.selectOne().from(changed)
                        .where(changed.field(0, String.class).eq(code))), DSL.inline(1)).otherwise(DSL.inline(0)));
    }
    /**
     * H2: a changed stance, keeping the one it replaced, returning that one (nothing when there is no stance or it is
     * the same). H2 reads the old row under the row lock the update takes, so the value handed back is exactly the
     * one replaced, as PostgreSQL's upsert hands it back: one statement, and one H2 parses once per connection (a
     * SELECT … FOR UPDATE, which locking the item row first would need, is parsed again on every run).
     */
    private static final Reusable<Record1<String>> CHANGE = Reusable.query(4, d -> d
            .select(DSL.field(ITEM_STANCE.STANCE.getUnqualifiedName(), String.class))
            .from(DSL.oldTable(d.update(ITEM_STANCE)
                    .set(ITEM_STANCE.PREVIOUS_STANCE, ITEM_STANCE.STANCE)
                    .set(ITEM_STANCE.STANCE, Reusable.value(2, ITEM_STANCE.STANCE))
                    .set(ITEM_STANCE.UPDATED_AT, Reusable.value(3, ITEM_STANCE.UPDATED_AT))
                    .where(ITEM_STANCE.MEMBER_ID.eq(Reusable.value(0, ITEM_STANCE.MEMBER_ID)))
                    .and(ITEM_STANCE.ITEM_ID.eq(Reusable.value(1, ITEM_STANCE.ITEM_ID)))
                    .and(ITEM_STANCE.STANCE.ne(Reusable.value(2, ITEM_STANCE.STANCE))))));
    /** H2, when nothing changed: the item's retirement (no row: no such item) and the member's stance on it. */
    private static final Reusable<Record2<OffsetDateTime, String>> READ_CURRENT = Reusable.query(2, d -> d
            .select(ITEM.RETIRED_AT, DSL.field(DSL.select(ITEM_STANCE.STANCE).from(ITEM_STANCE)
                    .where(ITEM_STANCE.MEMBER_ID.eq(Reusable.value(0, ITEM_STANCE.MEMBER_ID)))
                    .and(ITEM_STANCE.ITEM_ID.eq(ITEM.ID))))
            .from(ITEM).where(ITEM.ID.eq(Reusable.value(1, ITEM.ID))));
    /** H2: a first stance. */
    private static final Reusable<Record> INSERT = Reusable.statement(4, StanceRepository::newStance);

    /** A member's first stance on an item (values: member, item, stance, time); PostgreSQL's upsert starts with it. */
    private static InsertSetMoreStep<ItemStanceRecord> newStance(DSLContext d) {
        return d.insertInto(ITEM_STANCE)
                .set(ITEM_STANCE.MEMBER_ID, Reusable.value(0, ITEM_STANCE.MEMBER_ID))
                .set(ITEM_STANCE.ITEM_ID, Reusable.value(1, ITEM_STANCE.ITEM_ID))
                .set(ITEM_STANCE.STANCE, Reusable.value(2, ITEM_STANCE.STANCE))
                .set(ITEM_STANCE.CREATED_AT, Reusable.value(3, ITEM_STANCE.CREATED_AT))
                .set(ITEM_STANCE.UPDATED_AT, Reusable.value(3, ITEM_STANCE.UPDATED_AT));
    }

    /** Moves the counters by the differences given, unless the item is retired. */
    private static final Reusable<Record> TALLY = Reusable.statement(4, d -> d.update(ITEM)
            .set(ITEM.AGREE_COUNT, ITEM.AGREE_COUNT.plus(Reusable.value(1, ITEM.AGREE_COUNT)))
            .set(ITEM.UNSURE_COUNT, ITEM.UNSURE_COUNT.plus(Reusable.value(2, ITEM.UNSURE_COUNT)))
            .set(ITEM.DISAGREE_COUNT, ITEM.DISAGREE_COUNT.plus(Reusable.value(3, ITEM.DISAGREE_COUNT)))
            .set(ITEM.SEARCH_SEQ, ITEM.SEARCH_SEQ) // counts are not searched: the search index has nothing to redo
            .where(ITEM.ID.eq(Reusable.value(0, ITEM.ID))).and(ITEM.RETIRED_AT.isNull()));

    private final Database db;
    private final Clock clock;

    public StanceRepository(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /**
     * Runs inside the transaction that changed a member's stance, on the group-commit thread ({@link Database#write}),
     * before the commit that makes the change durable. It may write through {@code tx} only (one more row or two:
     * every write in the group waits for it); it must not start a transaction, wait, do I/O or publish anything,
     * since the change may still roll back. Its writes roll back with the stance if the stance is refused.
     */
    @FunctionalInterface
    public interface ChangeHook {
        void changed(DSLContext tx, Stance from, Stance to, OffsetDateTime at);
    }

    /** Sets the member's stance; returns the stance it replaced (empty for a first stance). */
    public Optional<Stance> set(WriteBudget budget, long memberId, long itemId, Stance stance) {
        return set(budget, memberId, itemId, stance, null);
    }

    /**
     * Sets the member's stance; when it replaced a different stance, {@code hook} (if any) runs in the same
     * transaction. Returns the stance it replaced (empty for a first stance).
     */
    public Optional<Stance> set(WriteBudget budget, long memberId, long itemId, Stance stance, ChangeHook hook) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        return db.write(budget, tx -> {
            DSLContext d = tx.dsl();
            Optional<Stance> previous;
            if (db.dialect() == SQLDialect.POSTGRES) {
                Record2<String, Integer> r;
                try {
                    r = UPSERT_AND_TALLY.fetchOptional(d, memberId, itemId, code(stance), now).orElse(null);
                } catch (DataAccessException e) {
                    if ("23503".equals(e.sqlState())) {
                        throw new NotFound(); // no such item: the foreign key refused it
                    }
                    throw e;
                }
                if (r == null) {
                    // the same stance again: nothing changed, though a retired item still says so
                    refuseIfMissingOrRetired(d, itemId);
                    return Optional.of(stance);
                }
                if (r.value2() == 0) {
                    throw new Conflict(RETIRED); // the tally refused it: rolled back with the stance
                }
                previous = Optional.ofNullable(r.value1()).map(StanceRepository::parse);
                if (hook != null && previous.isPresent()) {
                    hook.changed(d, previous.get(), stance, now);
                }
                return previous;
            } else {
                previous = CHANGE.fetchOptional(d, memberId, itemId, code(stance), now)
                        .map(r -> parse(r.value1()));
                if (previous.isEmpty()) {
                    // no stance yet, or the same one: which, and whether the item takes stances, from the rows
                    previous = readCurrent(d, memberId, itemId);
                    if (previous.isPresent()) {
                        return previous; // the same stance again: nothing changed
                    }
                    // a racing first stance fails on the primary key and the whole write is retried
                    INSERT.execute(d, memberId, itemId, code(stance), now);
                }
            }
            adjustTally(d, itemId, previous.orElse(null), stance);
            if (hook != null && previous.isPresent() && previous.get() != stance) {
                hook.changed(d, previous.get(), stance, now);
            }
            return previous;
        });
    }

    /**
     * Withdraws the member's stance; returns the one withdrawn (empty when there was none). An unknown item (404) or
     * a retired one (409) is refused in the same transaction, as by {@link #set}.
     */
    public Optional<Stance> withdraw(WriteBudget budget, long memberId, long itemId) {
        return db.write(budget, tx -> {
            DSLContext d = tx.dsl();
            Optional<Stance> previous;
            if (db.dialect() == SQLDialect.POSTGRES) {
                previous = d.deleteFrom(ITEM_STANCE)
                        .where(ITEM_STANCE.MEMBER_ID.eq(memberId)).and(ITEM_STANCE.ITEM_ID.eq(itemId))
                        .returningResult(ITEM_STANCE.STANCE)
                        .fetchOptional(r -> parse(r.value1()));
            } else {
                // the deleted row as H2 removed it under its lock: exactly what the tally loses
                previous = d.select(DSL.field(ITEM_STANCE.STANCE.getUnqualifiedName(), String.class))
                        .from(DSL.oldTable(d.deleteFrom(ITEM_STANCE)
                                .where(ITEM_STANCE.MEMBER_ID.eq(memberId)).and(ITEM_STANCE.ITEM_ID.eq(itemId))))
                        .fetchOptional(r -> parse(r.value1()));
            }
            if (previous.isEmpty()) {
                refuseIfMissingOrRetired(d, itemId); // nothing to withdraw: the tally below does not check it
            }
            previous.ifPresent(p -> adjustTally(d, itemId, p, null));
            return previous;
        });
    }

    /** The item's tally, from its counters. */
    public Tally tally(long itemId) {
        return db.dsl().select(ITEM.AGREE_COUNT, ITEM.UNSURE_COUNT, ITEM.DISAGREE_COUNT).from(ITEM)
                .where(ITEM.ID.eq(itemId))
                .fetchOptional(r -> new Tally(r.value1(), r.value2(), r.value3()))
                .orElse(Tally.NONE);
    }

    public Optional<Stance> stanceOf(long memberId, long itemId) {
        return current(db.dsl(), memberId, itemId);
    }

    /** Every stance of a member, by item: one query for a whole page. */
    public Map<Long, Stance> stancesOf(long memberId) {
        return MINE.fetch(db.dsl(), memberId).intoMap(r -> r.value1(), r -> parse(r.value2()));
    }

    /** A member's stances (every signed-in article page reads them). */
    private static final Reusable<Record2<Long, String>> MINE = Reusable.query(1,
            d -> stancesOf(Reusable.value(0, ITEM_STANCE.MEMBER_ID)));

    /**
     * Every stance of {@code member} as rows of (item, stance code): for pages that read them with other things of
     * the member's in one statement. {@link #fromCode} reads a code.
     */
    public static Select<Record2<Long, String>> stancesOf(Field<Long> member) {
        return DSL.select(ITEM_STANCE.ITEM_ID, ITEM_STANCE.STANCE).from(ITEM_STANCE)
                .where(ITEM_STANCE.MEMBER_ID.eq(member));
    }

    /** A member's stances with what they are on, in the article's order. */
    public List<MemberStance> memberStances(long memberId) {
        return db.dsl().select(ITEM.ID, ITEM.STATEMENT, ITEM.KIND, ITEM_STANCE.STANCE, ITEM_STANCE.UPDATED_AT)
                .from(ITEM_STANCE).join(ITEM).on(ITEM.ID.eq(ITEM_STANCE.ITEM_ID))
                .where(ITEM_STANCE.MEMBER_ID.eq(memberId)).and(ITEM.RETIRED_AT.isNull())
                .orderBy(ITEM.POSITION, ITEM.ID)
                .fetch(r -> new MemberStance(r.value1(), r.value2(), ItemKind.of(r.value3()), parse(r.value4()),
                        r.value5()));
    }

    /** Every current stance on one article's items still in use: what its camps are computed from. */
    public List<Vote> votesIn(long articleId) {
        return db.dsl().select(ITEM_STANCE.MEMBER_ID, ITEM_STANCE.ITEM_ID, ITEM_STANCE.STANCE)
                .from(ITEM_STANCE).join(ITEM).on(ITEM.ID.eq(ITEM_STANCE.ITEM_ID))
                .where(ITEM.RETIRED_AT.isNull()).and(ITEM.ARTICLE_ID.eq(articleId))
                .fetch(r -> new Vote(r.value1(), r.value2(), parse(r.value3())));
    }

    /** The database's spelling of a stance. */
    public static String code(Stance stance) {
        return Codes.of(stance);
    }

    /** A stance from its code, or empty for anything else (form input included). */
    public static Optional<Stance> fromCode(String code) {
        return Codes.parse(Stance.class, code);
    }

    static Stance parse(String code) {
        return fromCode(code).orElseThrow(() -> new IllegalStateException("unknown stance " + code));
    }

    private static Optional<Stance> current(DSLContext d, long memberId, long itemId) {
        return CURRENT.fetchOptional(d, memberId, itemId).map(r -> parse(r.value1()));
    }

    /**
     * A member's stance on an item (its code, {@link #fromCode}; null for none) as a value of another statement: a page
     * that reads more of the member's relation to the item asks for all of it at once.
     */
    public static Field<String> stanceOf(Field<Long> memberId, Field<Long> itemId) {
        return DSL.field(DSL.select(ITEM_STANCE.STANCE).from(ITEM_STANCE)
                .where(ITEM_STANCE.MEMBER_ID.eq(memberId)).and(ITEM_STANCE.ITEM_ID.eq(itemId)));
    }

    /** A member's stance on an item: every member's view of an item page reads it. */
    private static final Reusable<Record1<String>> CURRENT = Reusable.query(2, d -> d
            .select(ITEM_STANCE.STANCE).from(ITEM_STANCE)
            .where(ITEM_STANCE.MEMBER_ID.eq(Reusable.value(0, ITEM_STANCE.MEMBER_ID)))
            .and(ITEM_STANCE.ITEM_ID.eq(Reusable.value(1, ITEM_STANCE.ITEM_ID))));

    /**
     * The member's current stance on the item (H2), read when the change changed nothing; 404 when there is no such
     * item, 409 when it is retired.
     */
    private static Optional<Stance> readCurrent(DSLContext d, long memberId, long itemId) {
        var r = READ_CURRENT.fetchOptional(d, memberId, itemId).orElseThrow(NotFound::new);
        refuseIfRetired(r.value1());
        return Optional.ofNullable(r.value2()).map(StanceRepository::parse);
    }

    /** 404 when there is no such item, 409 when it is retired (paths whose write found no row to check it by). */
    private static void refuseIfMissingOrRetired(DSLContext d, long itemId) {
        refuseIfRetired(d.select(ITEM.RETIRED_AT).from(ITEM).where(ITEM.ID.eq(itemId)).fetchOptional()
                .orElseThrow(NotFound::new).value1());
    }

    private static void refuseIfRetired(OffsetDateTime retiredAt) {
        if (retiredAt != null) {
            throw new Conflict(RETIRED);
        }
    }

    private static final String RETIRED = "This item has been retired, so it no longer takes stances.";

    /**
     * Moves one member's count from {@code from} to {@code to} (either may be null: a first stance, a withdrawal).
     * Refuses, rolling the whole change back, when the item was retired meanwhile.
     */
    private static void adjustTally(DSLContext d, long itemId, Stance from, Stance to) {
        int changed = TALLY.execute(d, itemId, delta(Stance.AGREE, from, to), delta(Stance.UNSURE, from, to),
                delta(Stance.DISAGREE, from, to));
        if (changed == 0) {
            throw new Conflict(RETIRED);
        }
    }

    public static int delta(Stance counter, Stance from, Stance to) {
        return (counter == to ? 1 : 0) - (counter == from ? 1 : 0);
    }
}
