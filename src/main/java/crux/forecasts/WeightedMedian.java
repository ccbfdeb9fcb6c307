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

    /** The weighted median of {@code values} (same length as {@code weights}, weights > 0, at least one). */
    static double of(double[] values, double[] weights) {
        if (values.length == 0 || values.length != weights.length) {
            throw new IllegalArgumentException("need as many weights as values, and at least one");
        }
        Integer[] order = new Integer[values.length];
        double total = 0;
        for (int i = 0; i < values.length; i++) {
            if (!(weights[i] > 0) || Double.isInfinite(weights[i])) {
                throw new IllegalArgumentException("weights must be positive and finite");
            }
            order[i] = i;
            total += weights[i];
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> values[i]));
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
