package crux.stances;

import static crux.db.generated.Tables.CAMP;
import static crux.db.generated.Tables.CAMP_BIN;
import static crux.db.generated.Tables.CAMP_ITEM;
import static crux.db.generated.Tables.CAMP_ITEM_CAMP;
import static crux.db.generated.Tables.FORECAST_LATEST;
import static crux.db.generated.Tables.CAMP_RUN;
import static crux.db.generated.Tables.ITEM;
import static crux.db.generated.Tables.ITEM_STANCE;
import static crux.db.generated.Tables.MEMBER_CAMP;

import crux.db.Database;
import crux.forecasts.Forecast;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * The stored camps, one set per article: who is in which, what each camp is like, and per-camp tallies read with
 * the stances. A member is in at most one camp of each article.
 */
public final class CampRepository {

    /**
     * One camp as pages show it: number (0 = the largest), label (its letter and colour, kept across reruns by
     * {@link CampLabels}), size and description.
     */
    public record CampInfo(int id, int label, int members, String description) {
        /** "Camp A", "Camp B"…: the letter stays with the camp's members from one run to the next. */
        public String name() {
            return "Camp " + CampLabels.letter(label);
        }

        /** The CSS class of the camp's colour. */
        public String colour() {
            return "camp-colour-" + label;
        }
    }

    /** An article's stored map with when it was computed. */
    public record StoredMap(OffsetDateTime computedAt, OpinionMap map) {
    }

    /** A member's place on an article's map: their camp and point. */
    public record Position(int camp, double x, double y) {
    }

    /**
     * What an article's stances (and latest forecasts) looked like at a moment: any insert, change or withdrawal moves
     * one of the two.
     */
    public record Snapshot(int stances, OffsetDateTime changedAt) {
        /** An article nobody has voted on. */
        public static final Snapshot NONE = new Snapshot(0, null);
    }

    private final Database db;

    public CampRepository(Database db) {
        this.db = db;
    }

    /**
     * Every article's stances and latest forecasts as they are now, by article id (absent: neither yet): two queries.
     * Forecasts count too because the map stores each camp's community forecast: a new forecast must reach it. The
     * count is of stances and latest forecasts together; the time is the later of the two kinds' last changes.
     */
    public Map<Long, Snapshot> snapshots() {
        Map<Long, Snapshot> out = new HashMap<>();
        db.dsl().select(ITEM.ARTICLE_ID, DSL.count(), DSL.max(ITEM_STANCE.UPDATED_AT))
                .from(ITEM_STANCE).join(ITEM).on(ITEM.ID.eq(ITEM_STANCE.ITEM_ID))
                .groupBy(ITEM.ARTICLE_ID)
                .forEach(r -> out.put(r.value1(), new Snapshot(r.value2(), r.value3())));
        db.dsl().select(ITEM.ARTICLE_ID, DSL.count(), DSL.max(FORECAST_LATEST.CREATED_AT))
                .from(FORECAST_LATEST).join(ITEM).on(ITEM.ID.eq(FORECAST_LATEST.ITEM_ID))
                .groupBy(ITEM.ARTICLE_ID)
                .forEach(r -> out.merge(r.value1(), new Snapshot(r.value2(), r.value3()), (a, b) -> new Snapshot(
                        a.stances() + b.stances(), a.changedAt() == null || b.changedAt() != null
                        && b.changedAt().isAfter(a.changedAt()) ? b.changedAt() : a.changedAt())));
        return out;
    }

    /** The snapshot each article's last run computed from, by article id; absent before its first run. */
    public Map<Long, Snapshot> lastRuns() {
        Map<Long, Snapshot> out = new HashMap<>();
        db.dsl().select(CAMP_RUN.ARTICLE_ID, CAMP_RUN.STANCES, CAMP_RUN.STANCES_CHANGED_AT).from(CAMP_RUN)
                .forEach(r -> out.put(r.value1(), new Snapshot(r.value2(), r.value3())));
        return out;
    }

    /** Replaces one article's camps (none, when there is not enough data) in one transaction, without a map. */
    public void store(long articleId, Optional<Camps> camps, Map<Integer, String> descriptions, Snapshot seen,
                      OffsetDateTime now) {
        store(articleId, camps.map(c -> new Computed(c, descriptions, null, Map.of())), seen, now);
    }

    /**
     * A run's result for one article: the camps, their descriptions by camp id, the map (null: none) and each
     * member's point ({x, y}) by member id.
     */
    record Computed(Camps camps, Map<Integer, String> descriptions, OpinionMap map, Map<Long, double[]> points) {
    }

