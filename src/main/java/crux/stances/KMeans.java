package crux.stances;

import java.util.Arrays;
import java.util.Random;

/**
 * k-means on points in the plane, started by k-means++ (each new centre drawn with probability ∝ its
 * squared distance to the nearest centre so far) from a caller-seeded {@link Random}, so the same input
 * always gives the same clusters. Several restarts keep the tightest result, because one k-means run
 * can settle in a poor local minimum.
 */
final class KMeans {

    /** Restarts per k: cheap for a few thousand members, and enough to escape bad starts in practice. */
    static final int RESTARTS = 10;
    /** Lloyd's iterations almost always settle within a few dozen; this only bounds pathological cases. */
    static final int MAX_ITERATIONS = 300;

    private KMeans() {
    }

    /**
     * Cluster index 0..k−1 for every point. Meant for at least k distinct points; with fewer, some
     * clusters can stay empty, which callers must allow for.
     */
    static int[] cluster(double[][] points, int k, Random random) {
        int[] best = null;
        double bestInertia = Double.POSITIVE_INFINITY;
        for (int restart = 0; restart < RESTARTS; restart++) {
            int[] assignment = lloyd(points, seeds(points, k, random));
            double inertia = inertia(points, assignment, centres(points, assignment, k));
            if (inertia < bestInertia) {
                bestInertia = inertia;
                best = assignment;
            }
        }
        return best;
    }

    /** k-means++ initial centres. */
    static double[][] seeds(double[][] points, int k, Random random) {
        double[][] centres = new double[k][];
        centres[0] = points[random.nextInt(points.length)].clone();
        double[] nearest = new double[points.length];
        for (int c = 1; c < k; c++) {
            double total = 0;
            for (int i = 0; i < points.length; i++) {
                nearest[i] = Double.POSITIVE_INFINITY;
                for (int j = 0; j < c; j++) {
                    nearest[i] = Math.min(nearest[i], squaredDistance(points[i], centres[j]));
                }
                total += nearest[i];
            }
            double target = random.nextDouble() * total;
            int chosen = 0;
            // With fewer distinct points than centres every distance can be 0: the last point is taken then.
            for (double sum = nearest[0]; sum <= target && chosen < points.length - 1; sum += nearest[chosen]) {
                chosen++;
            }
            centres[c] = points[chosen].clone();
        }
        return centres;
    }

    /** Lloyd's iterations from {@code centres}: assign each point to its nearest centre, move the centres, repeat. */
    static int[] lloyd(double[][] points, double[][] centres) {
        int k = centres.length;
        int[] assignment = assign(points, centres);
        for (int iteration = 1; iteration < MAX_ITERATIONS; iteration++) {
            int[] next = assign(points, centres(points, assignment, k));
            if (Arrays.equals(next, assignment)) {
                break;
            }
            assignment = next;
        }
        return assignment;
    }

    private static int[] assign(double[][] points, double[][] centres) {
        int[] assignment = new int[points.length];
        for (int i = 0; i < points.length; i++) {
            assignment[i] = nearest(points[i], centres);
        }
        return assignment;
    }

    /** Nearest centre; ties go to the lower index, for determinism. */
    static int nearest(double[] point, double[][] centres) {
        int best = 0;
        for (int c = 1; c < centres.length; c++) {
            if (squaredDistance(point, centres[c]) < squaredDistance(point, centres[best])) {
                best = c;
            }
        }
        return best;
    }

    /**
     * Cluster means. A cluster that lost all its points is moved onto the point farthest from its own
     * centre (the usual remedy; deterministic), so that it can win points back in the next round.
     */
    static double[][] centres(double[][] points, int[] assignment, int k) {
        double[][] centres = new double[k][2];
        int[] counts = new int[k];
        for (int i = 0; i < points.length; i++) {
            counts[assignment[i]]++;
            centres[assignment[i]][0] += points[i][0];
            centres[assignment[i]][1] += points[i][1];
        }
        for (int c = 0; c < k; c++) {
            // an empty cluster's sums stay 0 here; it is moved below
            centres[c][0] /= Math.max(1, counts[c]);
            centres[c][1] /= Math.max(1, counts[c]);
        }
        for (int c = 0; c < k; c++) {
            if (counts[c] == 0) {
                int far = 0;
                for (int i = 1; i < points.length; i++) {
                    if (squaredDistance(points[i], centres[assignment[i]])
                            > squaredDistance(points[far], centres[assignment[far]])) {
                        far = i;
                    }
                }
                centres[c] = points[far].clone();
            }
        }
        return centres;
    }

    static double inertia(double[][] points, int[] assignment, double[][] centres) {
        double sum = 0;
        for (int i = 0; i < points.length; i++) {
            sum += squaredDistance(points[i], centres[assignment[i]]);
        }
        return sum;
    }

    static double squaredDistance(double[] a, double[] b) {
        double dx = a[0] - b[0];
        double dy = a[1] - b[1];
        return dx * dx + dy * dy;
    }
}
