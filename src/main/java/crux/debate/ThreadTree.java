package crux.debate;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One item's comments as a tree, built from the flat rows of one query (any order). Roots are the top-level
 * arguments, pinned ones first; every level is ordered by the chosen {@link Sort}. {@code size} counts the
 * comments in the tree, {@code dropped} the rows left out of it.
 *
 * <p>Rows whose parent is not among the rows are dropped with all their replies, and counted in
 * {@code dropped}. Deleted comments stay in the query as "[deleted]" rows so that their replies survive; a
 * parent can only be missing because the query left it out on purpose (a removed subtree, a filter), and
 * promoting its replies to top-level arguments would give them a side they never took.
 *
 * <p>Rows deeper than {@link #MAX_DEPTH} (written before a lower limit, or by a bug) are shown at
 * {@code MAX_DEPTH}, as replies to their ancestor one level up: where {@link ThreadPath#replyTo} puts new ones.
 */
public record ThreadTree<R extends ThreadTree.Row>(List<Node<R>> roots, int size, int dropped) {

    /** Levels of nesting, the argument being 1: deeper indentation leaves too narrow a column on a 375 px phone. */
    public static final int MAX_DEPTH = 6;
    /** Arguments per page: both columns of the pro/con view fill a screen; a huge debate's page stays quick to render. */
    public static final int ARGUMENTS_PER_PAGE = 25;

    /** A comment row: a view record with these components (and {@link Ranked}'s) need only declare it implements it. */
    public interface Row extends Ranked {
        /** Null for a top-level argument. */
        Long parentId();

        /** Only a top-level argument's pin counts; moderators pin arguments, not replies. */
        boolean pinned();
    }

    /** A comment at {@code depth} (1 = argument) with its direct replies and how many replies it has in all. */
    public record Node<R>(R row, int depth, List<Node<R>> children, int replyCount) {
        public Node {
            children = List.copyOf(children);
        }
    }

    /**
     * One page of arguments. {@code number} is 1-based and clamped to the pages there are, so a stale link
     * after deletions shows the last page instead of nothing; {@code argumentCount} and {@code commentCount}
     * count the whole thread, not the page.
     */
    public record Page<R>(List<Node<R>> arguments, int number, int pageCount, int argumentCount, int commentCount) {
        public Page {
            arguments = List.copyOf(arguments);
        }

        public boolean hasPrevious() {
            return number > 1;
        }

        public boolean hasNext() {
            return number < pageCount;
        }
    }

    public ThreadTree {
        roots = List.copyOf(roots);
    }

    /** O(n log n): one pass to index, one sort per sibling group. Duplicate ids are a query bug and throw. */
    public static <R extends Row> ThreadTree<R> build(List<R> rows, Sort sort) {
        Map<Long, List<R>> children = new HashMap<>();
        List<R> roots = new ArrayList<>();
        Set<Long> ids = new HashSet<>();
        for (R row : rows) {
            if (!ids.add(row.id())) {
                throw new IllegalArgumentException("comment " + row.id() + " appears twice");
            }
            if (row.parentId() == null) {
                roots.add(row);
            } else {
                children.computeIfAbsent(row.parentId(), k -> new ArrayList<>()).add(row);
            }
        }
        Comparator<R> order = sort.comparator();
        roots.sort(Comparator.comparing((R r) -> !r.pinned()).thenComparing(order));
        List<Node<R>> nodes = new ArrayList<>(roots.size());
        for (R root : roots) {
            nodes.add(node(root, 1, children, order));
        }
        int size = nodes.stream().mapToInt(n -> n.replyCount() + 1).sum();
        return new ThreadTree<>(nodes, size, rows.size() - size);
    }

    private static <R extends Row> Node<R> node(R row, int depth, Map<Long, List<R>> children, Comparator<R> order) {
        List<R> kids = new ArrayList<>(depth + 1 < MAX_DEPTH ? children.getOrDefault(row.id(), List.of())
                : depth + 1 == MAX_DEPTH ? descendants(row, children) : List.of());
        kids.sort(order);
        List<Node<R>> nodes = new ArrayList<>(kids.size());
        int replies = 0;
        for (R kid : kids) {
            Node<R> node = node(kid, depth + 1, children, order);
            nodes.add(node);
            replies += node.replyCount() + 1;
        }
        return new Node<>(row, depth, nodes, replies);
    }

    /** Every reply beneath {@code row}, at any depth: they all show at the last level. Iterative, as stored depth is unbounded. */
    private static <R extends Row> List<R> descendants(R row, Map<Long, List<R>> children) {
        List<R> all = new ArrayList<>();
        Deque<R> todo = new ArrayDeque<>(children.getOrDefault(row.id(), List.of()));
        while (!todo.isEmpty()) {
            R next = todo.pop();
            all.add(next);
            todo.addAll(children.getOrDefault(next.id(), List.of()));
        }
        return all;
    }

    /** Page {@code number} (1-based) of {@code pageSize} arguments; see {@link Page}. */
    public static <R> Page<R> page(List<Node<R>> roots, int number, int pageSize) {
        if (pageSize < 1) {
            throw new IllegalArgumentException("page size must be positive: " + pageSize);
        }
        int pageCount = Math.max(1, (roots.size() + pageSize - 1) / pageSize);
        int current = Math.min(Math.max(1, number), pageCount);
        int from = (current - 1) * pageSize;
        int comments = roots.stream().mapToInt(n -> n.replyCount() + 1).sum();
        return new Page<>(roots.subList(from, Math.min(roots.size(), from + pageSize)), current, pageCount,
                roots.size(), comments);
    }
}
