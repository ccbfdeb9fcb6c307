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

    /** The primitive sort of whole-number values gives exactly the stable order of the definition (ties by index). */
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
            assertThat(order).containsExactly(java.util.Arrays.stream(expected).mapToInt(Integer::intValue).toArray());
            double[] halves = java.util.Arrays.stream(values).map(v -> v + 0.5).toArray();
            WeightedMedian.sortByValue(order, halves);
            assertThat(order).as("fractional values take the boxed path")
                    .containsExactly(java.util.Arrays.stream(expected).mapToInt(Integer::intValue).toArray());
        }
    }
}