    /** Replaces one article's camps and map (none, when there is not enough data) in one transaction. */
    void store(long articleId, Optional<Computed> computed, Snapshot seen, OffsetDateTime now) {
        db.run(tx -> {
            tx.deleteFrom(CAMP_ITEM_CAMP).where(CAMP_ITEM_CAMP.ARTICLE_ID.eq(articleId)).execute();
            tx.deleteFrom(CAMP_ITEM).where(CAMP_ITEM.ARTICLE_ID.eq(articleId)).execute();
            tx.deleteFrom(CAMP_BIN).where(CAMP_BIN.ARTICLE_ID.eq(articleId)).execute();
            tx.deleteFrom(MEMBER_CAMP).where(MEMBER_CAMP.ARTICLE_ID.eq(articleId)).execute();
            tx.deleteFrom(CAMP).where(CAMP.ARTICLE_ID.eq(articleId)).execute();
            tx.deleteFrom(CAMP_RUN).where(CAMP_RUN.ARTICLE_ID.eq(articleId)).execute();
            OpinionMap map = computed.map(Computed::map).orElse(null);
            if (computed.isPresent()) {
                Camps c = computed.get().camps();
                var insertCamps = tx.insertInto(CAMP, CAMP.ARTICLE_ID, CAMP.ID, CAMP.MEMBERS, CAMP.DESCRIPTION,
                        CAMP.COMPUTED_AT, CAMP.LABEL, CAMP.OUTLINE, CAMP.CENTRE_X, CAMP.CENTRE_Y);
                for (int g = 0; g < c.k(); g++) {
                    OpinionMap.CampShape shape = map == null ? null : map.camps().get(g);
                    insertCamps = insertCamps.values(articleId, g, c.members(g).size(),
                            computed.get().descriptions().getOrDefault(g, ""), now, shape == null ? g : shape.label(),
                            shape == null ? "" : outline(shape.outline()), shape == null ? 0 : shape.centreX(),
                            shape == null ? 0 : shape.centreY());
                }
                insertCamps.execute();
                Map<Long, double[]> points = computed.get().points();
                var members = tx.insertInto(MEMBER_CAMP, MEMBER_CAMP.ARTICLE_ID, MEMBER_CAMP.MEMBER_ID,
                        MEMBER_CAMP.CAMP_ID, MEMBER_CAMP.COMPUTED_AT, MEMBER_CAMP.X, MEMBER_CAMP.Y);
                for (Map.Entry<Long, Integer> e : c.campOf().entrySet()) {
                    double[] p = points.getOrDefault(e.getKey(), new double[2]);
                    members = members.values(articleId, e.getKey(), e.getValue(), now, p[0], p[1]);
                }
                members.execute();
            }
            if (map != null) {
                storeMap(tx, articleId, map);
            }
            tx.insertInto(CAMP_RUN).set(CAMP_RUN.ARTICLE_ID, articleId).set(CAMP_RUN.COMPUTED_AT, now)
                    .set(CAMP_RUN.STANCES, seen.stances()).set(CAMP_RUN.STANCES_CHANGED_AT, seen.changedAt())
                    .set(CAMP_RUN.HEX_SIZE, map == null ? null : map.hexSize())
                    .set(CAMP_RUN.PLACED, map == null ? 0 : map.placed())
                    .set(CAMP_RUN.HIDDEN, map == null ? 0 : map.hidden()).execute();
        });
    }

