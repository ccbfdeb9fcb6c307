package crux.forecasts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class CommunityForecastTest {

    private static final Instant T0 = Instant.parse("2025-04-01T00:00:00Z");

    /** Forecasts by members 1, 2, 3… made one hour apart, oldest first. */
    private static List<Forecast> oldestFirst(int... probabilities) {
        List<Forecast> out = new ArrayList<>();
        for (int i = 0; i < probabilities.length; i++) {
            out.add(new Forecast(i + 1, T0.plusSeconds(3600L * i), probabilities[i]));
        }
        return out;
    }

    private static double community(int... probabilities) {
        return CommunityForecast.of(oldestFirst(probabilities)).orElseThrow();
    }

    private static double plainMedian(int... probabilities) {
        int[] sorted = probabilities.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
    }

    @Test
    void nobodyMeansNoCommunityForecast() {
        assertThat(CommunityForecast.of(List.of())).isEqualTo(OptionalDouble.empty());
    }

    @Test
    void oneForecasterIsTheCommunity() {
        assertThat(community(37)).isEqualTo(37);
    }

    @Test
    void twoForecastersGiveTheirMean() {
        assertThat(community(30, 70)).isEqualTo(50);
        assertThat(community(40, 41)).isEqualTo(40.5);
    }

    @Test
    void weightsAreExpOfRootNMinusRootN() {
        assertThat(CommunityForecast.weights(2)).containsExactly(1, 1);
        // exp(1 − √3), exp(√2 − √3), exp(0)
        assertThat(CommunityForecast.weights(3)).containsExactly(
                new double[] {0.480921700202632, 0.727721218901276, 1.0}, within(1e-12));
        assertThat(CommunityForecast.weights(4)).containsExactly(
                new double[] {0.367879441171442, 0.556667905035692, 0.764946645194924, 1.0}, within(1e-12));
    }

    @Test
    void threeForecastersByHand() {
        // oldest first 90 (w .4809), 20 (w .7277), 60 (w 1); total 2.2086, half 1.1043.
        // Sorted: 20 → .7277, 60 → 1.7277 ≥ 1.1043: the median is 60.
        assertThat(community(90, 20, 60)).isEqualTo(60);
        // With three, any two weights outweigh half, so the middle value always wins, as in a plain median.
        assertThat(community(10, 20, 90)).isEqualTo(20);
        assertThat(community(50, 90, 10)).isEqualTo(50);
    }

    @Test
    void recencyWeightingMovesTheCommunityAwayFromThePlainMedian() {
        // N = 4, oldest first 10 (w .3679), 20 (.5567), 80 (.7649), 90 (1); total 2.6895, half 1.3447.
        // Sorted cumulative: 10 → .3679, 20 → .9246, 80 → 1.6895 ≥ half: 80, where a plain median says 50.
        assertThat(plainMedian(10, 20, 80, 90)).isEqualTo(50);
        assertThat(community(10, 20, 80, 90)).isEqualTo(80);

        // N = 5: three old 70s (w .2905 + .4396 + .6041 = 1.3343) against newer 20 (.7897) and 30 (1).
        // Total 3.1240, half 1.5620. Sorted: 20 → .7897, 30 → 1.7897 ≥ half: 30, where a plain median says 70.
        assertThat(plainMedian(70, 70, 70, 20, 30)).isEqualTo(70);
        assertThat(community(70, 70, 70, 20, 30)).isEqualTo(30);
    }

    @Test
    void tiedValuesPoolTheirWeights() {
        assertThat(community(50, 50, 50, 50)).isEqualTo(50);
        // oldest first 60 (.3679), 40 (.5567), 40 (.7649), 60 (1); half 1.3447.
        // 40s pool to 1.3216, just short of half, so the median is 60 — a plain median would say 50.
        assertThat(community(60, 40, 40, 60)).isEqualTo(60);
    }

    @Test
    void exactlyHalfAveragesWithTheNextValue() {
        // Two forecasters: 1 of 2 is exactly half, so the mean — here with ties on one side.
        assertThat(community(20, 20)).isEqualTo(20);
        assertThat(community(80, 20)).isEqualTo(50);
    }

    @Test
    void ordersByTimeWhateverTheListOrder() {
        List<Forecast> shuffled = new ArrayList<>(oldestFirst(10, 20, 80, 90));
        Collections.reverse(shuffled);
        assertThat(CommunityForecast.of(shuffled).orElseThrow()).isEqualTo(80);
    }

    @Test
    void refusesTwoLatestForecastsOfOneMember() {
        List<Forecast> twice = List.of(new Forecast(1, T0, 10), new Forecast(1, T0.plusSeconds(1), 20));
        assertThatThrownBy(() -> CommunityForecast.of(twice)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("member 1 has more than one latest forecast");
    }

    @Test
    void forecastsMustBeOneToNinetyNine() {
        assertThatThrownBy(() -> new Forecast(1, T0, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("probability must be 1..99, was 0");
        assertThatThrownBy(() -> new Forecast(1, T0, 100)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("probability must be 1..99, was 100");
    }

    @Test
    void latestKeepsEachMembersLastForecastOldestFirst() {
        Forecast a1 = new Forecast(1, T0, 60);
        Forecast b1 = new Forecast(2, T0.plusSeconds(10), 80);
        Forecast a2 = new Forecast(1, T0.plusSeconds(20), 70);
        assertThat(CommunityForecast.latest(List.of(a2, b1, a1))).containsExactly(b1, a2);
    }

    @Test
    void historyReplaysEveryUpdateWithEachMembersLatestSoFar() {
        Instant t1 = T0;
        Instant t2 = T0.plusSeconds(60);
        Instant t3 = T0.plusSeconds(120);
        Instant t4 = T0.plusSeconds(180);
        List<Forecast> updates = List.of(
                new Forecast(1, t1, 60),
                new Forecast(2, t2, 80),
                new Forecast(1, t3, 70),
                new Forecast(3, t4, 10));
        // t3: member 1 moved to 70, so B 80 (older) and A 70: mean 75.
        // t4: oldest first B 80 (.4809), A 70 (.7277), C 10 (1); half 1.1043; sorted 10 → 1, 70 → 1.7277: 70.
        assertThat(CommunityForecast.history(updates)).containsExactly(
                new CommunityPoint(t1, 60, 1),
                new CommunityPoint(t2, 70, 2),
                new CommunityPoint(t3, 75, 2),
                new CommunityPoint(t4, 70, 3));
    }

    @Test
    void historyOfNothingIsEmpty() {
        assertThat(CommunityForecast.history(List.of())).isEmpty();
    }
}
