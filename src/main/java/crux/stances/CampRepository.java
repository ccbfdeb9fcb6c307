package crux.stances;

import static crux.db.generated.Tables.CAMP;
import static crux.db.generated.Tables.CAMP_RUN;
import static crux.db.generated.Tables.ITEM;
import static crux.db.generated.Tables.ITEM_STANCE;
import static crux.db.generated.Tables.MEMBER_CAMP;

import crux.db.Database;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.InsertValuesStep4;
import org.jooq.impl.DSL;

/**
 * The stored camps, one set per article: who is in which, what each camp is like, and per-camp tallies read with
 * the stances. A member is in at most one camp of each article.
 */
public final class CampRepository {

    /** One camp as pages show it: number (0 = the largest), size and description. */
    public record CampInfo(int id, int members, String description) {
        /** Camps are lettered A, B, C… in order of size. */
        public String name() {
            return "Camp " + (char) ('A' + id);
        }
    }

    /** What an article's stances looked like at a moment: any insert, change or withdrawal moves one of the two. */
    public record Snapshot(int stances, OffsetDateTime changedAt) {
        /** An article nobody has voted on. */
        public static final Snapshot NONE = new Snapshot(0, null);
    }

    private final Database db;

    public CampRepository(Database db) {
        this.db = db;
    }

    /** Every article's stances as they are now, by article id (absent: no stance yet): one query. */
    public Map<Long, Snapshot> snapshots() {
        Map<Long, Snapshot> out = new HashMap<>();
        db.dsl().select(ITEM.ARTICLE_ID, DSL.count(), DSL.max(ITEM_STANCE.UPDATED_AT))
                .from(ITEM_STANCE).join(ITEM).on(ITEM.ID.eq(ITEM_STANCE.ITEM_ID))
                .groupBy(ITEM.ARTICLE_ID)
                .forEach(r -> out.put(r.value1(), new Snapshot(r.value2(), r.value3())));
        return out;
    }

    /** The snapshot each article's last run computed from, by article id; absent before its first run. */
    public Map<Long, Snapshot> lastRuns() {
        Map<Long, Snapshot> out = new HashMap<>();
        db.dsl().select(CAMP_RUN.ARTICLE_ID, CAMP_RUN.STANCES, CAMP_RUN.STANCES_CHANGED_AT).from(CAMP_RUN)
                .forEach(r -> out.put(r.value1(), new Snapshot(r.value2(), r.value3())));
        return out;
    }

    /** Replaces one article's camps (none, when there is not enough data) in one transaction. */
    public void store(long articleId, Optional<Camps> camps, Map<Integer, String> descriptions, Snapshot seen,
                      OffsetDateTime now) {
        db.run(tx -> {
            tx.deleteFrom(MEMBER_CAMP).where(MEMBER_CAMP.ARTICLE_ID.eq(articleId)).execute();
            tx.deleteFrom(CAMP).where(CAMP.ARTICLE_ID.eq(articleId)).execute();
            tx.deleteFrom(CAMP_RUN).where(CAMP_RUN.ARTICLE_ID.eq(articleId)).execute();
            if (camps.isPresent()) {
                Camps c = camps.get();
                var insertCamps = tx.insertInto(CAMP, CAMP.ARTICLE_ID, CAMP.ID, CAMP.MEMBERS, CAMP.DESCRIPTION,
                        CAMP.COMPUTED_AT);
                for (int g = 0; g < c.k(); g++) {
                    insertCamps = insertCamps.values(articleId, g, c.members(g).size(),
                            descriptions.getOrDefault(g, ""), now);
                }
                insertCamps.execute();
                InsertValuesStep4<?, Long, Long, Integer, OffsetDateTime> members = tx.insertInto(MEMBER_CAMP,
                        MEMBER_CAMP.ARTICLE_ID, MEMBER_CAMP.MEMBER_ID, MEMBER_CAMP.CAMP_ID, MEMBER_CAMP.COMPUTED_AT);
                for (Map.Entry<Long, Integer> e : c.campOf().entrySet()) {
                    members = members.values(articleId, e.getKey(), e.getValue(), now);
                }
                members.execute();
            }
            tx.insertInto(CAMP_RUN).set(CAMP_RUN.ARTICLE_ID, articleId).set(CAMP_RUN.COMPUTED_AT, now)
                    .set(CAMP_RUN.STANCES, seen.stances()).set(CAMP_RUN.STANCES_CHANGED_AT, seen.changedAt()).execute();
        });
    }

    /** An article's camps, largest first; empty when there are none (not enough data yet). */
    public List<CampInfo> camps(long articleId) {
        return db.dsl().select(CAMP.ID, CAMP.MEMBERS, CAMP.DESCRIPTION).from(CAMP)
                .where(CAMP.ARTICLE_ID.eq(articleId)).orderBy(CAMP.ID)
                .fetch(r -> new CampInfo(r.value1(), r.value2(), r.value3()));
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
