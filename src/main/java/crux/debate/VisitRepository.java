package crux.debate;

import static crux.db.generated.Tables.COMMENT;
import static crux.db.generated.Tables.ITEM;
import static crux.db.generated.Tables.ITEM_VISIT;

import crux.db.Database;
import crux.db.Reusable;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Record2;
import org.jooq.Select;
import org.jooq.impl.DSL;

/**
 * "New since your last visit": per member and item, the newest comment id that existed when they last opened the
 * item ({@code item_visit}). The item page reads the mark with its thread ({@link CommentRepository#visit}) and notes
 * the new one without waiting ({@link Database#writeLater}); the front page and article pages count what is newer.
 * New means: someone else's, visible, not deleted, with a greater id than the mark. Items a member never opened have
 * no mark, so nothing on them counts as new (everything would, which says nothing).
 */
public final class VisitRepository {

    private final Database db;
    private final Clock clock;

    public VisitRepository(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Notes that the member has now seen every comment up to {@code newest}: queued, not waited for. */
    public void seen(long memberId, long itemId, long newest) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        db.writeLater(tx -> tx.dsl().insertInto(ITEM_VISIT)
                .set(ITEM_VISIT.MEMBER_ID, memberId).set(ITEM_VISIT.ITEM_ID, itemId)
                .set(ITEM_VISIT.SEEN_COMMENT_ID, newest).set(ITEM_VISIT.SEEN_AT, now)
                .onConflict(ITEM_VISIT.MEMBER_ID, ITEM_VISIT.ITEM_ID).doUpdate()
                .set(ITEM_VISIT.SEEN_COMMENT_ID, newest).set(ITEM_VISIT.SEEN_AT, now)
                .execute());
    }

    /** New comments on each item of an article the member has opened, by item (absent: none new): one query. */
    public Map<Long, Integer> newByItem(long memberId, long articleId) {
        return counts(NEW_BY_ITEM.fetch(db.dsl(), memberId, articleId));
    }

    /** New comments on the items of each article, by article (absent: none new): one query. */
    public Map<Long, Integer> newByArticle(long memberId) {
        return counts(NEW_BY_ARTICLE.fetch(db.dsl(), memberId));
    }

    /**
     * The count of comments new to {@code member} on each item of {@code article} they visited, as rows of (item,
     * count): for pages that read it with other things of the member's in one statement (the article page reads it
     * with their stances).
     */
    public static Select<Record2<Long, Integer>> newByItem(Field<Long> member, Field<Long> article) {
        return newBy(COMMENT.ITEM_ID, member, ITEM.ARTICLE_ID.eq(article));
    }

    /**
     * The count of comments new to {@code member} on each item they visited (or each article, {@code by}), where
     * {@code where} holds.
     */
    private static Select<Record2<Long, Integer>> newBy(Field<Long> by, Field<Long> member, Condition where) {
        return DSL.select(by, DSL.count())
                .from(ITEM_VISIT)
                .join(COMMENT).on(COMMENT.ITEM_ID.eq(ITEM_VISIT.ITEM_ID))
                .and(COMMENT.ID.gt(ITEM_VISIT.SEEN_COMMENT_ID))
                .join(ITEM).on(ITEM.ID.eq(ITEM_VISIT.ITEM_ID))
                .where(ITEM_VISIT.MEMBER_ID.eq(member)).and(where)
                .and(COMMENT.AUTHOR_ID.ne(member)).and(COMMENT.DELETED_AT.isNull())
                .and(COMMENT.MODERATION_STATE.eq(DSL.inline("visible"))).and(ITEM.RETIRED_AT.isNull())
                .groupBy(by);
    }

    /** Rendered once, as every signed-in article and front page asks. */
    private static final Reusable<Record2<Long, Integer>> NEW_BY_ITEM = Reusable.query(2,
            d -> newByItem(Reusable.value(0, Long.class), Reusable.value(1, Long.class)));
    private static final Reusable<Record2<Long, Integer>> NEW_BY_ARTICLE = Reusable.query(1,
            d -> newBy(ITEM.ARTICLE_ID, Reusable.value(0, Long.class), DSL.noCondition()));

    private static Map<Long, Integer> counts(Iterable<Record2<Long, Integer>> rows) {
        Map<Long, Integer> out = new HashMap<>();
        rows.forEach(r -> out.put(r.value1(), r.value2()));
        return out;
    }
}
