package crux.stances;

/**
 * The mean silhouette of a clustering (Rousseeuw 1987): for each point, a = mean distance to the other
 * points of its cluster, b = the smallest mean distance to the points of another cluster, and
 * s = (b − a) / max(a, b), in −1..1; a point alone in its cluster scores 0. Near 1 means tight, well
 * separated clusters, which is how the number of camps is chosen. O(n²) distances: fine for a few
 * thousand members, to be sampled beyond that.
 */
final class Silhouette {

    private Silhouette() {
    }

    /** Mean silhouette of {@code assignment} (cluster indices 0..k−1) over all points. */
    static double mean(double[][] points, int[] assignment, int k) {
        int[] sizes = new int[k];
        for (int c : assignment) {
            sizes[c]++;
        }
        double total = 0;
        for (int i = 0; i < points.length; i++) {
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
        return total / points.length;
    }
}
