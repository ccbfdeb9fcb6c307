package crux.stances;

/**
 * The mean silhouette of a clustering (Rousseeuw 1987): for each point, a = mean distance to the other
 * points of its cluster, b = the smallest mean distance to the points of another cluster, and
 * s = (b − a) / max(a, b), in −1..1; a point alone in its cluster scores 0. Near 1 means tight, well
 * separated clusters, which is how the number of camps is chosen. Exact (O(n²) distances) up to
 * {@link #SAMPLE} points, sampled beyond.
 */
final class Silhouette {

    /**
     * Above this many points the mean is taken over an evenly strided sample of them (each still measured against
     * every point): choosing k needs the mean, not every term of it, and this keeps the cost O(SAMPLE × n) rather than
     * O(n²) — 5,000 members cost a fifth of the exact sum. Deterministic: the same points give the same sample.
     */
    static final int SAMPLE = 1_000;

    private Silhouette() {
    }

    /** Mean silhouette of {@code assignment} (cluster indices 0..k−1) over all points (or {@link #SAMPLE} of them). */
    static double mean(double[][] points, int[] assignment, int k) {
        int[] sizes = new int[k];
        for (int c : assignment) {
            sizes[c]++;
        }
        double total = 0;
        int stride = (points.length + SAMPLE - 1) / SAMPLE;
        int measured = 0;
        for (int i = 0; i < points.length; i += stride) {
            measured++;
            double[] sumTo = new double[k];
            for (int j = 0; j < points.length; j++) {
                if (j != i) {
                    sumTo[assignment[j]] += Math.sqrt(KMeans.squaredDistance(points[i], points[j]));
                }
            }
            int own = assignment[i];
            if (sizes[own] == 1) {
                continue;
            }
            double a = sumTo[own] / (sizes[own] - 1);
            double b = Double.POSITIVE_INFINITY;
            for (int c = 0; c < k; c++) {
                if (c != own && sizes[c] > 0) {
                    b = Math.min(b, sumTo[c] / sizes[c]);
                }
            }
            double max = Math.max(a, b);
            total += max == 0 || Double.isInfinite(b) ? 0 : (b - a) / max;
        }
        return total / measured;
    }
}
