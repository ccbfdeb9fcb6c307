package crux.db;

import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.ValidateResult;

/**
 * Moves a whole Crux database from the embedded H2 to an empty PostgreSQL database: the target is migrated by Flyway
 * to the source's schema version, every table (as the schema's metadata lists them, Flyway's history aside) is copied
 * in foreign-key order, streamed and inserted in batches, in one transaction; every identity column and sequence is
 * set past the ids the source handed out; then each table's row count and checksum ({@link RowChecksum}) are compared
 * on both sides. Only the target is written. A move that fails or does not verify leaves the target empty again
 * (Flyway's clean, on a database that was empty when the move began), so it can simply be run again.
 */
public final class PostgresMove {

    /** Rows sent to PostgreSQL per batch: large enough to cut round trips, small enough to keep memory flat. */
    static final int BATCH = 1_000;

    private PostgresMove() {
    }

    /** The target already holds something: the move writes nothing to it. */
    public static final class NotEmpty extends Exception {
        private final List<String> objects;

        NotEmpty(String schema, List<String> objects) {
            super("The target schema " + schema + " is not empty: it holds " + objects.size() + " object"
                    + (objects.size() == 1 ? "" : "s") + " (" + String.join(", ", objects.subList(0,
                    Math.min(8, objects.size()))) + (objects.size() > 8 ? ", …" : "") + ").");
            this.objects = objects;
        }

        public List<String> objects() {
            return objects;
        }
    }

    /** The source cannot be moved as it is (no migrations applied, or migrations this Crux does not know). */
    public static final class Unmovable extends Exception {
        Unmovable(String message) {
            super(message);
        }
    }

    /** One table's verification: rows and checksum on each side. */
    public record TableReport(String table, RowChecksum source, RowChecksum target) {
        public boolean matches() {
            return source.equals(target);
        }
    }

    /** What was moved: the schema version, each table's verification, and where each sequence now starts. */
    public record Report(String version, List<TableReport> tables, Map<String, Long> sequences) {
        public boolean verified() {
            return tables.stream().allMatch(TableReport::matches);
        }

        public long rows() {
            return tables.stream().mapToLong(t -> t.target().rows()).sum();
        }
    }

