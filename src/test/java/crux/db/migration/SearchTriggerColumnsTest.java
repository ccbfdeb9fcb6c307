package crux.db.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.zaxxer.hikari.HikariDataSource;
import crux.db.Database;
import crux.testing.TestApp;
import crux.testing.TestDatabases;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The change-number triggers (V78, by column since V80) name every column of their table that is searched or shown in a
 * result: each column is either one the trigger fires for or one {@link SearchVersionMigration#NOT_SEARCHED} lists. A
 * migration that adds a column must make the trigger again (or list the column as not searched), or searches would
 * show stale results after changes to it. PostgreSQL only: H2's numbers come from ON UPDATE.
 */
class SearchTriggerColumnsTest {

    @Test
    void everyColumnIsSearchedByTheTriggerOrListedAsNotSearched() throws Exception {
        assumeTrue(TestDatabases.postgresBase() != null,
                "CRUX_TEST_POSTGRES_URL is not set: the change-number triggers are PostgreSQL's");
        try (HikariDataSource ds = TestDatabases.pool(TestDatabases.fresh("postgres"))) {
            Database.flyway(ds, TestApp.repositoryRoot().resolve("db/migration")).load().migrate();
            try (Connection c = ds.getConnection()) {
                check(c);
            }
        }
    }

    private static void check(Connection c) throws Exception {
        for (Map.Entry<String, List<String>> table : SearchVersionMigration.NOT_SEARCHED.entrySet()) {
            Set<String> fired = new HashSet<>(strings(c, "SELECT a.attname FROM pg_trigger t"
                    + " JOIN pg_class r ON r.oid = t.tgrelid JOIN pg_namespace n ON n.oid = r.relnamespace"
                    + " JOIN pg_attribute a ON a.attrelid = t.tgrelid AND a.attnum = ANY (t.tgattr::int2[])"
                    + " WHERE n.nspname = current_schema() AND t.tgname = ?", table.getKey() + "_search_changed"));
            Set<String> columns = new HashSet<>(strings(c, "SELECT column_name FROM information_schema.columns"
                    + " WHERE table_schema = current_schema() AND table_name = ?", table.getKey()));
            assertThat(fired).as(table.getKey() + ": the trigger fires for some columns only").isNotEmpty()
                    .doesNotContainAnyElementsOf(table.getValue()).doesNotContain("search_seq");
            Set<String> accounted = new HashSet<>(fired);
            accounted.addAll(table.getValue());
            accounted.add("search_seq");
            assertThat(accounted).as(table.getKey() + ": every column searched by the trigger or listed as not")
                    .isEqualTo(columns);
        }
    }

    private static List<String> strings(Connection c, String sql, String value) throws Exception {
        List<String> out = new ArrayList<>();
        try (PreparedStatement q = c.prepareStatement(sql)) {
            q.setString(1, value);
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    out.add(r.getString(1));
                }
            }
        }
        return out;
    }
}
