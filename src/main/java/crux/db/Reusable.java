package crux.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jooq.ConnectionProvider;
import org.jooq.DSLContext;
import org.jooq.ExecuteListenerProvider;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.Param;
import org.jooq.Query;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.ResultQuery;
import org.jooq.SQLDialect;
import org.jooq.exception.DataAccessException;
import org.jooq.exception.TooManyRowsException;
import org.jooq.impl.DSL;

/**
 * A statement written once with jOOQ's generated classes, rendered to SQL once per database, and run many times with
 * new values. jOOQ renders a query's SQL again on every execution; for the statements every request or write runs
 * (finding the session, counting a write against its budget, a stance, a forecast) that rendering is a large share
 * of the server's CPU. The values are placeholders, {@link #value(int, Class)}: the n-th value given at run time
 * fills placeholder n, wherever the database's SQL puts it. The rendered SQL runs over plain JDBC on jOOQ's connection
 * (the transaction's, inside one): values bound and columns read as their Java types (a type jOOQ would convert is
 * refused), rows mapped to jOOQ's typed records, each statement counted ({@link StatementCounter}) and its errors
 * raised as jOOQ's {@code DataAccessException}. jOOQ's own execution of a plain-SQL statement (parsing the template,
 * binding through its listeners) would cost the group-commit thread on every forecast again.
 *
 * @param <R> the record type the statement returns (for a statement that returns nothing, any)
 */
public final class Reusable<R extends Record> {

    /** One database's rendering: the SQL, and for each of its bind positions the placeholder it takes. */
    private record Rendered(String sql, int[] positions, DataType<?>[] types, Field<?>[] fields) {
    }

    private final Function<DSLContext, ? extends Query> build;
    private final int count;
    private final Map<SQLDialect, Rendered> byDialect = new ConcurrentHashMap<>();

    private Reusable(Function<DSLContext, ? extends Query> build, int count) {
        this.build = build;
        this.count = count;
    }

    /** A query returning rows; {@code build} uses {@link #value} for every value that changes between runs. */
    public static <R extends Record> Reusable<R> query(int values, Function<DSLContext, ? extends ResultQuery<R>> build) {
        return new Reusable<>(build, values);
    }

    /** A statement returning no rows (insert, update, delete). */
    public static Reusable<Record> statement(int values, Function<DSLContext, ? extends Query> build) {
        return new Reusable<>(build, values);
    }

    /** Placeholder {@code n} (from 0) of type {@code type}. */
    public static <T> Param<T> value(int n, Class<T> type) {
        return DSL.param(name(n), type);
    }

    /** Placeholder {@code n} typed like {@code field} (its converters and bindings included). */
    public static <T> Param<T> value(int n, Field<T> field) {
        return DSL.param(name(n), field);
    }

    private static String name(int n) {
        return "crux" + n;
    }

    /** Runs the query with {@code values} (placeholder 0 first); all rows. */
    @SuppressWarnings("unchecked")
    public Result<R> fetch(DSLContext d, Object... values) {
        Rendered r = rendered(d);
        return run(d, r, values, ps -> {
            try (ResultSet rs = ps.executeQuery()) {
                Result<Record> result = d.newResult(r.fields);
                while (rs.next()) {
                    result.add(record(d, r, rs));
                }
                return (Result<R>) result;
            }
        });
    }

