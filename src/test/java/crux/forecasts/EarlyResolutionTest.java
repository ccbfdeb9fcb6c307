package crux.forecasts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class EarlyResolutionTest {

    static final LocalDate DUE = LocalDate.of(2028, 12, 31);

    @Test
    void yesOrNoBeforeTheResolveByDateIsEarlyByTheTwoLargestUnits() {
        assertThat(EarlyResolution.ahead(Outcome.YES, DUE, LocalDate.of(2026, 12, 31))).contains("2 years");
        assertThat(EarlyResolution.ahead(Outcome.NO, DUE, LocalDate.of(2027, 11, 30))).contains("1 year and 1 month");
        assertThat(EarlyResolution.ahead(Outcome.YES, DUE, LocalDate.of(2028, 9, 27))).contains("3 months and 4 days");
        assertThat(EarlyResolution.ahead(Outcome.YES, DUE, LocalDate.of(2028, 11, 30))).contains("1 month and 1 day");
        assertThat(EarlyResolution.ahead(Outcome.YES, DUE, LocalDate.of(2028, 10, 31))).contains("2 months");
        assertThat(EarlyResolution.ahead(Outcome.YES, DUE, LocalDate.of(2028, 12, 19))).contains("12 days");
        assertThat(EarlyResolution.ahead(Outcome.NO, DUE, LocalDate.of(2028, 12, 30))).contains("1 day");
    }

    @Test
    void onOrAfterTheDateAnnulmentsAndUndatedAreOnTime() {
        assertThat(EarlyResolution.ahead(Outcome.YES, DUE, DUE)).isEmpty();
        assertThat(EarlyResolution.ahead(Outcome.NO, DUE, DUE.plusDays(1))).isEmpty();
        assertThat(EarlyResolution.ahead(Outcome.ANNULLED, DUE, DUE.minusYears(2))).isEmpty();
        assertThat(EarlyResolution.ahead(Outcome.YES, null, DUE)).isEmpty();
    }

    @Test
    void theLogNoteNamesTheSpanAndTheDate() {
        assertThat(EarlyResolution.logNote("2 years", DUE))
                .isEqualTo("resolved 2 years before its resolve-by date (31 December 2028). ");
    }
}
