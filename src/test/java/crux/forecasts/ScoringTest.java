package crux.forecasts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ScoringTest {

    private static final Instant OPENED = Instant.parse("2025-04-01T00:00:00Z");
    /** A ten-day open period, so day counts are easy fractions of it. */
    private static final Instant CLOSED = day(10);
    private static final double EPS = 1e-9;

    private static Instant day(double d) {
        return OPENED.plus(Duration.ofMinutes(Math.round(d * 24 * 60)));
    }

    private static Forecast at(double day, int probability) {
        return new Forecast(7, day(day), probability);
    }

    private static Score member(Outcome outcome, Forecast... updates) {
        return Scoring.member(outcome, OPENED, CLOSED, List.of(updates)).orElseThrow();
    }

    private static void assertScore(Score s, double brier, double log, double coverage) {
        assertThat(s.brier()).isCloseTo(brier, within(EPS));
        assertThat(s.logScore()).isCloseTo(log, within(EPS));
        assertThat(s.coverage()).isCloseTo(coverage, within(EPS));
    }

    @Test
    void eightyPercentForTheWholePeriodOnYes() {
        // (0.8 − 1)² = 0.04; 100·log2(2 · 0.8) = 100·log2(1.6) = 67.807…
        assertScore(member(Outcome.YES, at(0, 80)), 0.04, 67.80719051126377, 1);
    }

    @Test
    void eightyPercentForTheWholePeriodOnNo() {
        // (0.8 − 0)² = 0.64; the actual outcome got 1 − 0.8 = 0.2: 100·log2(0.4) = −132.19…
        assertScore(member(Outcome.NO, at(0, 80)), 0.64, -132.19280948873623, 1);
    }

    @Test
    void twoHalvesAreAveragedByTime() {
        // 60 % for days 0–5, 90 % for days 5–10, YES:
        // Brier (0.16 + 0.01) / 2 = 0.085; log (100·log2 1.2 + 100·log2 1.8) / 2 = (26.303 + 84.800) / 2
        assertScore(member(Outcome.YES, at(0, 60), at(5, 90)), 0.085, 55.5515656194372, 1);
    }

    @Test
    void unevenPartsWeighByDuration() {
        // 20 % for days 0–7.5 (three quarters of the time), 60 % for days 7.5–10 (one quarter), NO:
        // Brier (3 · 0.04 + 1 · 0.36) / 4 = 0.12; log (3 · 100·log2 1.6 + 100·log2 0.8) / 4
        assertScore(member(Outcome.NO, at(0, 20), at(7.5, 60)), 0.12, 42.80719051126377, 1);
    }

    @Test
    void startingHalfwayCoversHalfAndIsAveragedOverWhatItCovers() {
        // 70 % from day 5, NO: Brier 0.49, log 100·log2(0.6) = −73.697, coverage 5 / 10
        assertScore(member(Outcome.NO, at(5, 70)), 0.49, -73.69655941662062, 0.5);
    }

    @Test
    void forecastsBeforeOpeningHoldFromTheOpening() {
        // 30 % then 40 % before opening: 40 % holds days 0–5, then 90 %. YES: (0.36 + 0.01) / 2
        Score s = member(Outcome.YES, at(-3, 30), at(-1, 40), at(5, 90));
        assertScore(s, 0.185, (100 * log2(0.8) + 100 * log2(1.8)) / 2, 1);
    }

    @Test
    void aForecastAtTheOpeningBeatsOneMadeBeforeItWhateverTheListOrder() {
        // 30 % before opening is replaced by 80 % at the opening itself: 80 % for the whole period.
        assertScore(member(Outcome.YES, at(0, 80), at(-1, 30)), 0.04, 67.80719051126377, 1);
    }

    @Test
    void forecastsAtOrAfterCloseAreIgnored() {
        assertScore(member(Outcome.YES, at(0, 80), at(10, 1), at(12, 1)), 0.04, 67.80719051126377, 1);
        assertThat(Scoring.member(Outcome.YES, OPENED, CLOSED, List.of(at(10, 80)))).isEmpty();
        assertThat(Scoring.member(Outcome.YES, OPENED, CLOSED, List.of())).isEmpty();
    }

    @Test
    void updateOrderInTheListDoesNotMatterButTimeDoes() {
        assertScore(member(Outcome.YES, at(5, 90), at(0, 60)), 0.085, 55.5515656194372, 1);
    }

    @Test
    void annulledPredictionsAreScoredForNobody() {
        assertThat(Scoring.member(Outcome.ANNULLED, OPENED, CLOSED, List.of(at(0, 80)))).isEqualTo(Optional.empty());
        assertThat(Scoring.article(Outcome.ANNULLED, OPENED, CLOSED, 80)).isEmpty();
    }

    @Test
    void theCrowdIsScoredOnItsHistory() {
        List<CommunityPoint> history = List.of(new CommunityPoint(day(5), 70, 1));
        Score crowd = Scoring.crowd(Outcome.NO, OPENED, CLOSED, history).orElseThrow();
        assertScore(crowd, 0.49, -73.69655941662062, 0.5);

        // A community value such as 62.5 is scored as it is, not rounded.
        Score fine = Scoring.crowd(Outcome.YES, OPENED, CLOSED, List.of(new CommunityPoint(OPENED, 62.5, 2))).orElseThrow();
        assertScore(fine, 0.140625, 100 * log2(1.25), 1);
    }

    @Test
    void theArticleHoldsItsImpliedProbabilityForTheWholePeriod() {
        assertScore(Scoring.article(Outcome.YES, OPENED, CLOSED, 80).orElseThrow(), 0.04, 67.80719051126377, 1);
        assertScore(Scoring.article(Outcome.NO, OPENED, CLOSED, 80).orElseThrow(), 0.64, -132.19280948873623, 1);
    }

    @Test
    void refusesAnEmptyPeriodCertaintyOrSeveralMembers() {
        assertThatThrownBy(() -> Scoring.article(Outcome.YES, CLOSED, OPENED, 80)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the open period must not be empty");
        assertThatThrownBy(() -> Scoring.article(Outcome.YES, OPENED, CLOSED, 100)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a scored probability must be strictly between 0 and 100 %, was 100.0");
        assertThatThrownBy(() -> Scoring.member(Outcome.YES, OPENED, CLOSED,
                List.of(at(0, 50), new Forecast(8, day(1), 50)))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("updates of more than one member");
    }

    /** PostgreSQL keeps microseconds: fractions of a second weigh what they last. */
    @Test
    void timestampsInMicrosecondsCountTheirFractionsOfASecond() {
        Instant closed = OPENED.plusSeconds(1);
        Instant quarter = OPENED.plus(250_000, java.time.temporal.ChronoUnit.MICROS);
        // 60 % for 0.25 s, 90 % for 0.75 s, YES: Brier 0.25 · 0.16 + 0.75 · 0.01 = 0.0475;
        // log 0.25 · 100·log2 1.2 + 0.75 · 100·log2 1.8 = 0.25 · 26.3034406 + 0.75 · 84.7996907 = 70.1756281
        Score s = Scoring.member(Outcome.YES, OPENED, closed,
                List.of(new Forecast(7, OPENED, 60), new Forecast(7, quarter, 90))).orElseThrow();
        assertThat(s.brier()).isCloseTo(0.0475, within(1e-9));
        assertThat(s.logScore()).isCloseTo(70.1756281, within(1e-6));
        assertThat(s.coverage()).isCloseTo(1, within(1e-9));
        // from 0.4 s on, of one second: 0.6 covered
        Score late = Scoring.member(Outcome.YES, OPENED, closed,
                List.of(new Forecast(7, OPENED.plus(400_000, java.time.temporal.ChronoUnit.MICROS), 60))).orElseThrow();
        assertThat(late.coverage()).isCloseTo(0.6, within(1e-9));
    }

    @Test
    void refusalsSayWhy() {
        assertThatThrownBy(() -> Scoring.article(Outcome.YES, CLOSED, CLOSED, 80))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("the open period must not be empty");
        assertThatThrownBy(() -> Scoring.member(Outcome.YES, OPENED, CLOSED,
                List.of(at(0, 50), new Forecast(8, day(1), 50))))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("updates of more than one member");
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
