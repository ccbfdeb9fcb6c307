package crux.forecasts;

import static crux.db.generated.Tables.FORECAST;
import static crux.db.generated.Tables.FORECAST_LATEST;
import static crux.db.generated.Tables.ITEM;
import static crux.db.generated.Tables.MEMBER;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import crux.article.Item;
import crux.article.ItemKind;
import crux.article.ItemStatus;
import crux.core.Conflict;
import crux.core.Invalid;
import crux.core.NotFound;
import crux.db.Database;
import crux.db.Reusable;
import crux.db.WriteBudget;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record1;
import org.jooq.Record4;
import org.jooq.Record6;
import org.jooq.Record7;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.Select;
import org.jooq.SelectJoinStep;
import org.jooq.impl.DSL;

/**
 * Forecast updates, and the community forecast kept on the item. Adding a forecast locks the item row: the
 * status and close date are checked under that lock (so no forecast lands after a resolution), and the
 * community forecast stored beside the item is recomputed from the latest forecasts as the same transaction sees
 * them. Those are kept in memory per item ({@link LatestForecasts}) rather than read again each time: the copy is
 * tagged with the item row's forecast_version, which every change to the item's latest forecasts sets under the row
 * lock (this class, {@link ForecastReplay}) to the id of the forecast that changed them. Ids are handed out once, even
 * to a forecast rolled back, and a forecast on an item is inserted only under its row lock, so an equal version under
 * the lock proves no instance changed them since. A forecast changes the copy in place and tags it with its own id
 * before its transaction commits (only the instance's group-commit writer runs forecasts, one at a time, so nothing
 * else sees it meanwhile; a forecast failing part way drops it): the next forecast on the item waits for the row lock
 * and so finds it there; should that commit fail after all, no row will ever carry that id as its version, so the
 * copy is never used.
 * A database restored from a backup can show an old version with other rows: restart the instances after restoring.
 */
public final class ForecastRepository {

    /** One forecast update, with who made it (their name as shown). */
    public record Update(long memberId, String member, int probability, String rationale, OffsetDateTime at) {
        public Forecast forecast() {
            return new Forecast(memberId, at.toInstant(), probability);
        }
    }

    /**
     * A member's forecasting on one prediction: their latest, its rationale (or null), how many updates, and where it
     * stands.
     */
    public record MemberForecast(long itemId, String statement, String status, int latest, String rationale,
                                 int updates, OffsetDateTime at, Double community) {
    }

    /**
     * A rationale given on an unresolved prediction as others may see it: no forecaster, no probability, and only the
     * day (UTC), so it cannot be matched to a member or to one of their updates.
     */
    public record Reason(String rationale, LocalDate day) {
    }

    /**
     * Forecasters whose latest forecasts are kept in memory, over all items (about 32 bytes each, so ~8 MB): every
     * open prediction of an article with thousands of forecasters each. An item left out is read from the database.
     */
    static final long CACHED_FORECASTERS = 250_000;

    // The statements of a forecast, each rendered once (values: see Reusable.value's numbers)

