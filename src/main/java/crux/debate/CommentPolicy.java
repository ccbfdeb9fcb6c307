package crux.debate;

import crux.accounts.Member;
import crux.core.NotAllowed;

/**
 * Who may do what to a comment: the one place these rules live, moderator override included.
 */
public final class CommentPolicy {

    private CommentPolicy() {
    }

    /** Editing and deleting: the author. */
    public static boolean mayChange(Member actor, Comment comment) {
        return actor != null && actor.id() == comment.authorId();
    }

    /**
     * The moderator override: a moderator or admin whose session passed two-factor may edit or delete anyone's
     * comment, with a reason that is logged publicly and told to the author.
     */
    public static boolean mayModerate(Member actor, Comment comment, boolean mfaPassed) {
        return actor != null && actor.moderator() && mfaPassed && actor.id() != comment.authorId();
    }

    public static void requireChange(Member actor, Comment comment, boolean mfaPassed) {
        if (!mayChange(actor, comment) && !mayModerate(actor, comment, mfaPassed)) {
            throw new NotAllowed("Only the author (or a moderator) can edit or delete this comment.");
        }
    }

    /** Voting: anyone signed in, except on their own comment (applauding yourself is not a signal). */
    public static boolean mayVote(Member actor, Comment comment) {
        return actor != null && actor.id() != comment.authorId();
    }

    public static void requireChange(Member actor, Comment comment) {
        if (!mayChange(actor, comment)) {
            throw new NotAllowed("Only the author can edit or delete this comment.");
        }
    }

    public static void requireVote(Member actor, Comment comment) {
        if (!mayVote(actor, comment)) {
            throw new NotAllowed("You cannot vote on your own comment.");
        }
    }
}
