package crux.moderation;

import static crux.db.generated.Tables.COMMENT;
import static crux.db.generated.Tables.COMMENT_FLAG;
import static crux.db.generated.Tables.ITEM;
import static crux.db.generated.Tables.MEMBER;

import crux.accounts.Member;
import crux.core.Conflict;
import crux.core.Invalid;
import crux.core.NotAllowed;
import crux.core.NotFound;
import crux.core.OverLimit;
import crux.core.RateLimitRepository;
import crux.core.Target;
import crux.db.Database;
import crux.db.WriteBudget;
import crux.db.generated.tables.records.CommentRecord;
import crux.notifications.NotificationRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * Flags on comments and what moderators do to comments and debates. Every effective action is one transaction:
 * a conditional UPDATE (so of two moderators acting at once exactly one changes anything; the other gets 409),
 * one moderation_log row and one notice to the member affected.
 */
public final class CommentModerationRepository {

    /** Flags from this many distinct members hide a comment until a moderator reviews it. */
    public static final int FLAGS_TO_HIDE = 3;
    /** Twenty flags a day is plenty for a conscientious reader; more is a campaign. */
    public static final RateLimitRepository.Limit FLAGS_PER_DAY = new RateLimitRepository.Limit("flags", 20,
            Duration.ofDays(1));
    /** The note that explains an 'other' flag: a sentence. */
    public static final int MAX_NOTE = 200;

    private final Database db;
    private final ModerationLogRepository log;
    private final NotificationRepository notifications;
    private final RateLimitRepository limiter;
    private final Clock clock;

    public CommentModerationRepository(Database db, ModerationLogRepository log, NotificationRepository notifications,
            RateLimitRepository limiter,
                             Clock clock) {
        this.db = db;
        this.log = log;
        this.notifications = notifications;
        this.limiter = limiter;
        this.clock = clock;
    }

    /** Whether the flag hid the comment pending review. */
    public boolean flag(WriteBudget budget, Member member, long commentId, FlagReason reason, String note) {
        return db.transaction(budget, tx -> {
            DSLContext t = tx.dsl();
            // flags on one comment take turns: the count of distinct flaggers is exact
            CommentRecord c = lock(t, commentId);
            if (c.getDeletedAt() != null || "removed".equals(c.getModerationState())) {
                throw new Conflict("This comment is already gone; there is nothing to flag.");
            }
            if (c.getAuthorId() == member.id()) {
                throw new NotAllowed("You cannot flag your own comment. You can edit or delete it instead.");
            }
            if (t.fetchExists(COMMENT_FLAG,
                    COMMENT_FLAG.COMMENT_ID.eq(commentId).and(COMMENT_FLAG.MEMBER_ID.eq(member.id())))) {
                throw new Conflict("You have already flagged this comment. A moderator will look at it.");
            }
            RateLimitRepository.Decision d = limiter.hit(t, FLAGS_PER_DAY, Long.toString(member.id()));
            if (!d.allowed()) {
                throw new OverLimit("You have flagged " + FLAGS_PER_DAY.max()
                        + " comments today, the most one member may. You can flag again in "
                        + Math.max(1, d.retryAfterSeconds() / 60) + " minutes.", d.retryAfterSeconds());
            }
            t.insertInto(COMMENT_FLAG)
                    .set(COMMENT_FLAG.COMMENT_ID, commentId)
                    .set(COMMENT_FLAG.MEMBER_ID, member.id())
                    .set(COMMENT_FLAG.ITEM_ID, c.getItemId())
                    .set(COMMENT_FLAG.COMMENT_AUTHOR_ID, c.getAuthorId())
                    .set(COMMENT_FLAG.REASON, reason.code())
                    .set(COMMENT_FLAG.NOTE, note)
                    .set(COMMENT_FLAG.CREATED_AT, OffsetDateTime.now(clock))
                    .execute();
            int open = t.fetchCount(COMMENT_FLAG,
                    COMMENT_FLAG.COMMENT_ID.eq(commentId).and(COMMENT_FLAG.RESOLVED_AT.isNull()));
            boolean hide = open >= FLAGS_TO_HIDE && "visible".equals(c.getModerationState());
            t.update(COMMENT).set(COMMENT.OPEN_FLAGS, open)
                    .set(COMMENT.MODERATION_STATE, hide ? "pending" : c.getModerationState())
                    .where(COMMENT.ID.eq(commentId)).execute();
            return hide;
        });
    }

