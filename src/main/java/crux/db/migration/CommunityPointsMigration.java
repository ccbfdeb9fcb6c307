package crux.db.migration;

import crux.db.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.api.migration.Context;

/**
 * Migration V51: the community points of forecasts made before V50 created their table. A weighted median is no
 * SQL, so this replays each such prediction in Java. As a Flyway migration it runs exactly once per database, in a
 * transaction, under Flyway's lock — two instances starting together cannot both run it, and nothing is served before
 * it is done, so no job lease or "not yet backfilled" state is needed. For the same reason it need not bump
 * forecast_version (which V52 only adds afterwards): no instance holds a copy of the latest forecasts it rewrites.
 *
 * <p>Self-contained, like a SQL migration: its own SQL against the schema as V50 left it, and its own copy of the
 * community forecast as PRODUCT §3 defined it then (the recency-weighted median below). It uses no application code,
 * so changing the forecasts code can never change what this migration does to a database that has not run it yet.
 * Registered in {@link Database#flyway}; the build's code generation only needs the SQL migrations.
 */
public final class CommunityPointsMigration extends JavaMigrationBase {

    /** Up to this many forecasters every forecast weighs the same (PRODUCT §3 at V51). */
    private static final int UNWEIGHTED_UP_TO = 2;

    /**
     * Relative slack for a cumulative weight landing "exactly" on half the total: the weights are summed in floating
     * point, so an exact half can come out a few ulps either side.
     */
    private static final double HALF_TOLERANCE = 1e-12;

    /** Rows to send per JDBC batch: a prediction can have tens of thousands of forecasts. */
    private static final int BATCH = 5_000;

    public CommunityPointsMigration() {
        super("51", "community points of earlier forecasts");
    }

    @Override
    public void migrate(Context context) throws Exception {
        Connection c = context.getConnection();
        for (long item : itemsWithoutPoints(c)) {
            replay(c, item);
        }
    }

    private static List<Long> itemsWithoutPoints(Connection c) throws SQLException {
        List<Long> items = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement("SELECT DISTINCT f.item_id FROM forecast f WHERE NOT EXISTS"
                + " (SELECT 1 FROM forecast_point q WHERE q.item_id = f.item_id) ORDER BY f.item_id");
             ResultSet r = p.executeQuery()) {
            while (r.next()) {
                items.add(r.getLong(1));
            }
        }
        return items;
    }

    /**
     * Replays one prediction's forecasts in time order (equal times by id): after each, every member's latest forecast
     * so far counts, and the community forecast then is that forecast's point. Then rewrites the item's latest
     * forecasts, its community forecast and its forecaster count from the end state.
     */
    private static void replay(Connection c, long itemId) throws SQLException {
        List<Long> ids = new ArrayList<>();
        List<Long> members = new ArrayList<>();
        List<Integer> probabilities = new ArrayList<>();
        List<OffsetDateTime> times = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement("SELECT id, member_id, probability, created_at FROM forecast"
                + " WHERE item_id = ? ORDER BY created_at, id")) {
            p.setLong(1, itemId);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    ids.add(r.getLong(1));
                    members.add(r.getLong(2));
                    probabilities.add(r.getInt(3));
                    times.add(r.getObject(4, OffsetDateTime.class));
                }
            }
        }
        // member → row of their latest forecast; re-inserting on each update keeps the oldest latest first
        Map<Long, Integer> latestRow = new LinkedHashMap<>();
        double community = 0;
        try (PreparedStatement p = c.prepareStatement("INSERT INTO forecast_point (forecast_id, item_id, at, community,"
                + " forecasters) VALUES (?, ?, ?, ?, ?)")) {
            for (int i = 0; i < ids.size(); i++) {
                latestRow.remove(members.get(i));
                latestRow.put(members.get(i), i);
                int[] oldestFirst = latestRow.values().stream().mapToInt(probabilities::get).toArray();
                community = recencyWeightedMedian(oldestFirst);
                p.setLong(1, ids.get(i));
                p.setLong(2, itemId);
                p.setObject(3, times.get(i));
                p.setDouble(4, community);
                p.setInt(5, oldestFirst.length);
                p.addBatch();
                if (i % BATCH == BATCH - 1) {
                    p.executeBatch();
                }
            }
            p.executeBatch();
        }
        try (PreparedStatement p = c.prepareStatement("DELETE FROM forecast_latest WHERE item_id = ?")) {
            p.setLong(1, itemId);
            p.executeUpdate();
        }
        try (PreparedStatement p = c.prepareStatement("INSERT INTO forecast_latest (item_id, member_id, probability,"
                + " created_at, forecast_id) VALUES (?, ?, ?, ?, ?)")) {
            for (int i : latestRow.values()) {
                p.setLong(1, itemId);
                p.setLong(2, members.get(i));
                p.setInt(3, probabilities.get(i));
                p.setObject(4, times.get(i));
                p.setLong(5, ids.get(i));
                p.addBatch();
            }
            p.executeBatch();
        }
        try (PreparedStatement p = c.prepareStatement(
                "UPDATE item SET community_forecast = ?, forecaster_count = ? WHERE id = ?")) {
            p.setDouble(1, community);
            p.setInt(2, latestRow.size());
            p.setLong(3, itemId);
            p.executeUpdate();
        }
    }

    /**
     * The community forecast (%) of the latest forecasts, oldest first (at least one), as PRODUCT §3 defined it at V51.
     * The n-th of N weighs w(n) = exp(√n − √N), or 1 when N ≤ 2. Sorted by value (equal values oldest first), the
     * median is the first value whose cumulative weight reaches half the total (summed oldest first); should it land
     * on exactly half, the mean of that value and the next.
     */
    static double recencyWeightedMedian(int[] oldestFirst) {
        int count = oldestFirst.length;
        double[] weights = new double[count];
        double total = 0;
        for (int n = 1; n <= count; n++) {
            weights[n - 1] = count <= UNWEIGHTED_UP_TO ? 1 : Math.exp(Math.sqrt(n) - Math.sqrt(count));
            total += weights[n - 1];
        }
        // value in the high half, index in the low half: ascending by value, equal values by age
        long[] byValue = new long[count];
        for (int i = 0; i < count; i++) {
            byValue[i] = ((long) oldestFirst[i] << 32) | i;
        }
        Arrays.sort(byValue);
        double half = total / 2;
        double cumulative = 0;
        for (int k = 0; k < count; k++) {
            int i = (int) byValue[k];
            cumulative += weights[i];
            if (Math.abs(cumulative - half) <= HALF_TOLERANCE * total && k + 1 < count) {
                return (oldestFirst[i] + oldestFirst[(int) byValue[k + 1]]) / 2.0;
            }
            if (cumulative >= half) {
                return oldestFirst[i];
            }
        }
        return oldestFirst[(int) byValue[count - 1]];
    }
}
