package crux.forecasts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WeightedMedianTest {

    private static double median(int[] values, double[] weights) {
        return WeightedMedian.of(values, weights);
    }

    @Test
    void equalWeightsGiveTheOrdinaryMedian() {
        assertThat(median(new int[] {30, 10, 20}, new double[] {1, 1, 1})).isEqualTo(20);
        assertThat(median(new int[] {40, 10, 30, 20}, new double[] {1, 1, 1, 1})).isEqualTo(25);
    }

    @Test
    void oneValueIsItsOwnMedianWhateverItsWeight() {
        assertThat(median(new int[] {42}, new double[] {0.3})).isEqualTo(42);
    }

    @Test
    void cumulativeWeightLandingExactlyOnHalfTakesTheMeanWithTheNextValue() {
        // total 6, half 3: 10 alone reaches exactly 3
        assertThat(median(new int[] {10, 20, 30, 40}, new double[] {3, 1, 1, 1})).isEqualTo(15);
        // 1 + 2 = 3 = half: between 20 and 30
        assertThat(median(new int[] {10, 20, 30}, new double[] {1, 2, 3})).isEqualTo(25);
        // an odd sum of two whole percents: the mean keeps its half
        assertThat(median(new int[] {10, 21}, new double[] {1, 1})).isEqualTo(15.5);
    }

    @Test
    void exactHalfSurvivesFloatingPointSums() {
        // 0.1 + 0.2 is 0.30000000000000004 in doubles, while the total halves to exactly 0.3
        assertThat(median(new int[] {10, 20, 30, 40}, new double[] {0.1, 0.2, 0.2, 0.1})).isEqualTo(25);
    }

    /** "Exactly half" allows a slack of 1e-12 of the total, whatever the total's size. */
    @Test
    void theSlackForExactlyHalfIsRelativeToTheTotal() {
        // total 2,000,000.000002, half 1,000,000.000001: 10 falls short of half by 1e-6, within 1e-12 × 2e6 = 2e-6
        assertThat(median(new int[] {10, 20}, new double[] {1e6, 1e6 + 2e-6})).isEqualTo(15);
        // short by 5e-6: beyond the slack, so 20 is the first value past half
        assertThat(median(new int[] {10, 20}, new double[] {1e6, 1e6 + 1e-5})).isEqualTo(20);
    }

    /**
     * "Exactly half" is checked after each value, equal values in index order, not once per run of equal values:
     * weights far below its tolerance (the oldest forecasters' weigh e^(1−√N)) decide where a run meets half.
     */
    @Test
    void exactHalfIsCheckedAfterEachValueNotAfterEachRun() {
        // total 6 + 1e-13: 10 and the first 20 reach half, and the next value is the other 20
        assertThat(median(new int[] {10, 20, 20, 30, 40}, new double[] {2, 1, 1e-13, 2, 1})).isEqualTo(20);
        // the tiny weight comes first: only the whole run of 20s reaches half, and the next value is 30
        assertThat(median(new int[] {10, 20, 20, 30}, new double[] {2, 1e-13, 1, 3})).isEqualTo(25);
    }

    @Test
    void passingHalfTakesThatValue() {
        // total 7, half 3.5: 10 (3) falls short, 20 (3 + 1 = 4) passes it
        assertThat(median(new int[] {10, 20, 30, 40}, new double[] {3, 1, 1, 2})).isEqualTo(20);
        // given out of order: sorted 10 (1), 60 (1), 90 (5); total 7, half 3.5: only 90 passes it
        assertThat(median(new int[] {90, 10, 60}, new double[] {5, 1, 1})).isEqualTo(90);
    }

    @Test
    void equalValuesPoolTheirWeights() {
        // 50 carries 1 + 1 = 2 of 5: not half; 50 + 60 reaches 4.
        assertThat(median(new int[] {60, 50, 90, 50}, new double[] {2, 1, 1, 1})).isEqualTo(60);
        // a run of equal values ending exactly on half meets the next distinct value: like a plain median
        assertThat(median(new int[] {50, 60, 50, 60}, new double[] {1, 1, 1, 1})).isEqualTo(55);
    }

    @Test
    void zeroAndOneHundredAreTheBinsEnds() {
        assertThat(median(new int[] {100, 0, 100}, new double[] {1, 1, 1})).isEqualTo(100);
        assertThat(median(new int[] {100, 0}, new double[] {1, 1})).isEqualTo(50);
        assertThat(median(new int[] {0, 100, 0}, new double[] {1, 1, 1})).isEqualTo(0);
    }

    @Test
    void refusesMismatchedOrEmptyInputSayingWhy() {
        assertThatThrownBy(() -> median(new int[] {}, new double[] {}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("need as many weights as values, and at least one: 0 values, 0 weights");
        assertThatThrownBy(() -> median(new int[] {1, 2}, new double[] {1}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("need as many weights as values, and at least one: 2 values, 1 weights");
    }

    @Test
    void refusesWeightsThatAreNotPositiveAndFinite() {
        for (double bad : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertThatThrownBy(() -> median(new int[] {10, 20}, new double[] {1, bad}))
                    .as("weight %s", bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("weights must be positive and finite, was " + bad);
        }
        // the smallest positive weight is still a weight
        assertThat(median(new int[] {10, 20}, new double[] {Double.MIN_VALUE, 1})).isEqualTo(20);
    }

    @Test
    void refusesValuesThatAreNotPercents() {
        assertThatThrownBy(() -> median(new int[] {50, -1}, new double[] {1, 1}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("values must be whole percents 0–100, was -1");
        assertThatThrownBy(() -> median(new int[] {101}, new double[] {1}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("values must be whole percents 0–100, was 101");
    }

    /** The write path reads only the first n of longer arrays: what lies beyond (here heavy weights) must not count. */
    @Test
    void theWritePathReadsOnlyTheFirstN() {
        int[] percents = {70, 10, 40, 0, 0, 0};
        double[] weights = {1, 1, 1, 1e6, 1e6, 1e6};
        // sorted 10, 40, 70 with weight 1 each: the middle one
        assertThat(WeightedMedian.ofPercents(percents, 3, weights, 3, new int[6])).isEqualTo(40);
        // the first two only: half of 2 is reached exactly by 10, so the mean of 10 and 70
        assertThat(WeightedMedian.ofPercents(percents, 2, weights, 2, new int[2])).isEqualTo(40);
        assertThat(WeightedMedian.ofPercents(new int[] {100, 99, 100}, 3, new double[] {1, 1, 1}, 3, new int[3]))
                .isEqualTo(100);
    }

    /**
     * The recency weights of four forecasters, oldest first: e^(√n − 2) = 0.3679, 0.5567, 0.7650, 1 (total 2.6896,
     * half 1.3448). Their forecasts 80, 20, 60, 40 sort to 20 (0.5567), 40 (1), 60 (0.7650), 80 (0.3679); 20 falls
     * short of half, 20 and 40 (1.5567) pass it.
     */
    @Test
    void recencyWeightsOfFourForecasters() {
        assertThat(median(new int[] {80, 20, 60, 40}, CommunityForecast.weights(4))).isEqualTo(40);
        // given as 40 (0.3679), 60 (0.5567), 20 (0.7650), 80 (1): sorted, the cumulative weight is 0.7650 after 20,
        // 1.1329 after 40, and 1.6896 (past half) after 60
        assertThat(median(new int[] {40, 60, 20, 80}, CommunityForecast.weights(4))).isEqualTo(60);
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
}
