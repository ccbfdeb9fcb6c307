package crux.debate;

import java.time.Instant;

/**
 * A comment as the thread shows it, one row of the thread query. {@code authorName} is null when the author is
 * hidden (the comment was deleted) and "[deleted member]" once the account is gone; {@code myVote} is the viewer's
 * vote: 1, -1 or 0.
 */
public record CommentRow(long id, Long parentId, Long repliedToId, int depth, Side side, long authorId,
                         String authorName, boolean authorGone, String bodyHtml, Instant createdAt, Instant editedAt,
                         boolean deleted, boolean pinned, int ups, int downs, int replyCount, int membersMoved,
                         double forecastMovement, int myVote) implements ThreadTree.Row {

    public boolean argument() {
        return parentId == null;
    }

    public boolean edited() {
        return editedAt != null && !deleted;
    }

    /** Whether the page may link to the author's profile. */
    public boolean authorLinked() {
        return authorName != null && !authorGone;
    }

    /** Forecast movement credited to this comment, in whole percentage points. */
    public long forecastPoints() {
        return Math.round(forecastMovement);
    }

    public String createdIso() {
        return Times.iso(createdAt);
    }

    public String createdLabel() {
        return Times.label(createdAt);
    }
}
