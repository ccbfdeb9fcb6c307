package crux.debate.web;

import crux.accounts.SessionRepository;
import crux.debate.CommentRow;
import crux.debate.ThreadTree;
import crux.web.Fragments;
import crux.web.Site;
import java.util.List;
import java.util.Map;

/**
 * The comments of a debate rendered once per state they are shown in ({@link Fragments}), not on every page view:
 * rendering each comment with its forms was most of an item page's time. A comment is kept without its replies,
 * which are slots filled with theirs, so a new reply deep in a thread renders that reply alone; the viewer's CSRF
 * token is written into the kept forms per request.
 *
 * <p>Templates reach it as {@code kept} (see {@code debate/thread.html}): where it is absent (a single comment swapped
 * in by htmx) the comments render as before.
 */
public final class CommentFragments {

    /**
     * Everything a comment's rendering reads: the row (text, votes, moderation state, the viewer's own vote), where
     * its replies go, and what this viewer may do with it.
     */
    private record Key(CommentRow row, int depth, int replyCount, List<Long> replies, boolean isNew, boolean mine,
                       boolean canVote, boolean canFlag, boolean canReply, boolean signedIn, boolean argumentsOnly,
                       boolean open, boolean prediction, String repliedTo, boolean unfolded, boolean moderating) {
    }

    private final Fragments fragments;

    public CommentFragments(Fragments fragments) {
        this.fragments = fragments;
    }

    /** The comments as the viewer of {@code session} (null for a visitor) sees them, for one page. */
    public Kept forPage(SessionRepository.Session session) {
        boolean moderating = session != null && session.member() != null && session.member().moderator()
                && session.mfaPassed();
        return new Kept(moderating, Fragments.token(session == null ? null : session.csrf()), false);
    }

    /**
     * What templates call. {@code slots} is the instance a kept rendering is made with: it writes a slot where each
     * reply goes.
     */
    public final class Kept {
        private final boolean moderating;
        private final byte[] token;
        private final boolean slots;

        private Kept(boolean moderating, byte[] token, boolean slots) {
            this.moderating = moderating;
            this.token = token;
            this.slots = slots;
        }

        /** Whether the viewer moderates (and has passed two-factor): the comment shows its moderation tools. */
        public boolean moderating() {
            return moderating;
        }

        /** A comment with its replies, as HTML. */
        public String comment(ThreadTree.Node<CommentRow> node, DebateView d) {
            if (slots) {
                return Fragments.marker("comment", node.row().id());
            }
            Fragments.Out out = new Fragments.Out(4096);
            write(node, d, out);
            return out.toString();
        }

        private void write(ThreadTree.Node<CommentRow> node, DebateView d, Fragments.Out out) {
            CommentRow c = node.row();
            Key key = new Key(c, node.depth(), node.replyCount(),
                    node.children().stream().map(n -> n.row().id()).toList(), d.isNew(c), d.mine(c), d.canVote(c),
                    d.canFlag(c), d.canReply(c), d.signedIn(), d.argumentsOnly(), d.open(), d.prediction(),
                    d.repliedTo(c), d.unfolded(node), moderating);
            Kept markers = new Kept(moderating, token, true);
            fragments.slotted(key, "debate/one :: comment", () -> Map.of("node", node, "d", d, "kept", markers),
                    Site.RENDERING).writeTo(out, token, (slot, o) -> {
                        for (ThreadTree.Node<CommentRow> reply : node.children()) {
                            if (reply.row().id() == slot.id()) {
                                write(reply, d, o);
                            }
                        }
                    });
        }
    }
}
