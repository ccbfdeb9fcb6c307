package crux.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The request log's duration: one decimal, a point whatever the locale, nothing odd for odd values. */
class RequestLogTest {

    @Test
    void millisecondsAreRoundedToOneDecimal() {
        assertThat(Web.tenths(0)).isEqualTo("0.0");
        assertThat(Web.tenths(0.04)).isEqualTo("0.0");
        assertThat(Web.tenths(0.05)).isEqualTo("0.1");
        assertThat(Web.tenths(1.26)).isEqualTo("1.3");
        assertThat(Web.tenths(12.0)).isEqualTo("12.0");
        assertThat(Web.tenths(9.96)).isEqualTo("10.0");
        assertThat(Web.tenths(86_400_000.25)).isEqualTo("86400000.3");
    }

    @Test
    void theDecimalPointDoesNotFollowTheDefaultLocale() {
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY);
            assertThat(Web.tenths(41.06)).isEqualTo("41.1");
            assertThat(String.format("%.1f", 41.06)).as("what String.format gave").isEqualTo("41,1");
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void impossibleDurationsShowAsAQuestionMark() {
        assertThat(Web.tenths(-1)).isEqualTo("?");
        assertThat(Web.tenths(Double.NaN)).isEqualTo("?");
        assertThat(Web.tenths(Double.POSITIVE_INFINITY)).isEqualTo("?");
    }
}