    /** As {@link #fetch}, for at most one row. */
    public Optional<R> fetchOptional(DSLContext d, Object... values) {
        Rendered r = rendered(d);
        return run(d, r, values, ps -> {
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                R record = record(d, r, rs);
                if (rs.next()) {
                    throw new TooManyRowsException("more than one row: " + r.sql);
                }
                return Optional.of(record);
            }
        });
    }

    /** Runs the statement with {@code values}; the number of rows it changed. */
    public int execute(DSLContext d, Object... values) {
        return run(d, rendered(d), values, PreparedStatement::executeUpdate);
    }

    @FunctionalInterface
    private interface Execution<T> {
        T run(PreparedStatement ps) throws SQLException;
    }

    /**
     * Prepares the SQL on the context's connection (its transaction's, if any), binds the values and runs it: plain
     * JDBC, counted like every statement ({@link StatementCounter}); an error comes out as jOOQ's would.
     */
    private <T> T run(DSLContext d, Rendered r, Object[] values, Execution<T> execution) {
        if (values.length != count) {
            throw new IllegalArgumentException("expected " + count + " values, got " + values.length);
        }
        ConnectionProvider provider = d.configuration().connectionProvider();
        Connection c = provider.acquire();
        try (PreparedStatement ps = c.prepareStatement(r.sql)) {
            for (int i = 0; i < r.positions.length; i++) {
                Object v = values[r.positions[i]];
                if (v == null) {
                    ps.setNull(i + 1, r.types[i].getSQLType());
                } else {
                    ps.setObject(i + 1, v);
                }
            }
            count(d);
            return execution.run(ps);
        } catch (SQLException e) {
            if (provider instanceof Reachability reachability) {
                reachability.failed(e); // a broken connection: as jOOQ's own statements report it
            }
            throw new DataAccessException("SQL [" + r.sql + "]; " + e.getMessage(), e);
        } finally {
            provider.release(c);
        }
    }

    /** Counts one statement for the current thread, as the listener does for statements jOOQ runs. */
    private static void count(DSLContext d) {
        for (ExecuteListenerProvider p : d.configuration().executeListenerProviders()) {
            if (p.provide() instanceof StatementCounter counter) {
                counter.add(1);
            }
        }
    }

    /** The current row as the statement's record type, each column read as its field's Java type. */
    @SuppressWarnings("unchecked")
    private R record(DSLContext d, Rendered r, ResultSet rs) throws SQLException {
        Record record = d.newRecord(r.fields);
        for (int i = 0; i < r.fields.length; i++) {
            Field<Object> f = (Field<Object>) r.fields[i];
            record.set(f, read(rs, i + 1, f.getType()));
        }
        record.changed(false);
        return (R) record;
    }

    private Rendered rendered(DSLContext d) {
        Rendered r = byDialect.get(d.dialect());
        if (r == null) {
            r = render(d);
            byDialect.put(d.dialect(), r);
        }
        return r;
    }

    /** Renders the statement and finds, for each bind position of its SQL, the placeholder that fills it. */
    private Rendered render(DSLContext d) {
        Query q = build.apply(d);
        String sql = d.render(q);
        // the same rendering with named parameters (":crux0") shows which placeholder each "?" is, in order
        Matcher m = NAMED.matcher(d.renderNamedParams(q));
        Map<String, Param<?>> params = q.getParams();
        List<Integer> positions = new ArrayList<>();
        List<DataType<?>> types = new ArrayList<>();
        boolean[] used = new boolean[count];
        while (m.find()) {
            String name = m.group(1);
            if (!name.startsWith("crux")) {
                throw new IllegalStateException("a value in a reusable statement is not a placeholder: :" + name
                        + " (use Reusable.value, or DSL.inline for a constant): " + sql);
            }
            int n = Integer.parseInt(name.substring(4));
            positions.add(n);
            types.add(params.get(name).getDataType());
            used[n] = true;
        }
        if (positions.size() != q.getBindValues().size()) {
            throw new IllegalStateException("could not match the bind values of " + sql);
        }
        for (int n = 0; n < count; n++) {
            if (!used[n]) {
                throw new IllegalStateException("placeholder " + n + " does not occur in " + sql);
            }
        }
        List<Field<?>> fields = q instanceof ResultQuery<?> rq ? List.of(rq.fields()) : List.of();
        for (DataType<?> t : types) {
            plain(t, sql);
        }
        for (Field<?> f : fields) {
            plain(f.getDataType(), sql);
        }
        return new Rendered(sql, positions.stream().mapToInt(Integer::intValue).toArray(),
                types.toArray(DataType<?>[]::new), fields.toArray(Field<?>[]::new));
    }

    /**
     * A column as {@code type}: numbers through the driver's getters, which convert between integer widths
     * (PostgreSQL's count is a bigint where jOOQ types it as an int), everything else as JDBC 4.2 maps it.
     */
    private static Object read(ResultSet rs, int column, Class<?> type) throws SQLException {
        Object v;
        if (type == Integer.class) {
            v = rs.getInt(column);
        } else if (type == Long.class) {
            v = rs.getLong(column);
        } else if (type == Double.class) {
            v = rs.getDouble(column);
        } else if (type == Boolean.class) {
            v = rs.getBoolean(column);
        } else {
            return rs.getObject(column, type);
        }
        return rs.wasNull() ? null : v;
    }

    /** Values are bound and read as their Java types over JDBC: a type jOOQ converts is refused, not mis-bound. */
    private static void plain(DataType<?> type, String sql) {
        if (!type.getFromType().equals(type.getType())) {
            throw new IllegalStateException("a reusable statement cannot bind or read a converted type ("
                    + type.getType().getName() + "): " + sql);
        }
    }

    /** A named bind value as jOOQ renders it: ":name" (names are letters and digits here). */
    private static final Pattern NAMED = Pattern.compile("(?<![:\\w]):(\\w+)");
}
