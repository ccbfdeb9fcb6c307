package crux.debate.web;

import crux.accounts.Member;
import crux.article.ArticleRepository;
import crux.article.Item;
import crux.debate.CommentRepository;
import crux.debate.CommentRow;
import crux.debate.PostTokens;
import crux.debate.Side;
import crux.debate.Sort;
import crux.debate.ThreadTree;
import crux.debate.VisitRepository;
import crux.web.Forms;
import crux.web.Gate;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Builds the debate section of an item page: the thread as everyone sees it (kept), with the viewer's own applied. */
public final class DebateViewBuilder {

    /** Page numbers beyond this are typos or probes: they show the last page like any page past the end. */
    static final int MAX_PAGE_PARAM = 100_000;

    private final ArticleRepository articles;
    private final CommentRepository comments;
    private final VisitRepository visits;
    private final Clock clock;
    private final Shared shared;

    /** Where the threads as a visitor sees them are kept between requests, and dropped when anything in one changes. */
    @FunctionalInterface
    public interface Shared {
        /** Item {@code itemId}'s thread as kept, or {@code read} now (and kept) when none is. */
        List<CommentRow> thread(long itemId, java.util.function.Supplier<List<CommentRow>> read);
    }

    /**
     * @param shared keeps each item's thread as a visitor sees it: a member's view is that thread with their own votes
     *               and withheld comments applied ({@link CommentRepository#mine}), so the whole thread (2,000 rows
     *               on the largest debates) is not read again on every member's view
     */
    public DebateViewBuilder(ArticleRepository articles, CommentRepository comments, VisitRepository visits,
                             Clock clock, Shared shared) {
        this.shared = shared;
        this.articles = articles;
        this.visits = visits;
        this.comments = comments;
        this.clock = clock;
    }

    /**
     * The debate as the request asks for it: ?view=thread|procon, ?sort=…, ?page=N; for a member, the comments posted
     * since they last opened the item marked new (a live refresh marks what arrived since the page was opened).
     */
    public DebateView view(Context ctx, Item item, Forms.State argumentForm) {
        return build(item, DebateView.Mode.parse(ctx.queryParam("view")), Sort.parse(ctx.queryParam("sort")),
                page(ctx.queryParam("page")), Gate.viewer(ctx), argumentForm, null, false, null, null);
    }

    /**
     * The debate as a member opens the item page: marked as {@link #view} does, and the visit noted (without waiting)
     * so that next time only what is newer is new. {@code ?since=N}, which the "first new" link carries to another
     * page of the thread, keeps the marks of the visit that link was shown on.
     */
    public DebateView visit(Context ctx, Item item) {
        return visit(ctx, item, null);
    }

    /**
     * As {@link #visit(Context, Item)}, with what of the thread is the viewer's already read (by a page that reads it
     * with other things of theirs in one statement), or null to read it here.
     */
    public DebateView visit(Context ctx, Item item, CommentRepository.Mine mine) {
        return build(item, DebateView.Mode.parse(ctx.queryParam("view")), Sort.parse(ctx.queryParam("sort")),
                page(ctx.queryParam("page")), Gate.viewer(ctx), Forms.State.empty(), null, true,
                since(ctx.queryParam("since")), mine);
    }

    public DebateView build(Item item, DebateView.Mode mode, Sort sort, int page, Member viewer,
                            Forms.State argumentForm) {
        return build(item, mode, sort, page, viewer, argumentForm, null);
    }

    /** The debate with the argument form as it was sent, and {@code preview} (safe HTML, or null) shown above it. */
    public DebateView build(Item item, DebateView.Mode mode, Sort sort, int page, Member viewer,
                            Forms.State argumentForm, String preview) {
        return build(item, mode, sort, page, viewer, argumentForm, preview, false, null, null);
    }

    /**
     * A member's new comments are marked whenever they are shown the debate; only a page view notes the visit.
     *
     * @param note  whether to note the visit (a member opening the item page; not a live refresh or a form's answer)
     * @param since a lower mark the "first new" link carries, or null
     * @param read  what of the thread is the viewer's, when the caller has read it; null to read it here
     */
    private DebateView build(Item item, DebateView.Mode mode, Sort sort, int page, Member viewer,
                             Forms.State argumentForm, String preview, boolean note, Long since,
                             CommentRepository.Mine read) {
        List<CommentRow> rows;
        Long seen = null;
        List<CommentRow> everyone = shared.thread(item.id(), () -> List.copyOf(comments.thread(item.id(), null)));
        if (viewer == null) {
            rows = everyone;
        } else {
            CommentRepository.Mine mine = read != null ? read : comments.mine(item.id(), viewer.id());
            rows = CommentRepository.asSeenBy(everyone, mine);
            seen = mine.seen();
            long newest = newest(rows);
            if (note && (seen == null || newest > seen)) {
                visits.seen(viewer.id(), item.id(), newest);
            }
            if (seen != null && since != null && since < seen) {
                seen = since;
            }
        }
        ThreadTree<CommentRow> tree = ThreadTree.build(rows, sort);
        List<ThreadTree.Node<CommentRow>> roots = tree.roots();
        int pages;
        int number;
        List<ThreadTree.Node<CommentRow>> arguments = List.of();
        List<DebateView.Column> columns = List.of();
        if (mode == DebateView.Mode.THREAD) {
            ThreadTree.Page<CommentRow> p = ThreadTree.page(roots, page, ThreadTree.ARGUMENTS_PER_PAGE);
            arguments = p.arguments();
            pages = p.pageCount();
            number = p.number();
        } else {
            Map<Side, List<ThreadTree.Node<CommentRow>>> bySide = new EnumMap<>(Side.class);
            for (Side s : Side.values()) {
                bySide.put(s, new ArrayList<>());
            }
            roots.forEach(n -> bySide.get(n.row().side()).add(n));
            pages = bySide.values().stream().mapToInt(DebateViewBuilder::pageCount).max().orElse(1);
            number = Math.min(Math.max(1, page), pages);
            columns = new ArrayList<>();
            for (Side s : Side.values()) {
                columns.add(new DebateView.Column(s, title(s), slice(bySide.get(s), number), bySide.get(s).size()));
            }
        }
        Long viewerId = viewer == null ? null : viewer.id();
        int fresh = 0;
        CommentRow oldest = null;
        for (CommentRow r : rows) {
            if (DebateView.isNew(r, seen, viewerId)) {
                fresh++;
                if (oldest == null || r.id() < oldest.id()) {
                    oldest = r;
                }
            }
        }
        return new DebateView(item.id(), item.isPrediction(), mode, sort, arguments, columns, number, pages,
                roots.size(), tree.size(), names(rows), viewerId, canWrite(viewer),
                closed(item), PostTokens.next(), argumentForm, preview, fresh == 0 ? null : seen, fresh,
                oldest == null ? null : firstNew(item, roots, sort, oldest.id(), seen));
    }