    /** Locks the item's row and reads what decides whether it takes the forecast, and its community forecast. */
    private static final Reusable<Record7<String, String, LocalDate, OffsetDateTime, Double, Long, Integer>> LOCK_ITEM =
            Reusable.query(1, d -> d.select(ITEM.KIND, ITEM.STATUS, ITEM.RESOLVE_BY, ITEM.RETIRED_AT,
                    ITEM.COMMUNITY_FORECAST, ITEM.FORECAST_VERSION, ITEM.FORECASTER_COUNT).from(ITEM)
                    .where(ITEM.ID.eq(Reusable.value(0, ITEM.ID))).forUpdate());
    /**
     * H2: the same, locking the row by updating it to itself. H2 parses a SELECT … FOR UPDATE again on every run (it
     * keeps no such statement in its per-connection cache), which made the lock the costliest statement of a forecast
     * on the group-commit thread; an update takes the same row lock, and the forecast updates the row anyway.
     */
    private static final Reusable<Record7<String, String, LocalDate, OffsetDateTime, Double, Long, Integer>> LOCK_ITEM_H2 =
            Reusable.query(1, d -> d.select(unqualified(ITEM.KIND), unqualified(ITEM.STATUS),
                    unqualified(ITEM.RESOLVE_BY), unqualified(ITEM.RETIRED_AT), unqualified(ITEM.COMMUNITY_FORECAST),
                    unqualified(ITEM.FORECAST_VERSION), unqualified(ITEM.FORECASTER_COUNT))
                    .from(DSL.oldTable(d.update(ITEM).set(ITEM.FORECAST_VERSION, ITEM.FORECAST_VERSION)
                            // its change number kept too: nothing searched changes (V71)
                            .set(ITEM.SEARCH_SEQ, ITEM.SEARCH_SEQ)
                            .where(ITEM.ID.eq(Reusable.value(0, ITEM.ID))))));

    /** A column of a data change delta table ({@code OLD TABLE (…)}), which has no name to qualify it with. */
    private static <T> Field<T> unqualified(Field<T> column) {
        return DSL.field(column.getUnqualifiedName(), column.getDataType());
    }
    /** The forecast update itself, with the community forecast after it (for the item's chart), returning its id. */
    private static final Reusable<Record1<Long>> INSERT = Reusable.query(7, ForecastRepository::insert);

    /** {@link #INSERT}'s statement (values: item, member, probability, rationale, time, community, forecasters). */
    private static org.jooq.InsertResultStep<Record1<Long>> insert(DSLContext d) {
        return d.insertInto(FORECAST)
                .set(FORECAST.ITEM_ID, Reusable.value(0, FORECAST.ITEM_ID))
                .set(FORECAST.MEMBER_ID, Reusable.value(1, FORECAST.MEMBER_ID))
                .set(FORECAST.PROBABILITY, Reusable.value(2, FORECAST.PROBABILITY))
                .set(FORECAST.RATIONALE, Reusable.value(3, FORECAST.RATIONALE))
                .set(FORECAST.CREATED_AT, Reusable.value(4, FORECAST.CREATED_AT))
                .set(FORECAST.COMMUNITY, Reusable.value(5, FORECAST.COMMUNITY))
                .set(FORECAST.FORECASTERS, Reusable.value(6, FORECAST.FORECASTERS))
                .returningResult(FORECAST.ID);
    }

    /**
     * PostgreSQL: the newest forecast of all, stored in one statement (values as {@link #INSERT}'s): its row, the
     * member's latest forecast (a first one inserted, or the earlier one replaced) and the item's community forecast,
     * forecaster count and version (the new row's id), returning that id. One round trip instead of three for the
     * group-commit writer, whose statements, one after another, set the pace of forecasts. Should the id turn out to
     * be below the item's newest after all, the replay that follows rewrites the latest forecasts and the item's row.
     */
    private static Reusable<Record1<Long>> storedTogether(boolean first) {
        return Reusable.query(7, d -> {
            var stored = DSL.name("stored").fields("id").as(insert(d));
            Field<Long> id = DSL.field(DSL.select(stored.field("id", Long.class)).from(stored));
            Field<Long> item = Reusable.value(0, FORECAST_LATEST.ITEM_ID);
            Field<Long> member = Reusable.value(1, FORECAST_LATEST.MEMBER_ID);
            var latest = DSL.name("latest").as(first
                    ? d.insertInto(FORECAST_LATEST, FORECAST_LATEST.ITEM_ID, FORECAST_LATEST.MEMBER_ID,
                                    FORECAST_LATEST.PROBABILITY, FORECAST_LATEST.CREATED_AT, FORECAST_LATEST.FORECAST_ID)
                            .select(DSL.select(item, member, Reusable.value(2, FORECAST_LATEST.PROBABILITY),
                                    Reusable.value(4, FORECAST_LATEST.CREATED_AT), stored.field("id", Long.class))
                                    .from(stored))
                            .returningResult(FORECAST_LATEST.MEMBER_ID)
                    : d.update(FORECAST_LATEST)
                            .set(FORECAST_LATEST.PROBABILITY, Reusable.value(2, FORECAST_LATEST.PROBABILITY))
                            .set(FORECAST_LATEST.CREATED_AT, Reusable.value(4, FORECAST_LATEST.CREATED_AT))
                            .set(FORECAST_LATEST.FORECAST_ID, id)
                            .where(FORECAST_LATEST.ITEM_ID.eq(item)).and(FORECAST_LATEST.MEMBER_ID.eq(member))
                            .returningResult(FORECAST_LATEST.MEMBER_ID));
            var community = DSL.name("community").as(d.update(ITEM)
                    .set(ITEM.COMMUNITY_FORECAST, Reusable.value(5, ITEM.COMMUNITY_FORECAST))
                    .set(ITEM.FORECASTER_COUNT, Reusable.value(6, ITEM.FORECASTER_COUNT))
                    .set(ITEM.FORECAST_VERSION, id)
                    .where(ITEM.ID.eq(Reusable.value(0, ITEM.ID)))
                    .returningResult(ITEM.ID));
            return d.with(stored, latest, community).select(stored.field("id", Long.class)).from(stored);
        });
    }

