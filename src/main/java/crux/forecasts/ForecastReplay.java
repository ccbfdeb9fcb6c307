package crux.forecasts;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Rebuilds what is kept with a prediction's forecast rows — each member's latest forecast, the community point
 * after every update (on the update's row), and the item's community forecast and forecaster count — by replaying all of its rows with
 * {@link CommunityForecast#history}, the definition the incremental writes of {@link ForecastRepository#add} must
 * match. Slow (it replays), so only for what cannot be incremental: the benchmark's seeded rows, and a forecast
 * stamped before the item's newest one (a clock stepped back). Plain JDBC on the caller's connection and transaction,
 * so the seeder can use it too.
 */
public final class ForecastReplay {

    private ForecastReplay() {
    }

    /**
     * Rewrites the latest forecasts, the points and the item's counters of {@code itemId} from its forecast rows, and
     * sets its forecast_version to the id of its newest forecast row, as {@link ForecastRepository} does: an
     * instance's copy of the latest forecasts tagged otherwise is then read again.
     */
    public static long rebuild(Connection c, long itemId) throws SQLException {
        return rebuild(c, itemId, null);
    }

    /**
     * As {@link #rebuild(Connection, long)}, setting forecast_version to {@code version}: a forecast's own id, never a
     * version before, should the item's highest id already have been one.
     */
    static void rebuild(Connection c, long itemId, long version) throws SQLException {
        rebuild(c, itemId, Long.valueOf(version));
    }

    /** Returns the version set: {@code version} if given, else the item's highest forecast id (0 if none). */
    private static long rebuild(Connection c, long itemId, Long version) throws SQLException {
        List<Long> ids = new ArrayList<>();
        List<OffsetDateTime> times = new ArrayList<>();
        List<Forecast> updates = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement(
                "SELECT id, member_id, probability, created_at FROM forecast WHERE item_id = ? ORDER BY created_at, id")) {
            p.setLong(1, itemId);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    OffsetDateTime at = r.getObject(4, OffsetDateTime.class);
                    ids.add(r.getLong(1));
                    times.add(at);
                    updates.add(new Forecast(r.getLong(2), at.toInstant(), r.getInt(3)));
                }
            }
        }
        // history keeps the given order for equal times, so its i-th point belongs to the i-th row
        List<CommunityPoint> points = CommunityForecast.history(updates);
        Map<Long, Integer> latestRow = new LinkedHashMap<>();
        for (int i = 0; i < updates.size(); i++) {
            latestRow.put(updates.get(i).memberId(), i);
        }
        try (PreparedStatement p = c.prepareStatement(
                "UPDATE forecast SET community = ?, forecasters = ? WHERE id = ?")) {
            for (int i = 0; i < points.size(); i++) {
                p.setDouble(1, points.get(i).value());
                p.setInt(2, points.get(i).forecasters());
                p.setLong(3, ids.get(i));
                p.addBatch();
            }
            p.executeBatch();
        }
        delete(c, "DELETE FROM forecast_latest WHERE item_id = ?", itemId);
        try (PreparedStatement p = c.prepareStatement("INSERT INTO forecast_latest (item_id, member_id, probability,"
                + " created_at, forecast_id) VALUES (?, ?, ?, ?, ?)")) {
            for (int i : latestRow.values()) {
                p.setLong(1, itemId);
                p.setLong(2, updates.get(i).memberId());
                p.setInt(3, updates.get(i).probability());
                p.setObject(4, times.get(i));
                p.setLong(5, ids.get(i));
                p.addBatch();
            }
            p.executeBatch();
        }
        OptionalDouble community = CommunityForecast.of(CommunityForecast.latest(updates));
        // ids are handed out once and only ever grow on one item (its row lock orders its forecasts)
        long stored = version != null ? version : ids.stream().mapToLong(Long::longValue).max().orElse(0);
        try (PreparedStatement p = c.prepareStatement("UPDATE item SET community_forecast = ?, forecaster_count = ?,"
                + " forecast_version = ? WHERE id = ?")) {
            if (community.isPresent()) {
                p.setDouble(1, community.getAsDouble());
            } else {
                p.setNull(1, Types.DOUBLE);
            }
            p.setInt(2, latestRow.size());
            p.setLong(3, stored);
            p.setLong(4, itemId);
            p.executeUpdate();
        }
        return stored;
    }

    private static void delete(Connection c, String sql, long itemId) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(sql)) {
            p.setLong(1, itemId);
            p.executeUpdate();
        }
    }
}
