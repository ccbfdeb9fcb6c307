package crux.stances;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Keeps camp letters and colours from shuffling when the job reruns: a new camp takes the label of the old camp it
 * shares the most members with (greedily, the largest overlap first, each old label used once), and a camp with no
 * counterpart takes the lowest free label. Greedy rather than Hungarian: with at most {@link Camps#MAX_K} camps a side
 * the two differ only on contrived ties, and a reader cares that the big overlaps keep their names.
 */
final class CampLabels {

    /** Letters A… and the map's colours: as many as there can be camps. */
    static final int LABELS = Camps.MAX_K;

    private CampLabels() {
    }

    /**
     * The label (0…{@link #LABELS}−1) of each of {@code camps}' camps, by camp id; {@code before} maps members to
     * their label in the last run (empty on the first run: labels follow camp ids, largest camp first).
     */
    static int[] match(Camps camps, Map<Long, Integer> before) {
        int[][] overlap = new int[camps.k()][LABELS];
        camps.campOf().forEach((member, camp) -> {
            Integer old = before.get(member);
            if (old != null && old >= 0 && old < LABELS) {
                overlap[camp][old]++;
            }
        });
        int[] label = new int[camps.k()];
        java.util.Arrays.fill(label, -1);
        boolean[] taken = new boolean[LABELS];
        List<int[]> pairs = new ArrayList<>();
        for (int c = 0; c < camps.k(); c++) {
            for (int l = 0; l < LABELS; l++) {
                if (overlap[c][l] > 0) {
                    pairs.add(new int[] {c, l, overlap[c][l]});
                }
            }
        }
        // largest overlap first; ties to the larger new camp (lower id), then the lower old label: deterministic
        pairs.sort((a, b) -> a[2] != b[2] ? Integer.compare(b[2], a[2])
                : a[0] != b[0] ? Integer.compare(a[0], b[0]) : Integer.compare(a[1], b[1]));
        for (int[] p : pairs) {
            if (label[p[0]] < 0 && !taken[p[1]]) {
                label[p[0]] = p[1];
                taken[p[1]] = true;
            }
        }
        for (int c = 0; c < camps.k(); c++) {
            if (label[c] < 0) {
                int free = 0;
                while (taken[free]) {
                    free++;
                }
                label[c] = free;
                taken[free] = true;
            }
        }
        return label;
    }

    /** The letter of label {@code label}: A, B, C… */
    static String letter(int label) {
        return String.valueOf((char) ('A' + label));
    }
}
