package crux.article;

import java.util.ArrayList;
import java.util.List;

/**
 * A plain line diff of two versions of an article's text, for its public history: lines kept, removed and added,
 * by longest common subsequence. Only the changed lines and one line of context each side are kept.
 */
public final class LineDiff {

    /** What happened to a line: kept (context), removed from the old version, added in the new one; GAP elides. */
    public enum Change { KEPT, REMOVED, ADDED, GAP }

    public record Line(Change change, String text) {
    }

    /**
     * Past this many lines in either version the table (lines × lines) costs too much for a page: the diff is the
     * whole old text removed and the new one added.
     */
    static final int MAX_LINES = 3000;
    private static final int CONTEXT = 1;

    private LineDiff() {
    }

    public static List<Line> diff(String before, String after) {
        String[] a = lines(before);
        String[] b = lines(after);
        List<Line> all = new ArrayList<>();
        if (a.length > MAX_LINES || b.length > MAX_LINES) {
            for (String l : a) {
                all.add(new Line(Change.REMOVED, l));
            }
            for (String l : b) {
                all.add(new Line(Change.ADDED, l));
            }
            return all;
        }
        int[][] common = new int[a.length + 1][b.length + 1];
        for (int i = a.length - 1; i >= 0; i--) {
            for (int j = b.length - 1; j >= 0; j--) {
                common[i][j] = a[i].equals(b[j]) ? common[i + 1][j + 1] + 1
                        : Math.max(common[i + 1][j], common[i][j + 1]);
            }
        }
        int i = 0;
        int j = 0;
        while (i < a.length || j < b.length) {
            if (i < a.length && j < b.length && a[i].equals(b[j])) {
                all.add(new Line(Change.KEPT, a[i++]));
                j++;
            } else if (j < b.length && (i == a.length || common[i][j + 1] >= common[i + 1][j])) {
                all.add(new Line(Change.ADDED, b[j++]));
            } else {
                all.add(new Line(Change.REMOVED, a[i++]));
            }
        }
        return trim(all);
    }

    /** Keeps changed lines and {@link #CONTEXT} kept lines around each; a run of other kept lines becomes one GAP. */
    private static List<Line> trim(List<Line> all) {
        boolean[] keep = new boolean[all.size()];
        for (int k = 0; k < all.size(); k++) {
            if (all.get(k).change() != Change.KEPT) {
                for (int c = Math.max(0, k - CONTEXT); c <= Math.min(all.size() - 1, k + CONTEXT); c++) {
                    keep[c] = true;
                }
            }
        }
        List<Line> out = new ArrayList<>();
        for (int k = 0; k < all.size(); k++) {
            if (keep[k]) {
                out.add(all.get(k));
            } else if (out.isEmpty() || out.get(out.size() - 1).change() != Change.GAP) {
                out.add(new Line(Change.GAP, ""));
            }
        }
        return out;
    }

    private static String[] lines(String text) {
        return text == null || text.isEmpty() ? new String[0] : text.split("\n", -1);
    }
}
