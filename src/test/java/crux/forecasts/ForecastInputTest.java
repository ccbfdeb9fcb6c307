package crux.forecasts;

import static org.assertj.core.api.Assertions.assertThat;

import crux.core.ScoreFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ForecastInputTest {

    @Test
    void wholePercentagesFrom1To99AreAcceptedAsTyped() {
        assertThat(ForecastInput.probability("1")).isEqualTo(new ForecastInput.Probability(1, null));
        assertThat(ForecastInput.probability("50")).isEqualTo(new ForecastInput.Probability(50, null));
        assertThat(ForecastInput.probability("99")).isEqualTo(new ForecastInput.Probability(99, null));
        assertThat(ForecastInput.probability(" 7 ")).isEqualTo(new ForecastInput.Probability(7, null));
        assertThat(ForecastInput.probability("099")).isEqualTo(new ForecastInput.Probability(99, null));
        assertThat(ForecastInput.probability("50").valid()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"101", "50.5", "50%", "NaN", "1e309", "", " ", "-5", "+5", "0099", "9999", "\u0665\u0660", "５０"})
    void anythingElseIsRefusedWithTheMessageForTheForm(String raw) {
        ForecastInput.Probability p = ForecastInput.probability(raw);
        assertThat(p.valid()).isFalse();
        assertThat(p.value()).isNull();
        assertThat(p.error()).isEqualTo("Enter a whole number of per cent from 1 to 99, like 70 (no decimals, no % sign).");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "100", "000", " 100 "})
    void certaintyIsRefusedSayingWhy(String raw) {
        ForecastInput.Probability p = ForecastInput.probability(raw);
        assertThat(p.valid()).isFalse();
        assertThat(p.value()).isNull();
        assertThat(p.error()).isEqualTo("Choose from 1 to 99 %: 0 and 100 % mean certainty, and a certain forecast that"
                + " turns out wrong scores minus infinity.");
    }

    @Test
    void nothingTypedIsRefused() {
        assertThat(ForecastInput.probability(null).error()).isEqualTo(ForecastInput.PROBABILITY_MESSAGE);
    }

    @Test
    void rationalesAreOneShortLine() {
        assertThat(ForecastInput.rationale("  fine  ")).contains("fine");
        assertThat(ForecastInput.rationale("  spaces stay inside  ")).contains("spaces stay inside");
        assertThat(ForecastInput.rationale(null)).contains("");
        assertThat(ForecastInput.rationale("a\nb")).isEmpty();
        assertThat(ForecastInput.rationale("a\tb")).isEmpty();
        assertThat(ForecastInput.rationale("a\u007Fb")).isEmpty();
        assertThat(ForecastInput.rationale("a~b")).contains("a~b"); // 0x7E, the last printable ASCII
        assertThat(ForecastInput.rationale("x".repeat(201))).isEmpty();
        assertThat(ForecastInput.rationale("x".repeat(200))).contains("x".repeat(200));
        assertThat(ForecastInput.RATIONALE_MESSAGE).isEqualTo("Keep the rationale to one line of at most 200 characters.");
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
