package crux.forecasts;

import static crux.db.generated.Tables.FORECAST;
import static crux.db.generated.Tables.ITEM;
import static crux.db.generated.Tables.MEMBER;

import crux.article.ItemKind;
import crux.db.Database;
import crux.web.HttpError;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.jooq.DSLContext;

/**
 * Forecast updates, and the community forecast kept on the item. Adding a forecast locks the item row: the
 * status and close date are checked under that lock (so no forecast lands after a resolution), and the
 * community forecast stored beside the item is recomputed from the rows the same transaction sees.
 */
public final class ForecastRepository {

    /** One forecast update, with who made it (their name as shown). */
    public record Update(long memberId, String member, int probability, String rationale, OffsetDateTime at) {
        public Forecast forecast() {
            return new Forecast(memberId, at.toInstant(), probability);
        }
    }

    /** A member's forecasting on one prediction: their latest, how many updates, and where it stands. */
    public record MemberForecast(long itemId, String statement, String status, int latest, int updates,
                                 OffsetDateTime at, Double community) {
    }

    private final Database db;
    private final Clock clock;

    public ForecastRepository(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /**
     * Stores a forecast update and the new community forecast; refuses (storing nothing) when the item takes no
     * forecasts: not a prediction, retired, no longer open, or past its resolve-by date.
     */
    public void add(long memberId, long itemId, int probability, String rationale) {
        add(memberId, itemId, probability, rationale, null);
    }

    /** Runs inside the transaction that stored a forecast. */
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

    /** As {@link #add(long, long, int, String)}, running {@code hook} (if any) in the same transaction. */
    public void add(long memberId, long itemId, int probability, String rationale, AddHook hook) {
        db.run(tx -> {
            var item = tx.select(ITEM.KIND, ITEM.STATUS, ITEM.RESOLVE_BY, ITEM.RETIRED_AT, ITEM.COMMUNITY_FORECAST).from(ITEM)
                    .where(ITEM.ID.eq(itemId)).forUpdate().fetchOptional()
                    .orElseThrow(HttpError::notFound);
            OffsetDateTime now = OffsetDateTime.now(clock);
            refuseUnlessOpen(ItemKind.of(item.value1()), item.value2(), item.value3(), item.value4() != null, now);
            Integer previous = hook == null ? null : tx.select(FORECAST.PROBABILITY).from(FORECAST)
                    .where(FORECAST.ITEM_ID.eq(itemId)).and(FORECAST.MEMBER_ID.eq(memberId))
                    .orderBy(FORECAST.CREATED_AT.desc(), FORECAST.ID.desc()).limit(1)
                    .fetchOptional(r -> r.value1()).orElse(null);
            long forecastId = tx.insertInto(FORECAST)
                    .set(FORECAST.ITEM_ID, itemId).set(FORECAST.MEMBER_ID, memberId)
                    .set(FORECAST.PROBABILITY, probability)
                    .set(FORECAST.RATIONALE, rationale == null || rationale.isEmpty() ? null : rationale)
                    .set(FORECAST.CREATED_AT, now)
                    .returningResult(FORECAST.ID)
                    .fetchOne().value1();
            List<Forecast> latest = CommunityForecast.latest(forecasts(tx, itemId));
            OptionalDouble community = CommunityForecast.of(latest);
            tx.update(ITEM)
                    .set(ITEM.COMMUNITY_FORECAST, community.isPresent() ? community.getAsDouble() : null)
                    .set(ITEM.FORECASTER_COUNT, latest.size())
                    .where(ITEM.ID.eq(itemId)).execute();
            if (hook != null) {
                hook.added(tx, previous, probability, forecastId, item.value5(),
                        community.isPresent() ? community.getAsDouble() : null);
            }
        });
    }

    /** Refuses early, with the same words, what {@link #add} would refuse under the lock. */
    public void checkOpen(crux.article.Item item) {
        refuseUnlessOpen(item.kind(), item.status(), item.resolveBy(), item.retired(), OffsetDateTime.now(clock));
    }

    static void refuseUnlessOpen(ItemKind kind, String status, LocalDate resolveBy, boolean retired, OffsetDateTime now) {
        if (kind != ItemKind.PREDICTION) {
            throw new HttpError(422, "Only predictions take forecasts; on a " + kind.label().toLowerCase()
                    + ", say whether you agree instead.");
        }
        if (retired) {
            throw HttpError.conflict("This prediction has been retired, so it no longer takes forecasts.");
        }
        if (!"open".equals(status)) {
            throw HttpError.conflict("Forecasting on this prediction is over: it has been "
                    + (status.equals("closed") ? "closed" : "resolved") + ". Nothing was saved.");
        }
        if (!now.isBefore(resolveBy.plusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC))) {
            throw HttpError.conflict("Forecasting on this prediction closed at the end of its resolve-by date, "
                    + resolveBy + ". Nothing was saved.");
        }
    }

    /** Every update on a prediction, oldest first (ties in the order they were stored). */
    public List<Update> updates(long itemId) {
        return db.dsl().select(FORECAST.MEMBER_ID, MEMBER.NAME, MEMBER.DELETED_AT, FORECAST.PROBABILITY,
                        FORECAST.RATIONALE, FORECAST.CREATED_AT)
                .from(FORECAST).join(MEMBER).on(MEMBER.ID.eq(FORECAST.MEMBER_ID))
                .where(FORECAST.ITEM_ID.eq(itemId))
                .orderBy(FORECAST.CREATED_AT, FORECAST.ID)
                .fetch(r -> new Update(r.value1(), r.value3() != null ? "[deleted member]" : r.value2(), r.value4(),
                        r.value5(), r.value6()));
    }

    /** The forecasts on a prediction as the pure logic takes them, oldest first. */
    static List<Forecast> forecasts(DSLContext d, long itemId) {
        return d.select(FORECAST.MEMBER_ID, FORECAST.CREATED_AT, FORECAST.PROBABILITY).from(FORECAST)
                .where(FORECAST.ITEM_ID.eq(itemId))
                .orderBy(FORECAST.CREATED_AT, FORECAST.ID)
                .fetch(r -> new Forecast(r.value1(), r.value2().toInstant(), r.value3()));
    }

    /** A member's forecasting, one entry per prediction in the article's order: one query. */
    public List<MemberForecast> memberForecasts(long memberId) {
        Map<Long, MemberForecast> byItem = new LinkedHashMap<>();
        db.dsl().select(ITEM.ID, ITEM.STATEMENT, ITEM.STATUS, FORECAST.PROBABILITY, FORECAST.CREATED_AT,
                        ITEM.COMMUNITY_FORECAST)
                .from(FORECAST).join(ITEM).on(ITEM.ID.eq(FORECAST.ITEM_ID))
                .where(FORECAST.MEMBER_ID.eq(memberId)).and(ITEM.RETIRED_AT.isNull())
                .orderBy(ITEM.POSITION, ITEM.ID, FORECAST.CREATED_AT, FORECAST.ID)
                .forEach(r -> {
                    MemberForecast before = byItem.get(r.value1());
                    byItem.put(r.value1(), new MemberForecast(r.value1(), r.value2(), r.value3(), r.value4(),
                            before == null ? 1 : before.updates() + 1, r.value5(), r.value6()));
                });
        return new ArrayList<>(byItem.values());
    }
}
