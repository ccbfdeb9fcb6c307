package crux.debate;

/**
 * Materialised paths: a comment's path is its ancestors' ids and its own, each zero-padded to
 * {@link #SEGMENT_WIDTH} digits and joined by dots ({@code 0000000012.0000000045}), so ordering by path
 * lists a whole thread parent-before-children in one query. Depth is the number of segments: 1 for a
 * top-level argument. Store paths in a column with byte-wise ("C") collation so ordering is by code point.
 */
public final class ThreadPath {

    /** Ids below 10^10 (ten billion comments) sort lexically in numeric order; a path of 6 levels is 65 chars. */
    public static final int SEGMENT_WIDTH = 10;
    private static final long LIMIT = 10_000_000_000L;
    private static final char SEPARATOR = '.';

    /**
     * Where a reply goes: under {@code parentId} (whose path is {@code parentPath}) at {@code depth}.
     * {@code repliedTo} is the comment the member answered; it differs from {@code parentId} when that comment
     * sits at {@link ThreadTree#MAX_DEPTH}.
     */
    public record Reply(long parentId, String parentPath, int depth, long repliedTo) {
        /** The path of the reply once its id is known. */
        public String path(long id) {
            return child(parentPath, id);
        }
    }

    private ThreadPath() {
    }

    public static String segment(long id) {
        if (id < 0 || id >= LIMIT) {
            throw new IllegalArgumentException("id out of range for a " + SEGMENT_WIDTH + "-digit path segment: " + id);
        }
        String digits = Long.toString(id);
        return "0".repeat(SEGMENT_WIDTH - digits.length()) + digits;
    }

    /** The path of comment {@code id} under {@code parentPath}; null parentPath for a top-level argument. */
    public static String child(String parentPath, long id) {
        return parentPath == null ? segment(id) : parentPath + SEPARATOR + segment(id);
    }

    public static int depth(String path) {
        return (path.length() + 1) / (SEGMENT_WIDTH + 1);
    }

    /** The parent's path, or null for a top-level argument. */
    public static String parent(String path) {
        int dot = path.lastIndexOf(SEPARATOR);
        return dot < 0 ? null : path.substring(0, dot);
    }

    /**
     * Where a reply to comment {@code targetId} goes: beneath it, unless it is already at
     * {@link ThreadTree#MAX_DEPTH}; then beside it, under the same parent, at the same depth, with
     * {@code repliedTo} kept so the page can say whom it answers. {@code targetParentId} is null for a
     * top-level argument.
     */
    public static Reply replyTo(long targetId, Long targetParentId, String targetPath) {
        int depth = depth(targetPath);
        if (depth < ThreadTree.MAX_DEPTH || targetParentId == null) {
            return new Reply(targetId, targetPath, depth + 1, targetId);
        }
        return new Reply(targetParentId, parent(targetPath), depth, targetId);
    }
}