    private static final Reusable<Record1<Long>> FIRST_STORED = storedTogether(true);
    private static final Reusable<Record1<Long>> NEW_STORED = storedTogether(false);
    /** A member's first forecast on the item, as their latest. */
    private static final Reusable<Record> FIRST_LATEST = Reusable.statement(5, d -> d.insertInto(FORECAST_LATEST)
            .set(FORECAST_LATEST.ITEM_ID, Reusable.value(0, FORECAST_LATEST.ITEM_ID))
            .set(FORECAST_LATEST.MEMBER_ID, Reusable.value(1, FORECAST_LATEST.MEMBER_ID))
            .set(FORECAST_LATEST.PROBABILITY, Reusable.value(2, FORECAST_LATEST.PROBABILITY))
            .set(FORECAST_LATEST.CREATED_AT, Reusable.value(3, FORECAST_LATEST.CREATED_AT))
            .set(FORECAST_LATEST.FORECAST_ID, Reusable.value(4, FORECAST_LATEST.FORECAST_ID)));
    /** A member's new latest forecast on the item. */
    private static final Reusable<Record> NEW_LATEST = Reusable.statement(5, d -> d.update(FORECAST_LATEST)
            .set(FORECAST_LATEST.PROBABILITY, Reusable.value(2, FORECAST_LATEST.PROBABILITY))
            .set(FORECAST_LATEST.CREATED_AT, Reusable.value(3, FORECAST_LATEST.CREATED_AT))
            .set(FORECAST_LATEST.FORECAST_ID, Reusable.value(4, FORECAST_LATEST.FORECAST_ID))
            .where(FORECAST_LATEST.ITEM_ID.eq(Reusable.value(0, FORECAST_LATEST.ITEM_ID)))
            .and(FORECAST_LATEST.MEMBER_ID.eq(Reusable.value(1, FORECAST_LATEST.MEMBER_ID))));
    /** The item's community forecast, forecaster count and the version of its latest forecasts. */
    private static final Reusable<Record> COMMUNITY = Reusable.statement(4, d -> d.update(ITEM)
            .set(ITEM.COMMUNITY_FORECAST, Reusable.value(1, ITEM.COMMUNITY_FORECAST))
            .set(ITEM.FORECASTER_COUNT, Reusable.value(2, ITEM.FORECASTER_COUNT))
            .set(ITEM.FORECAST_VERSION, Reusable.value(3, ITEM.FORECAST_VERSION))
            .set(ITEM.SEARCH_SEQ, ITEM.SEARCH_SEQ) // nor forecasts: the search index has nothing to redo
            .where(ITEM.ID.eq(Reusable.value(0, ITEM.ID))));
    private final Database db;
    private final Clock clock;
    /**
     * Each item's latest forecasts as of its forecast_version: valid only when that still is the row's version,
     * checked under the row lock, since other instances (and {@link ForecastReplay}) change the rows too.
     */
    private final Cache<Long, LatestForecasts> latestByItem = Caffeine.newBuilder()
            .maximumWeight(CACHED_FORECASTERS)
            .weigher((Long item, LatestForecasts latest) -> latest.weight())
            // its upkeep on the writer thread itself (a handful of entries): the default, a task on the common pool
            // for every few writes, would wake a second thread at thousands of forecasts a second
            .executor(Runnable::run)
            .build();
    private final LongAdder reloads = new LongAdder();
    private final LongAdder caughtUp = new LongAdder();

