package crux.debate;

import static crux.db.generated.Tables.COMMENT;
import static crux.db.generated.Tables.ITEM;

import crux.core.Times;
import crux.db.Database;
import crux.markdown.Markdown;
import java.time.OffsetDateTime;
import java.util.List;
import org.jooq.Condition;

/** What one member wrote in the debates: their arguments and replies, newest first, a page at a time. */
public final class MemberCommentRepository {

    /** Comments per page of a profile. */
    public static final int PER_PAGE = 20;
    /** The excerpt of each: a line to recognise it by; the whole comment is one click away. */
    public static final int EXCERPT = 200;
    /** Pages a profile goes back: 10,000 comments, far beyond anyone's history so far, with a bound on the offset. */
    public static final int MAX_PAGE = 500;

    /**
     * One of the member's comments as their profile lists it. {@code state} is its moderation state, which only the
     * author's own view shows (others see visible comments only); {@code excerpt} is plain text, empty when removed.
     */
    public record Authored(long id, long itemId, String itemStatement, Side side, boolean reply, String excerpt,
                           OffsetDateTime createdAt, boolean edited, String state) {
        public String when() {
            return Times.label(createdAt.toInstant());
        }

        public String kind() {
            return reply ? "Reply" : side.label();
        }

        public boolean visible() {
            return "visible".equals(state);
        }
    }

    /** One page of them, and whether another follows. */
    public record Page(List<Authored> comments, int page, boolean hasNext) {
    }

    private final Database db;

    public MemberCommentRepository(Database db) {
        this.db = db;
    }

    /**
     * A page of a member's undeleted comments, newest first: ONE query, whatever their number. Others see only the
     * visible ones (pending review, hidden and removed ones are not theirs to see); the author sees all of their own.
     */
    public Page page(long authorId, boolean own, int page) {
        int p = Math.max(1, Math.min(page, MAX_PAGE));
        Condition shown = COMMENT.AUTHOR_ID.eq(authorId).and(COMMENT.DELETED_AT.isNull());
        if (!own) {
            shown = shown.and(COMMENT.MODERATION_STATE.eq("visible"));
        }
        List<Authored> rows = db.dsl().select(COMMENT.ID, COMMENT.ITEM_ID, ITEM.STATEMENT, COMMENT.SIDE,
                        COMMENT.PARENT_ID, COMMENT.BODY_SOURCE, COMMENT.CREATED_AT, COMMENT.EDITED_AT,
                        COMMENT.MODERATION_STATE)
                .from(COMMENT).join(ITEM).on(ITEM.ID.eq(COMMENT.ITEM_ID))
                .where(shown)
                .orderBy(COMMENT.CREATED_AT.desc(), COMMENT.ID.desc())
                .limit(PER_PAGE + 1).offset((p - 1) * PER_PAGE)
                .fetch(r -> new Authored(r.value1(), r.value2(), r.value3(),
                        r.value4() == null ? null : Side.fromCode(r.value4()).orElseThrow(), r.value5() != null,
                        "removed".equals(r.value9()) ? "" : Markdown.plainText(r.value6(), EXCERPT), r.value7(),
                        r.value8() != null, r.value9()));
        boolean more = rows.size() > PER_PAGE;
        return new Page(more ? rows.subList(0, PER_PAGE) : rows, p, more);
    }
}
