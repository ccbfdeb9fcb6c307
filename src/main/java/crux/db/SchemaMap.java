package crux.db;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The tables of one database schema as its own metadata describes them (JDBC {@link DatabaseMetaData}): columns with
 * their SQL types, primary keys, and the foreign keys between tables, ordered so that every table comes after the
 * tables it references. Read from the database rather than listed by hand, so a table a new migration adds is
 * covered by whatever walks the schema (a move, a checksum, a test) without anyone remembering to add it. Flyway's
 * history table is left out: each database keeps its own.
 */
public final class SchemaMap {

    /** Flyway's own table: its rows say which migrations ran on that database, so it is never copied. */
    public static final String FLYWAY_HISTORY = "flyway_schema_history";

    /** A column: its name as the database spells it, and its {@link java.sql.Types} code. */
    public record Column(String name, int type, String typeName, boolean nullable, boolean identity) {
        public String key() {
            return name.toLowerCase(Locale.ROOT);
        }

        /**
         * What the column holds, the same for H2 and PostgreSQL: their drivers report some types differently
         * (PostgreSQL's driver calls {@code timestamptz} TIMESTAMP and {@code boolean} BIT).
         */
        public Kind kind() {
            String t = typeName == null ? "" : typeName.toLowerCase(Locale.ROOT);
            if (type == Types.TIMESTAMP_WITH_TIMEZONE || t.equals("timestamptz") || t.contains("with time zone")) {
                return Kind.INSTANT;
            }
            return switch (type) {
                case Types.TIMESTAMP -> Kind.LOCAL_TIMESTAMP;
                case Types.DATE -> Kind.DATE;
                case Types.TIME, Types.TIME_WITH_TIMEZONE -> Kind.TIME;
                case Types.BOOLEAN, Types.BIT -> Kind.BOOLEAN;
                case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT, Types.NUMERIC, Types.DECIMAL ->
                        Kind.EXACT;
                case Types.REAL, Types.FLOAT, Types.DOUBLE -> Kind.FLOATING;
                case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> Kind.BYTES;
                default -> Kind.TEXT;
            };
        }
    }

    /** The kinds of value a column holds, each read and compared one way on every database. */
    public enum Kind { INSTANT, LOCAL_TIMESTAMP, DATE, TIME, BOOLEAN, EXACT, FLOATING, BYTES, TEXT }

    /**
     * A foreign key of a table: its columns, the table they reference (lower-case key) and the referenced columns,
     * in the same order.
     */
    public record ForeignKey(List<String> columns, String references, List<String> referencedColumns) {
    }

    /** A table: its name as the database spells it, its columns in order, its primary key columns, its foreign keys. */
    public record Table(String name, List<Column> columns, List<String> primaryKey, List<ForeignKey> foreignKeys) {
        public String key() {
            return name.toLowerCase(Locale.ROOT);
        }

        /** The column whose lower-case name is {@code key}. */
        public Column column(String key) {
            return columns.stream().filter(c -> c.key().equals(key)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(name + " has no column " + key));
        }
    }

    private final String schema;
    private final Map<String, Table> tables;

    private SchemaMap(String schema, Map<String, Table> tables) {
        this.schema = schema;
        this.tables = tables;
    }