    private static void storeMap(DSLContext tx, long articleId, OpinionMap map) {
        if (!map.bins().isEmpty()) {
            var bins = tx.insertInto(CAMP_BIN, CAMP_BIN.ARTICLE_ID, CAMP_BIN.Q, CAMP_BIN.R, CAMP_BIN.MEMBERS,
                    CAMP_BIN.CAMP_ID);
            for (OpinionMap.Bin b : map.bins()) {
                bins = bins.values(articleId, b.q(), b.r(), b.members(), b.camp());
            }
            bins.execute();
        }
        if (map.items().isEmpty()) {
            return;
        }
        var items = tx.insertInto(CAMP_ITEM, CAMP_ITEM.ARTICLE_ID, CAMP_ITEM.ITEM_ID, CAMP_ITEM.LOADING_X,
                CAMP_ITEM.LOADING_Y, CAMP_ITEM.MEAN_VOTE, CAMP_ITEM.DIVISIVENESS);
        var perCamp = tx.insertInto(CAMP_ITEM_CAMP, CAMP_ITEM_CAMP.ARTICLE_ID, CAMP_ITEM_CAMP.ITEM_ID,
                CAMP_ITEM_CAMP.CAMP_ID, CAMP_ITEM_CAMP.AGREE, CAMP_ITEM_CAMP.DISAGREE, CAMP_ITEM_CAMP.VOTING,
                CAMP_ITEM_CAMP.FORECAST, CAMP_ITEM_CAMP.FORECASTERS);
        for (OpinionMap.ItemStat i : map.items()) {
            items = items.values(articleId, i.itemId(), i.loadingX(), i.loadingY(), i.mean(), i.divisiveness());
            for (OpinionMap.CampItem c : i.camps()) {
                perCamp = perCamp.values(articleId, i.itemId(), c.camp(), c.agree(), c.disagree(), c.voting(),
                        c.forecast(), c.forecasters());
            }
        }
        items.execute();
        perCamp.execute();
    }

    /** An outline as stored: "x,y x,y …". */
    static String outline(List<double[]> points) {
        StringBuilder out = new StringBuilder();
        for (double[] p : points) {
            out.append(out.isEmpty() ? "" : " ").append(String.format(Locale.ROOT, "%.5f,%.5f", p[0], p[1]));
        }
        return out.toString();
    }

    /** A stored outline read back. */
    static List<double[]> outline(String stored) {
        List<double[]> out = new ArrayList<>();
        if (stored == null || stored.isBlank()) {
            return out;
        }
        for (String pair : stored.trim().split(" ")) {
            int comma = pair.indexOf(',');
            out.add(new double[] {Double.parseDouble(pair.substring(0, comma)),
                    Double.parseDouble(pair.substring(comma + 1))});
        }
        return out;
    }

    /**
     * An article's stored map (empty before there are camps): five queries, however many members and items. Items are
     * those active when the map was computed.
     */
    public Optional<StoredMap> map(long articleId) {
        var run = db.dsl().select(CAMP_RUN.COMPUTED_AT, CAMP_RUN.HEX_SIZE, CAMP_RUN.PLACED, CAMP_RUN.HIDDEN)
                .from(CAMP_RUN).where(CAMP_RUN.ARTICLE_ID.eq(articleId)).fetchOptional().orElse(null);
        if (run == null || run.value2() == null) {
            return Optional.empty();
        }
        List<OpinionMap.CampShape> shapes = db.dsl().select(CAMP.ID, CAMP.LABEL, CAMP.OUTLINE, CAMP.CENTRE_X,
                        CAMP.CENTRE_Y).from(CAMP).where(CAMP.ARTICLE_ID.eq(articleId)).orderBy(CAMP.ID)
                .fetch(r -> new OpinionMap.CampShape(r.value1(), r.value2(), outline(r.value3()), r.value4(),
                        r.value5()));
        List<OpinionMap.Bin> bins = db.dsl().select(CAMP_BIN.Q, CAMP_BIN.R, CAMP_BIN.MEMBERS, CAMP_BIN.CAMP_ID)
                .from(CAMP_BIN).where(CAMP_BIN.ARTICLE_ID.eq(articleId)).orderBy(CAMP_BIN.R, CAMP_BIN.Q)
                .fetch(r -> new OpinionMap.Bin(r.value1(), r.value2(), r.value3(), r.value4()));
        Map<Long, List<OpinionMap.CampItem>> perCamp = new HashMap<>();
        db.dsl().select(CAMP_ITEM_CAMP.ITEM_ID, CAMP_ITEM_CAMP.CAMP_ID, CAMP_ITEM_CAMP.AGREE, CAMP_ITEM_CAMP.DISAGREE,
                        CAMP_ITEM_CAMP.VOTING, CAMP_ITEM_CAMP.FORECAST, CAMP_ITEM_CAMP.FORECASTERS)
                .from(CAMP_ITEM_CAMP).where(CAMP_ITEM_CAMP.ARTICLE_ID.eq(articleId))
                .orderBy(CAMP_ITEM_CAMP.ITEM_ID, CAMP_ITEM_CAMP.CAMP_ID)
                .forEach(r -> perCamp.computeIfAbsent(r.value1(), i -> new ArrayList<>()).add(new OpinionMap.CampItem(
                        r.value2(), r.value3(), r.value4(), r.value5(), r.value6(), r.value7())));
        List<OpinionMap.ItemStat> items = db.dsl().select(CAMP_ITEM.ITEM_ID, CAMP_ITEM.LOADING_X, CAMP_ITEM.LOADING_Y,
                        CAMP_ITEM.MEAN_VOTE, CAMP_ITEM.DIVISIVENESS).from(CAMP_ITEM)
                .where(CAMP_ITEM.ARTICLE_ID.eq(articleId)).orderBy(CAMP_ITEM.ITEM_ID)
                .fetch(r -> new OpinionMap.ItemStat(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(),
                        perCamp.getOrDefault(r.value1(), List.of())));
        return Optional.of(new StoredMap(run.value1(), new OpinionMap(run.value2(), run.value3(), run.value4(), bins,
                shapes, items)));
    }