    public ForecastRepository(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /**
     * Stores a forecast update and the new community forecast; refuses (storing nothing) when the item takes no
     * forecasts: not a prediction, retired, no longer open, or past its resolve-by date.
     */
    public void add(WriteBudget budget, long memberId, long itemId, int probability, String rationale) {
        add(budget, memberId, itemId, probability, rationale, null);
    }

    /**
     * Runs inside the transaction that stored a forecast, on the group-commit thread ({@link Database#write}), before
     * the commit that makes it durable. It may write through {@code tx} only (a credit, the followers' notices); it must
     * not start a transaction, wait, do I/O or publish anything, since the forecast may still roll back.
     */
    @FunctionalInterface
    public interface AddHook {
        /**
         * @param previous     the member's previous forecast on the item, or null for a first one
         * @param forecastId   the new forecast row
         * @param communityBefore the community forecast before it, or null
         * @param communityAfter  the community forecast after it, or null
         */
        void added(DSLContext tx, Integer previous, int probability, long forecastId, Double communityBefore,
                   Double communityAfter);
    }

    /** As {@link #add(WriteBudget, long, long, int, String)}, running {@code hook} (if any) in the same transaction. */
    public void add(WriteBudget budget, long memberId, long itemId, int probability, String rationale, AddHook hook) {
        db.write(budget, c -> add(c.dsl(), memberId, itemId, probability, rationale, hook));
    }

    private LatestForecasts add(DSLContext tx, long memberId, long itemId, int probability, String rationale,
                                AddHook hook) {
        var item = (tx.dialect() == SQLDialect.H2 ? LOCK_ITEM_H2 : LOCK_ITEM).fetchOptional(tx, itemId)
                .orElseThrow(NotFound::new);
        // to the database's precision up front, so the time compared below is the time stored
        OffsetDateTime now = OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MICROS);
        refuseUnlessOpen(ItemKind.of(item.value1()), ItemStatus.of(item.value2()), item.value3(),
                item.value4() != null, now);
        LatestForecasts latest = latest(tx, itemId, item.value6(), item.value7(), item.value5());
        int weight = latest.weight();
        boolean changed = false;
        try {
            changed = change(tx, latest, memberId, itemId, probability, rationale, now, item.value5(), hook);
        } finally {
            if (!changed) {
                // changed in part, or its transaction is rolling back: never used again (read afresh next time)
                latestByItem.asMap().remove(itemId, latest);
            }
        }
        // Kept in memory, tagged with the version this transaction writes (this forecast's id): valid once it has
        // committed, never used should it roll back (no row gets that id again). Put again only when it is new or
        // has grown (the cache weighs entries as they are put): most forecasts leave the cache alone.
        if (latestByItem.getIfPresent(itemId) != latest || latest.weight() != weight) {
            latestByItem.put(itemId, latest);
        }
        return latest;
    }

