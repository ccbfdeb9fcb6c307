package crux.forecasts;

import static crux.db.generated.Tables.FORECAST_LATEST;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Record4;
import org.jooq.exception.DataAccessException;

/**
 * One prediction's latest forecasts, one per forecaster, oldest first by (time, forecast row): the rows of
 * forecast_latest in the order of its index and of the weights (PRODUCT §3). {@link ForecastRepository} keeps one in
 * memory per item so that a forecast need not read every forecaster's latest again; {@link #version()} is the item
 * row's forecast_version these rows are. Parallel arrays rather than a record per forecaster: thousands of them are
 * walked on every forecast. Not thread-safe: one transaction at a time owns it.
 */
final class LatestForecasts {

    /** One forecaster's latest, as tests compare it. */
    record Entry(long member, int probability, long micros, long forecastId) {
    }

    private long version;
    private int size;
    private long[] members;
    /** created_at in microseconds since the epoch: the precision the database stores and orders by. */
    private long[] micros;
    private long[] forecastIds;
    /** Whole percents. */
    private int[] probabilities;
    /** Scratch space for the median's order: one at a time owns this copy. */
    private int[] order;

    private LatestForecasts(long version, int capacity) {
        this.version = version;
        members = new long[capacity];
        micros = new long[capacity];
        forecastIds = new long[capacity];
        probabilities = new int[capacity];
        order = new int[capacity];
    }

    /** Reads the item's rows of forecast_latest (which the caller has locked), as of {@code version}. */
    static LatestForecasts load(DSLContext tx, long itemId, long version) {
        LatestForecasts latest = new LatestForecasts(version, 64);
        try (ResultSet r = tx.select(FORECAST_LATEST.MEMBER_ID, FORECAST_LATEST.PROBABILITY, FORECAST_LATEST.CREATED_AT,
                        FORECAST_LATEST.FORECAST_ID).from(FORECAST_LATEST)
                .where(FORECAST_LATEST.ITEM_ID.eq(itemId))
                .orderBy(FORECAST_LATEST.CREATED_AT, FORECAST_LATEST.FORECAST_ID)
                .fetchResultSet()) {
            while (r.next()) {
                latest.append(r.getLong(1), r.getInt(2), micros(r.getObject(3, OffsetDateTime.class)), r.getLong(4));
            }
        } catch (SQLException e) {
            throw new DataAccessException("reading the latest forecasts of item " + itemId, e);
        }
        return latest;
    }

    static long micros(OffsetDateTime at) {
        Instant i = at.toInstant();
        return Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1_000_000L), i.getNano() / 1_000);
    }

    long version() {
        return version;
    }

    void version(long version) {
        this.version = version;
    }

    int size() {
        return size;
    }

    /** What a cache weighs it by: its arrays' length, and one for the object itself (each forecaster 32 bytes). */
    int weight() {
        return members.length + 1;
    }

    /** The member's position, or −1 if they have not forecast: a scan, as cheap as the median's own pass. */
    int indexOf(long member) {
        for (int i = 0; i < size; i++) {
            if (members[i] == member) {
                return i;
            }
        }
        return -1;
    }

    int probability(int i) {
        return probabilities[i];
    }

    long micros(int i) {
        return micros[i];
    }

    /** The newest forecast's row, or −1 when there is none. */
    long newestId() {
        return size == 0 ? -1 : forecastIds[size - 1];
    }

    /** Sets the newest forecast's row: one added before its row's id was known. */
    void newestId(long forecastId) {
        forecastIds[size - 1] = forecastId;
    }

    /** True when the newest forecast comes after the one before it in (time, forecast row) order, as it must. */
    boolean inOrder() {
        return size < 2 || micros[size - 2] < micros[size - 1]
                || micros[size - 2] == micros[size - 1] && forecastIds[size - 2] < forecastIds[size - 1];
    }

    /**
     * Takes in rows of forecast_latest written since (member, probability, time, forecast row; oldest first): each
     * member's replaces what they had here, at its place in order. Becomes {@code version}.
     */
    void catchUp(List<? extends Record4<Long, Integer, OffsetDateTime, Long>> changed, long version) {
        for (Record4<Long, Integer, OffsetDateTime, Long> r : changed) {
            int i = indexOf(r.value1());
            if (i >= 0) {
                remove(i);
            }
            add(r.value1(), r.value2(), micros(r.value3()), r.value4());
        }
        this.version = version;
    }

    /** Becomes {@code other} (which is not used afterwards). */
    void copy(LatestForecasts other) {
        version = other.version;
        size = other.size;
        members = other.members;
        micros = other.micros;
        forecastIds = other.forecastIds;
        probabilities = other.probabilities;
        order = other.order;
    }

    void remove(int i) {
        int after = size - i - 1;
        System.arraycopy(members, i + 1, members, i, after);
        System.arraycopy(micros, i + 1, micros, i, after);
        System.arraycopy(forecastIds, i + 1, forecastIds, i, after);
        System.arraycopy(probabilities, i + 1, probabilities, i, after);
        size--;
    }

    /**
     * Adds a member's latest (they must have none here) at its place in (time, forecast row) order: normally the
     * end; earlier when the clock was stepped back.
     */
    void add(long member, int probability, long at, long forecastId) {
        int i = size;
        while (i > 0 && (micros[i - 1] > at || micros[i - 1] == at && forecastIds[i - 1] > forecastId)) {
            i--;
        }
        grow();
        int after = size - i;
        System.arraycopy(members, i, members, i + 1, after);
        System.arraycopy(micros, i, micros, i + 1, after);
        System.arraycopy(forecastIds, i, forecastIds, i + 1, after);
        System.arraycopy(probabilities, i, probabilities, i + 1, after);
        set(i, member, probability, at, forecastId);
        size++;
    }

    /** The community forecast (PRODUCT §3) of these forecasts, or null when there are none. */
    Double community() {
        return size == 0 ? null : CommunityForecast.ofOldestFirstPercents(probabilities, size, order);
    }

    List<Entry> entries() {
        List<Entry> entries = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            entries.add(new Entry(members[i], probability(i), micros[i], forecastIds[i]));
        }
        return entries;
    }

    private void append(long member, int probability, long at, long forecastId) {
        grow();
        set(size++, member, probability, at, forecastId);
    }

    private void set(int i, long member, int probability, long at, long forecastId) {
        members[i] = member;
        probabilities[i] = probability;
        micros[i] = at;
        forecastIds[i] = forecastId;
    }

    private void grow() {
        if (size == members.length) {
            int capacity = 2 * size;
            members = Arrays.copyOf(members, capacity);
            micros = Arrays.copyOf(micros, capacity);
            forecastIds = Arrays.copyOf(forecastIds, capacity);
            probabilities = Arrays.copyOf(probabilities, capacity);
            order = new int[capacity];
        }
    }
}
