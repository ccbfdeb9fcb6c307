package crux.db;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jooq.DSLContext;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.Param;
import org.jooq.Query;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.ResultQuery;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * A statement written once with jOOQ's generated classes, rendered to SQL once per database, and run many times with
 * new values. jOOQ renders a query's SQL again on every execution; for the statements every request or write runs
 * (finding the session, counting a write against its budget, a stance, a forecast) that rendering measured 10–16 % of
 * the server's CPU. The values are placeholders, {@link #value(int, Class)}: the n-th value given at run time
 * fills placeholder n, wherever the database's SQL puts it; each is bound with its placeholder's data type, as jOOQ
 * would bind it. Statements still run through jOOQ (counted, logged, mapped to typed records).
 *
 * @param <R> the record type the statement returns (for a statement that returns nothing, any)
 */
public final class Reusable<R extends Record> {

    /** One database's rendering: the SQL, and for each of its bind positions the placeholder it takes. */
    private record Rendered(String sql, int[] positions, DataType<?>[] types, List<Field<?>> fields) {
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
        return (Result<R>) d.resultQuery(r.sql, binds(r, values)).coerce(r.fields).fetch();
    }

    /** As {@link #fetch}, for at most one row. */
    @SuppressWarnings("unchecked")
    public Optional<R> fetchOptional(DSLContext d, Object... values) {
        Rendered r = rendered(d);
        return (Optional<R>) d.resultQuery(r.sql, binds(r, values)).coerce(r.fields).fetchOptional();
    }

    /** Runs the statement with {@code values}; the number of rows it changed. */
    public int execute(DSLContext d, Object... values) {
        Rendered r = rendered(d);
        return d.query(r.sql, binds(r, values)).execute();
    }

    private Object[] binds(Rendered r, Object[] values) {
        if (values.length != count) {
            throw new IllegalArgumentException("expected " + count + " values, got " + values.length);
        }
        Object[] binds = new Object[r.positions.length];
        for (int i = 0; i < binds.length; i++) {
            binds[i] = bind(r.types[i], values[r.positions[i]]);
        }
        return binds;
    }

    @SuppressWarnings("unchecked")
    private static <T> Param<T> bind(DataType<T> type, Object value) {
        return DSL.val((T) value, type);
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
        return new Rendered(sql, positions.stream().mapToInt(Integer::intValue).toArray(),
                types.toArray(DataType<?>[]::new), fields);
    }

    /** A named bind value as jOOQ renders it: ":name" (names are letters and digits here). */
    private static final Pattern NAMED = Pattern.compile("(?<![:\\w]):(\\w+)");
}
