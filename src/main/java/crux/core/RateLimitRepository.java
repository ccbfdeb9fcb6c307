package crux.core;

import static crux.db.generated.Tables.RATE_COUNTER;

import crux.db.Database;
import crux.db.Reusable;
import java.time.Clock;
import java.time.Duration;
import org.jooq.DSLContext;
import org.jooq.Record1;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * Fixed-window counters in the database, so every instance sharing it enforces the same limits.
 * One atomic upsert per hit; H2 (whose upsert is a non-atomic MERGE) is retried by {@link Database#transaction}.
 */
public final class RateLimitRepository {

    /** A named limit: at most {@code max} hits per {@code window}. */
    public record Limit(String name, int max, Duration window) {
    }

    /** The verdict; when refused, how long until the window resets. */
    public record Decision(boolean allowed, long retryAfterSeconds) {
    }

    /** PostgreSQL: one atomic upsert counting the hit, returning the window's hits. */
    private static final Reusable<Record1<Integer>> UPSERT = Reusable.query(2, d -> d.insertInto(RATE_COUNTER)
            .set(RATE_COUNTER.BUCKET, Reusable.value(0, RATE_COUNTER.BUCKET))
            .set(RATE_COUNTER.WINDOW_START, Reusable.value(1, RATE_COUNTER.WINDOW_START))
            .set(RATE_COUNTER.HITS, DSL.inline(1))
            .onConflict(RATE_COUNTER.BUCKET, RATE_COUNTER.WINDOW_START)
            .doUpdate().set(RATE_COUNTER.HITS, RATE_COUNTER.HITS.plus(DSL.inline(1)))
            .returningResult(RATE_COUNTER.HITS));
    /** H2: counts the hit in the window's row, returning its hits (no row: nothing). */
    private static final Reusable<Record1<Integer>> COUNT = Reusable.query(2, d -> d.update(RATE_COUNTER)
            .set(RATE_COUNTER.HITS, RATE_COUNTER.HITS.plus(DSL.inline(1)))
            .where(RATE_COUNTER.BUCKET.eq(Reusable.value(0, RATE_COUNTER.BUCKET)))
            .and(RATE_COUNTER.WINDOW_START.eq(Reusable.value(1, RATE_COUNTER.WINDOW_START)))
            .returningResult(RATE_COUNTER.HITS));
    /** H2: the window's first hit. */
    private static final Reusable<Record> FIRST = Reusable.statement(2, d -> d.insertInto(RATE_COUNTER)
            .set(RATE_COUNTER.BUCKET, Reusable.value(0, RATE_COUNTER.BUCKET))
            .set(RATE_COUNTER.WINDOW_START, Reusable.value(1, RATE_COUNTER.WINDOW_START))
            .set(RATE_COUNTER.HITS, DSL.inline(1)));

    private final Database db;
    private final Clock clock;

    public RateLimitRepository(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Counts one hit and says whether it is within the limit. */
    public Decision hit(Limit limit, String key) {
        return db.transaction(tx -> hit(tx.dsl(), limit, key));
    }

    /**
     * Counts one hit inside the caller's transaction {@code tx}: if the caller rolls back (its write was refused),
     * the hit is not counted either.
     */
    public Decision hit(DSLContext tx, Limit limit, String key) {
        long windowStart = windowStart(limit);
        return decide(limit, windowStart, count(tx, limit, key, windowStart));
    }

    /** An attempt counted against a limit on failures, before the check it guards; see {@link #attempt}. */
    public record Attempt(Limit limit, String key, long windowStart, Decision decision) {
        public boolean allowed() {
            return decision.allowed();
        }
    }

    /**
     * Counts an attempt at an expensive check (a password hash, a two-factor code) before the check runs, in one
     * atomic statement: requests arriving together each see the others' counts, so no more than the limit are ever
     * checked, however many are sent at once. A check that succeeds is no failure: {@link #giveBack} uncounts it.
     */
    public Attempt attempt(Limit limit, String key) {
        long windowStart = windowStart(limit);
        int hits = db.transaction(tx -> count(tx.dsl(), limit, key, windowStart));
        return new Attempt(limit, key, windowStart, decide(limit, windowStart, hits));
    }

    /** Uncounts an attempt whose check succeeded (in the window it was counted in). */
    public void giveBack(Attempt attempt) {
        db.dsl().update(RATE_COUNTER).set(RATE_COUNTER.HITS, RATE_COUNTER.HITS.minus(DSL.inline(1)))
                .where(RATE_COUNTER.BUCKET.eq(bucket(attempt.limit(), attempt.key())))
                .and(RATE_COUNTER.WINDOW_START.eq(attempt.windowStart()))
                .and(RATE_COUNTER.HITS.gt(0))
                .execute();
    }

    /** Adds one hit to the window's counter and returns its hits, in one statement where the database allows. */
    private int count(DSLContext tx, Limit limit, String key, long windowStart) {
        String bucket = bucket(limit, key);
        if (db.dialect() == SQLDialect.POSTGRES) {
            return UPSERT.fetchOptional(tx, bucket, windowStart).orElseThrow().value1();
        }
        // one statement: H2 renders UPDATE … RETURNING as SELECT … FROM FINAL TABLE (UPDATE …)
        Integer counted = COUNT.fetchOptional(tx, bucket, windowStart).map(r -> r.value1()).orElse(null);
        if (counted != null) {
            return counted;
        }
        // a racing insert fails on the primary key and the whole transaction is retried
        FIRST.execute(tx, bucket, windowStart);
        return 1;
    }

    /** Drops counters of windows that ended more than a day ago. */
    public int deleteOld() {
        long cutoff = clock.instant().getEpochSecond() - Duration.ofDays(1).toSeconds();
        return db.dsl().deleteFrom(RATE_COUNTER).where(RATE_COUNTER.WINDOW_START.lt(cutoff)).execute();
    }

    private Decision decide(Limit limit, long windowStart, int hits) {
        if (hits <= limit.max()) {
            return new Decision(true, 0);
        }
        long reset = windowStart + limit.window().toSeconds() - clock.instant().getEpochSecond();
        return new Decision(false, Math.max(1, reset));
    }

    private long windowStart(Limit limit) {
        long now = clock.instant().getEpochSecond();
        long size = limit.window().toSeconds();
        return now - Math.floorMod(now, size);
    }

    private static String bucket(Limit limit, String key) {
        String b = limit.name() + ":" + key;
        return b.length() <= 200 ? b : b.substring(0, 200);
    }
}
