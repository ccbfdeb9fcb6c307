package crux.db.migration;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import crux.db.Database;
import crux.testing.TestApp;
import crux.testing.TestDatabases;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What migration V51 writes for forecasts made before V50, pinned to numbers worked out by hand from the definition of
 * the community forecast at V51 (PRODUCT §3), not to today's forecasts code: the migration must keep doing exactly
 * this whatever that code becomes. {@code ForecastStoreTest} checks it against today's replay on many random forecasts.
 * On H2, and on PostgreSQL when configured.
 */
class CommunityPointsMigrationTest {

    static List<String> kinds() {
        return TestDatabases.kinds();
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void replaysEachPredictionAsTheCommunityForecastWasDefinedAtV51(String kind) throws Exception {
        String url = TestDatabases.fresh(kind);
        try (HikariDataSource ds = TestDatabases.pool(url)) {
            var flyway = Database.flyway(ds, TestApp.repositoryRoot().resolve("db/migration"));
            flyway.target("40").load().migrate();
            long forecastOn;
            long untouched;
            List<Long> ids = new ArrayList<>();
            try (Connection c = ds.getConnection()) {
                List<Long> predictions = longs(c, "SELECT id FROM item WHERE kind = 'prediction' ORDER BY position, id");
                forecastOn = predictions.get(0);
                untouched = predictions.get(1);
                long ann = member(c, "ann");
                long bob = member(c, "bob");
                long cy = member(c, "cy");
                long dee = member(c, "dee");
                OffsetDateTime t = OffsetDateTime.of(2025, 3, 26, 10, 0, 0, 0, ZoneOffset.UTC);
                // stored out of time order: the replay goes by time, and equal times by id
                long bob50 = forecast(c, forecastOn, bob, 50, t.plusMinutes(2));
                long cy90 = forecast(c, forecastOn, cy, 90, t.plusMinutes(3));
                long ann95 = forecast(c, forecastOn, ann, 95, t.plusMinutes(4));
                long dee20 = forecast(c, forecastOn, dee, 20, t.plusMinutes(5));
                long dee99 = forecast(c, forecastOn, dee, 99, t.plusMinutes(5));
                long ann10 = forecast(c, forecastOn, ann, 10, t.plusMinutes(1));
                ids.addAll(List.of(ann10, bob50, cy90, ann95, dee20, dee99));
            }

            flyway.target("51").load().migrate();

            try (Connection c = ds.getConnection()) {
                assertThat(rows(c, "SELECT forecast_id, community, forecasters FROM forecast_point WHERE item_id = "
                        + forecastOn + " ORDER BY at, forecast_id")).containsExactly(
                        // ann 10 alone
                        ids.get(0) + " 10.0 1",
                        // two forecasters weigh the same, and the cumulative weight lands on half: the mean
                        ids.get(1) + " 30.0 2",
                        // weights e^(1-√3), e^(√2-√3), 1 for 10, 50, 90: half the total is reached at 50
                        ids.get(2) + " 50.0 3",
                        // ann's new 95 is the newest (weight 1); bob's 50 the oldest: half is reached at 90
                        ids.get(3) + " 90.0 3",
                        // four: weights e^(1-2), e^(√2-2), e^(√3-2), 1 for 50, 90, 95, 20: 20 + 50 reach half
                        ids.get(4) + " 50.0 4",
                        // dee's 99 replaces her 20 of the same moment: 50 + 90 + 95 reach half (unweighted: 92.5)
                        ids.get(5) + " 95.0 4");
                assertThat(rows(c, "SELECT forecast_id, member_id, probability FROM forecast_latest WHERE item_id = "
                        + forecastOn + " ORDER BY created_at, forecast_id"))
                        .as("each member's latest forecast, oldest first").extracting(r -> r.split(" ")[0])
                        .containsExactly(ids.get(1) + "", ids.get(2) + "", ids.get(3) + "", ids.get(5) + "");
                assertThat(rows(c, "SELECT community_forecast, forecaster_count FROM item WHERE id = " + forecastOn))
                        .containsExactly("95.0 4");

                assertThat(rows(c, "SELECT community_forecast, forecaster_count FROM item WHERE id = " + untouched))
                        .as("a prediction nobody forecast is left as it was").containsExactly("null 0");
                assertThat(rows(c, "SELECT forecast_id FROM forecast_point WHERE item_id <> " + forecastOn)).isEmpty();
            }
        } finally {
            TestDatabases.drop(url);
        }
    }

    private static long member(Connection c, String name) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO member (name, name_key, created_at) VALUES (?, ?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            p.setString(1, name);
            p.setString(2, name);
            p.setObject(3, OffsetDateTime.now(ZoneOffset.UTC));
            p.executeUpdate();
            return generatedId(p);
        }
    }

    private static long forecast(Connection c, long item, long member, int probability, OffsetDateTime at)
            throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "INSERT INTO forecast (item_id, member_id, probability, created_at) VALUES (?, ?, ?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            p.setLong(1, item);
            p.setLong(2, member);
            p.setInt(3, probability);
            p.setObject(4, at);
            p.executeUpdate();
            return generatedId(p);
        }
    }

    private static long generatedId(PreparedStatement p) throws SQLException {
        try (ResultSet keys = p.getGeneratedKeys()) {
            keys.next();
            return keys.getLong("id");
        }
    }

    private static List<Long> longs(Connection c, String sql) throws SQLException {
        return rows(c, sql).stream().map(Long::valueOf).toList();
    }

    /** Each row as its columns joined by spaces (SQL NULL as "null"). */
    private static List<String> rows(Connection c, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            int columns = r.getMetaData().getColumnCount();
            while (r.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    row.add(String.valueOf(r.getObject(i)));
                }
                rows.add(String.join(" ", row));
            }
        }
        return rows;
    }
}
