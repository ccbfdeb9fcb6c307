package crux.search;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import crux.testing.TestDatabases;
import org.junit.jupiter.api.BeforeAll;

/** {@link SearchContract} on PostgreSQL (when CRUX_TEST_POSTGRES_URL is set): its own full-text search. */
class SearchPostgresTest extends SearchContract {

    @BeforeAll
    static void startPostgres() {
        assumeTrue(TestDatabases.postgresBase() != null, "CRUX_TEST_POSTGRES_URL is not set");
        start("postgres");
    }
}
