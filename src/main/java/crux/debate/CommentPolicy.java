package crux.debate;

import crux.accounts.Member;
import crux.web.HttpError;

/**
 * Who may do what to a comment: the one place these rules live, so a moderator override (a later issue) is added
 * here and nowhere else.
 */
public final class CommentPolicy {

    private CommentPolicy() {
    }

    /** Editing and deleting: only the author, for now. */
    public static boolean mayChange(Member actor, Comment comment) {
        return actor != null && actor.id() == comment.authorId();
    }

    /** Voting: anyone signed in, except on their own comment (applauding yourself is not a signal). */
    public static boolean mayVote(Member actor, Comment comment) {
        return actor != null && actor.id() != comment.authorId();
    }

    public static void requireChange(Member actor, Comment comment) {
        if (!mayChange(actor, comment)) {
            throw HttpError.forbidden("Only the author can edit or delete this comment.");
        }
    }

    public static void requireVote(Member actor, Comment comment) {
        if (!mayVote(actor, comment)) {
            throw HttpError.forbidden("You cannot vote on your own comment.");
        }
    }
}