    /** Dismiss: the flags were wrong. They are resolved, and a comment hidden pending review is shown again. */
    public void dismiss(WriteBudget budget, Member mod, long commentId, String reason) {
        db.run(budget, t -> {
            CommentRecord c = lock(t, commentId);
            int resolved = resolveFlags(t, mod, commentId, "dismissed");
            if (resolved == 0) {
                throw new Conflict("These flags have already been resolved, perhaps by another moderator.");
            }
            t.update(COMMENT).set(COMMENT.OPEN_FLAGS, 0)
                    .set(COMMENT.MODERATION_STATE, DSL.when(COMMENT.MODERATION_STATE.eq("pending"), "visible")
                            .otherwise(COMMENT.MODERATION_STATE))
                    .where(COMMENT.ID.eq(commentId)).execute();
            record(t, mod, "dismiss_flags", c, reason);
            // the author learns their comment is back; flaggers are not told who reviewed them
            if ("pending".equals(c.getModerationState())) {
                tell(t, mod, c, "Your comment was reviewed and is shown again: the flags on it were dismissed.",
                        reason);
            }
        });
    }

    /** Uphold: the flags were right. They are resolved and the comment is hidden. */
    public void uphold(WriteBudget budget, Member mod, long commentId, String reason) {
        db.run(budget, t -> {
            CommentRecord c = lock(t, commentId);
            int resolved = resolveFlags(t, mod, commentId, "upheld");
            if (resolved == 0) {
                throw new Conflict("These flags have already been resolved, perhaps by another moderator.");
            }
            t.update(COMMENT).set(COMMENT.OPEN_FLAGS, 0)
                    .set(COMMENT.MODERATION_STATE, DSL.when(COMMENT.MODERATION_STATE.eq("removed"), "removed")
                            .otherwise("hidden"))
                    .set(COMMENT.MODERATION_REASON, reason)
                    .where(COMMENT.ID.eq(commentId)).execute();
            record(t, mod, "uphold_flags", c, reason);
            tell(t, mod, c, "A moderator hid your comment after reviewing flags on it.", reason);
        });
    }

    public void hide(WriteBudget budget, Member mod, long commentId, String reason) {
        change(budget, mod, commentId, "hide_comment", "visible', 'pending", "hidden", reason,
                "A moderator hid your comment.", "This comment is already hidden or removed.");
    }

    public void restore(WriteBudget budget, Member mod, long commentId, String reason) {
        change(budget, mod, commentId, "restore_comment", "hidden', 'pending", "visible", reason,
                "A moderator restored your comment: it is shown again.", "This comment is not hidden.");
    }

    /** Removal keeps the row (its replies keep their place) but the words are shown to nobody again. */
    public void remove(WriteBudget budget, Member mod, long commentId, String reason) {
        change(budget, mod, commentId, "remove_comment", "visible', 'pending', 'hidden", "removed", reason,
                "A moderator removed your comment.", "This comment has already been removed.");
    }

