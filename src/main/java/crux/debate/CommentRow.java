package crux.debate;

import crux.core.Times;
import java.time.Instant;

/**
 * A comment as the thread shows it, one row of the thread query. {@code authorName} is null when the author is
 * hidden (the comment was deleted) and "[deleted member]" once the account is gone; {@code myVote} is the viewer's
 * vote: 1, -1 or 0.
 */
public record CommentRow(long id, Long parentId, Long repliedToId, int depth, Side side, long authorId,
                         String authorName, boolean authorGone, String bodyHtml, Instant createdAt, Instant editedAt,
                         boolean deleted, boolean pinned, int ups, int downs, int replyCount, int membersMoved,
                         double forecastMovement, int myVote, String moderationState,
                         String moderationReason) implements ThreadTree.Row {

    /** Hidden from everyone but its author: pending review after flags, or hidden by a moderator. */
    public boolean hidden() {
        return !deleted && ("pending".equals(moderationState) || "hidden".equals(moderationState));
    }

    public boolean pending() {
        return !deleted && "pending".equals(moderationState);
    }

    /** Removed by a moderator: its words are shown to nobody, only the reason. */
    public boolean removed() {
        return !deleted && "removed".equals(moderationState);
    }

    /** What stands in place of the body for those who may not see it. */
    public String moderationNotice() {
        if (removed()) {
            return "[removed by moderator: " + moderationReason + "]";
        }
        if (pending()) {
            return "This comment is hidden pending review.";
        }
        return hidden() ? "This comment was hidden by a moderator" + (moderationReason == null ? "." : ": " + moderationReason) : null;
    }

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
