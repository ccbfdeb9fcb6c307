package crux.pages;

import crux.core.Stance;
import crux.db.Database;
import crux.db.Reusable;
import crux.debate.VisitRepository;
import crux.stances.StanceRepository;
import java.util.HashMap;
import java.util.Map;
import org.jooq.Field;
import org.jooq.Record2;
import org.jooq.Record3;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * What a member's article page shows of theirs from two features, read in one statement: their stances (by item) and
 * the comments new to them on each item they have opened. Each was a round trip of its own on every member's view.
 */
final class ViewerOfArticle {

    record Relation(Map<Long, Stance> stances, Map<Long, Integer> fresh) {
    }

    private final Database db;

    ViewerOfArticle(Database db) {
        this.db = db;
    }

    Relation of(long memberId, long articleId) {
        Map<Long, Stance> stances = new HashMap<>();
        Map<Long, Integer> fresh = new HashMap<>();
        for (Record3<Long, String, Integer> r : READ.fetch(db.dsl(), memberId, articleId)) {
            if (r.value2() != null) {
                stances.put(r.value1(), StanceRepository.fromCode(r.value2()).orElseThrow());
            } else {
                fresh.put(r.value1(), r.value3());
            }
        }
        return new Relation(stances, fresh);
    }

    /**
     * Rows of (item, stance, null) and (item, null, new comments), one after the other. The union is wrapped in a
     * plain SELECT: H2 keeps a parsed statement for reuse only if it is a SELECT, never a UNION.
     */
    private static final Reusable<Record3<Long, String, Integer>> READ = Reusable.query(2, d -> {
        Field<Long> member = Reusable.value(0, Long.class);
        Field<Long> article = Reusable.value(1, Long.class);
        Table<Record2<Long, String>> stances = StanceRepository.stancesOf(member)
                .asTable("stances", "item", "stance");
        Table<Record2<Long, Integer>> fresh = VisitRepository.newByItem(member, article)
                .asTable("fresh", "item", "count");
        Table<Record3<Long, String, Integer>> both = DSL
                .select(stances.field(0, Long.class), stances.field(1, String.class), DSL.inline((Integer) null))
                .from(stances)
                .unionAll(DSL.select(fresh.field(0, Long.class), DSL.inline((String) null),
                        fresh.field(1, Integer.class)).from(fresh))
                .asTable("mine", "item", "stance", "fresh");
        return d.select(both.field(0, Long.class), both.field(1, String.class), both.field(2, Integer.class))
                .from(both);
    });
}