    private void change(WriteBudget budget, Member mod, long commentId, String action, String fromStates, String to,
            String reason,
                        String told, String conflict) {
        db.run(budget, t -> {
            CommentRecord c = lock(t, commentId);
            if (c.getDeletedAt() != null) {
                throw new Conflict("The author has deleted this comment.");
            }
            List<String> from = Arrays.asList(fromStates.split("', '"));
            int changed = t.update(COMMENT).set(COMMENT.MODERATION_STATE, to)
                    .set(COMMENT.MODERATION_REASON, "visible".equals(to) ? null : reason)
                    .set(COMMENT.OPEN_FLAGS, 0)
                    .where(COMMENT.ID.eq(commentId)).and(COMMENT.MODERATION_STATE.in(from)).execute();
            if (changed == 0) {
                throw new Conflict(conflict + " Perhaps another moderator acted first.");
            }
            // acting on a comment settles its open flags: hiding or removing upholds them, restoring dismisses them
            resolveFlags(t, mod, commentId, "visible".equals(to) ? "dismissed" : "upheld");
            record(t, mod, action, c, reason);
            tell(t, mod, c, told, reason);
        });
    }

    /** Locking stops new arguments, replies and edits; stances and forecasts stay open. */
    public void lockDebate(WriteBudget budget, Member mod, long itemId, boolean locked, String reason) {
        db.run(budget, t -> {
            int changed = t.update(ITEM).set(ITEM.DEBATE_LOCKED, locked)
                    .where(ITEM.ID.eq(itemId)).and(ITEM.DEBATE_LOCKED.eq(!locked)).execute();
            if (changed == 0) {
                if (!t.fetchExists(ITEM, ITEM.ID.eq(itemId))) {
                    throw new NotFound();
                }
                throw new Conflict(locked ? "This debate is already locked." : "This debate is not locked.");
            }
            String label = t.select(ITEM.STATEMENT).from(ITEM).where(ITEM.ID.eq(itemId)).fetchOne().value1();
            log.record(t, new ModerationLogRepository.Entry(mod.id(), locked ? "lock_debate" : "unlock_debate",
                    Target.item(itemId),
                    label, reason));
        });
    }

    /** Pinned arguments lead the thread under every sort. Only top-level arguments can be pinned. */
    public void pin(WriteBudget budget, Member mod, long commentId, boolean pinned, String reason) {
        db.run(budget, t -> {
            CommentRecord c = lock(t, commentId);
            if (c.getParentId() != null) {
                throw new Invalid("Only top-level arguments can be pinned, not replies.");
            }
            int changed = t.update(COMMENT).set(COMMENT.PINNED, pinned)
                    .where(COMMENT.ID.eq(commentId)).and(COMMENT.PINNED.eq(!pinned)).execute();
            if (changed == 0) {
                throw new Conflict(pinned ? "This argument is already pinned." : "This argument is not pinned.");
            }
            record(t, mod, pinned ? "pin_argument" : "unpin_argument", c, reason);
        });
    }

    private int resolveFlags(DSLContext t, Member mod, long commentId, String resolution) {
        return t.update(COMMENT_FLAG).set(COMMENT_FLAG.RESOLVED_AT, OffsetDateTime.now(clock))
                .set(COMMENT_FLAG.RESOLVED_BY, mod.id()).set(COMMENT_FLAG.RESOLUTION, resolution)
                .where(COMMENT_FLAG.COMMENT_ID.eq(commentId)).and(COMMENT_FLAG.RESOLVED_AT.isNull()).execute();
    }

    private void record(DSLContext t, Member mod, String action, CommentRecord c, String reason) {
        String author = t.select(MEMBER.NAME).from(MEMBER).where(MEMBER.ID.eq(c.getAuthorId())).fetchOne().value1();
        log.record(t,
                new ModerationLogRepository.Entry(mod.id(), action, Target.comment(c.getId()), "comment by " + author,
                reason));
    }

    private void tell(DSLContext t, Member mod, CommentRecord c, String summary, String reason) {
        notifications.notify(t,
                new NotificationRepository.Notice(c.getAuthorId(), NotificationRepository.Kind.MODERATION, mod.id(),
                summary, reason, Target.comment(c.getId())));
    }

    private static CommentRecord lock(DSLContext t, long commentId) {
        return t.selectFrom(COMMENT).where(COMMENT.ID.eq(commentId)).forUpdate().fetchOptional()
                .orElseThrow(NotFound::new);
    }
}
