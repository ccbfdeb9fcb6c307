package crux.debate;

import static crux.db.generated.Tables.COMMENT;
import static crux.db.generated.Tables.COMMENT_REVISION;
import static crux.db.generated.Tables.COMMENT_VOTE;
import static crux.db.generated.Tables.ITEM_VISIT;
import static crux.db.generated.Tables.MEMBER;

import crux.core.Times;
import crux.db.Database;
import crux.db.Reusable;
import crux.db.generated.tables.records.CommentRecord;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record4;
import org.jooq.Table;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

/** Reads the debate: a whole thread in one query, single comments, and their earlier versions. */
public final class CommentRepository {

    /** An earlier version of a comment, for its history page. */
    public record Revision(String bodyHtml, OffsetDateTime writtenAt, OffsetDateTime replacedAt) {
        public String writtenLabel() {
            return Times.label(writtenAt.toInstant());
        }

        public String replacedLabel() {
            return Times.label(replacedAt.toInstant());
        }
    }

    private final Database db;

    public CommentRepository(Database db) {
        this.db = db;
    }

    /**
     * Every comment on an item, deleted ones included (as "[deleted]", so their replies keep their place), in
     * thread order, with the viewer's own vote on each: ONE query, whatever the size of the thread.
     *
     * @param viewerId the signed-in member, or null
     */
    public List<CommentRow> thread(long itemId, Long viewerId) {
        return rows(db.dsl(), viewerId, COMMENT.ITEM_ID.eq(itemId), null, null);
    }

    /**
     * What in a thread is the viewer's own: their votes, the words of their own comments that others may not read
     * (pending review or hidden), and the newest comment id they had seen on it (null on a first visit). Applied to
     * the thread as everyone sees it ({@link #thread} with no viewer, which can be shared between viewers) by
     * {@link #asSeenBy}: ONE query, reading only the viewer's rows.
     */
    public record Mine(Map<Long, Integer> votes, Map<Long, String> ownWithheld, Long seen) {
    }

    public Mine mine(long itemId, long viewerId) {
        MineRows rows = new MineRows();
        for (var r : MINE.fetch(db.dsl(), viewerId, itemId)) {
            rows.add(r.value1(), r.value2(), r.value3(), r.value4());
        }
        return rows.mine();
    }

    /**
     * Gathers {@link #mineTable}'s rows into a {@link Mine}: for pages that read them in a statement of their own
     * making (an item page reads them with the viewer's stance, in one round trip).
     */
    public static final class MineRows {
        private final Map<Long, Integer> votes = new HashMap<>();
        private final Map<Long, String> own = new HashMap<>();
        private Long seen;

        /** One row of {@link #mineTable}; a row of nulls (an outer join that found none) adds nothing. */
        public void add(Long id, Short vote, String body, Long seenId) {
            if (id == null) {
                return;
            }
            if (id == -1L) {
                seen = seenId;
                return;
            }
            if (vote != null && vote != 0) {
                votes.put(id, (int) vote);
            }
            if (body != null) {
                own.put(id, body);
            }
        }

        public Mine mine() {
            return new Mine(votes, own, seen);
        }
    }

    /**
     * {@link #mine}'s statement (values: the viewer, the item), rendered once: every member's view of an item runs it,
     * and jOOQ rendering it anew was half its cost. The union is wrapped in a plain SELECT: H2 keeps a parsed statement
     * for reuse only if it is a SELECT, never a UNION, and parsing this one again was an eighth of a prediction page's
     * CPU.
     */
    private static final Reusable<Record4<Long, Short, String, Long>> MINE = Reusable.query(2, d -> {
        Table<Record4<Long, Short, String, Long>> mine = mineTable(Reusable.value(0, Long.class),
                Reusable.value(1, Long.class));
        return d.select(mine.field(0, Long.class), mine.field(1, Short.class), mine.field(2, String.class),
                mine.field(3, Long.class)).from(mine);
    });

