package crux.moderation;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import crux.db.Database;
import crux.testing.TestApp;
import crux.testing.TestDatabases;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Migration V53 fills the public log's filter lists from the rows already in the log, on H2 and PostgreSQL: every
 * action and every moderator once, and the operator's rows (no moderator) add no moderator.
 */
class ModerationLogFacetsMigrationTest {

    static List<String> kinds() {
        return TestDatabases.kinds();
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void theFilterListsAreFilledFromTheExistingLog(String kind) throws Exception {
        String url = TestDatabases.fresh(kind);
        try (HikariDataSource ds = TestDatabases.pool(url)) {
            var flyway = Database.flyway(ds, TestApp.repositoryRoot().resolve("db/migration"));
            flyway.target("52").load().migrate();
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
            List<Long> moderators = new ArrayList<>();
            try (Connection c = ds.getConnection()) {
                try (PreparedStatement p = c.prepareStatement(
                        "INSERT INTO member (name, name_key, created_at) VALUES (?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
                    for (String name : new String[] {"facetmod1", "facetmod2", "facetbystander"}) {
                        p.setString(1, name);
                        p.setString(2, name);
                        p.setObject(3, now);
                        p.executeUpdate();
                        try (ResultSet keys = p.getGeneratedKeys()) {
                            keys.next();
                            moderators.add(keys.getLong(1));
                        }
                    }
                }
                try (PreparedStatement p = c.prepareStatement("INSERT INTO moderation_log (created_at, moderator_id, "
                        + "action, target_kind, target_id, target_label) VALUES (?, ?, ?, 'item', 1, 'x')")) {
                    Object[][] rows = {{moderators.get(0), "retire_item"}, {moderators.get(0), "retire_item"},
                            {moderators.get(1), "ban_member"}, {null, "role:moderator"}, {moderators.get(1), "retire_item"}};
                    for (Object[] row : rows) {
                        p.setObject(1, now);
                        p.setObject(2, row[0]);
                        p.setString(3, (String) row[1]);
                        p.executeUpdate();
                    }
                }
            }
            flyway.target("latest").load().migrate();
            try (Connection c = ds.getConnection()) {
                assertThat(column(c, "SELECT action FROM moderation_log_action ORDER BY action"))
                        .containsExactly("ban_member", "retire_item", "role:moderator");
                assertThat(column(c, "SELECT member_id FROM moderation_log_moderator ORDER BY member_id"))
                        .containsExactly(moderators.get(0).toString(), moderators.get(1).toString());
            }
        } finally {
            TestDatabases.drop(url);
        }
    }

    private static List<String> column(Connection c, String sql) throws Exception {
        List<String> values = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            while (r.next()) {
                values.add(r.getString(1));
            }
        }
        return values;
    }
}
