package crux.pages;

import crux.core.Stance;
import crux.db.Database;
import crux.db.Reusable;
import crux.notifications.FollowRepository;
import crux.stances.StanceRepository;
import org.jooq.Field;
import org.jooq.Record2;

/**
 * What a member's item page shows of their relation to the item from two features, their stance and whether they
 * follow it, read in one statement: each was a round trip of its own on every member's view, and on PostgreSQL the
 * round trips are most of that page's cost.
 */
final class ViewerOfItem {

    record Relation(Stance stance, boolean following) {
    }

    private final Database db;

    ViewerOfItem(Database db) {
        this.db = db;
    }

    Relation of(long memberId, long itemId) {
        Record2<String, Boolean> r = READ.fetchOptional(db.dsl(), memberId, itemId).orElseThrow();
        return new Relation(r.value1() == null ? null : StanceRepository.fromCode(r.value1()).orElseThrow(),
                Boolean.TRUE.equals(r.value2()));
    }

    private static final Reusable<Record2<String, Boolean>> READ = Reusable.query(2, d -> {
        Field<Long> member = Reusable.value(0, Long.class);
        Field<Long> item = Reusable.value(1, Long.class);
        return d.select(StanceRepository.stanceOf(member, item), FollowRepository.follows(member, item));
    });
}
