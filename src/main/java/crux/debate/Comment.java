package crux.debate;

import java.time.OffsetDateTime;

/**
 * One comment as stored: what the write paths (edit, delete, vote, permalink) need to decide. Display goes through
 * {@link CommentRow}.
 *
 * @param parentId null for a top-level argument
 * @param side     null for a reply
 */
public record Comment(long id, long itemId, long authorId, Long parentId, String path, int depth, Side side,
                      String bodySource, String bodyHtml, OffsetDateTime createdAt, OffsetDateTime editedAt,
                      OffsetDateTime deletedAt) {

    public boolean deleted() {
        return deletedAt != null;
    }

    public boolean argument() {
        return parentId == null;
    }

    /** The top-level argument this comment belongs to: the first segment of its path. */
    public long argumentId() {
        return Long.parseLong(path.substring(0, ThreadPath.SEGMENT_WIDTH));
    }
}
