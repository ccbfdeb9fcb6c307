package crux.forecasts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import crux.forecasts.Calibration.Bin;
import crux.forecasts.Calibration.Point;
import java.util.List;
import org.junit.jupiter.api.Test;

class CalibrationTest {

    private static Point yes(double p) {
        return new Point(p, true);
    }

    private static Point no(double p) {
        return new Point(p, false);
    }

    @Test
    void binsByTenthsWithCountMeanFrequencyAndErrorBar() {
        List<Bin> bins = Calibration.bins(List.of(yes(70), no(72), yes(74), yes(76), no(5)));
        assertThat(bins).hasSize(2);

        Bin low = bins.get(0);
        assertThat(low.from()).isEqualTo(0);
        assertThat(low.to()).isEqualTo(10);
        assertThat(low.n()).isEqualTo(1);
        assertThat(low.meanForecast()).isCloseTo(0.05, within(1e-12));
        assertThat(low.observedFrequency()).isEqualTo(0);
        assertThat(low.errorBar()).isCloseTo(Math.sqrt(0.05 * 0.95), within(1e-12)); // 0.2179…

        Bin seventies = bins.get(1);
        assertThat(seventies.label()).isEqualTo("70–80 %");
        assertThat(seventies.n()).isEqualTo(4);
        assertThat(seventies.meanForecast()).isCloseTo(0.73, within(1e-12)); // (70 + 72 + 74 + 76) / 4
        assertThat(seventies.observedFrequency()).isEqualTo(0.75); // 3 of 4 came true
        assertThat(seventies.errorBar()).isCloseTo(0.22197972880423114, within(1e-12)); // √(.73 · .27 / 4)
    }

    @Test
    void edgesBelongToTheBinAboveAndTheLastBinIsClosed() {
        List<Bin> bins = Calibration.bins(List.of(yes(10), no(19.99), yes(90), yes(99), yes(100)));
        assertThat(bins).extracting(Bin::from, Bin::n).containsExactly(
                tuple(10, 2), tuple(90, 3));
        assertThat(bins.get(1).to()).isEqualTo(100);
    }

    @Test
    void nothingResolvedMeansNoBins() {
        assertThat(Calibration.bins(List.of())).isEmpty();
    }

    @Test
    void refusesProbabilitiesOutsideZeroToHundred() {
        assertThatThrownBy(() -> Calibration.bins(List.of(yes(101)))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a probability must be 0..100 %, was 101.0");
        assertThatThrownBy(() -> Calibration.bins(List.of(yes(-1)))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a probability must be 0..100 %, was -1.0");
    }
}
