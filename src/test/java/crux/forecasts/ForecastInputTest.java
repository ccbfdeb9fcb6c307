package crux.forecasts;

import static org.assertj.core.api.Assertions.assertThat;

import crux.core.ScoreFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ForecastInputTest {

    @ParameterizedTest
    @ValueSource(strings = {"1", "50", "99", " 7 ", "099"})
    void wholePercentagesFrom1To99AreAccepted(String raw) {
        assertThat(ForecastInput.probability(raw).valid()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "100", "50.5", "50%", "NaN", "1e309", "", "-5", "+5", "9999", "\u0665\u0660", "５０"})
    void anythingElseIsRefusedWithAMessage(String raw) {
        ForecastInput.Probability p = ForecastInput.probability(raw);
        assertThat(p.valid()).isFalse();
        assertThat(p.value()).isNull();
        assertThat(p.error()).contains("99");
    }

    @Test
    void rationalesAreOneShortLine() {
        assertThat(ForecastInput.rationale("  fine  ")).contains("fine");
        assertThat(ForecastInput.rationale(null)).contains("");
        assertThat(ForecastInput.rationale("a\nb")).isEmpty();
        assertThat(ForecastInput.rationale("x".repeat(201))).isEmpty();
        assertThat(ForecastInput.rationale("x".repeat(200))).isPresent();
    }

    @Test
    void scoresAreWrittenOneWayEverywhere() {
        assertThat(ScoreFormat.log(23.44)).isEqualTo("+23.4");
        assertThat(ScoreFormat.log(-5)).isEqualTo("\u22125.0");
        assertThat(ScoreFormat.log(-0.01)).isEqualTo("+0.0");
        assertThat(ScoreFormat.brier(0.12345)).isEqualTo("0.123");
        assertThat(ScoreFormat.forecast(62.5)).isEqualTo("62.5 %");
        assertThat(ScoreFormat.forecast(62.0)).isEqualTo("62 %");
        assertThat(ScoreFormat.percent(0.874)).isEqualTo("87 %");
    }
}
