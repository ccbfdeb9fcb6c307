package crux.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import org.junit.jupiter.api.Test;

/**
 * Says out loud whether the PostgreSQL variants of the database tests ran: they run only when
 * CRUX_TEST_POSTGRES_URL is set (CI sets it); without it this test is skipped with that reason.
 */
class PostgresConfiguredTest {

    @Test
    void postgresIsReachableWhenConfigured() throws Exception {
        String url = TestDatabases.postgresBase();
        assumeTrue(url != null, "CRUX_TEST_POSTGRES_URL is not set: the PostgreSQL variants of the database tests "
                + "are skipped (set it, e.g. jdbc:postgresql://127.0.0.1:5432/test?user=postgres)");
        try (Connection c = DriverManager.getConnection(url)) {
            assertThat(c.isValid(2)).isTrue();
        }
    }
}
