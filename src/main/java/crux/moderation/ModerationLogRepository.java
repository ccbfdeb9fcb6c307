package crux.moderation;

import static crux.db.generated.Tables.ARTICLE;
import static crux.db.generated.Tables.COMMENT;
import static crux.db.generated.Tables.ITEM;
import static crux.db.generated.Tables.MEMBER;
import static crux.db.generated.Tables.MODERATION_LOG;
import static crux.db.generated.Tables.MODERATION_LOG_ACTION;
import static crux.db.generated.Tables.MODERATION_LOG_MODERATOR;

import crux.accounts.Usernames;
import crux.core.Target;
import crux.db.Database;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;

/**
 * The public moderation log. Written only by insert, inside the transaction of the action it records (so an action
 * and its row land together): nothing in Crux updates or deletes a row. Read newest first, paged, filterable by
 * moderator and action.
 */
public final class ModerationLogRepository {

    /** A target's label is a reminder of what it was (a statement, a name), cut to fit the log's column. */
    private static final int MAX_LABEL = 200;

    /** The longest reason a form takes: every form's reason field is held to it before it gets here. */
    public static final int MAX_REASON = 1000;

    /**
     * The longest reason the log keeps (its column): room for an entry that joins a summary, a note of
     * {@link #MAX_REASON} and a source link; anything longer is cut rather than refused, the action being done.
     */
    static final int MAX_ENTRY_REASON = 2000;

    /** Rows per page of the log. */
    public static final int PAGE_SIZE = 50;

    /** One row as the log page shows it. */
    public record Row(long id, OffsetDateTime at, String moderator, String action, String targetKind, long targetId,
                      String targetLabel, String reason, String targetSlug) {
    }

    /** A page of the log and whether there is more. */
    public record Page(List<Row> rows, int page, boolean hasNext, List<String> actions, List<String> moderators) {
    }

    /** An entry: who (null for the operator's command line), what, on what, and why. */
    public record Entry(Long moderatorId, String action, Target target, String targetLabel, String reason) {
    }

    private final Database db;
    private final Clock clock;

    public ModerationLogRepository(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    public void record(DSLContext tx, Entry e) {
        tx.insertInto(MODERATION_LOG)
                .set(MODERATION_LOG.CREATED_AT, OffsetDateTime.now(clock))
                .set(MODERATION_LOG.MODERATOR_ID, e.moderatorId())
                .set(MODERATION_LOG.ACTION, e.action())
                .set(MODERATION_LOG.TARGET_KIND, e.target().kind().code())
                .set(MODERATION_LOG.TARGET_ID, e.target().id())
                .set(MODERATION_LOG.TARGET_LABEL, e.targetLabel().length() > MAX_LABEL
                        ? e.targetLabel().substring(0, MAX_LABEL) : e.targetLabel())
                .set(MODERATION_LOG.REASON, e.reason() == null || e.reason().length() <= MAX_ENTRY_REASON ? e.reason()
                        : e.reason().substring(0, MAX_ENTRY_REASON - 1) + "\u2026")
                .set(MODERATION_LOG.ARTICLE_ID, articleOf(e.target()))
                .execute();
        // the filter lists of the public log; a racing first use of the same value fails on the key and the
        // caller's transaction is retried (Database.transaction)
        tx.insertInto(MODERATION_LOG_ACTION).set(MODERATION_LOG_ACTION.ACTION, e.action())
                .onConflictDoNothing().execute();
        if (e.moderatorId() != null) {
            tx.insertInto(MODERATION_LOG_MODERATOR).set(MODERATION_LOG_MODERATOR.MEMBER_ID, e.moderatorId())
                    .onConflictDoNothing().execute();
        }
    }

    /**
     * The article a row is about, found in the insert itself: the article itself, the one an item is anchored in, or
     * the one a comment's item is anchored in; null for a member.
     */
    private static Field<Long> articleOf(Target target) {
        return switch (target.kind()) {
            case ARTICLE -> DSL.val(target.id(), MODERATION_LOG.ARTICLE_ID);
            case ITEM -> DSL.field(DSL.select(ITEM.ARTICLE_ID).from(ITEM).where(ITEM.ID.eq(target.id())));
            case COMMENT -> DSL.field(DSL.select(ITEM.ARTICLE_ID).from(COMMENT).join(ITEM).on(ITEM.ID.eq(COMMENT.ITEM_ID))
                    .where(COMMENT.ID.eq(target.id())));
            case MEMBER -> DSL.val(null, MODERATION_LOG.ARTICLE_ID);
        };
    }

    public Page page(String moderator, String action, int page) {
        return page(moderator, action, null, page);
    }

    /**
     * A page of the log, newest first; with {@code articleId}, only rows whose target is that article, one of its
     * items or a comment on one of them.
     */
    public Page page(String moderator, String action, Long articleId, int page) {
        Condition where = articleId == null ? DSL.trueCondition() : MODERATION_LOG.ARTICLE_ID.eq(articleId);
        if (moderator != null && !moderator.isBlank()) {
            where = where.and(MEMBER.NAME_KEY.eq(Usernames.key(Usernames.normalise(moderator))));
        }
        if (action != null && !action.isBlank()) {
            where = where.and(MODERATION_LOG.ACTION.eq(action));
        }
        List<Row> rows = db.dsl().select(MODERATION_LOG.ID, MODERATION_LOG.CREATED_AT, MEMBER.NAME, MEMBER.DELETED_AT,
                        MODERATION_LOG.ACTION, MODERATION_LOG.TARGET_KIND, MODERATION_LOG.TARGET_ID,
                        MODERATION_LOG.TARGET_LABEL, MODERATION_LOG.REASON, ARTICLE.SLUG)
                .from(MODERATION_LOG).leftJoin(MEMBER).on(MEMBER.ID.eq(MODERATION_LOG.MODERATOR_ID))
                // an article's address is its slug: an article row links to its page
                .leftJoin(ARTICLE).on(MODERATION_LOG.TARGET_KIND.eq(Target.Kind.ARTICLE.code())
                        .and(ARTICLE.ID.eq(MODERATION_LOG.TARGET_ID)))
                .where(where)
                .orderBy(MODERATION_LOG.CREATED_AT.desc(), MODERATION_LOG.ID.desc())
                .limit(PAGE_SIZE + 1).offset((page - 1) * PAGE_SIZE)
                .fetch(r -> new Row(r.value1(), r.value2(),
                        r.value3() == null ? "the operator" : r.value4() != null ? "[deleted member]" : r.value3(),
                        r.value5(), r.value6(), r.value7(), r.value8(), r.value9(), r.value10()));
        boolean more = rows.size() > PAGE_SIZE;
        // the filter lists come from the small tables kept with each log row, not from scanning the log
        List<String> actions = db.dsl().select(MODERATION_LOG_ACTION.ACTION).from(MODERATION_LOG_ACTION)
                .orderBy(MODERATION_LOG_ACTION.ACTION).fetch(MODERATION_LOG_ACTION.ACTION);
        List<String> moderators = db.dsl().select(MEMBER.NAME).from(MODERATION_LOG_MODERATOR)
                .join(MEMBER).on(MEMBER.ID.eq(MODERATION_LOG_MODERATOR.MEMBER_ID)).where(MEMBER.DELETED_AT.isNull())
                .orderBy(MEMBER.NAME).fetch(MEMBER.NAME);
        return new Page(more ? rows.subList(0, PAGE_SIZE) : rows, page, more, actions, moderators);
    }
}