    /** The tables, views and sequences in the connection's current schema, by name. */
    public static List<String> objectsIn(Connection target) throws SQLException {
        List<String> found = new ArrayList<>();
        try (PreparedStatement ps = target.prepareStatement("SELECT c.relname FROM pg_class c"
                + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema()"
                + " AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f') ORDER BY c.relname");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                found.add(rs.getString(1));
            }
        }
        return found;
    }

    /** Refuses a target whose current schema is missing or holds anything: nothing is written to it. */
    public static void requireEmpty(DataSource target) throws SQLException, NotEmpty, Unmovable {
        try (Connection c = target.getConnection()) {
            String schema = c.getSchema();
            if (schema == null) {
                throw new Unmovable("The target database has no schema to move into (the schema named in"
                        + " DATABASE_URL's currentSchema does not exist): create it first.");
            }
            List<String> objects = objectsIn(c);
            if (!objects.isEmpty()) {
                throw new NotEmpty(schema, objects);
            }
        }
    }

    /**
     * Moves {@code source} (H2) into the empty {@code target} (PostgreSQL), with the migrations in
     * {@code migrations}; prints progress to {@code progress}. Throws {@link NotEmpty} (nothing written) for a target
     * that holds anything.
     */
    public static Report move(DataSource source, DataSource target, Path migrations, PrintStream progress)
            throws SQLException, NotEmpty, Unmovable {
        requireEmpty(target);
        String version = sourceVersion(source, migrations);
        boolean done = false;
        try {
            progress.println("Migrating the target to version " + version + "…");
            Database.flyway(target, migrations).target(version).load().migrate();
            Report report = copyAndVerify(source, target, version, progress);
            done = report.verified();
            return report;
        } finally {
            if (!done) {
                progress.println("Emptying the target again, so that the move can be run again…");
                try {
                    Database.flyway(target, migrations).cleanDisabled(false).load().clean();
                } catch (RuntimeException e) {
                    progress.println("The target could not be emptied (" + e.getMessage() + "): drop what the move"
                            + " made in it by hand before moving again.");
                }
            }
        }
    }

    /** The source's schema version, once Flyway has checked its migrations against this Crux's. */
    static String sourceVersion(DataSource source, Path migrations) throws Unmovable {
        var flyway = Database.flyway(source, migrations).ignoreMigrationPatterns("*:pending").load();
        MigrationInfo current = flyway.info().current();
        if (current == null || current.getVersion() == null) {
            throw new Unmovable("The embedded database has no migrations applied: it is not a Crux database.");
        }
        ValidateResult valid = flyway.validateWithResult();
        if (!valid.validationSuccessful) {
            throw new Unmovable("The embedded database does not match this Crux's migrations (is this Crux older"
                    + " than the one that last ran on it?):\n" + String.join("\n", valid.getAllErrorMessages()));
        }
        return current.getVersion().getVersion();
    }

    private static Report copyAndVerify(DataSource source, DataSource target, String version, PrintStream progress)
            throws SQLException {
        Map<String, Long> sequences;
        List<SchemaMap.Table> order;
        try (Connection from = source.getConnection(); Connection to = target.getConnection()) {
            SchemaMap src = SchemaMap.read(from);
            SchemaMap dst = SchemaMap.read(to);
            if (!src.keys().equals(dst.keys())) {
                throw new SQLException("the two schemas differ at version " + version + ": the source has tables "
                        + src.keys() + ", the target " + dst.keys());
            }
            order = dst.inDependencyOrder();
            to.setAutoCommit(false);
            from.setAutoCommit(false);
            try {
                // rows the migrations wrote (the first article, settings) make way for the source's own; twice, as
                // deleting rows writes others (each deleted item's number in search_removal, V78)
                List<SchemaMap.Table> reversed = new ArrayList<>(order);
                Collections.reverse(reversed);
                try (Statement st = to.createStatement()) {
                    for (int pass = 0; pass < 2; pass++) {
                        for (SchemaMap.Table t : reversed) {
                            st.executeUpdate("DELETE FROM " + SchemaMap.quote(t.name()));
                        }
                    }
                }
                for (SchemaMap.Table t : order) {
                    long rows = copy(from, src.table(t.key()).orElseThrow(), to, t);
                    progress.printf("  copied %-28s %,12d rows%n", t.key(), rows);
                }
                sequences = restartSequences(from, to);
                to.commit();
                progress.println("Gathering the query planner's statistics…");
                analyze(to, order);
            } catch (SQLException | RuntimeException e) {
                to.rollback();
                throw e;
            } finally {
                from.rollback();
            }
        }
        progress.println("Verifying every table…");
        List<TableReport> reports = new ArrayList<>();
        try (Connection from = source.getConnection(); Connection to = target.getConnection()) {
            SchemaMap src = SchemaMap.read(from);
            for (SchemaMap.Table t : order) {
                List<String> columns = t.columns().stream().map(SchemaMap.Column::key).toList();
                reports.add(new TableReport(t.key(), RowChecksum.of(from, src.table(t.key()).orElseThrow(), columns),
                        RowChecksum.of(to, t, columns)));
            }
        }
        return new Report(version, List.copyOf(reports), sequences);
    }

    /**
     * Gathers PostgreSQL's statistics on {@code tables}, freshly filled: until they are gathered the planner guesses a
     * few dozen rows per table and chooses nested loops over thousands (an item's stance split per camp took 33 ms
     * instead of 17 on the benchmark's dataset), and a server whose autovacuum is off never gathers them.
     */
    public static void analyze(Connection to, List<SchemaMap.Table> tables) throws SQLException {
        boolean auto = to.getAutoCommit();
        to.setAutoCommit(true);
        try (Statement st = to.createStatement()) {
            for (SchemaMap.Table t : tables) {
                st.execute("ANALYZE " + SchemaMap.quote(t.name()));
            }
        } finally {
            to.setAutoCommit(auto);
        }
    }

    /**
     * Copies every row of {@code src} into {@code dst}, column by column by name, in primary-key order (so a row that
     * references its own table, a reply its parent, comes after the row it references); returns the rows copied.
     */
    static long copy(Connection from, SchemaMap.Table src, Connection to, SchemaMap.Table dst) throws SQLException {
        Set<String> srcColumns = src.columns().stream().map(SchemaMap.Column::key).collect(Collectors.toCollection(TreeSet::new));
        Set<String> dstColumns = dst.columns().stream().map(SchemaMap.Column::key).collect(Collectors.toCollection(TreeSet::new));
        if (!srcColumns.equals(dstColumns)) {
            throw new SQLException("table " + dst.key() + " has columns " + srcColumns + " in the source but "
                    + dstColumns + " in the target");
        }
        List<SchemaMap.Column> columns = dst.columns();
        String select = "SELECT " + columns.stream().map(c -> SchemaMap.quote(src.column(c.key()).name()))
                .collect(Collectors.joining(", ")) + " FROM " + SchemaMap.quote(src.name())
                + (src.primaryKey().isEmpty() ? "" : " ORDER BY " + src.primaryKey().stream()
                .map(k -> SchemaMap.quote(src.column(k).name())).collect(Collectors.joining(", ")));
        String insert = "INSERT INTO " + SchemaMap.quote(dst.name()) + " ("
                + columns.stream().map(c -> SchemaMap.quote(c.name())).collect(Collectors.joining(", "))
                + ") VALUES (" + columns.stream().map(c -> "?").collect(Collectors.joining(", ")) + ")";
        long rows = 0;
        try (Statement read = from.createStatement(); PreparedStatement write = to.prepareStatement(insert)) {
            read.setFetchSize(RowChecksum.FETCH);
            try (ResultSet rs = read.executeQuery(select)) {
                while (rs.next()) {
                    for (int i = 0; i < columns.size(); i++) {
                        SchemaMap.Column c = columns.get(i);
                        Object v = RowChecksum.read(rs, i + 1, c.kind());
                        if (v == null) {
                            write.setNull(i + 1, c.type());
                        } else {
                            write.setObject(i + 1, v);
                        }
                    }
                    write.addBatch();
                    if (++rows % BATCH == 0) {
                        write.executeBatch();
                    }
                }
            }
            if (rows % BATCH != 0) {
                write.executeBatch();
            }
        }
        return rows;
    }

    /**
     * Sets every identity column and sequence of the target past what the source handed out: an identity column to
     * the larger of the source's next value and one past the highest id copied, a sequence (one feeding ids that are
     * written explicitly, as comments') to the source sequence's next value. Returns each one's new next value.
     */
    static Map<String, Long> restartSequences(Connection from, Connection to) throws SQLException {
        Map<String, Long> identityNext = new LinkedHashMap<>();
        try (Statement st = from.createStatement(); ResultSet rs = st.executeQuery("SELECT TABLE_NAME, COLUMN_NAME,"
                + " IDENTITY_BASE FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA = CURRENT_SCHEMA"
                + " AND IS_IDENTITY = 'YES'")) {
            while (rs.next()) {
                identityNext.put((rs.getString(1) + "." + rs.getString(2)).toLowerCase(java.util.Locale.ROOT),
                        rs.getLong(3));
            }
        }
        Map<String, Long> sequenceNext = new LinkedHashMap<>();
        try (Statement st = from.createStatement(); ResultSet rs = st.executeQuery("SELECT SEQUENCE_NAME, BASE_VALUE"
                + " FROM INFORMATION_SCHEMA.SEQUENCES WHERE SEQUENCE_SCHEMA = CURRENT_SCHEMA")) {
            while (rs.next()) {
                sequenceNext.put(rs.getString(1).toLowerCase(java.util.Locale.ROOT), rs.getLong(2));
            }
        }
        Map<String, Long> set = new LinkedHashMap<>();
        try (Statement st = to.createStatement()) {
            // identity columns: PostgreSQL names their sequences; one past the highest id at least
            try (ResultSet rs = st.executeQuery("SELECT table_name, column_name FROM information_schema.columns"
                    + " WHERE table_schema = current_schema() AND is_identity = 'YES' ORDER BY table_name")) {
                List<String[]> identities = new ArrayList<>();
                while (rs.next()) {
                    identities.add(new String[] {rs.getString(1), rs.getString(2)});
                }
                for (String[] id : identities) {
                    long next = Math.max(identityNext.getOrDefault(id[0] + "." + id[1], 1L),
                            single(to, "SELECT COALESCE(MAX(" + SchemaMap.quote(id[1]) + "), 0) + 1 FROM "
                                    + SchemaMap.quote(id[0])));
                    setval(to, "pg_get_serial_sequence('" + SchemaMap.quote(id[0]).replace("'", "''") + "', '"
                            + id[1].replace("'", "''") + "')", next);
                    set.put(id[0] + "." + id[1], next);
                }
            }
            // sequences of their own (not an identity column's)
            try (ResultSet rs = st.executeQuery("SELECT c.relname FROM pg_class c JOIN pg_namespace n"
                    + " ON n.oid = c.relnamespace WHERE n.nspname = current_schema() AND c.relkind = 'S'"
                    + " AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype = 'i')"
                    + " ORDER BY c.relname")) {
                List<String> own = new ArrayList<>();
                while (rs.next()) {
                    own.add(rs.getString(1));
                }
                for (String seq : own) {
                    Long next = sequenceNext.get(seq);
                    if (next == null) {
                        throw new SQLException("the source has no sequence " + seq);
                    }
                    setval(to, "'" + SchemaMap.quote(seq).replace("'", "''") + "'", next);
                    set.put(seq, next);
                }
            }
        }
        return set;
    }

    private static void setval(Connection to, String sequence, long next) throws SQLException {
        try (Statement st = to.createStatement()) {
            st.execute("SELECT setval(" + sequence + ", " + next + ", false)");
        }
    }

    private static long single(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
