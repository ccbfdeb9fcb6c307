package crux.debate;

import static crux.db.generated.Sequences.COMMENT_ID_SEQ;
import static crux.db.generated.Tables.COMMENT;
import static crux.db.generated.Tables.COMMENT_FLAG;
import static crux.db.generated.Tables.COMMENT_REVISION;
import static crux.db.generated.Tables.ITEM;
import static crux.db.generated.Tables.MEMBER;

import crux.accounts.Member;
import crux.core.Conflict;
import crux.core.Invalid;
import crux.core.Links;
import crux.core.NotAllowed;
import crux.core.NotFound;
import crux.core.OverLimit;
import crux.core.RateLimitRepository;
import crux.core.Target;
import crux.db.Database;
import crux.db.WriteBudget;
import crux.markdown.Markdown;
import crux.markdown.MentionLinks;
import crux.moderation.ModerationLogRepository;
import crux.notifications.FollowRepository;
import crux.notifications.NotificationRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jooq.DSLContext;
import org.jooq.Record2;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * Writing the debate: posting arguments and replies, editing and deleting them. Each write is one transaction
 * with its counters and notifications; refusals leave nothing behind.
 */
public final class CommentWriteRepository {

    /** Ten comments in ten minutes is a lively debate; more is a script or a flame war. */
    public static final RateLimitRepository.Limit POSTING = new RateLimitRepository.Limit("comments", 10,
            Duration.ofMinutes(10));
    /**
     * Accounts younger than {@link #NEW_ACCOUNT_AGE} get a daily ceiling on top of {@link #POSTING}: a fresh account is
     * the cheapest tool of a spammer, and twenty comments is a full first day for a person.
     */
    public static final RateLimitRepository.Limit NEW_ACCOUNT_POSTING = new RateLimitRepository.Limit("comments-new",
            20,
            Duration.ofDays(1));
    public static final Duration NEW_ACCOUNT_AGE = Duration.ofDays(1);
    /** Cooling (Lobsters style): each flag drawn by a member's comments in a thread adds this to their wait there. */
    public static final Duration COOLING_PER_FLAG = Duration.ofMinutes(1);
    /** The same words twice within this long are a slip of the finger (or spam), not a new point. */
    public static final Duration DUPLICATE_WINDOW = Duration.ofMinutes(5);
    /** The body_html column: far above what {@link CommentForm#MAX_LENGTH} characters render to (about 120,000 at worst). */
    static final int MAX_HTML = 200_000;

    /** What became of a submitted comment. */
    public sealed interface Outcome permits Posted, Duplicate {
    }

    /** Stored (or, when {@code replay}, stored already by an earlier submission of the same form). */
    public record Posted(long id, long itemId, boolean replay) implements Outcome {
    }

    /** Refused: the member posted the same words moments ago. */
    public record Duplicate() implements Outcome {
    }

    private final Database db;
    private final Clock clock;
    private final RateLimitRepository limiter;
    private final NotificationRepository notifications;
    private final ModerationLogRepository log;

    /** Followers of an item hear of its new top-level arguments. */
    private final FollowRepository follows;
    /** Where a mentioned member's page is, for the links stored in the rendered text. */
    private final Links links;

    public CommentWriteRepository(Database db, Clock clock, RateLimitRepository limiter,
            NotificationRepository notifications,
                    ModerationLogRepository log, FollowRepository follows, Links links) {
        this.links = links;
        this.log = log;
        this.follows = follows;
        this.db = db;
        this.clock = clock;
        this.limiter = limiter;
        this.notifications = notifications;
    }

    /** A top-level argument on an item; {@code token} is the form's one-time token ({@link PostTokens}). */
    public Outcome argue(WriteBudget budget, Member author, long itemId, CommentForm form, String token) {
        return post(budget, author, itemId, null, form, PostTokens.key(token, "i" + itemId));
    }

    /** A reply to {@code target}: beneath it, or beside it once the thread is {@link ThreadTree#MAX_DEPTH} deep. */
    public Outcome reply(WriteBudget budget, Member author, Comment target, CommentForm form, String token) {
        return post(budget, author, target.itemId(), target, form, PostTokens.key(token, "c" + target.id()));
    }

