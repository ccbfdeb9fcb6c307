package crux.stances;

import java.util.Random;

/**
 * Principal component analysis of a member × item vote matrix, as Polis does it: missing votes are
 * imputed as the item's mean vote (so a member who skipped an item sits at the centre on it, rather than
 * looking like an unsure voter), columns are centred, and the top components of the covariance matrix
 * are found by power iteration with deflation — a few dozen lines instead of a linear-algebra dependency,
 * and plenty for the tens of items an article has.
 */
final class Pca {

    /** Power iteration converges geometrically; this bounds the work when two eigenvalues are nearly equal. */
    static final int MAX_ITERATIONS = 1_000;
    /** Converged when successive unit vectors agree to this (1 − |cos angle|). */
    static final double TOLERANCE = 1e-13;

    private Pca() {
    }

    /**
     * Each member's coordinates on the first {@code components} principal components. {@code votes} is
     * members × items with NaN for "not voted"; every item needs at least one vote. Deterministic for a
     * given {@code seed}; each component's sign is fixed so that its largest loading is positive.
     */
    static double[][] project(double[][] votes, int components, long seed) {
        return analyse(votes, components, seed).points();
    }

    /**
     * A projection: each member's coordinates, each component's loadings (a unit vector over the items: how much
     * agreeing with each item moves a member along it) and each item's mean vote (what a member who skipped it is
     * taken to have said), so a single member's point can be placed again from their votes alone.
     *
     * @param points   members × components
     * @param loadings components × items
     * @param means    by item: the mean vote, missing votes left out
     */
    record Result(double[][] points, double[][] loadings, double[] means) {
    }

    /** {@link #project} with the loadings and means that produced it. */
    static Result analyse(double[][] votes, int components, long seed) {
        double[][] imputed = imputed(votes);
        int items = imputed[0].length;
        double[] means = new double[items];
        for (double[] row : imputed) {
            for (int j = 0; j < items; j++) {
                means[j] += row[j] / imputed.length;
            }
        }
        double[][] x = centred(imputed);
        double[][] covariance = covariance(x);
        Random random = new Random(seed);
        double[][] projected = new double[x.length][components];
        double[][] loadings = new double[components][];
        for (int c = 0; c < components; c++) {
            double[] v = topEigenvector(covariance, random);
            loadings[c] = v;
            double lambda = dot(v, multiply(covariance, v));
            for (int i = 0; i < items; i++) {
                for (int j = 0; j < items; j++) {
                    covariance[i][j] -= lambda * v[i] * v[j];
                }
            }
            for (int m = 0; m < x.length; m++) {
                projected[m][c] = dot(x[m], v);
            }
        }
        return new Result(projected, loadings, means);
    }

    /** Missing votes (NaN) replaced by the mean of the item's votes. */
    static double[][] imputed(double[][] votes) {
        int items = votes[0].length;
        double[][] out = new double[votes.length][];
        double[] mean = new double[items];
        for (int j = 0; j < items; j++) {
            double sum = 0;
            int n = 0;
            for (double[] row : votes) {
                if (!Double.isNaN(row[j])) {
                    sum += row[j];
                    n++;
                }
            }
            if (n == 0) {
                throw new IllegalArgumentException("item column " + j + " has no votes");
            }
            mean[j] = sum / n;
        }
        for (int m = 0; m < votes.length; m++) {
            out[m] = votes[m].clone();
            for (int j = 0; j < items; j++) {
                if (Double.isNaN(out[m][j])) {
                    out[m][j] = mean[j];
                }
            }
        }
        return out;
    }

    private static double[][] centred(double[][] x) {
        int items = x[0].length;
        for (int j = 0; j < items; j++) {
            double mean = 0;
            for (double[] row : x) {
                mean += row[j] / x.length;
            }
            for (double[] row : x) {
                row[j] -= mean;
            }
        }
        return x;
    }

    /** The sample covariance of the (centred) columns of {@code x}. */
    static double[][] covariance(double[][] x) {
        int items = x[0].length;
        double[][] c = new double[items][items];
        for (double[] row : x) {
            for (int i = 0; i < items; i++) {
                for (int j = 0; j < items; j++) {
                    c[i][j] += row[i] * row[j];
                }
            }
        }
        // The sample covariance divides by m − 1; the scale does not change the directions, only keeps λ meaningful.
        double divisor = Math.max(1, x.length - 1);
        for (double[] row : c) {
            for (int j = 0; j < items; j++) {
                row[j] /= divisor;
            }
        }
        return c;
    }

    /** A unit vector, or all zeros when the matrix has nothing left to explain (everyone voted alike). */
    private static double[] topEigenvector(double[][] matrix, Random random) {
        double[] v = new double[matrix.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = random.nextGaussian();
        }
        v = unit(v);
        for (int iteration = 0; iteration < MAX_ITERATIONS && v != null; iteration++) {
            double[] next = unit(multiply(matrix, v));
            if (next == null || 1 - Math.abs(dot(next, v)) < TOLERANCE) {
                v = next;
                break;
            }
            v = next;
        }
        return v == null ? new double[matrix.length] : withFixedSign(v);
    }

    private static double[] withFixedSign(double[] v) {
        int largest = 0;
        for (int i = 1; i < v.length; i++) {
            if (Math.abs(v[i]) > Math.abs(v[largest])) {
                largest = i;
            }
        }
        if (v[largest] < 0) {
            for (int i = 0; i < v.length; i++) {
                v[i] = -v[i];
            }
        }
        return v;
    }

    /** {@code v} scaled to length 1, or null if it is (numerically) zero. */
    private static double[] unit(double[] v) {
        double norm = Math.sqrt(dot(v, v));
        if (norm < 1e-12) {
            return null;
        }
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] / norm;
        }
        return out;
    }

    private static double[] multiply(double[][] matrix, double[] v) {
        double[] out = new double[matrix.length];
        for (int i = 0; i < matrix.length; i++) {
            out[i] = dot(matrix[i], v);
        }
        return out;
    }

    private static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }
}