    /**
     * Stores the forecast and changes {@code latest} to match; true once everything is done. An exception part way
     * leaves {@code latest} neither as it was nor as stored: the caller drops it.
     */
    private static boolean change(DSLContext tx, LatestForecasts latest, long memberId, long itemId, int probability,
                                  String rationale, OffsetDateTime now, Double communityBefore, AddHook hook) {
        int mine = latest.indexOf(memberId);
        Integer previous = mine < 0 ? null : latest.probability(mine);
        String why = rationale == null || rationale.isEmpty() ? null : rationale;
        // The item's row lock serialises forecasts on it, so reading the member's latest and then inserting or
        // updating it cannot race: no upsert needed. Of equal times the later row wins, as in the replay.
        long at = LatestForecasts.micros(now);
        long forecastId;
        Double community;
        if (latest.size() == 0 || at >= latest.micros(latest.size() - 1)) {
            // the newest forecast of all (the usual case): every earlier point stands, and this one follows them. Its
            // row's id is not known yet, but it will be the item's highest (ids only grow, and the row lock orders the
            // item's forecasts), so it goes last, and the community forecast after it is known before its row is
            // stored, with it.
            if (mine >= 0) {
                latest.remove(mine);
            }
            latest.add(memberId, probability, at, Long.MAX_VALUE);
            community = latest.community();
            boolean together = tx.dialect() == SQLDialect.POSTGRES;
            forecastId = (together ? mine < 0 ? FIRST_STORED : NEW_STORED : INSERT)
                    .fetchOptional(tx, itemId, memberId, probability, why, now, community, latest.size())
                    .orElseThrow().value1();
            latest.newestId(forecastId);
            if (latest.inOrder()) {
                if (!together) {
                    if (mine < 0) {
                        FIRST_LATEST.execute(tx, itemId, memberId, probability, now, forecastId);
                    } else {
                        NEW_LATEST.execute(tx, itemId, memberId, probability, now, forecastId);
                    }
                    COMMUNITY.execute(tx, itemId, community, latest.size(), forecastId);
                }
                latest.version(forecastId);
            } else {
                // an id below the newest of the same microsecond after all (a sequence handing out ids out of order):
                // the replay decides, as below
                community = replay(tx, latest, itemId, forecastId);
            }
        } else {
            // stamped before the item's newest forecast (a clock stepped back): it rewrites history, so its row is
            // stored without a point and the item replayed, which sets every point, the latest forecasts and counters
            forecastId = INSERT.fetchOptional(tx, itemId, memberId, probability, why, now, null, null)
                    .orElseThrow().value1();
            community = replay(tx, latest, itemId, forecastId);
        }
        if (hook != null) {
            hook.added(tx, previous, probability, forecastId, communityBefore, community);
        }
        return true;
    }

    /**
     * Replays the item's forecasts, tagging them with the new forecast's id as every forecast does, and makes
     * {@code latest} what it stored; returns the community forecast.
     */
    private static Double replay(DSLContext tx, LatestForecasts latest, long itemId, long forecastId) {
        tx.connection(c -> ForecastReplay.rebuild(c, itemId, forecastId));
        latest.copy(LatestForecasts.load(tx, itemId, forecastId));
        return latest.community();
    }

    /**
     * The item's latest forecasts, under its row lock: the copy kept in memory if it is still the version on the row
     * (no instance has changed them since), brought up to date if another instance has forecast on the item since,
     * else read afresh. The copy is changed in place: only this instance's writer changes copies (one write at a
     * time), and a write that fails part way drops it.
     *
     * <p>Bringing up to date reads only the rows of forecast_latest that point past the version kept: an item's
     * forecasts take growing ids in the order its row lock gives them, and every forecast points its member's row at
     * itself. With two instances taking forecasts on one prediction, reading all of its forecasters again for every
     * write of the other's was most of a forecast's cost (a third of one instance's rate). The result is kept only if
     * the copy's own version was committed (its forecast row exists) and the result agrees with the row's forecaster
     * count and community forecast; otherwise the rows are read afresh.
     */
    private LatestForecasts latest(DSLContext tx, long itemId, long version, int forecasters, Double community) {
        LatestForecasts kept = latestByItem.getIfPresent(itemId);
        if (kept != null && kept.version() == version) {
            return kept;
        }
        if (kept != null && kept.version() < version) {
            var changed = CHANGED_LATEST.fetch(tx, itemId, kept.version());
            // a copy whose forecast was never committed (put back just before a commit that failed) is never caught up
            boolean committed = changed.removeIf(r -> r.value1() == COMMITTED);
            if (committed) {
                kept.catchUp(changed, version);
                if (kept.size() == forecasters && Objects.equals(kept.community(), community)) {
                    caughtUp.increment();
                    return kept;
                }
            }
            latestByItem.asMap().remove(itemId, kept);
        }
        reloads.increment();
        return LatestForecasts.load(tx, itemId, version);
    }

