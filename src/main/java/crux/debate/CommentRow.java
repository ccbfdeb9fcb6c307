package crux.debate;

import crux.core.Times;
import java.time.Instant;
import java.util.Objects;

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

    /**
     * Written out rather than the record's own: comments are kept rendered by a key holding their row
     * ({@code crux.debate.web.CommentFragments}), so every comment of every page view hashes and compares one, and the
     * generated methods (a chain of method handles over 21 components) were a tenth of a signed-in item page's CPU.
     */
    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof CommentRow o)) {
            return false;
        }
        return id == o.id && Objects.equals(parentId, o.parentId) &&
                Objects.equals(repliedToId, o.repliedToId) && depth == o.depth && side == o.side &&
                authorId == o.authorId && Objects.equals(authorName, o.authorName) &&
                authorGone == o.authorGone && Objects.equals(bodyHtml, o.bodyHtml) &&
                Objects.equals(createdAt, o.createdAt) && Objects.equals(editedAt, o.editedAt) &&
                deleted == o.deleted && pinned == o.pinned && ups == o.ups && downs == o.downs &&
                replyCount == o.replyCount && membersMoved == o.membersMoved &&
                Double.compare(forecastMovement, o.forecastMovement) == 0 && myVote == o.myVote &&
                Objects.equals(moderationState, o.moderationState) &&
                Objects.equals(moderationReason, o.moderationReason);
    }

    @Override
    public int hashCode() {
        int h = Long.hashCode(id);
        h = 31 * h + Objects.hashCode(parentId);
        h = 31 * h + Objects.hashCode(repliedToId);
        h = 31 * h + depth;
        h = 31 * h + Objects.hashCode(side);
        h = 31 * h + Long.hashCode(authorId);
        h = 31 * h + Objects.hashCode(authorName);
        h = 31 * h + Boolean.hashCode(authorGone);
        h = 31 * h + Objects.hashCode(bodyHtml);
        h = 31 * h + Objects.hashCode(createdAt);
        h = 31 * h + Objects.hashCode(editedAt);
        h = 31 * h + Boolean.hashCode(deleted);
        h = 31 * h + Boolean.hashCode(pinned);
        h = 31 * h + ups;
        h = 31 * h + downs;
        h = 31 * h + replyCount;
        h = 31 * h + membersMoved;
        h = 31 * h + Double.hashCode(forecastMovement);
        h = 31 * h + myVote;
        h = 31 * h + Objects.hashCode(moderationState);
        h = 31 * h + Objects.hashCode(moderationReason);
        return h;
    }
}