    /** The newest comment in the thread, 0 when it has none. */
    private static long newest(List<CommentRow> rows) {
        long max = 0;
        for (CommentRow r : rows) {
            max = Math.max(max, r.id());
        }
        return max;
    }

    /** The oldest new comment in the thread view: on its argument's page, with the marks of this visit kept. */
    private static String firstNew(Item item, List<ThreadTree.Node<CommentRow>> roots, Sort sort, long id, long seen) {
        for (int i = 0; i < roots.size(); i++) {
            if (contains(roots.get(i), id)) {
                int page = i / ThreadTree.ARGUMENTS_PER_PAGE + 1;
                return "/items/" + item.id() + "?" + (sort == Sort.DEFAULT ? "" : "sort=" + sort.code() + "&")
                        + (page > 1 ? "page=" + page + "&" : "") + "since=" + seen + "#comment-" + id;
            }
        }
        return null;
    }

    private static boolean contains(ThreadTree.Node<CommentRow> node, long id) {
        if (node.row().id() == id) {
            return true;
        }
        for (ThreadTree.Node<CommentRow> child : node.children()) {
            if (contains(child, id)) {
                return true;
            }
        }
        return false;
    }

    /** A comment id as the "first new" link gives it; anything else is ignored. */
    static Long since(String raw) {
        if (raw == null || raw.isEmpty() || raw.length() > 18 || !raw.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return null;
        }
        return Long.parseLong(raw);
    }

    /** A view holding no thread, for rendering single comments and forms (htmx fragments, the reply page). */
    public DebateView fragment(Item item, Member viewer, Map<Long, String> names) {
        return new DebateView(item.id(), item.isPrediction(), DebateView.Mode.THREAD, Sort.DEFAULT, List.of(),
                List.of(), 1, 1, 0, 0, names, viewer == null ? null : viewer.id(), canWrite(viewer), closed(item),
                PostTokens.next(), Forms.State.empty(), null, null, 0, null);
    }

    private static String title(Side s) {
        return switch (s) {
            case SUPPORTS -> "For";
            case OPPOSES -> "Against";
            case QUESTION -> "Questions";
        };
    }

    private static int pageCount(List<?> list) {
        return Math.max(1, (list.size() + ThreadTree.ARGUMENTS_PER_PAGE - 1) / ThreadTree.ARGUMENTS_PER_PAGE);
    }

    /** Page {@code number} of one column; past its end (the other side has more pages) it is empty. */
    private static List<ThreadTree.Node<CommentRow>> slice(List<ThreadTree.Node<CommentRow>> list, int number) {
        int from = (number - 1) * ThreadTree.ARGUMENTS_PER_PAGE;
        return from >= list.size() ? List.of()
                : List.copyOf(list.subList(from, Math.min(list.size(), from + ThreadTree.ARGUMENTS_PER_PAGE)));
    }

    /** Names of the authors that replies answer when they sit beside, not beneath, the comment they answer. */
    private static Map<Long, String> names(List<CommentRow> rows) {
        Set<Long> wanted = new HashSet<>();
        for (CommentRow r : rows) {
            if (r.repliedToId() != null && !r.repliedToId().equals(r.parentId())) {
                wanted.add(r.repliedToId());
            }
        }
        Map<Long, String> names = new HashMap<>();
        if (!wanted.isEmpty()) {
            for (CommentRow r : rows) {
                if (wanted.contains(r.id()) && r.authorName() != null) {
                    names.put(r.id(), r.authorName());
                }
            }
        }
        return names;
    }

    String closed(Item item) {
        if (item.retired()) {
            return "This item has been retired, so its debate is closed. You can still read it.";
        }
        if (articles.inRetiredArticle(item)) {
            return "This article has been retired, so its debates are closed. You can still read them.";
        }
        if (item.debateLocked()) {
            return "The moderators have locked this debate. You can read it and vote, but not add to it.";
        }
        return null;
    }

    private boolean canWrite(Member viewer) {
        return viewer != null && viewer.canWrite(OffsetDateTime.now(clock));
    }

    static int page(String raw) {
        if (raw == null || raw.isEmpty() || raw.length() > 6 || !raw.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return 1;
        }
        return Math.min(Math.max(1, Integer.parseInt(raw)), MAX_PAGE_PARAM);
    }
}