    /** The schema the connection works in (its current schema), read from the connection's metadata. */
    public static SchemaMap read(Connection c) throws SQLException {
        String schema = c.getSchema();
        if (schema == null) {
            throw new SQLException("the connection has no current schema (does the schema in its URL exist?)");
        }
        DatabaseMetaData md = c.getMetaData();
        Map<String, String> names = new TreeMap<>();
        try (ResultSet rs = md.getTables(null, schema, "%", new String[] {"TABLE"})) {
            while (rs.next()) {
                String name = rs.getString("TABLE_NAME");
                if (!name.equalsIgnoreCase(FLYWAY_HISTORY)) {
                    names.put(name.toLowerCase(Locale.ROOT), name);
                }
            }
        }
        Map<String, Table> tables = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : names.entrySet()) {
            String name = e.getValue();
            List<Column> columns = new ArrayList<>();
            try (ResultSet rs = md.getColumns(null, schema, name, "%")) {
                while (rs.next()) {
                    if (generated(rs)) {
                        continue; // computed by the database from other columns (the search columns): never copied
                    }
                    columns.add(new Column(rs.getString("COLUMN_NAME"), rs.getInt("DATA_TYPE"),
                            rs.getString("TYPE_NAME"), rs.getInt("NULLABLE") != DatabaseMetaData.columnNoNulls,
                            "YES".equals(rs.getString("IS_AUTOINCREMENT"))));
                }
            }
            TreeMap<Integer, String> pk = new TreeMap<>();
            try (ResultSet rs = md.getPrimaryKeys(null, schema, name)) {
                while (rs.next()) {
                    pk.put(rs.getInt("KEY_SEQ"), rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
                }
            }
            Map<String, TreeMap<Integer, String[]>> fks = new TreeMap<>();
            try (ResultSet rs = md.getImportedKeys(null, schema, name)) {
                while (rs.next()) {
                    String fk = rs.getString("FK_NAME") + "|" + rs.getString("PKTABLE_NAME").toLowerCase(Locale.ROOT);
                    fks.computeIfAbsent(fk, k -> new TreeMap<>()).put(rs.getInt("KEY_SEQ"), new String[] {
                            rs.getString("FKCOLUMN_NAME").toLowerCase(Locale.ROOT),
                            rs.getString("PKCOLUMN_NAME").toLowerCase(Locale.ROOT)});
                }
            }
            List<ForeignKey> foreignKeys = new ArrayList<>();
            fks.forEach((k, cols) -> foreignKeys.add(new ForeignKey(cols.values().stream().map(a -> a[0]).toList(),
                    k.substring(k.indexOf('|') + 1), cols.values().stream().map(a -> a[1]).toList())));
            tables.put(e.getKey(), new Table(name, List.copyOf(columns), List.copyOf(pk.values()),
                    List.copyOf(foreignKeys)));
        }
        return new SchemaMap(schema, tables);
    }

    /** The schema's name as the database spells it. */
    public String schema() {
        return schema;
    }

    /** The table whose lower-case name is {@code key}, if there is one. */
    public java.util.Optional<Table> table(String key) {
        return java.util.Optional.ofNullable(tables.get(key));
    }

    /** The tables' lower-case names, alphabetically. */
    public Set<String> keys() {
        return new TreeSet<>(tables.keySet());
    }

    /**
     * Every table, each after the tables its foreign keys reference (a table referencing itself, as a reply its
     * parent comment, is fine: its rows go in primary-key order); ties alphabetically, so the order is always the
     * same. Throws when foreign keys form a cycle between tables, which no order of whole tables can fill.
     */
    public List<Table> inDependencyOrder() {
        List<Table> ordered = new ArrayList<>();
        Set<String> placed = new TreeSet<>();
        Set<String> left = new TreeSet<>(tables.keySet());
        while (!left.isEmpty()) {
            String next = left.stream().filter(t -> tables.get(t).foreignKeys().stream()
                            .map(ForeignKey::references)
                            .allMatch(r -> r.equals(t) || placed.contains(r) || !tables.containsKey(r)))
                    .findFirst().orElseThrow(() -> new IllegalStateException(
                            "the foreign keys between these tables form a cycle: " + left));
            ordered.add(tables.get(next));
            placed.add(next);
            left.remove(next);
        }
        return ordered;
    }

    /** Quotes a name as the database spells it, so any name (a keyword, mixed case) reaches the right object. */
    public static String quote(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    /** Whether a column of {@link DatabaseMetaData#getColumns} is generated (JDBC 4.1's IS_GENERATEDCOLUMN). */
    private static boolean generated(ResultSet column) throws SQLException {
        try {
            return "YES".equalsIgnoreCase(column.getString("IS_GENERATEDCOLUMN"));
        } catch (SQLException e) {
            return false; // a driver without the column: none is reported as generated
        }
    }
}