    private Outcome post(WriteBudget budget, Member author, long itemId, Comment target, CommentForm form, String key) {
        String html = render(form.body());
        return db.transaction(budget, tx -> {
            DSLContext t = tx.dsl();
            // One member's submissions take turns: a resent form waits for the first and then finds its comment,
            // and the posting limit counts exactly. The lock lasts one short transaction.
            t.select(MEMBER.ID).from(MEMBER).where(MEMBER.ID.eq(author.id())).forUpdate().fetch();
            Optional<Long> earlier = byKey(t, author.id(), key);
            if (earlier.isPresent()) {
                return new Posted(earlier.get(), itemId, true);
            }
            // read under a row lock: a moderator's lock either commits before this check or waits for this comment
            requireOpen(t, itemId, true);
            if (recentlyPosted(t, author.id(), form.body())) {
                return new Duplicate();
            }
            // counted in this transaction: a refusal below rolls the hit back with everything else
            RateLimitRepository.Decision d = limiter.hit(t, POSTING, Long.toString(author.id()));
            if (!d.allowed()) {
                throw new OverLimit("You have posted " + POSTING.max() + " comments in the last "
                        + POSTING.window().toMinutes() + " minutes. Please wait a little before posting again.",
                        d.retryAfterSeconds());
            }
            if (author.createdAt() != null
                    && author.createdAt().isAfter(OffsetDateTime.now(clock).minus(NEW_ACCOUNT_AGE))) {
                RateLimitRepository.Decision n = limiter.hit(t, NEW_ACCOUNT_POSTING, Long.toString(author.id()));
                if (!n.allowed()) {
                    throw new OverLimit("New accounts may post " + NEW_ACCOUNT_POSTING.max()
                            + " comments on their first day. You can post again " + OverLimit.in(n.retryAfterSeconds()) + ".",
                            n.retryAfterSeconds());
                }
            }
            long cooling = coolingSeconds(t, author.id(), itemId);
            if (cooling > 0) {
                throw new OverLimit("Your comments in this debate have drawn flags, so you wait a minute "
                        + "longer per flag between comments here. You can post again " + OverLimit.in(cooling) + ".", cooling);
            }
            ThreadPath.Reply at = null;
            if (target != null) {
                Comment current = CommentRepository.lock(t, target.id()).orElseThrow(NotFound::new);
                if (current.deleted()) {
                    throw new Conflict("That comment has been deleted, so it takes no new replies.");
                }
                at = ThreadPath.replyTo(current.id(), current.parentId(), current.path());
            }
            long id = t.nextval(COMMENT_ID_SEQ);
            OffsetDateTime now = OffsetDateTime.now(clock);
            t.insertInto(COMMENT)
                    .set(COMMENT.ID, id)
                    .set(COMMENT.ITEM_ID, itemId)
                    .set(COMMENT.AUTHOR_ID, author.id())
                    .set(COMMENT.PARENT_ID, at == null ? null : at.parentId())
                    .set(COMMENT.REPLIED_TO_ID, at == null ? null : at.repliedTo())
                    .set(COMMENT.PATH, at == null ? ThreadPath.child(null, id) : at.path(id))
                    .set(COMMENT.DEPTH, at == null ? 1 : at.depth())
                    .set(COMMENT.SIDE, form.side() == null ? null : form.side().code())
                    .set(COMMENT.BODY_SOURCE, form.body())
                    .set(COMMENT.BODY_HTML, html)
                    .set(COMMENT.CREATED_AT, now)
                    .set(COMMENT.POST_KEY, key)
                    .execute();
            if (at != null) {
                t.update(COMMENT).set(COMMENT.REPLY_COUNT, COMMENT.REPLY_COUNT.plus(1))
                        .set(COMMENT.SEARCH_SEQ, COMMENT.SEARCH_SEQ) // not searched: the index has nothing to redo
                        .where(COMMENT.ID.in(ancestors(at.parentPath()))).execute();
            }
            notifyPeople(t, author, id, target, form.body());
            if (target == null && follows != null) {
                follows.notifyFollowers(t, itemId, author.id(),
                        author.name() + " posted a new argument: " + Markdown.plainText(form.body(), 120),
                        Target.comment(id));
            }
            return new Posted(id, itemId, false);
        });
    }

    /** Replaces the text, keeping the earlier version for the history page. Unchanged text changes nothing. */
    public void edit(WriteBudget budget, Member actor, long commentId, CommentForm form) {
        edit(budget, actor, commentId, form, false, null);
    }