    /** The member of {@link #CHANGED_LATEST}'s row saying that the forecast it started from was stored. */
    private static final long COMMITTED = -1;

    /**
     * The item's rows of forecast_latest written after a forecast (values: item, forecast id), oldest first, and a
     * row for member {@link #COMMITTED} if that forecast was stored. Wrapped in a plain SELECT, as H2 keeps only those
     * parsed for reuse.
     */
    private static final Reusable<Record4<Long, Integer, OffsetDateTime, Long>> CHANGED_LATEST = Reusable.query(2,
            d -> {
                Field<Long> item = Reusable.value(0, FORECAST_LATEST.ITEM_ID);
                Field<Long> after = Reusable.value(1, FORECAST_LATEST.FORECAST_ID);
                var rows = DSL.select(FORECAST_LATEST.MEMBER_ID.as("member_id"),
                                FORECAST_LATEST.PROBABILITY.as("probability"), FORECAST_LATEST.CREATED_AT.as("at"),
                                FORECAST_LATEST.FORECAST_ID.as("forecast_id"))
                        .from(FORECAST_LATEST).where(FORECAST_LATEST.ITEM_ID.eq(item))
                        .and(FORECAST_LATEST.FORECAST_ID.gt(after))
                        .unionAll(DSL.select(DSL.inline(COMMITTED), DSL.inline(0), FORECAST.CREATED_AT, FORECAST.ID)
                                .from(FORECAST).where(FORECAST.ID.eq(after)).and(FORECAST.ITEM_ID.eq(item)))
                        .asTable("changed");
                Field<OffsetDateTime> at = rows.field("at", OffsetDateTime.class);
                Field<Long> id = rows.field("forecast_id", Long.class);
                return d.select(rows.field("member_id", Long.class), rows.field("probability", Integer.class), at, id)
                        .from(rows).orderBy(at, id);
            });

    /** Puts a copy in memory as a transaction would just before committing: for tests of one that then failed. */
    void keep(long itemId, LatestForecasts copy) {
        latestByItem.put(itemId, copy);
    }

    /** The copy of an item's latest forecasts kept in memory, if any: for tests. */
    Optional<LatestForecasts> cached(long itemId) {
        return Optional.ofNullable(latestByItem.getIfPresent(itemId));
    }

    /** How many forecasts read their item's latest forecasts from the database rather than memory. */
    public long reloads() {
        return reloads.sum();
    }

    /** How many forecasts brought the latest forecasts kept in memory up to date with another instance's. */
    public long caughtUp() {
        return caughtUp.sum();
    }

    /** Refuses early, with the same words, what {@link #add} would refuse under the lock. */
    public void checkOpen(Item item) {
        refuseUnlessOpen(item.kind(), item.status(), item.resolveBy(), item.retired(), OffsetDateTime.now(clock));
    }

