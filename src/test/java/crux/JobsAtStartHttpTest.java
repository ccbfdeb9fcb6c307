package crux;

import static crux.db.generated.Tables.ARTICLE;
import static crux.db.generated.Tables.CAMP_RUN;
import static crux.db.generated.Tables.JOB_LEASE;
import static org.assertj.core.api.Assertions.assertThat;

import crux.testing.TestApp;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * When the scheduled jobs first run. With CRUX_JOBS_AFTER=0 (the tests' setting) the activity count and the camps
 * job have run once when start returns, so their writes never land in the middle of a test's "nothing stored"
 * check; with a delay, start returns before either has written anything.
 */
class JobsAtStartHttpTest {

    @Test
    void zeroRunsBothJobsBeforeStartReturns() {
        try (TestApp app = TestApp.start(TestApp.defaultKind(), Map.of("CRUX_JOBS_AFTER", "0"))) {
            // read at once, without waiting: the rows are there because start waited for the runs
            assertThat(app.dsl().fetchCount(CAMP_RUN)).isEqualTo(app.dsl().fetchCount(ARTICLE)).isPositive();
            assertThat(app.dsl().select(JOB_LEASE.NAME).from(JOB_LEASE).fetch(JOB_LEASE.NAME))
                    .contains("camps", "article-activity");
        }
    }

    @Test
    void aDelayLeavesTheFirstRunsForLater() {
        try (TestApp app = TestApp.start(TestApp.defaultKind(), Map.of("CRUX_JOBS_AFTER", "600"))) {
            assertThat(app.dsl().fetchCount(CAMP_RUN)).isZero();
            assertThat(app.dsl().select(JOB_LEASE.NAME).from(JOB_LEASE).fetch(JOB_LEASE.NAME))
                    .doesNotContain("camps", "article-activity");
        }
    }
}
