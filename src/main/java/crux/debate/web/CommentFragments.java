package crux.debate.web;

import crux.accounts.SessionRepository;
import crux.debate.CommentRow;
import crux.debate.ThreadTree;
import crux.web.Fragments;
import crux.web.Site;
import java.util.HashMap;
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
     * Everything a comment's rendering reads: the row (text, votes, moderation state, the viewer's own vote; its depth
     * in the thread), where its replies go, and what this viewer may do with it.
     */
    private record Key(CommentRow row, int replyCount, List<Long> replies, boolean isNew, boolean mine,
                       boolean canVote, boolean canFlag, boolean canReply, boolean signedIn, boolean argumentsOnly,
                       boolean open, boolean prediction, String repliedTo, boolean unfolded, boolean moderating) {
    }

    private final Fragments fragments;

    public CommentFragments(Fragments fragments) {
        this.fragments = fragments;
    }

    /**
     * The comments as the viewer of {@code session} (null for a visitor) sees them, for one page: the page is rendered
     * with a marker where each comment goes and then written out with {@link Kept#writePage}, which puts each kept
     * comment's UTF-8 in its place, so comments are neither decoded into the rendered page nor encoded again.
     */
    public Kept forPage(SessionRepository.Session session) {
        boolean moderating = session != null && session.member() != null && session.member().moderator()
                && session.mfaPassed();
        return new Kept(moderating, Fragments.token(session == null ? null : session.csrf()), new HashMap<>());
    }

    private static final String MARKER = "<!--slot:comment:";

    /** A comment a page's rendering asked for, written out where its marker is. */
    private record Asked(ThreadTree.Node<CommentRow> node, DebateView d) {
    }

    /**
     * What templates call. The page's instance remembers the comments it was asked for; the instance a kept rendering
     * is made with ({@code asked} null) only writes a slot where each reply goes.
     */
    public final class Kept {
        private final boolean moderating;
        private final byte[] token;
        private final Map<Long, Asked> asked;

        private Kept(boolean moderating, byte[] token, Map<Long, Asked> asked) {
            this.moderating = moderating;
            this.token = token;
            this.asked = asked;
        }

        /** Whether the viewer moderates (and has passed two-factor): the comment shows its moderation tools. */
        public boolean moderating() {
            return moderating;
        }

        /** A comment with its replies: a marker in the rendered page, filled by {@link #writePage}. */
        public String comment(ThreadTree.Node<CommentRow> node, DebateView d) {
            if (asked != null) {
                asked.put(node.row().id(), new Asked(node, d));
            }
            return Fragments.marker("comment", node.row().id());
        }

        /** Writes {@code html}, rendered with this instance, to {@code out} with each comment in its marker's place. */
        public void writePage(StringBuilder html, Fragments.Out out) {
            int from = 0;
            for (int at = html.indexOf(MARKER); at >= 0; at = html.indexOf(MARKER, from)) {
                int end = html.indexOf("-->", at);
                out.write(html, from, at);
                // comment text is escaped, so a marker in the page is one this rendering wrote
                Asked a = asked.get(Long.parseLong(html, at + MARKER.length(), end, 10));
                write(a.node(), a.d(), out);
                from = end + "-->".length();
            }
            out.write(html, from, html.length());
        }

        private void write(ThreadTree.Node<CommentRow> node, DebateView d, Fragments.Out out) {
            CommentRow c = node.row();
            Key key = new Key(c, node.replyCount(),
                    node.children().stream().map(n -> n.row().id()).toList(), d.isNew(c), d.mine(c), d.canVote(c),
                    d.canFlag(c), d.canReply(c), d.signedIn(), d.argumentsOnly(), d.open(), d.prediction(),
                    d.repliedTo(c), d.unfolded(node), moderating);
            fragments.slotted(key, "debate/one :: comment",
                    () -> Map.of("node", node, "d", d, "kept", new Kept(moderating, token, null)),
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