    /**
     * What of an item's thread is {@code viewer}'s, as a table of (id, vote, body, seen) rows: their votes, their own
     * comments that others may not read, and a row of id -1 carrying the newest comment they had seen (so that it
     * comes back even when nothing else does). It starts from what is the viewer's (their votes, by the member's
     * index; their own comments, by the author's), not from the item's comments, so a 2,000-comment debate costs what
     * a short one does.
     */
    public static Table<Record4<Long, Short, String, Long>> mineTable(Field<Long> viewer, Field<Long> item) {
        var c = COMMENT.as("c");
        var v = COMMENT_VOTE.as("v");
        var o = COMMENT.as("o");
        var votes = DSL.select(c.ID.as("id"), v.VOTE.as("vote"), DSL.inline((String) null).as("body"),
                        DSL.inline((Long) null).as("seen"))
                .from(v).join(c).on(c.ID.eq(v.COMMENT_ID))
                .where(v.MEMBER_ID.eq(viewer)).and(c.ITEM_ID.eq(item));
        var withheldFromOthers = DSL.select(o.ID, DSL.inline((Short) null), o.BODY_HTML, DSL.inline((Long) null))
                .from(o).where(o.AUTHOR_ID.eq(viewer)).and(o.ITEM_ID.eq(item)).and(o.DELETED_AT.isNull())
                .and(o.MODERATION_STATE.in(DSL.inline("pending"), DSL.inline("hidden")));
        var seen = DSL.select(DSL.inline(-1L), DSL.inline((Short) null), DSL.inline((String) null),
                        ITEM_VISIT.SEEN_COMMENT_ID)
                .from(ITEM_VISIT).where(ITEM_VISIT.MEMBER_ID.eq(viewer)).and(ITEM_VISIT.ITEM_ID.eq(item));
        return votes.unionAll(withheldFromOthers).unionAll(seen).asTable("mine");
    }

    /** {@code shared} (the thread as a visitor sees it) with {@code mine} applied: new rows only where they differ. */
    public static List<CommentRow> asSeenBy(List<CommentRow> shared, Mine mine) {
        if (mine.votes().isEmpty() && mine.ownWithheld().isEmpty()) {
            return shared;
        }
        List<CommentRow> rows = new ArrayList<>(shared.size());
        for (CommentRow r : shared) {
            int vote = mine.votes().getOrDefault(r.id(), 0);
            String own = mine.ownWithheld().get(r.id());
            rows.add(vote == r.myVote() && own == null ? r : new CommentRow(r.id(), r.parentId(), r.repliedToId(),
                    r.depth(), r.side(), r.authorId(), r.authorName(), r.authorGone(), own != null ? own : r.bodyHtml(),
                    r.createdAt(), r.editedAt(), r.deleted(), r.pinned(), r.ups(), r.downs(), r.replyCount(),
                    r.membersMoved(), r.forecastMovement(), vote, r.moderationState(), r.moderationReason()));
        }
        return rows;
    }

    /** One comment as the thread shows it (for the fragment htmx swaps in). */
    public Optional<CommentRow> row(long commentId, Long viewerId) {
        return rows(db.dsl(), viewerId, COMMENT.ID.eq(commentId), null, null).stream().findFirst();
    }

    /**
     * The rows read column by column from JDBC: a debate of 2,000 comments is read whole on every view of its item, and
     * jOOQ's record mapping (a field lookup per value) was about half of that read's CPU. The columns are in the order
     * selected; {@link #toRow} maps them. {@code extra}, when given, is one more column with the same value on every
     * row (a subquery of its own), read from the first row into {@code extraOut[0]}.
     */
    private static List<CommentRow> rows(DSLContext dsl, Long viewerId, Condition where, Field<Long> extra,
                                         Long[] extraOut) {
        List<CommentRow> rows = new ArrayList<>();
        List<org.jooq.SelectFieldOrAsterisk> columns = new ArrayList<>(List.of(COMMENT.ID, COMMENT.PARENT_ID,
                COMMENT.REPLIED_TO_ID, COMMENT.DEPTH, COMMENT.SIDE,
                COMMENT.AUTHOR_ID, MEMBER.NAME, MEMBER.DELETED_AT, COMMENT.BODY_HTML, COMMENT.CREATED_AT,
                COMMENT.EDITED_AT, COMMENT.DELETED_AT, COMMENT.PINNED, COMMENT.UPS, COMMENT.DOWNS,
                COMMENT.REPLY_COUNT, COMMENT.MEMBERS_MOVED, COMMENT.FORECAST_MOVEMENT, COMMENT_VOTE.VOTE,
                COMMENT.MODERATION_STATE, COMMENT.MODERATION_REASON));
        if (extra != null) {
            columns.add(extra);
        }
        try (ResultSet r = dsl.select(columns)
                .from(COMMENT)
                .join(MEMBER).on(MEMBER.ID.eq(COMMENT.AUTHOR_ID))
                // the viewer's own vote on each comment, in the same query (none for a visitor)
                .leftJoin(COMMENT_VOTE).on(COMMENT_VOTE.COMMENT_ID.eq(COMMENT.ID))
                .and(viewerId == null ? DSL.falseCondition() : COMMENT_VOTE.MEMBER_ID.eq(viewerId))
                .where(where)
                .orderBy(COMMENT.PATH)
                .fetchResultSet()) {
            while (r.next()) {
                if (extra != null && rows.isEmpty()) {
                    long v = r.getLong(22);
                    extraOut[0] = r.wasNull() ? null : v;
                }
                rows.add(toRow(r, viewerId));
            }
        } catch (SQLException e) {
            throw new DataAccessException("reading comments", e);
        }
        return rows;
    }

