package crux.pages;

import crux.core.Stance;
import crux.db.Database;
import crux.db.Reusable;
import crux.debate.CommentRepository;
import crux.notifications.FollowRepository;
import crux.stances.StanceRepository;
import org.jooq.Field;
import org.jooq.Record2;
import org.jooq.Record4;
import org.jooq.Record6;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * What a member's item page shows of their relation to the item, from three features, read in one statement: their
 * stance, whether they follow it, and what of its debate is theirs (votes, own withheld comments, the newest comment
 * they had seen). Each was a round trip of its own on every member's view, and on PostgreSQL the round trips are most
 * of that page's cost.
 */
final class ViewerOfItem {

    record Relation(Stance stance, boolean following, CommentRepository.Mine debate) {
    }

    private final Database db;

    ViewerOfItem(Database db) {
        this.db = db;
    }

    /** One row per row of the member's part of the debate (at least one: the stance and follow ride on each). */
    Relation of(long memberId, long itemId) {
        CommentRepository.MineRows debate = new CommentRepository.MineRows();
        String stance = null;
        boolean following = false;
        for (Record6<String, Boolean, Long, Short, String, Long> r : READ.fetch(db.dsl(), memberId, itemId)) {
            stance = r.value1();
            following = Boolean.TRUE.equals(r.value2());
            debate.add(r.value3(), r.value4(), r.value5(), r.value6());
        }
        return new Relation(stance == null ? null : StanceRepository.fromCode(stance).orElseThrow(), following,
                debate.mine());
    }

    /**
     * The one-row relation (stance, follow) joined to every row of the member's part of the debate; an outer join, so
     * that the relation comes back when the member has nothing in the debate.
     */
    private static final Reusable<Record6<String, Boolean, Long, Short, String, Long>> READ = Reusable.query(2, d -> {
        Field<Long> member = Reusable.value(0, Long.class);
        Field<Long> item = Reusable.value(1, Long.class);
        Table<Record2<String, Boolean>> relation = DSL.select(StanceRepository.stanceOf(member, item).as("stance"),
                FollowRepository.follows(member, item).as("following")).asTable("relation");
        Table<Record4<Long, Short, String, Long>> mine = CommentRepository.mineTable(member, item);
        return d.select(relation.field("stance", String.class), relation.field("following", Boolean.class),
                        mine.field(0, Long.class), mine.field(1, Short.class), mine.field(2, String.class),
                        mine.field(3, Long.class))
                .from(relation).leftJoin(mine).on(DSL.trueCondition());
    });
}
