package crux.forecasts;

/**
 * The weighted median of whole percents, defined precisely so that everyone who recomputes a published community
 * forecast gets the same number.
 *
 * <p>Sort the values ascending, each carrying its weight, equal values in index order; let W be the total weight and
 * C(i) the cumulative weight up to and including the i-th sorted value. The weighted median is the first value v(i)
 * with C(i) ≥ W/2 — except when C(i) lands exactly on W/2, where it is the mean (v(i) + v(i+1)) / 2 (a next value
 * always exists then: the ones after it carry the other half). With all weights 1 this is the ordinary median: an
 * odd count gives the middle value, an even count the mean of the two middle values. Equal values need no special
 * rule: they are adjacent after sorting, so their weights simply add up.
 *
 * <p>Forecasts are whole percents, so one counting sort (one bin per percent) orders them in O(n), and one walk
 * finds the median: {@link #of} checks its input and calls {@link #ofPercents}, the write path's unchecked form.
 */
final class WeightedMedian {

    /**
     * Relative slack for "exactly half": weights such as exp(√n − √N) are summed in floating point, so
     * a cumulative weight that is half in exact arithmetic can come out a few ulps either side.
     */
    private static final double HALF_TOLERANCE = 1e-12;

    /** Whole percents 0 to 100: one bin each. */
    private static final int PERCENT_BINS = 101;

    private WeightedMedian() {
    }

    /**
     * The weighted median of {@code percents} (each 0–100, at least one), weighted by {@code weights} (as many,
     * each positive and finite).
     *
     * @throws IllegalArgumentException naming what is wrong with the input
     */
    static double of(int[] percents, double[] weights) {
        if (percents.length == 0 || percents.length != weights.length) {
            throw new IllegalArgumentException("need as many weights as values, and at least one: "
                    + percents.length + " values, " + weights.length + " weights");
        }
        double total = 0;
        for (int i = 0; i < percents.length; i++) {
            if (percents[i] < 0 || percents[i] >= PERCENT_BINS) {
                throw new IllegalArgumentException("values must be whole percents 0–100, was " + percents[i]);
            }
            if (!(weights[i] > 0) || Double.isInfinite(weights[i])) {
                throw new IllegalArgumentException("weights must be positive and finite, was " + weights[i]);
            }
            total += weights[i];
        }
        return ofPercents(percents, percents.length, weights, total, new int[percents.length]);
    }

    /**
     * The weighted median of the first {@code n} (at least one) of {@code percents}, for the forecast write path,
     * which asks on every forecast over thousands of forecasters: no copy, no checks, no allocation beyond the bins.
     * The caller vouches for what {@link #of} checks: each value 0–100, {@code weights} (at least n) positive and
     * finite, and {@code total} their first n summed in index order. {@code order} is scratch space of at least n.
     */
    static double ofPercents(int[] percents, int n, double[] weights, double total, int[] order) {
        // A stable counting sort: next[p] is where the next index holding p goes.
        int[] next = new int[PERCENT_BINS];
        for (int i = 0; i < n; i++) {
            next[percents[i]]++;
        }
        int start = 0;
        for (int p = 0; p < PERCENT_BINS; p++) {
            int count = next[p];
            next[p] = start;
            start += count;
        }
        for (int i = 0; i < n; i++) {
            order[next[percents[i]]++] = i;
        }
        // Weights are added one by one, equal values in index order: "exactly half" can be reached inside a run of
        // equal values, where the oldest weights (e^(1−√N), far below the tolerance) still follow.
        double half = total / 2;
        double slack = HALF_TOLERANCE * total;
        int k = 0;
        double cumulative = weights[order[0]];
        while (cumulative < half - slack) {
            k++;
            cumulative += weights[order[k]];
        }
        if (cumulative <= half + slack) {
            return (percents[order[k]] + percents[order[k + 1]]) / 2.0;
        }
        return percents[order[k]];
    }
}
