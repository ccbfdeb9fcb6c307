package crux.forecasts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WeightedMedianTest {

    private static double median(double[] values, double[] weights) {
        return WeightedMedian.of(values, weights);
    }

    @Test
    void equalWeightsGiveTheOrdinaryMedian() {
        assertThat(median(new double[] {30, 10, 20}, new double[] {1, 1, 1})).isEqualTo(20);
        assertThat(median(new double[] {40, 10, 30, 20}, new double[] {1, 1, 1, 1})).isEqualTo(25);
    }

    @Test
    void cumulativeWeightLandingExactlyOnHalfTakesTheMeanWithTheNextValue() {
        // total 6, half 3: 10 alone reaches exactly 3
        assertThat(median(new double[] {10, 20, 30, 40}, new double[] {3, 1, 1, 1})).isEqualTo(15);
        // 1 + 2 = 3 = half: between 20 and 30
        assertThat(median(new double[] {10, 20, 30}, new double[] {1, 2, 3})).isEqualTo(25);
    }

    @Test
    void exactHalfSurvivesFloatingPointSums() {
        // 0.1 + 0.2 is 0.30000000000000004 in doubles, while the total halves to exactly 0.3
        assertThat(median(new double[] {10, 20, 30, 40}, new double[] {0.1, 0.2, 0.2, 0.1})).isEqualTo(25);
    }

    /**
     * "Exactly half" is checked after each value, equal values in index order, not once per run of equal values:
     * weights far below its tolerance (the oldest forecasters' weigh e^(1−√N)) decide where a run meets half.
     */
    @Test
    void exactHalfIsCheckedAfterEachValueNotAfterEachRun() {
        // total 6 + 1e-13: 10 and the first 20 reach half, and the next value is the other 20
        assertThat(median(new double[] {10, 20, 20, 30, 40}, new double[] {2, 1, 1e-13, 2, 1})).isEqualTo(20);
        // the tiny weight comes first: only the whole run of 20s reaches half, and the next value is 30
        assertThat(median(new double[] {10, 20, 20, 30}, new double[] {2, 1e-13, 1, 3})).isEqualTo(25);
    }

    @Test
    void passingHalfTakesThatValue() {
        // total 7, half 3.5: 10 (3) falls short, 20 (3 + 1 = 4) passes it
        assertThat(median(new double[] {10, 20, 30, 40}, new double[] {3, 1, 1, 2})).isEqualTo(20);
    }

    @Test
    void equalValuesPoolTheirWeights() {
        // 50 carries 1 + 1 = 2 of 5: not half; 50 + 60 reaches 4.
        assertThat(median(new double[] {60, 50, 90, 50}, new double[] {2, 1, 1, 1})).isEqualTo(60);
        // a run of equal values ending exactly on half meets the next distinct value: like a plain median
        assertThat(median(new double[] {50, 60, 50, 60}, new double[] {1, 1, 1, 1})).isEqualTo(55);
    }

    @Test
    void refusesMismatchedOrEmptyOrNonPositiveWeights() {
        assertThatThrownBy(() -> median(new double[] {}, new double[] {})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> median(new double[] {1, 2}, new double[] {1})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> median(new double[] {1}, new double[] {0})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> median(new double[] {1}, new double[] {Double.NaN})).isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * Whole percents take the bins (no sort). Scaled by 1,000 the same values take the packed sort, and shifted by a
     * half the boxed one; their medians scale and shift exactly, so all three must agree to the last bit. Counts of 1
     * and 2 (unweighted), all-equal weights (exact halves: means of two values), runs of equal values, and the
     * recency weights at up to 3,000 forecasters, whose oldest weigh far less than the tolerance for "half".
     */
    @Test
    void percentBinsGiveExactlyTheMedianOfTheSortingPaths() {
        java.util.Random random = new java.util.Random(13);
        int means = 0;
        for (int round = 0; round < 1_500; round++) {
            int n = round % 10 == 0 ? 1 + random.nextInt(2) : 1 + random.nextInt(round % 7 == 0 ? 3_000 : 60);
            int lowest = 1 + random.nextInt(99);
            int spread = switch (round % 4) {
                case 0 -> 1; // all equal
                case 1 -> 3;
                default -> 100 - lowest;
            };
            double[] values = new double[n];
            for (int i = 0; i < n; i++) {
                values[i] = Math.min(99, lowest + random.nextInt(spread));
            }
            double[] weights = weights(round, values.length, random);
            double binned = median(values, weights);
            assertThat(median(java.util.Arrays.stream(values).map(v -> v * 1_000).toArray(), weights))
                    .as("round %d, packed sort", round).isEqualTo(binned * 1_000);
            assertThat(median(java.util.Arrays.stream(values).map(v -> v + 0.5).toArray(), weights))
                    .as("round %d, boxed sort", round).isEqualTo(binned + 0.5);
            means += binned == Math.rint(binned) ? 0 : 1;
        }
        assertThat(means).as("exact halves met").isGreaterThan(50);
    }

    /** The bins and the primitive sort of whole numbers give exactly the stable order of the definition (ties by index). */
    @Test
    void wholeNumberValuesSortStablyLikeTheBoxedSort() {
        java.util.Random random = new java.util.Random(7);
        for (int round = 0; round < 200; round++) {
            int n = 1 + random.nextInt(300);
            double[] values = new double[n];
            for (int i = 0; i < n; i++) {
                values[i] = 1 + random.nextInt(round % 2 == 0 ? 5 : 99);
            }
            Integer[] expected = new Integer[n];
            for (int i = 0; i < n; i++) {
                expected[i] = i;
            }
            java.util.Arrays.sort(expected, java.util.Comparator.comparingDouble(i -> values[i]));
            int[] order = new int[n];
            WeightedMedian.sortByValue(order, values);
            assertThat(order).as("percents take the bins")
                    .containsExactly(java.util.Arrays.stream(expected).mapToInt(Integer::intValue).toArray());
            WeightedMedian.sortByValue(order, java.util.Arrays.stream(values).map(v -> v * 1_000).toArray());
            assertThat(order).as("larger whole numbers take the packed sort")
                    .containsExactly(java.util.Arrays.stream(expected).mapToInt(Integer::intValue).toArray());
            double[] halves = java.util.Arrays.stream(values).map(v -> v + 0.5).toArray();
            WeightedMedian.sortByValue(order, halves);
            assertThat(order).as("fractional values take the boxed path")
                    .containsExactly(java.util.Arrays.stream(expected).mapToInt(Integer::intValue).toArray());
        }
    }
    /**
     * The write path's median of whole percents (no copy, no checks, weights' total given) equals {@link
     * WeightedMedian#of} to the last bit: recency weights up to 6,000 forecasters, all-equal weights (exact halves),
     * arbitrary weights, runs of equal values, 1 and 2 values, and percents 0 and 100 at the bins' ends. The arrays
     * are longer than n, with other values past it that must not count.
     */
    @Test
    void wholePercentsWithoutCopiesGiveExactlyTheMedianOfOf() {
        java.util.Random random = new java.util.Random(29);
        int means = 0;
        for (int round = 0; round < 2_000; round++) {
            int n = round % 10 == 0 ? 1 + random.nextInt(2) : 1 + random.nextInt(round % 7 == 0 ? 6_000 : 80);
            int lowest = random.nextInt(101);
            int spread = round % 4 == 0 ? 1 : round % 4 == 1 ? 3 : 101 - lowest;
            int[] percents = new int[n + 5];
            double[] values = new double[n];
            for (int i = 0; i < percents.length; i++) {
                percents[i] = Math.min(100, lowest + random.nextInt(spread));
                if (i < n) {
                    values[i] = percents[i];
                } else {
                    percents[i] = random.nextInt(101);
                }
            }
            double[] weights = weights(round, values.length, random);
            double[] longer = java.util.Arrays.copyOf(weights, n + 3);
            java.util.Arrays.fill(longer, n, n + 3, 1e6);
            double total = 0;
            for (double w : weights) {
                total += w;
            }
            double expected = median(values, weights);
            assertThat(WeightedMedian.ofPercents(percents, n, longer, total, new int[n + 2]))
                    .as("round %d", round).isEqualTo(expected);
            means += expected == Math.rint(expected) ? 0 : 1;
        }
        assertThat(means).as("exact halves met").isGreaterThan(50);
    }

    /** The recency weights' total is their sum oldest first, as the median sums them. */
    @Test
    void recencyTotalIsTheSumOldestFirst() {
        for (int n : new int[] {0, 1, 2, 3, 17, 2_500}) {
            CommunityForecast.Recency r = CommunityForecast.recency(n);
            double total = 0;
            for (double w : r.weights()) {
                total += w;
            }
            assertThat(r.total()).as("n=%d", n).isEqualTo(total);
            assertThat(r.weights()).hasSize(n);
        }
    }

    /** A round's weights, by turns: the recency weights, all 1 (exact halves), or arbitrary ones (a quarter of them 1). */
    private static double[] weights(int round, int n, java.util.Random random) {
        double[] weights = new double[n];
        switch (round % 3) {
            case 0 -> System.arraycopy(CommunityForecast.weights(n), 0, weights, 0, n);
            case 1 -> java.util.Arrays.fill(weights, 1);
            default -> {
                for (int i = 0; i < n; i++) {
                    weights[i] = random.nextInt(4) == 0 ? 1 : 0.01 + random.nextDouble();
                }
            }
        }
        return weights;
    }
}
