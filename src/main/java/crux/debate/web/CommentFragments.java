package crux.debate.web;

import crux.accounts.SessionRepository;
import crux.debate.CommentRow;
import crux.debate.Sort;
import crux.debate.ThreadTree;
import crux.web.Forms;
import crux.web.Fragments;
import crux.web.Site;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.unbescape.html.HtmlEscape;

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

        /** The viewer's rights and the comment's state as bits, so the methods below compare one number for them. */
        private int flags() {
            return (isNew ? 1 : 0) | (mine ? 2 : 0) | (canVote ? 4 : 0) | (canFlag ? 8 : 0) | (canReply ? 16 : 0)
                    | (signedIn ? 32 : 0) | (argumentsOnly ? 64 : 0) | (open ? 128 : 0) | (prediction ? 256 : 0)
                    | (unfolded ? 512 : 0) | (moderating ? 1024 : 0);
        }

        // Written out rather than the record's own, as CommentRow's: every kept comment of every page view looks
        // its key up, and the generated methods over 15 components are a chain of method handles too deep to inline.
        @Override
        public boolean equals(Object other) {
            return other instanceof Key k && replyCount == k.replyCount && flags() == k.flags() && row.equals(k.row)
                    && replies.equals(k.replies) && Objects.equals(repliedTo, k.repliedTo);
        }

        @Override
        public int hashCode() {
            return ((row.hashCode() * 31 + replyCount) * 31 + flags()) * 31 + replies.hashCode() * 31
                    + Objects.hashCode(repliedTo);
        }
    }

    /** One column of the pro/con view as its section shows it: the comments themselves are slots. */
    private record ColumnKey(String side, String title, int total, List<Long> arguments) {
    }

    /**
     * Everything the debate section shows around its comments (counts, controls, the argument form, the pager, which
     * comments in which order): it is kept per such state ({@link Kept#writeSection}), its comments and the form's
     * one-time token filled per view.
     */
    private record SectionKey(long itemId, DebateView.Mode mode, Sort sort, int pageNumber, int pageCount,
                              int argumentCount, int commentCount, boolean signedIn, boolean viewerCanWrite,
                              String closed, Forms.State argumentForm, String argumentPreview, int newCount,
                              String firstNew, List<Long> arguments, List<ColumnKey> columns) {

        static SectionKey of(DebateView d) {
            return new SectionKey(d.itemId(), d.mode(), d.sort(), d.pageNumber(), d.pageCount(), d.argumentCount(),
                    d.commentCount(), d.signedIn(), d.viewerCanWrite(), d.closed(), d.argumentForm(),
                    d.argumentPreview(), d.newCount(), d.firstNew(), ids(d.arguments()),
                    d.columns().stream().map(c -> new ColumnKey(c.side().code(), c.title(), c.total(),
                            ids(c.arguments()))).toList());
        }

        private static List<Long> ids(List<ThreadTree.Node<CommentRow>> nodes) {
            return nodes.stream().map(n -> n.row().id()).toList();
        }
    }

    private static final String TOKEN_SLOT = Fragments.marker("posttoken", 0);
    private static final byte[] TOKEN_INPUT_START = "<input type=\"hidden\" name=\"token\" value=\""
            .getBytes(StandardCharsets.UTF_8);
    private static final byte[] TOKEN_INPUT_END = "\">".getBytes(StandardCharsets.UTF_8);

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

    private static final String MARKER = "<!--slot:";
    private static final String COMMENT = "comment";

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
            return Fragments.marker(COMMENT, node.row().id());
        }

        /**
         * Writes {@code html}, rendered with this instance, to {@code out} with each comment in its marker's place, and
         * what {@code others} writes in the place of any other marker ({@link Fragments#marker}) the page holds.
         */
        public void writePage(StringBuilder html, Fragments.Out out, Fragments.Filler others) {
            int from = 0;
            for (int at = html.indexOf(MARKER); at >= 0; at = html.indexOf(MARKER, from)) {
                int colon = html.indexOf(":", at + MARKER.length());
                int close = html.indexOf("-->", at);
                out.write(html, from, at);
                // text in the page is escaped, so a marker in it is one this rendering wrote
                String name = html.substring(at + MARKER.length(), colon);
                long id = Long.parseLong(html, colon + 1, close, 10);
                if (name.equals(COMMENT)) {
                    Asked a = asked.get(id);
                    write(a.node(), a.d(), out);
                } else {
                    others.fill(new Fragments.Slotted.Slot(name, id), out);
                }
                from = close + "-->".length();
            }
            out.write(html, from, html.length());
        }

        /**
         * Writes the debate section of {@code d} from its kept rendering ({@link SectionKey}): the comments are this
         * page's, each from its own kept rendering, and the argument form carries the view's one-time token.
         */
        public void writeSection(DebateView d, Fragments.Out out, byte[] csrf) {
            for (ThreadTree.Node<CommentRow> node : d.arguments()) {
                comment(node, d);
            }
            for (DebateView.Column column : d.columns()) {
                for (ThreadTree.Node<CommentRow> node : column.arguments()) {
                    comment(node, d);
                }
            }
            fragments.slotted(SectionKey.of(d), "debate/section", () -> Map.of("d", d,
                            "kept", new Kept(moderating, token, null), "tokenSlot", TOKEN_SLOT), Site.RENDERING)
                    .writeTo(out, csrf, (slot, o) -> {
                        if (slot.name().equals(COMMENT)) {
                            Asked a = asked.get(slot.id());
                            write(a.node(), a.d(), o);
                        } else {
                            o.write(TOKEN_INPUT_START);
                            o.write(HtmlEscape.escapeHtml5(d.token() == null ? "" : d.token())
                                    .getBytes(StandardCharsets.UTF_8));
                            o.write(TOKEN_INPUT_END);
                        }
                    });
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
