package crux.testing;

import crux.db.SchemaMap;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * Puts a row into every empty table of a database (H2 or PostgreSQL), driven by its metadata alone ({@link SchemaMap}), so that tests
 * of what happens to "all the data" (a move, an upgrade) cover a table another engineer adds tomorrow without being
 * told about it. Each value follows its column: a foreign key points at an existing row of the table it references
 * (a column referencing its own table stays empty), a column whose CHECK lists the values it may take gets the first
 * of them, numbers are 1, texts short and unique, times now, dates a month ahead; identity columns are left to the
 * database. A table this cannot fill fails loudly, naming it, so the rule it needs can be added here.
 */
public final class EveryTable {

    private static final Pattern ENUM_CHECK = Pattern.compile("\"(\\w+)\" IN\\('([^']*)'");
    private static final Pattern PG_ENUM_CHECK = Pattern.compile("\\(?(\\w+)\\)?::text = ANY \\(\\(?ARRAY\\['([^']*)'");

    private EveryTable() {
    }

    /** Fills every empty table of the H2 or PostgreSQL database behind {@code ds}; returns the tables it filled. */
    public static List<String> fill(DataSource ds) throws SQLException {
        List<String> filled = new ArrayList<>();
        try (Connection c = ds.getConnection()) {
            SchemaMap schema = SchemaMap.read(c);
            Map<String, String> enums = enumChecks(c);
            for (SchemaMap.Table t : schema.inDependencyOrder()) {
                if (count(c, t) > 0) {
                    continue;
                }
                try {
                    insert(c, schema, t, enums);
                } catch (SQLException e) {
                    throw new SQLException("EveryTable cannot fill " + t.key() + ": " + e.getMessage()
                            + " (teach crux.testing.EveryTable the value it needs)", e);
                }
                filled.add(t.key());
            }
        }
        return filled;
    }

    /** Row counts of every table (Flyway's history aside), by lower-case name. */
    public static Map<String, Long> counts(Connection c) throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (SchemaMap.Table t : SchemaMap.read(c).inDependencyOrder()) {
            counts.put(t.key(), count(c, t));
        }
        return counts;
    }

    static long count(Connection c, SchemaMap.Table t) throws SQLException {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + SchemaMap.quote(t.name()))) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * "table.column" → the first value its CHECK constraint lists: H2 spells such a check {@code "KIND" IN('claim', …)},
     * PostgreSQL {@code ((kind)::text = ANY ((ARRAY['claim'::character varying, …}.
     */
    private static Map<String, String> enumChecks(Connection c) throws SQLException {
        boolean postgres = c.getMetaData().getURL().startsWith("jdbc:postgresql:");
        String sql = postgres
                ? "SELECT conrelid::regclass::text, pg_get_constraintdef(oid) FROM pg_constraint WHERE contype = 'c'"
                + " AND connamespace = current_schema()::regnamespace"
                : "SELECT tc.TABLE_NAME, cc.CHECK_CLAUSE FROM INFORMATION_SCHEMA.CHECK_CONSTRAINTS cc"
                + " JOIN INFORMATION_SCHEMA.TABLE_CONSTRAINTS tc ON tc.CONSTRAINT_NAME = cc.CONSTRAINT_NAME"
                + " AND tc.CONSTRAINT_SCHEMA = cc.CONSTRAINT_SCHEMA WHERE tc.CONSTRAINT_SCHEMA = CURRENT_SCHEMA";
        Pattern check = postgres ? PG_ENUM_CHECK : ENUM_CHECK;
        Map<String, String> enums = new HashMap<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                Matcher m = check.matcher(rs.getString(2));
                while (m.find()) {
                    enums.putIfAbsent((rs.getString(1) + "." + m.group(1)).toLowerCase(Locale.ROOT), m.group(2));
                }
            }
        }
        return enums;
    }

    private static void insert(Connection c, SchemaMap schema, SchemaMap.Table t, Map<String, String> enums)
            throws SQLException {
        Map<String, Object> values = new LinkedHashMap<>();
        for (SchemaMap.ForeignKey fk : t.foreignKeys()) {
            if (fk.references().equals(t.key())) {
                continue; // its own table is empty: a first row references nothing
            }
            SchemaMap.Table parent = schema.table(fk.references()).orElseThrow();
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT "
                    + fk.referencedColumns().stream().map(k -> SchemaMap.quote(parent.column(k).name()))
                    .collect(Collectors.joining(", ")) + " FROM " + SchemaMap.quote(parent.name())
                    + " ORDER BY 1 LIMIT 1")) {
                if (!rs.next()) {
                    throw new SQLException(parent.key() + " has no row to reference");
                }
                for (int i = 0; i < fk.columns().size(); i++) {
                    values.putIfAbsent(fk.columns().get(i), rs.getObject(i + 1));
                }
            }
        }
        List<String> selfReferencing = t.foreignKeys().stream().filter(fk -> fk.references().equals(t.key()))
                .flatMap(fk -> fk.columns().stream()).toList();
        List<SchemaMap.Column> columns = new ArrayList<>();
        List<Object> row = new ArrayList<>();
        for (SchemaMap.Column col : t.columns()) {
            if (col.identity() || selfReferencing.contains(col.key()) && col.nullable()) {
                continue;
            }
            columns.add(col);
            row.add(values.containsKey(col.key()) ? values.get(col.key())
                    : value(t.key() + "." + col.key(), col, enums));
        }
        String sql = "INSERT INTO " + SchemaMap.quote(t.name()) + " (" + columns.stream()
                .map(col -> SchemaMap.quote(col.name())).collect(Collectors.joining(", ")) + ") VALUES ("
                + columns.stream().map(col -> "?").collect(Collectors.joining(", ")) + ")";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < row.size(); i++) {
                ps.setObject(i + 1, row.get(i));
            }
            ps.executeUpdate();
        }
    }

    private static Object value(String key, SchemaMap.Column col, Map<String, String> enums) {
        if (enums.containsKey(key)) {
            return enums.get(key);
        }
        return switch (col.kind()) {
            case INSTANT -> OffsetDateTime.now(ZoneOffset.UTC).withNano(0);
            case LOCAL_TIMESTAMP -> LocalDateTime.now().withNano(0);
            case DATE -> LocalDate.now(ZoneOffset.UTC).plusDays(30);
            case TIME -> LocalTime.NOON;
            case BOOLEAN -> Boolean.FALSE;
            case EXACT -> 1;
            case FLOATING -> 0.5;
            case BYTES -> new byte[] {1, 2, 3};
            case TEXT -> "f" + Integer.toHexString(key.hashCode() & 0xffff);
        };
    }
}
