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
import org.jooq.InsertValuesStep3;
import org.jooq.impl.DSL;

/** The stored camps: who is in which, what each camp is like, and per-camp tallies read with the stances. */
public final class CampRepository {

    /** One camp as pages show it: number (0 = the largest), size and description. */
    public record CampInfo(int id, int members, String description) {
        /** Camps are lettered A, B, C… in order of size. */
        public String name() {
            return "Camp " + (char) ('A' + id);
        }
    }

    /** What the stances looked like at a moment: any insert, change or withdrawal moves one of the two. */
    public record Snapshot(int stances, OffsetDateTime changedAt) {
    }

    private final Database db;

    public CampRepository(Database db) {
        this.db = db;
    }

    public Snapshot snapshot() {
        return db.dsl().select(DSL.count(), DSL.max(ITEM_STANCE.UPDATED_AT)).from(ITEM_STANCE)
                .fetchOne(r -> new Snapshot(r.value1(), r.value2()));
    }

    /** The snapshot the last run computed from; empty before the first run. */
    public Optional<Snapshot> lastRun() {
        return db.dsl().select(CAMP_RUN.STANCES, CAMP_RUN.STANCES_CHANGED_AT).from(CAMP_RUN)
                .fetchOptional(r -> new Snapshot(r.value1(), r.value2()));
    }

    /** Replaces the camps (none, when there is not enough data) in one transaction. */
    public void store(Optional<Camps> camps, Map<Integer, String> descriptions, Snapshot seen, OffsetDateTime now) {
        db.run(tx -> {
            tx.deleteFrom(MEMBER_CAMP).execute();
            tx.deleteFrom(CAMP).execute();
            tx.deleteFrom(CAMP_RUN).execute();
            if (camps.isPresent()) {
                Camps c = camps.get();
                var insertCamps = tx.insertInto(CAMP, CAMP.ID, CAMP.MEMBERS, CAMP.DESCRIPTION, CAMP.COMPUTED_AT);
                for (int g = 0; g < c.k(); g++) {
                    insertCamps = insertCamps.values(g, c.members(g).size(), descriptions.getOrDefault(g, ""), now);
                }
                insertCamps.execute();
                InsertValuesStep3<?, Long, Integer, OffsetDateTime> members =
                        tx.insertInto(MEMBER_CAMP, MEMBER_CAMP.MEMBER_ID, MEMBER_CAMP.CAMP_ID, MEMBER_CAMP.COMPUTED_AT);
                for (Map.Entry<Long, Integer> e : c.campOf().entrySet()) {
                    members = members.values(e.getKey(), e.getValue(), now);
                }
                members.execute();
            }
            tx.insertInto(CAMP_RUN).set(CAMP_RUN.ID, 1).set(CAMP_RUN.COMPUTED_AT, now)
                    .set(CAMP_RUN.STANCES, seen.stances()).set(CAMP_RUN.STANCES_CHANGED_AT, seen.changedAt()).execute();
        });
    }

    /** The camps, largest first; empty when there are none (not enough data yet). */
    public List<CampInfo> camps() {
        return db.dsl().select(CAMP.ID, CAMP.MEMBERS, CAMP.DESCRIPTION).from(CAMP).orderBy(CAMP.ID)
                .fetch(r -> new CampInfo(r.value1(), r.value2(), r.value3()));
    }

    /** The member's camp, if they are in one. */
    public Optional<Integer> campOf(long memberId) {
        return db.dsl().select(MEMBER_CAMP.CAMP_ID).from(MEMBER_CAMP).where(MEMBER_CAMP.MEMBER_ID.eq(memberId))
                .fetchOptional(r -> r.value1());
    }

    /** Per camp, how many of its members voted on the item and how many agree. */
    public Map<Integer, Consensus.CampTally> tallies(long itemId) {
        Map<Integer, Consensus.CampTally> out = new HashMap<>();
        db.dsl().select(MEMBER_CAMP.CAMP_ID, DSL.count(), DSL.count().filterWhere(ITEM_STANCE.STANCE.eq("agree")))
                .from(ITEM_STANCE).join(MEMBER_CAMP).on(MEMBER_CAMP.MEMBER_ID.eq(ITEM_STANCE.MEMBER_ID))
                .where(ITEM_STANCE.ITEM_ID.eq(itemId))
                .groupBy(MEMBER_CAMP.CAMP_ID)
                .forEach(r -> out.put(r.value1(), new Consensus.CampTally(r.value3(), r.value2())));
        return out;
    }

    /** Per item still in use, per camp: the same, for every item in one query. */
    public Map<Long, Map<Integer, Consensus.CampTally>> allTallies() {
        Map<Long, Map<Integer, Consensus.CampTally>> out = new HashMap<>();
        db.dsl().select(ITEM_STANCE.ITEM_ID, MEMBER_CAMP.CAMP_ID, DSL.count(),
                        DSL.count().filterWhere(ITEM_STANCE.STANCE.eq("agree")))
                .from(ITEM_STANCE).join(MEMBER_CAMP).on(MEMBER_CAMP.MEMBER_ID.eq(ITEM_STANCE.MEMBER_ID))
                .join(ITEM).on(ITEM.ID.eq(ITEM_STANCE.ITEM_ID))
                .where(ITEM.RETIRED_AT.isNull())
                .groupBy(ITEM_STANCE.ITEM_ID, MEMBER_CAMP.CAMP_ID)
                .forEach(r -> out.computeIfAbsent(r.value1(), i -> new HashMap<>())
                        .put(r.value2(), new Consensus.CampTally(r.value4(), r.value3())));
        return out;
    }

    /** When the camps were last computed; empty before the first run. */
    public Optional<OffsetDateTime> computedAt() {
        return db.dsl().select(CAMP_RUN.COMPUTED_AT).from(CAMP_RUN).fetchOptional(r -> r.value1());
    }
}
