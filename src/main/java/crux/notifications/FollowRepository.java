package crux.notifications;

import static crux.db.generated.Tables.ITEM;
import static crux.db.generated.Tables.ITEM_FOLLOW;
import static crux.db.generated.Tables.NOTIFICATION;

import crux.core.Links;
import crux.core.Target;
import crux.db.Database;
import crux.db.WriteBudget;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;

/** Following items, and telling followers what happened — in one set-based insert, however many follow. */
public final class FollowRepository {

    /** A followed item as the profile lists it. */
    public record Followed(long itemId, String statement) {
    }

    private final Database db;
    private final Clock clock;
    private final Links links;
    /** Mails followers who asked for news at once; null when there is no mail. */
    private final NoticeMail mail;

    public FollowRepository(Database db, Clock clock, Links links) {
        this(db, clock, links, null);
    }

    public FollowRepository(Database db, Clock clock, Links links, NoticeMail mail) {
        this.db = db;
        this.clock = clock;
        this.links = links;
        this.mail = mail;
    }

    /** Follows an item; following twice is the same as once. */
    public void follow(WriteBudget budget, long memberId, long itemId) {
        db.run(budget, tx -> {
            boolean already = tx.fetchExists(ITEM_FOLLOW,
                    ITEM_FOLLOW.MEMBER_ID.eq(memberId).and(ITEM_FOLLOW.ITEM_ID.eq(itemId)));
            if (!already) {
                // a racing duplicate fails on the primary key and Database.transaction retries into "already"
                tx.insertInto(ITEM_FOLLOW).set(ITEM_FOLLOW.MEMBER_ID, memberId).set(ITEM_FOLLOW.ITEM_ID, itemId)
                        .set(ITEM_FOLLOW.CREATED_AT, OffsetDateTime.now(clock)).execute();
            }
        });
    }

    public void unfollow(WriteBudget budget, long memberId, long itemId) {
        db.run(budget, tx -> tx.deleteFrom(ITEM_FOLLOW).where(ITEM_FOLLOW.MEMBER_ID.eq(memberId))
                .and(ITEM_FOLLOW.ITEM_ID.eq(itemId)).execute());
    }

    /**
     * Whether a member follows an item, as a value of another statement: every member's view of an item page asks,
     * with the member's stance, in one statement.
     */
    public static Field<Boolean> follows(Field<Long> memberId, Field<Long> itemId) {
        return DSL.field(DSL.exists(DSL.selectOne().from(ITEM_FOLLOW)
                .where(ITEM_FOLLOW.MEMBER_ID.eq(memberId)).and(ITEM_FOLLOW.ITEM_ID.eq(itemId))));
    }

    public List<Followed> followedBy(long memberId) {
        return db.dsl().select(ITEM.ID, ITEM.STATEMENT).from(ITEM_FOLLOW).join(ITEM).on(ITEM.ID.eq(ITEM_FOLLOW.ITEM_ID))
                .where(ITEM_FOLLOW.MEMBER_ID.eq(memberId)).orderBy(ITEM.POSITION)
                .fetch(r -> new Followed(r.value1(), r.value2()));
    }

    /**
     * Notifies every follower of the item except {@code actorId} (nobody hears about their own action), with one
     * INSERT … SELECT inside the caller's transaction.
     */
    public int notifyFollowers(DSLContext tx, long itemId, Long actorId, String summary, Target target) {
        return notifyFollowers(tx, itemId, actorId, Set.of(), summary, target);
    }

    /** As {@link #notifyFollowers(DSLContext, long, Long, String, Target)}, except members already told. */
    public int notifyFollowers(DSLContext tx, long itemId, Long actorId, Collection<Long> alreadyTold,
                               String summary, Target target) {
        String s = NotificationRepository.summary(summary);
        String kind = NotificationRepository.Kind.FOLLOW.code();
        String url = links.to(target);
        Long commentId = NotificationRepository.commentOf(target);
        int told = tx.insertInto(NOTIFICATION, NOTIFICATION.MEMBER_ID, NOTIFICATION.KIND, NOTIFICATION.CREATED_AT,
                        NOTIFICATION.ACTOR_ID, NOTIFICATION.SUMMARY, NOTIFICATION.URL, NOTIFICATION.COMMENT_ID)
                .select(DSL.select(ITEM_FOLLOW.MEMBER_ID, DSL.val(kind), DSL.val(OffsetDateTime.now(clock)),
                                DSL.val(actorId, NOTIFICATION.ACTOR_ID), DSL.val(s), DSL.val(url),
                                DSL.val(commentId, NOTIFICATION.COMMENT_ID))
                        .from(ITEM_FOLLOW)
                        .where(ITEM_FOLLOW.ITEM_ID.eq(itemId))
                        .and(actorId == null ? DSL.trueCondition() : ITEM_FOLLOW.MEMBER_ID.ne(actorId))
                        .and(alreadyTold.isEmpty() ? DSL.trueCondition() : ITEM_FOLLOW.MEMBER_ID.notIn(alreadyTold)))
                .execute();
        if (mail != null && told > 0) {
            mail.immediateToFollowers(tx, itemId, actorId, alreadyTold, s, url, commentId);
        }
        return told;
    }
}
