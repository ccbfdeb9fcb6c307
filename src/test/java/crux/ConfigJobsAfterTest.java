package crux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** CRUX_JOBS_AFTER: how long after start the jobs first run; a value that is not a whole number of seconds is refused. */
class ConfigJobsAfterTest {

    static Duration after(Map<String, String> env) {
        return Config.fromMap(env).jobsAfter();
    }

    @Test
    void fiveSecondsUnlessSetAndZeroOrMoreWhenSet() {
        assertThat(after(Map.of())).isEqualTo(Duration.ofSeconds(Config.DEFAULT_JOBS_AFTER_SECONDS));
        assertThat(after(Map.of("CRUX_JOBS_AFTER", " "))).isEqualTo(Duration.ofSeconds(5));
        assertThat(after(Map.of("CRUX_JOBS_AFTER", "0"))).isZero();
        assertThat(after(Map.of("CRUX_JOBS_AFTER", "12"))).isEqualTo(Duration.ofSeconds(12));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "soon", "1.5", "99999999999"})
    void anythingElseIsRefusedAtStartWithTheSettingNamed(String value) {
        assertThatThrownBy(() -> after(Map.of("CRUX_JOBS_AFTER", value)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("CRUX_JOBS_AFTER");
    }
}
