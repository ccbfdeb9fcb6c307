package crux.db;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The row count and a checksum of one table's rows, computed the same way on H2 and PostgreSQL so that equal data
 * gives equal sums: each value is read as its {@link SchemaMap.Kind} and written out in one canonical form (an
 * instant in UTC, a number without trailing zeros, a boolean as t/f, bytes in hex, text as it is, null as a marker of
 * its own), each row is hashed with SHA-256, and the row hashes are added up modulo 2^256. The sum does not depend on
 * the order the rows are read in, which matters: text keys sort differently under H2's and PostgreSQL's collations,
 * so "the rows in key order" would not be the same sequence on both sides. Rows are streamed, never held.
 */
public record RowChecksum(long rows, String sum) {

    private static final BigInteger MODULUS = BigInteger.ONE.shiftLeft(256);
    /** Rows fetched per round trip while streaming a table. */
    static final int FETCH = 1_000;

    /** The count and checksum of {@code table}'s {@code columns} (lower-case keys) on connection {@code c}. */
    public static RowChecksum of(Connection c, SchemaMap.Table table, List<String> columns) throws SQLException {
        List<SchemaMap.Column> cols = columns.stream().map(table::column).toList();
        String sql = "SELECT " + cols.stream().map(col -> SchemaMap.quote(col.name())).collect(Collectors.joining(", "))
                + " FROM " + SchemaMap.quote(table.name());
        MessageDigest sha = sha256();
        BigInteger sum = BigInteger.ZERO;
        long rows = 0;
        boolean autoCommit = c.getAutoCommit();
        if (autoCommit) {
            c.setAutoCommit(false); // PostgreSQL's driver streams by the fetch size only inside a transaction
        }
        try (Statement st = c.createStatement()) {
            st.setFetchSize(FETCH);
            try (ResultSet rs = st.executeQuery(sql)) {
                while (rs.next()) {
                    for (int i = 0; i < cols.size(); i++) {
                        String v = canonical(rs, i + 1, cols.get(i).kind());
                        if (v == null) {
                            sha.update((byte) 0);
                        } else {
                            byte[] b = v.getBytes(StandardCharsets.UTF_8);
                            sha.update((byte) 1);
                            sha.update(ByteBuffer.allocate(4).putInt(b.length).array());
                            sha.update(b);
                        }
                    }
                    sum = sum.add(new BigInteger(1, sha.digest()));
                    rows++;
                }
            }
        } finally {
            if (autoCommit) {
                c.rollback(); // it only read
                c.setAutoCommit(true);
            }
        }
        String hex = sum.mod(MODULUS).toString(16);
        return new RowChecksum(rows, "0".repeat(64 - hex.length()) + hex);
    }

    /** A value as the copy writes it: the Java type both drivers take for the kind, or null. */
    public static Object read(ResultSet rs, int i, SchemaMap.Kind kind) throws SQLException {
        Object v = switch (kind) {
            case INSTANT -> rs.getObject(i, OffsetDateTime.class);
            case LOCAL_TIMESTAMP -> rs.getObject(i, LocalDateTime.class);
            case DATE -> rs.getObject(i, LocalDate.class);
            case TIME -> rs.getObject(i, LocalTime.class);
            case BOOLEAN -> rs.getBoolean(i);
            case EXACT -> rs.getObject(i);
            case FLOATING -> rs.getDouble(i);
            case BYTES -> rs.getBytes(i);
            case TEXT -> rs.getString(i);
        };
        return rs.wasNull() ? null : v;
    }

    /** A value in its canonical form, or null. */
    static String canonical(ResultSet rs, int i, SchemaMap.Kind kind) throws SQLException {
        Object v = read(rs, i, kind);
        if (v == null) {
            return null;
        }
        return switch (kind) {
            case INSTANT -> ((OffsetDateTime) v).toInstant().toString();
            case BOOLEAN -> (Boolean) v ? "t" : "f";
            case EXACT -> new BigDecimal(v.toString()).stripTrailingZeros().toPlainString();
            case FLOATING -> Double.toString((Double) v);
            case BYTES -> HexFormat.of().formatHex((byte[]) v);
            default -> v.toString();
        };
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
