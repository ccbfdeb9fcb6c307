package crux.moderation;

import static crux.db.generated.Tables.COMMENT;
import static crux.db.generated.Tables.COMMENT_FLAG;
import static crux.db.generated.Tables.ITEM;
import static crux.db.generated.Tables.MEMBER;

import crux.core.Times;
import crux.db.Database;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.impl.DSL;

/** The moderation queue: open flags grouped by comment, the most recently flagged first. Two queries in all. */
public final class FlagQueueRepository {

    /** The queue shows this many comments; resolving them brings up the next. */
    public static final int PAGE = 50;

    /** One reason and how many flaggers gave it; {@code notes} are the texts given with 'other'. */
    public record ReasonCount(String label, int count) {
    }

    /** A flagged comment with its open flags. */
    public record Entry(long commentId, long itemId, String itemStatement, String author, String bodyHtml,
                        String state, boolean argument, boolean pinned, int flagCount, OffsetDateTime lastFlagged,
                        List<ReasonCount> reasons, List<String> notes) {
        public String lastFlaggedLabel() {
            return Times.label(lastFlagged.toInstant());
        }

        public boolean pending() {
            return "pending".equals(state);
        }
    }

    private final Database db;

    public FlagQueueRepository(Database db) {
        this.db = db;
    }

    public List<Entry> open() {
        var last = DSL.max(COMMENT_FLAG.CREATED_AT).as("last_flagged");
        var count = DSL.count().as("flags");
        var heads = db.dsl().select(COMMENT.ID, COMMENT.ITEM_ID, ITEM.STATEMENT, MEMBER.NAME, COMMENT.BODY_HTML,
                        COMMENT.MODERATION_STATE, COMMENT.PARENT_ID, COMMENT.PINNED, count, last)
                .from(COMMENT_FLAG)
                .join(COMMENT).on(COMMENT.ID.eq(COMMENT_FLAG.COMMENT_ID))
                .join(ITEM).on(ITEM.ID.eq(COMMENT.ITEM_ID))
                .join(MEMBER).on(MEMBER.ID.eq(COMMENT.AUTHOR_ID))
                .where(COMMENT_FLAG.RESOLVED_AT.isNull())
                .groupBy(COMMENT.ID, COMMENT.ITEM_ID, ITEM.STATEMENT, MEMBER.NAME, COMMENT.BODY_HTML,
                        COMMENT.MODERATION_STATE, COMMENT.PARENT_ID, COMMENT.PINNED)
                .orderBy(last.desc(), COMMENT.ID.desc())
                .limit(PAGE)
                .fetch();
        if (heads.isEmpty()) {
            return List.of();
        }
        List<Long> ids = heads.map(r -> r.get(COMMENT.ID));
        Map<Long, Map<String, Integer>> reasons = new LinkedHashMap<>();
        Map<Long, List<String>> notes = new LinkedHashMap<>();
        db.dsl().select(COMMENT_FLAG.COMMENT_ID, COMMENT_FLAG.REASON, COMMENT_FLAG.NOTE).from(COMMENT_FLAG)
                .where(COMMENT_FLAG.COMMENT_ID.in(ids)).and(COMMENT_FLAG.RESOLVED_AT.isNull())
                .orderBy(COMMENT_FLAG.ID)
                .forEach(r -> {
                    reasons.computeIfAbsent(r.value1(), k -> new LinkedHashMap<>()).merge(r.value2(), 1, Integer::sum);
                    if (r.value3() != null && !r.value3().isBlank()) {
                        notes.computeIfAbsent(r.value1(), k -> new ArrayList<>()).add(r.value3());
                    }
                });
        return heads.map(r -> {
            long id = r.get(COMMENT.ID);
            List<ReasonCount> rc = new ArrayList<>();
            reasons.getOrDefault(id, Map.of()).forEach((code, n) -> rc.add(new ReasonCount(
                    FlagReason.fromCode(code).map(FlagReason::label).orElse(code), n)));
            return new Entry(id, r.get(COMMENT.ITEM_ID), r.get(ITEM.STATEMENT), r.get(MEMBER.NAME),
                    r.get(COMMENT.BODY_HTML), r.get(COMMENT.MODERATION_STATE), r.get(COMMENT.PARENT_ID) == null,
                    r.get(COMMENT.PINNED), r.get(count), r.get(last), rc, notes.getOrDefault(id, List.of()));
        });
    }
}