    /** The member's camp and point on an article's map, if they are placed. */
    public Optional<Position> position(long articleId, long memberId) {
        return db.dsl().select(MEMBER_CAMP.CAMP_ID, MEMBER_CAMP.X, MEMBER_CAMP.Y).from(MEMBER_CAMP)
                .where(MEMBER_CAMP.ARTICLE_ID.eq(articleId)).and(MEMBER_CAMP.MEMBER_ID.eq(memberId))
                .fetchOptional(r -> new Position(r.value1(), r.value2(), r.value3()));
    }

    /** One item's stored stats (per-camp stances and forecasts, divisiveness), if the last run covered it. */
    public Optional<OpinionMap.ItemStat> itemStat(long itemId) {
        List<org.jooq.Record> rows = List.copyOf(db.dsl().select(CAMP_ITEM.LOADING_X, CAMP_ITEM.LOADING_Y,
                        CAMP_ITEM.MEAN_VOTE, CAMP_ITEM.DIVISIVENESS, CAMP_ITEM_CAMP.CAMP_ID, CAMP_ITEM_CAMP.AGREE,
                        CAMP_ITEM_CAMP.DISAGREE, CAMP_ITEM_CAMP.VOTING, CAMP_ITEM_CAMP.FORECAST,
                        CAMP_ITEM_CAMP.FORECASTERS)
                .from(CAMP_ITEM).leftJoin(CAMP_ITEM_CAMP).on(CAMP_ITEM_CAMP.ITEM_ID.eq(CAMP_ITEM.ITEM_ID)
                        .and(CAMP_ITEM_CAMP.ARTICLE_ID.eq(CAMP_ITEM.ARTICLE_ID)))
                .where(CAMP_ITEM.ITEM_ID.eq(itemId)).orderBy(CAMP_ITEM_CAMP.CAMP_ID).fetch());
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        List<OpinionMap.CampItem> camps = new ArrayList<>();
        for (org.jooq.Record r : rows) {
            if (r.get(CAMP_ITEM_CAMP.CAMP_ID) != null) {
                camps.add(new OpinionMap.CampItem(r.get(CAMP_ITEM_CAMP.CAMP_ID), r.get(CAMP_ITEM_CAMP.AGREE),
                        r.get(CAMP_ITEM_CAMP.DISAGREE), r.get(CAMP_ITEM_CAMP.VOTING), r.get(CAMP_ITEM_CAMP.FORECAST),
                        r.get(CAMP_ITEM_CAMP.FORECASTERS)));
            }
        }
        org.jooq.Record first = rows.get(0);
        return Optional.of(new OpinionMap.ItemStat(itemId, first.get(CAMP_ITEM.LOADING_X),
                first.get(CAMP_ITEM.LOADING_Y), first.get(CAMP_ITEM.MEAN_VOTE), first.get(CAMP_ITEM.DIVISIVENESS),
                camps));
    }

    /** Each placed member's camp label in an article's last run, by member id: what the next run's labels follow. */
    Map<Long, Integer> labels(long articleId) {
        Map<Long, Integer> out = new HashMap<>();
        db.dsl().select(MEMBER_CAMP.MEMBER_ID, CAMP.LABEL).from(MEMBER_CAMP).join(CAMP)
                .on(CAMP.ARTICLE_ID.eq(MEMBER_CAMP.ARTICLE_ID).and(CAMP.ID.eq(MEMBER_CAMP.CAMP_ID)))
                .where(MEMBER_CAMP.ARTICLE_ID.eq(articleId))
                .forEach(r -> out.put(r.value1(), r.value2()));
        return out;
    }