    /** Hidden and removed comments carry no words to anyone but (for hidden ones) their author. */
    private static CommentRow toRow(ResultSet r, Long viewerId) throws SQLException {
        long authorId = r.getLong(6);
        boolean deleted = r.getObject(12) != null;
        String state = r.getString(20);
        boolean own = viewerId != null && viewerId == authorId;
        boolean withheld = "removed".equals(state) || (!"visible".equals(state) && !own);
        boolean authorGone = r.getObject(8) != null;
        short vote = r.getShort(19); // 0 when there is none
        String side = r.getString(5);
        OffsetDateTime edited = r.getObject(11, OffsetDateTime.class);
        return new CommentRow(r.getLong(1), nullableLong(r, 2), nullableLong(r, 3), r.getInt(4),
                side == null ? null : Side.fromCode(side).orElseThrow(), authorId,
                deleted ? null : authorGone ? "[deleted member]" : r.getString(7), authorGone,
                deleted || withheld ? "" : r.getString(9), r.getObject(10, OffsetDateTime.class).toInstant(),
                edited == null ? null : edited.toInstant(), deleted, r.getBoolean(13), r.getInt(14), r.getInt(15),
                r.getInt(16), r.getInt(17), r.getInt(18), vote, state, r.getString(21));
    }

    private static Long nullableLong(ResultSet r, int column) throws SQLException {
        long value = r.getLong(column);
        return r.wasNull() ? null : value;
    }

    public Optional<Comment> find(long id) {
        return db.dsl().selectFrom(COMMENT).where(COMMENT.ID.eq(id)).fetchOptional(CommentRepository::toComment);
    }

    /** Locks the comment's row until the transaction ends: writes to one comment (votes, edits) take turns. */
    static Optional<Comment> lock(DSLContext tx, long id) {
        return tx.selectFrom(COMMENT).where(COMMENT.ID.eq(id)).forUpdate().fetchOptional(CommentRepository::toComment);
    }

    static Comment toComment(CommentRecord r) {
        return new Comment(r.getId(), r.getItemId(), r.getAuthorId(), r.getParentId(), r.getPath(), r.getDepth(),
                r.getSide() == null ? null : Side.fromCode(r.getSide()).orElseThrow(), r.getBodySource(),
                r.getBodyHtml(), r.getCreatedAt(), r.getEditedAt(), r.getDeletedAt());
    }

    /** Earlier versions, newest first. */
    public List<Revision> revisions(long commentId) {
        return db.dsl().select(COMMENT_REVISION.BODY_HTML, COMMENT_REVISION.WRITTEN_AT, COMMENT_REVISION.REPLACED_AT)
                .from(COMMENT_REVISION).where(COMMENT_REVISION.COMMENT_ID.eq(commentId))
                .orderBy(COMMENT_REVISION.ID.desc())
                .fetch(r -> new Revision(r.value1(), r.value2(), r.value3()));
    }

    /**
     * The page of the item's thread (default sort, thread view) that shows {@code comment}: the page of its
     * argument. One query over the item's arguments only.
     */
    public int pageOf(Comment comment) {
        List<CommentRow> arguments = rows(db.dsl(), null,
                COMMENT.ITEM_ID.eq(comment.itemId()).and(COMMENT.PARENT_ID.isNull()), null, null);
        List<ThreadTree.Node<CommentRow>> roots = ThreadTree.build(arguments, Sort.DEFAULT).roots();
        long argument = comment.argumentId();
        for (int i = 0; i < roots.size(); i++) {
            if (roots.get(i).row().id() == argument) {
                return i / ThreadTree.ARGUMENTS_PER_PAGE + 1;
            }
        }
        return 1;
    }
}