    static void refuseUnlessOpen(ItemKind kind, ItemStatus status, LocalDate resolveBy, boolean retired,
            OffsetDateTime now) {
        if (kind != ItemKind.PREDICTION) {
            throw new Invalid("Only predictions take forecasts; on a " + kind.label().toLowerCase()
                    + ", say whether you agree instead.");
        }
        if (retired) {
            throw new Conflict("This prediction has been retired, so it no longer takes forecasts.");
        }
        if (status != ItemStatus.OPEN) {
            throw new Conflict("Forecasting on this prediction is over: it has been "
                    + (status == ItemStatus.CLOSED ? "closed" : "resolved") + ". Nothing was saved.");
        }
        if (!now.isBefore(resolveBy.plusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC))) {
            throw new Conflict("Forecasting on this prediction closed at the end of its resolve-by date, "
                    + resolveBy + ". Nothing was saved.");
        }
    }

    /** The newest {@code count} updates on a prediction, newest first. */
    public List<Update> recent(long itemId, int count) {
        return updates().where(FORECAST.ITEM_ID.eq(itemId))
                .orderBy(FORECAST.CREATED_AT.desc(), FORECAST.ID.desc()).limit(count)
                .fetch(ForecastRepository::update);
    }

    /**
     * The newest {@code count} rationales given on a prediction, newest first, as {@link Reason}s: what an unresolved
     * prediction's page shows of individual forecasts.
     */
    public List<Reason> recentReasons(long itemId, int count) {
        return db.dsl().select(FORECAST.RATIONALE, FORECAST.CREATED_AT).from(FORECAST)
                .where(FORECAST.ITEM_ID.eq(itemId)).and(FORECAST.RATIONALE.isNotNull()).and(FORECAST.RATIONALE.ne(""))
                .orderBy(FORECAST.CREATED_AT.desc(), FORECAST.ID.desc()).limit(count)
                .fetch(r -> new Reason(r.value1(), r.value2().withOffsetSameInstant(ZoneOffset.UTC).toLocalDate()));
    }

    /** A member's latest update on a prediction, if they made one. */
    public Optional<Update> latest(long itemId, long memberId) {
        return LATEST.fetchOptional(db.dsl(), itemId, memberId).map(ForecastRepository::update);
    }

    /** A member's latest forecast on an item: every member's view of a prediction reads it. */
    private static final Reusable<Record6<Long, String, OffsetDateTime, Integer, String, OffsetDateTime>> LATEST =
            Reusable.query(2, d -> latest(Reusable.value(0, FORECAST_LATEST.ITEM_ID),
                    Reusable.value(1, FORECAST_LATEST.MEMBER_ID)));

    /**
     * {@code member}'s latest forecast on {@code item} as at most one row of (member, name, deleted at, probability,
     * rationale, time): for pages that read it with other things of the member's in one statement. {@link #update}
     * reads the row.
     */
    public static Select<Record6<Long, String, OffsetDateTime, Integer, String, OffsetDateTime>> latest(
            Field<Long> item, Field<Long> member) {
        return DSL.select(FORECAST.MEMBER_ID, MEMBER.NAME, MEMBER.DELETED_AT, FORECAST.PROBABILITY,
                        FORECAST.RATIONALE, FORECAST.CREATED_AT)
                .from(FORECAST).join(MEMBER).on(MEMBER.ID.eq(FORECAST.MEMBER_ID))
                .join(FORECAST_LATEST).on(FORECAST_LATEST.FORECAST_ID.eq(FORECAST.ID))
                .where(FORECAST_LATEST.ITEM_ID.eq(item)).and(FORECAST_LATEST.MEMBER_ID.eq(member));
    }

    /** A row of {@link #latest(Field, Field)} as an update; empty for a row of nulls (an outer join that found none). */
    public static Optional<Update> update(Long memberId, String name, OffsetDateTime deletedAt, Integer probability,
                                          String rationale, OffsetDateTime at) {
        return memberId == null ? Optional.empty()
                : Optional.of(new Update(memberId, deletedAt != null ? "[deleted member]" : name, probability,
                        rationale, at));
    }

    private SelectJoinStep<Record6<Long, String, OffsetDateTime, Integer, String, OffsetDateTime>> updates() {
        return db.dsl().select(FORECAST.MEMBER_ID, MEMBER.NAME, MEMBER.DELETED_AT, FORECAST.PROBABILITY,
                        FORECAST.RATIONALE, FORECAST.CREATED_AT)
                .from(FORECAST).join(MEMBER).on(MEMBER.ID.eq(FORECAST.MEMBER_ID));
    }

    private static Update update(Record6<Long, String, OffsetDateTime, Integer, String, OffsetDateTime> r) {
        return update(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(), r.value6()).orElseThrow();
    }

    /** How many forecasters' latest forecast is each probability: index p holds the count for p %. */
    public int[] distribution(long itemId) {
        int[] counts = new int[Forecast.MAX_PROBABILITY + 1];
        db.dsl().select(FORECAST_LATEST.PROBABILITY, DSL.count()).from(FORECAST_LATEST)
                .where(FORECAST_LATEST.ITEM_ID.eq(itemId))
                .groupBy(FORECAST_LATEST.PROBABILITY)
                .forEach(r -> counts[r.value1()] = r.value2());
        return counts;
    }

    /** The stored community forecast after every update, oldest first (of equal times, in the order stored). */
    public List<CommunityPoint> points(long itemId) {
        return points(db.dsl(), itemId);
    }

    /** As {@link #points(long)}, in a transaction. */
    public static List<CommunityPoint> points(DSLContext d, long itemId) {
        // every committed forecast has its point (a forecast stamped before the newest gets it from the replay in its
        // own transaction); rows without one, as only rows inserted by hand would be, have no place on the chart
        return d.select(FORECAST.CREATED_AT, FORECAST.COMMUNITY, FORECAST.FORECASTERS).from(FORECAST)
                .where(FORECAST.ITEM_ID.eq(itemId)).and(FORECAST.COMMUNITY.isNotNull())
                .orderBy(FORECAST.CREATED_AT, FORECAST.ID)
                .fetch(r -> new CommunityPoint(r.value1().toInstant(), r.value2(), r.value3()));
    }

    /** The forecasts on a prediction as the pure logic takes them, oldest first. */
    static List<Forecast> forecasts(DSLContext d, long itemId) {
        return d.select(FORECAST.MEMBER_ID, FORECAST.CREATED_AT, FORECAST.PROBABILITY).from(FORECAST)
                .where(FORECAST.ITEM_ID.eq(itemId))
                .orderBy(FORECAST.CREATED_AT, FORECAST.ID)
                .fetch(r -> new Forecast(r.value1(), r.value2().toInstant(), r.value3()));
    }

    /**
     * A member's forecasting, one entry per prediction in the article's order: one query. Only resolved predictions
     * unless {@code withUnresolved}: a forecast on an open or closed prediction is the member's own until it resolves.
     */
    public List<MemberForecast> memberForecasts(long memberId, boolean withUnresolved) {
        Map<Long, MemberForecast> byItem = new LinkedHashMap<>();
        db.dsl().select(ITEM.ID, ITEM.STATEMENT, ITEM.STATUS, FORECAST.PROBABILITY, FORECAST.CREATED_AT,
                        ITEM.COMMUNITY_FORECAST, FORECAST.RATIONALE)
                .from(FORECAST).join(ITEM).on(ITEM.ID.eq(FORECAST.ITEM_ID))
                .where(FORECAST.MEMBER_ID.eq(memberId)).and(ITEM.RETIRED_AT.isNull())
                .and(withUnresolved ? DSL.noCondition() : ITEM.STATUS.in(ItemStatus.codes(ItemStatus.RESOLVED)))
                .orderBy(ITEM.POSITION, ITEM.ID, FORECAST.CREATED_AT, FORECAST.ID)
                .forEach(r -> {
                    MemberForecast before = byItem.get(r.value1());
                    byItem.put(r.value1(), new MemberForecast(r.value1(), r.value2(), r.value3(), r.value4(),
                            r.value7() == null || r.value7().isEmpty() ? null : r.value7(),
                            before == null ? 1 : before.updates() + 1, r.value5(), r.value6()));
                });
        return new ArrayList<>(byItem.values());
    }
}
