package crux.debate.web;

import crux.debate.CommentRow;
import crux.debate.PostTokens;
import crux.debate.Side;
import crux.debate.Sort;
import crux.debate.ThreadTree;
import crux.moderation.FlagReason;
import crux.web.Forms;
import java.util.List;
import java.util.Map;

/**
 * What the debate section of an item page shows: one page of arguments (thread view) or of each side (pro/con view),
 * the counts of the whole thread, and what the viewer may do.
 *
 * @param arguments    thread view: this page's arguments with their replies
 * @param columns      pro/con view: supports, opposes and questions, this page of each
 * @param names        author names of the comments that replies past the maximum depth answer, by comment id
 * @param viewerId     the signed-in member, or null
 * @param viewerCanWrite false for visitors and suspended members
 * @param closed       why the debate takes no new comments (retired item, locked debate), or null when it does
 * @param token        the argument form's one-time token ({@link PostTokens})
 * @param argumentForm what the argument form shows again after a refusal (422, 429) or a preview, else empty
 * @param argumentPreview the argument's text rendered (safe HTML) when the Preview button sent the form, else null
 * @param seen         the newest comment id the member had seen when they last opened the item, or null: no
 *                     comment is marked new (a visitor, a first visit, a page re-rendered after a form)
 * @param newCount     comments marked new in the whole thread
 * @param firstNew     where the oldest new comment is (its page of the thread, scrolled to it), or null
 */
public record DebateView(long itemId, boolean prediction, Mode mode, Sort sort,
                         List<ThreadTree.Node<CommentRow>> arguments, List<Column> columns,
                         int pageNumber, int pageCount, int argumentCount, int commentCount,
                         Map<Long, String> names, Long viewerId, boolean viewerCanWrite, String closed,
                         String token, Forms.State argumentForm, String argumentPreview, Long seen,
                         int newCount, String firstNew) {

    /** Replies deeper than this start folded: with hundreds of comments a page stays scannable. */
    public static final int FOLD_DEPTH = 3;

    /** Thread (every comment in place) or pro/con (the two sides in columns, Kialo style). */
    public enum Mode {
        THREAD("thread", "Thread"),
        PROCON("procon", "For and against");

        private final String code;
        private final String label;

        Mode(String code, String label) {
            this.code = code;
            this.label = label;
        }

        public String code() {
            return code;
        }

        public String label() {
            return label;
        }

        /** Missing or unknown values give the thread view, never an error. */
        public static Mode parse(String param) {
            return PROCON.code.equals(param) ? PROCON : THREAD;
        }
    }

    /** One column of the pro/con view. */
    public record Column(Side side, String title, List<ThreadTree.Node<CommentRow>> arguments, int total) {
    }

    public List<Sort> sorts() {
        return List.of(Sort.values());
    }

    public List<Mode> modes() {
        return List.of(Mode.values());
    }

    public boolean signedIn() {
        return viewerId != null;
    }

    public boolean open() {
        return closed == null;
    }

    /** The argument form shows for members who may write in an open debate. */
    public boolean canArgue() {
        return open() && viewerCanWrite;
    }

    /** Posted by someone else since the member last opened the item, and shown to them. */
    public boolean isNew(CommentRow row) {
        return isNew(row, seen, viewerId);
    }

    static boolean isNew(CommentRow row, Long seen, Long viewerId) {
        return seen != null && row.id() > seen && (viewerId == null || row.authorId() != viewerId) && !row.deleted()
                && !row.removed() && !row.hidden();
    }

    public boolean mine(CommentRow row) {
        return viewerId != null && row.authorId() == viewerId && !row.deleted();
    }

    public boolean canVote(CommentRow row) {
        return viewerCanWrite && !row.deleted() && !mine(row);
    }

    /** Members flag others' comments that are still shown, once each (the server refuses a second flag). */
    public boolean canFlag(CommentRow row) {
        return viewerCanWrite && !row.deleted() && !row.removed() && !mine(row);
    }

    public List<FlagReason> flagReasons() {
        return FlagReason.all();
    }

    public boolean canReply(CommentRow row) {
        return open() && !row.deleted() && (viewerId == null || viewerCanWrite);
    }

    /** Whom a reply answers, when that is not its parent (replies past the maximum depth sit beside the comment). */
    public String repliedTo(CommentRow row) {
        if (row.repliedToId() == null || row.repliedToId().equals(row.parentId())) {
            return null;
        }
        String name = names.get(row.repliedToId());
        return name == null ? "[deleted]" : name;
    }

    /** Whether a comment's replies start unfolded: near the top of the thread, or holding a new one. */
    public boolean unfolded(ThreadTree.Node<CommentRow> node) {
        return node.depth() < FOLD_DEPTH || (seen != null && holdsNew(node));
    }

    /** Whether a new comment is among a comment's replies: their fold opens, so a jump to it lands on it. */
    private boolean holdsNew(ThreadTree.Node<CommentRow> node) {
        for (ThreadTree.Node<CommentRow> child : node.children()) {
            if (isNew(child.row()) || holdsNew(child)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The pro/con view lists arguments only, each with a link to its replies in the thread (as Kialo does): its
     * columns stay short enough to compare side by side, and replying there goes through the reply page.
     */
    public boolean argumentsOnly() {
        return mode == Mode.PROCON;
    }

    public String url(Mode m, Sort s, int page) {
        StringBuilder sb = new StringBuilder("/items/").append(itemId);
        String sep = "?";
        if (m != Mode.THREAD) {
            sb.append(sep).append("view=").append(m.code());
            sep = "&";
        }
        if (s != Sort.DEFAULT) {
            sb.append(sep).append("sort=").append(s.code());
            sep = "&";
        }
        if (page > 1) {
            sb.append(sep).append("page=").append(page);
        }
        return sb.append("#debate").toString();
    }

    public String sortUrl(Sort s) {
        return url(mode, s, 1);
    }

    public String modeUrl(Mode m) {
        return url(m, sort, 1);
    }

    public String pageUrl(int page) {
        return url(mode, sort, page);
    }

    public boolean hasPrevious() {
        return pageNumber > 1;
    }

    public boolean hasNext() {
        return pageNumber < pageCount;
    }
}
