package crux.forecasts;

import java.util.Arrays;
import java.util.Comparator;

/**
 * The weighted median, defined precisely so that everyone who recomputes a published community forecast
 * gets the same number.
 *
 * <p>Sort the values ascending, each carrying its weight; let W be the total weight and C(i) the
 * cumulative weight up to and including the i-th sorted value. The weighted median is the first value
 * v(i) with C(i) ≥ W/2 — except when C(i) lands exactly on W/2 (and a next value exists), where it is
 * the mean (v(i) + v(i+1)) / 2. With all weights 1 this is the ordinary median: an odd count gives the
 * middle value, an even count the mean of the two middle values. Equal values need no special rule:
 * they are adjacent after sorting, so their weights simply add up.
 */
final class WeightedMedian {

    /**
     * Relative slack for "exactly half": weights such as exp(√n − √N) are summed in floating point, so
     * a cumulative weight that is half in exact arithmetic can come out a few ulps either side.
     */
    private static final double HALF_TOLERANCE = 1e-12;

    private WeightedMedian() {
    }

    /** Other whole-number values below this are sorted as packed primitive keys. */
    private static final double PACKABLE = 1 << 30;

    /** Whole percents (forecasts are 1–99 %) are ordered through one bin per percent, 0 to 100. */
    private static final int PERCENT_BINS = 101;

    /**
     * Sorts {@code order} (the indices 0…n−1) by their values ascending, equal values keeping index order — the
     * stable sort the definition needs. Whole percents, the usual case, need no sort at all: counted into one bin
     * per percent and placed bin by bin, each bin in index order (O(n), see {@link #byPercentBins}). Other
     * whole-number values are packed with their index into one long and sorted as primitives (no boxing); any other
     * value falls back to a stable sort of boxed indices. All three give the same order.
     */
    static void sortByValue(int[] order, double[] values) {
        if (byPercentBins(order, values)) {
            return;
        }
        boolean packable = true;
        for (double v : values) {
            if (!(v >= 0 && v < PACKABLE && v == Math.rint(v))) {
                packable = false;
                break;
            }
        }
        if (packable) {
            long[] keys = new long[values.length];
            for (int i = 0; i < values.length; i++) {
                keys[i] = ((long) values[i] << 32) | i;
            }
            Arrays.sort(keys);
            for (int i = 0; i < keys.length; i++) {
                order[i] = (int) keys[i];
            }
            return;
        }
        Integer[] boxed = new Integer[values.length];
        for (int i = 0; i < boxed.length; i++) {
            boxed[i] = i;
        }
        Arrays.sort(boxed, Comparator.comparingDouble(i -> values[i]));
        for (int i = 0; i < boxed.length; i++) {
            order[i] = boxed[i];
        }
    }

    /**
     * A counting sort of whole percents into {@code order}, or false (order untouched) if any value is not one.
     * Summing each bin's weights and walking the bins would be O(n) too, but not the same number: it adds the weights
     * in another order (floating-point sums differ in the last bits), and it cannot see "exactly half" reached inside
     * a bin, where the oldest weights (e^(1−√N), far below the tolerance) still follow. So the bins only give the
     * order, and {@link #of} adds the weights one by one exactly as after any other sort.
     */
    private static boolean byPercentBins(int[] order, double[] values) {
        int[] next = new int[PERCENT_BINS + 1];
        for (double v : values) {
            if (!(v >= 0 && v < PERCENT_BINS && v == Math.rint(v))) {
                return false;
            }
            next[(int) v + 1]++;
        }
        for (int bin = 1; bin <= PERCENT_BINS; bin++) {
            next[bin] += next[bin - 1]; // now next[b] is where bin b's first index goes
        }
        for (int i = 0; i < values.length; i++) {
            order[next[(int) values[i]]++] = i;
        }
        return true;
    }

    /**
     * The weighted median of the first {@code n} (at least one) whole percents of {@code percents}, exactly as
     * {@link #of} gives it for the same values as doubles: the same order (bins, equal values by index) and the same
     * sums. For the forecast write path, which asks on every forecast over thousands of forecasters: no copy, no
     * checks, no allocation beyond the bins. The caller vouches for what {@link #of} checks: each value 0–100,
     * {@code weights} (at least n) positive and finite, and {@code total} their first n summed in index order, as
     * {@link #of} sums them. {@code order} is scratch space of at least n.
     */
    static double ofPercents(int[] percents, int n, double[] weights, double total, int[] order) {
        int[] next = new int[PERCENT_BINS + 1];
        for (int i = 0; i < n; i++) {
            next[percents[i] + 1]++;
        }
        for (int bin = 1; bin <= PERCENT_BINS; bin++) {
            next[bin] += next[bin - 1];
        }
        for (int i = 0; i < n; i++) {
            order[next[percents[i]]++] = i;
        }
        double half = total / 2;
        double cumulative = 0;
        for (int k = 0; k < n; k++) {
            cumulative += weights[order[k]];
            if (Math.abs(cumulative - half) <= HALF_TOLERANCE * total && k + 1 < n) {
                return (percents[order[k]] + percents[order[k + 1]]) / 2.0;
            }
            if (cumulative >= half) {
                return percents[order[k]];
            }
        }
        return percents[order[n - 1]];
    }

    /** The weighted median of {@code values} (same length as {@code weights}, weights > 0, at least one). */
    static double of(double[] values, double[] weights) {
        if (values.length == 0 || values.length != weights.length) {
            throw new IllegalArgumentException("need as many weights as values, and at least one");
        }
        int[] order = new int[values.length];
        double total = 0;
        for (int i = 0; i < values.length; i++) {
            if (!(weights[i] > 0) || Double.isInfinite(weights[i])) {
                throw new IllegalArgumentException("weights must be positive and finite");
            }
            order[i] = i;
            total += weights[i];
        }
        sortByValue(order, values);
        double half = total / 2;
        double cumulative = 0;
        for (int k = 0; k < order.length; k++) {
            cumulative += weights[order[k]];
            if (Math.abs(cumulative - half) <= HALF_TOLERANCE * total && k + 1 < order.length) {
                return (values[order[k]] + values[order[k + 1]]) / 2;
            }
            if (cumulative >= half) {
                return values[order[k]];
            }
        }
        return values[order[order.length - 1]];
    }
}