    /** Every member's latest forecast on each of an article's items, oldest first, by item id: one query. */
    Map<Long, List<Forecast>> latestForecasts(long articleId) {
        Map<Long, List<Forecast>> out = new HashMap<>();
        db.dsl().select(FORECAST_LATEST.ITEM_ID, FORECAST_LATEST.MEMBER_ID, FORECAST_LATEST.CREATED_AT,
                        FORECAST_LATEST.PROBABILITY)
                .from(FORECAST_LATEST).join(ITEM).on(ITEM.ID.eq(FORECAST_LATEST.ITEM_ID))
                .where(ITEM.ARTICLE_ID.eq(articleId)).and(ITEM.RETIRED_AT.isNull())
                .orderBy(FORECAST_LATEST.CREATED_AT, FORECAST_LATEST.FORECAST_ID)
                .forEach(r -> out.computeIfAbsent(r.value1(), i -> new ArrayList<>())
                        .add(new Forecast(r.value2(), r.value3().toInstant(), r.value4())));
        return out;
    }

    /** An article's camps, largest first; empty when there are none (not enough data yet). */
    public List<CampInfo> camps(long articleId) {
        return db.dsl().select(CAMP.ID, CAMP.MEMBERS, CAMP.DESCRIPTION, CAMP.LABEL).from(CAMP)
                .where(CAMP.ARTICLE_ID.eq(articleId)).orderBy(CAMP.ID)
                .fetch(r -> new CampInfo(r.value1(), r.value4(), r.value2(), r.value3()));
    }

    /** The member's camp among an article's, if they are in one. */
    public Optional<Integer> campOf(long articleId, long memberId) {
        return db.dsl().select(MEMBER_CAMP.CAMP_ID).from(MEMBER_CAMP)
                .where(MEMBER_CAMP.ARTICLE_ID.eq(articleId)).and(MEMBER_CAMP.MEMBER_ID.eq(memberId))
                .fetchOptional(r -> r.value1());
    }

    /** Per camp of the item's article, how many of its members voted on the item and how many agree. */
    public Map<Integer, Consensus.CampTally> tallies(long articleId, long itemId) {
        Map<Integer, Consensus.CampTally> out = new HashMap<>();
        db.dsl().select(MEMBER_CAMP.CAMP_ID, DSL.count(), DSL.count().filterWhere(ITEM_STANCE.STANCE.eq("agree")))
                .from(ITEM_STANCE).join(MEMBER_CAMP).on(MEMBER_CAMP.MEMBER_ID.eq(ITEM_STANCE.MEMBER_ID)
                        .and(MEMBER_CAMP.ARTICLE_ID.eq(articleId)))
                .where(ITEM_STANCE.ITEM_ID.eq(itemId))
                .groupBy(MEMBER_CAMP.CAMP_ID)
                .forEach(r -> out.put(r.value1(), new Consensus.CampTally(r.value3(), r.value2())));
        return out;
    }

    /** Per item of the article still in use, per camp of the article: the same, for every item in one query. */
    public Map<Long, Map<Integer, Consensus.CampTally>> allTallies(long articleId) {
        Map<Long, Map<Integer, Consensus.CampTally>> out = new HashMap<>();
        db.dsl().select(ITEM_STANCE.ITEM_ID, MEMBER_CAMP.CAMP_ID, DSL.count(),
                        DSL.count().filterWhere(ITEM_STANCE.STANCE.eq("agree")))
                .from(ITEM_STANCE).join(ITEM).on(ITEM.ID.eq(ITEM_STANCE.ITEM_ID))
                .join(MEMBER_CAMP).on(MEMBER_CAMP.MEMBER_ID.eq(ITEM_STANCE.MEMBER_ID)
                        .and(MEMBER_CAMP.ARTICLE_ID.eq(ITEM.ARTICLE_ID)))
                .where(ITEM.RETIRED_AT.isNull()).and(ITEM.ARTICLE_ID.eq(articleId))
                .groupBy(ITEM_STANCE.ITEM_ID, MEMBER_CAMP.CAMP_ID)
                .forEach(r -> out.computeIfAbsent(r.value1(), i -> new HashMap<>())
                        .put(r.value2(), new Consensus.CampTally(r.value4(), r.value3())));
        return out;
    }

    /** When an article's camps were last computed; empty before the first run. */
    public Optional<OffsetDateTime> computedAt(long articleId) {
        return db.dsl().select(CAMP_RUN.COMPUTED_AT).from(CAMP_RUN).where(CAMP_RUN.ARTICLE_ID.eq(articleId))
                .fetchOptional(r -> r.value1());
    }
}