    /**
     * An edit by the author, or (the moderator override, {@code mfaPassed}) by a moderator with a {@code reason}:
     * then one moderation_log row and a notice to the author, in the same transaction.
     */
    public void edit(WriteBudget budget, Member actor, long commentId, CommentForm form, boolean mfaPassed,
            String reason) {
        String html = render(form.body());
        db.run(budget, t -> {
            Comment c = CommentRepository.lock(t, commentId).orElseThrow(NotFound::new);
            CommentPolicy.requireChange(actor, c, mfaPassed);
            boolean moderating = !CommentPolicy.mayChange(actor, c);
            if (moderating && (reason == null || reason.isBlank())) {
                throw new Invalid("Please give a reason: it is shown in the public log and to the author.");
            }
            if (c.deleted()) {
                throw new Conflict("This comment has been deleted; there is nothing left to edit.");
            }
            requireOpen(t, c.itemId(), false);
            if (c.bodySource().equals(form.body())) {
                return;
            }
            OffsetDateTime now = OffsetDateTime.now(clock);
            t.insertInto(COMMENT_REVISION)
                    .set(COMMENT_REVISION.COMMENT_ID, c.id())
                    .set(COMMENT_REVISION.BODY_SOURCE, c.bodySource())
                    .set(COMMENT_REVISION.BODY_HTML, c.bodyHtml())
                    .set(COMMENT_REVISION.WRITTEN_AT, c.editedAt() != null ? c.editedAt() : c.createdAt())
                    .set(COMMENT_REVISION.REPLACED_AT, now)
                    .execute();
            t.update(COMMENT).set(COMMENT.BODY_SOURCE, form.body()).set(COMMENT.BODY_HTML, html)
                    .set(COMMENT.EDITED_AT, now).where(COMMENT.ID.eq(c.id())).execute();
            if (moderating) {
                moderated(t, actor, c, "edit_comment", "A moderator edited your comment.", reason);
            }
        });
    }

    private void moderated(DSLContext t, Member mod, Comment c, String action, String told, String reason) {
        String author = t.select(MEMBER.NAME).from(MEMBER).where(MEMBER.ID.eq(c.authorId())).fetchOne().value1();
        log.record(t,
                new ModerationLogRepository.Entry(mod.id(), action, Target.comment(c.id()), "comment by " + author,
                reason));
        notifications.notify(t,
                new NotificationRepository.Notice(c.authorId(), NotificationRepository.Kind.MODERATION, mod.id(), told,
                reason, Target.comment(c.id())));
    }

    /**
     * Soft delete: the row stays so its replies keep their place, shown as "[deleted]" without an author. The
     * words go, earlier versions too: the author asked for them to be gone. Deleting twice is harmless.
     */
    public void delete(WriteBudget budget, Member actor, long commentId) {
        delete(budget, actor, commentId, false, null);
    }

    /** A deletion by the author, or by a moderator with a reason (logged and told; a second one is a 409). */
    public void delete(WriteBudget budget, Member actor, long commentId, boolean mfaPassed, String reason) {
        db.run(budget, t -> {
            Comment c = CommentRepository.lock(t, commentId).orElseThrow(NotFound::new);
            CommentPolicy.requireChange(actor, c, mfaPassed);
            boolean moderating = !CommentPolicy.mayChange(actor, c);
            if (moderating && (reason == null || reason.isBlank())) {
                throw new Invalid("Please give a reason: it is shown in the public log and to the author.");
            }
            if (c.deleted()) {
                if (moderating) {
                    throw new Conflict("This comment has already been deleted.");
                }
                return;
            }
            if (moderating) {
                moderated(t, actor, c, "delete_comment", "A moderator deleted your comment.", reason);
            }
            t.update(COMMENT).set(COMMENT.DELETED_AT, OffsetDateTime.now(clock)).set(COMMENT.BODY_SOURCE, "")
                    .set(COMMENT.BODY_HTML, "").where(COMMENT.ID.eq(c.id())).execute();
            t.deleteFrom(COMMENT_REVISION).where(COMMENT_REVISION.COMMENT_ID.eq(c.id())).execute();
        });
    }

    /**
     * The HTML {@code body} would be stored as, for a preview: nothing is written. {@link Invalid} when it has too
     * much formatting to store.
     */
    public String preview(String body) {
        return render(body);
    }

    /**
     * Renders the text once, when it is written: mentions of members who exist become links to their pages (one
     * query for all the names), so showing a page of comments costs no lookups at all.
     */
    private String render(String body) {
        Set<String> keys = Mentions.keys(body, Mentions.MAX_LINKED);
        Map<String, String> names = keys.isEmpty() ? Map.of()
                : db.dsl().select(MEMBER.NAME_KEY, MEMBER.ID, MEMBER.NAME).from(MEMBER)
                        .where(MEMBER.NAME_KEY.in(keys)).and(MEMBER.DELETED_AT.isNull())
                        .fetchMap(r -> r.value1(), r -> links.to(Target.member(r.value2(), r.value3())));
        String html = Markdown.render(body, new MentionLinks(Mentions.MENTION, mentioned -> {
            String key = Mentions.key(mentioned);
            return key == null ? null : names.get(key);
        }));
        if (html.length() > MAX_HTML) {
            throw new Invalid("This comment has too much formatting to store. Please simplify it.");
        }
        return html;
    }

