package crux.pages;

import crux.core.Stance;
import crux.db.Database;
import crux.db.Reusable;
import crux.debate.CommentRepository;
import crux.forecasts.ForecastRepository;
import crux.notifications.FollowRepository;
import crux.stances.StanceRepository;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Record2;
import org.jooq.Record4;
import org.jooq.Record6;
import org.jooq.SelectJoinStep;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * What a member's item page shows of their relation to the item, from up to four features, read in one statement:
 * their stance, whether they follow it, what of its debate is theirs (votes, own withheld comments, the newest comment
 * they had seen) and, on a prediction, their latest forecast. Each was a round trip of its own on every member's view,
 * and on PostgreSQL the round trips are most of that page's cost.
 */
final class ViewerOfItem {

    /** @param forecast the member's latest forecast; empty on a claim or recommendation, and when they made none */
    record Relation(Stance stance, boolean following, CommentRepository.Mine debate,
                    Optional<ForecastRepository.Update> forecast) {
    }

    private final Database db;

    ViewerOfItem(Database db) {
        this.db = db;
    }

    /** One row per row of the member's part of the debate (at least one: the rest rides on each). */
    Relation of(long memberId, long itemId, boolean prediction) {
        CommentRepository.MineRows debate = new CommentRepository.MineRows();
        String stance = null;
        boolean following = false;
        Optional<ForecastRepository.Update> forecast = Optional.empty();
        for (Record r : (prediction ? READ_PREDICTION : READ).fetch(db.dsl(), memberId, itemId)) {
            stance = r.get(0, String.class);
            following = Boolean.TRUE.equals(r.get(1, Boolean.class));
            debate.add(r.get(2, Long.class), r.get(3, Short.class), r.get(4, String.class), r.get(5, Long.class));
            if (prediction) {
                forecast = ForecastRepository.update(r.get(6, Long.class), r.get(7, String.class),
                        r.get(8, OffsetDateTime.class), r.get(9, Integer.class), r.get(10, String.class),
                        r.get(11, OffsetDateTime.class));
            }
        }
        return new Relation(stance == null ? null : StanceRepository.fromCode(stance).orElseThrow(), following,
                debate.mine(), forecast);
    }

    private static final Reusable<Record> READ = Reusable.query(2, d -> read(false));
    private static final Reusable<Record> READ_PREDICTION = Reusable.query(2, d -> read(true));

    /**
     * The one-row relation (stance, follow), on a prediction outer-joined to the member's latest forecast (at most one
     * row), outer-joined to every row of the member's part of the debate: outer joins, so that the relation comes
     * back when the member has nothing in the debate and no forecast.
     */
    private static SelectJoinStep<Record> read(boolean prediction) {
        Field<Long> member = Reusable.value(0, Long.class);
        Field<Long> item = Reusable.value(1, Long.class);
        Table<Record2<String, Boolean>> relation = DSL.select(StanceRepository.stanceOf(member, item).as("stance"),
                FollowRepository.follows(member, item).as("following")).asTable("relation");
        Table<Record4<Long, Short, String, Long>> mine = CommentRepository.mineTable(member, item);
        Table<Record6<Long, String, OffsetDateTime, Integer, String, OffsetDateTime>> forecast =
                ForecastRepository.latest(item, member).asTable("latest", "member_id", "name", "deleted_at",
                        "probability", "rationale", "created_at");
        List<Field<?>> fields = new ArrayList<>(List.of(relation.field(0), relation.field(1), mine.field(0),
                mine.field(1), mine.field(2), mine.field(3)));
        if (prediction) {
            fields.addAll(List.of(forecast.fields()));
        }
        var from = DSL.select(fields).from(relation);
        return prediction
                ? from.leftJoin(forecast).on(DSL.trueCondition()).leftJoin(mine).on(DSL.trueCondition())
                : from.leftJoin(mine).on(DSL.trueCondition());
    }
}