    /** Whether the author posted exactly these words within {@link #DUPLICATE_WINDOW} (and has not deleted them). */
    private boolean recentlyPosted(DSLContext t, long authorId, String body) {
        return t.fetchExists(COMMENT, COMMENT.AUTHOR_ID.eq(authorId)
                .and(COMMENT.CREATED_AT.gt(OffsetDateTime.now(clock).minus(DUPLICATE_WINDOW)))
                .and(COMMENT.DELETED_AT.isNull())
                .and(COMMENT.BODY_SOURCE.eq(body)));
    }

    private static Optional<Long> byKey(DSLContext t, long authorId, String key) {
        return t.select(COMMENT.ID).from(COMMENT).where(COMMENT.AUTHOR_ID.eq(authorId)).and(COMMENT.POST_KEY.eq(key))
                .fetchOptional(r -> r.value1());
    }

    /** Seconds the member still has to wait before commenting in this item's thread, from flags on their comments. */
    private long coolingSeconds(DSLContext t, long authorId, long itemId) {
        int flags = t.fetchCount(COMMENT_FLAG, COMMENT_FLAG.COMMENT_AUTHOR_ID.eq(authorId)
                .and(COMMENT_FLAG.ITEM_ID.eq(itemId)).and(DSL.or(COMMENT_FLAG.RESOLUTION.isNull(),
                        COMMENT_FLAG.RESOLUTION.ne("dismissed"))));
        if (flags == 0) {
            return 0;
        }
        OffsetDateTime last = t.select(DSL.max(COMMENT.CREATED_AT)).from(COMMENT)
                .where(COMMENT.AUTHOR_ID.eq(authorId)).and(COMMENT.ITEM_ID.eq(itemId)).fetchOne().value1();
        if (last == null) {
            return 0;
        }
        long wait = Duration.between(OffsetDateTime.now(clock),
                last.plus(COOLING_PER_FLAG.multipliedBy(flags)))
                .toSeconds();
        return Math.max(0, wait);
    }

    /** Refuses comments on a retired item or in a locked debate; {@code lock} holds the item row to the end. */
    private void requireOpen(DSLContext t, long itemId, boolean lock) {
        var query = t.select(ITEM.RETIRED_AT, ITEM.DEBATE_LOCKED).from(ITEM).where(ITEM.ID.eq(itemId));
        Record2<OffsetDateTime, Boolean> item = (!lock ? query.fetchOptional()
                : db.dialect() == SQLDialect.POSTGRES ? query.forShare().fetchOptional()
                : query.forUpdate().fetchOptional()).orElseThrow(NotFound::new);
        if (item.value1() != null) {
            throw new NotAllowed("This item has been retired, so its debate takes no new comments.");
        }
        if (item.value2()) {
            throw new NotAllowed("The moderators have locked this debate: you can read it and vote, "
                    + "but it takes no new arguments, replies or edits.");
        }
    }

    /** Every comment on the path: the reply's ancestors, whose reply counts it adds to. */
    static List<Long> ancestors(String path) {
        List<Long> ids = new ArrayList<>();
        for (String p = path; p != null; p = ThreadPath.parent(p)) {
            ids.add(Long.parseLong(p.substring(p.length() - ThreadPath.SEGMENT_WIDTH)));
        }
        return ids;
    }

    /** The author of the comment answered, and the members named with @; never the writer themselves. */
    private void notifyPeople(DSLContext t, Member author, long id, Comment target, String body) {
        String excerpt = Markdown.plainText(body, Markdown.EXCERPT_LENGTH);
        Target url = Target.comment(id);
        Long told = null;
        if (target != null) {
            told = target.authorId();
            notifications.notify(t,
                    new NotificationRepository.Notice(target.authorId(), NotificationRepository.Kind.REPLY, author.id(),
                    author.name() + " replied to your " + (target.argument() ? "argument" : "comment") + ": "
                            + excerpt, null, url));
        }
        Set<String> keys = Mentions.keys(body);
        if (keys.isEmpty()) {
            return;
        }
        List<Long> mentioned = t.select(MEMBER.ID).from(MEMBER).where(MEMBER.NAME_KEY.in(keys))
                .and(MEMBER.DELETED_AT.isNull()).fetch(r -> r.value1());
        for (long member : mentioned) {
            if (told == null || member != told) {
                notifications.notify(t,
                        new NotificationRepository.Notice(member, NotificationRepository.Kind.MENTION, author.id(),
                        author.name() + " mentioned you: " + excerpt, null, url));
            }
        }
    }
}
