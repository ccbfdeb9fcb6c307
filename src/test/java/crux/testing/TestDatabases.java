package crux.testing;

import static crux.db.generated.Tables.ARTICLE;
import static crux.db.generated.Tables.JOB_LEASE;

import crux.db.Database;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;

/**
 * Fresh databases for tests: an in-memory H2 one, or (when CRUX_TEST_POSTGRES_URL is set) a new schema in
 * that PostgreSQL database, dropped when the test class is done.
 */
public final class TestDatabases {

    public static final String POSTGRES_ENV = "CRUX_TEST_POSTGRES_URL";

    private TestDatabases() {
    }

    public static String h2() {
        return "jdbc:h2:mem:crux-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    }

    /** The PostgreSQL base URL for tests, or null when none is configured. */
    public static String postgresBase() {
        String url = System.getenv(POSTGRES_ENV);
        return url == null || url.isBlank() ? null : url;
    }

    /** Database kinds to run a database test against: always H2, and PostgreSQL when configured. */
    public static List<String> kinds() {
        List<String> kinds = new ArrayList<>(List.of("h2"));
        if (postgresBase() != null) {
            kinds.add("postgres");
        }
        return kinds;
    }

    /** A small pool (two connections) on a database from {@link #fresh}, for tests that migrate it step by step. */
    public static com.zaxxer.hikari.HikariDataSource pool(String url) {
        com.zaxxer.hikari.HikariConfig config = new com.zaxxer.hikari.HikariConfig();
        config.setJdbcUrl(url);
        if (url.startsWith("jdbc:h2:")) {
            config.setUsername("sa");
        }
        config.setMaximumPoolSize(2);
        return new com.zaxxer.hikari.HikariDataSource(config);
    }

    /** A fresh, empty database of the given kind. */
    public static String fresh(String kind) {
        return switch (kind) {
            case "h2" -> h2();
            case "postgres" -> freshPostgresSchema();
            default -> throw new IllegalArgumentException(kind);
        };
    }

    /** A test on an open database. */
    @FunctionalInterface
    public interface OnDatabase {
        void run(Database db) throws Exception;
    }

    /** Runs {@code test} on a fresh, migrated database of the kind; closes and drops it afterwards, pass or fail. */
    public static void withFresh(String kind, OnDatabase test) throws Exception {
        String url = fresh(kind);
        try (Database db = open(url)) {
            test.run(db);
        } finally {
            drop(url);
        }
    }

    /** Opens (and migrates) a database made by {@link #fresh}: for repository tests that need no web server. */
    public static Database open(String url) {
        return Database.open(url, null, null, TestApp.repositoryRoot().resolve("db/migration"));
    }

    /** Every row of the given tables, as text, table by table: equal before and after means nothing changed. */
    public static Map<String, List<String>> snapshot(DSLContext dsl, Table<?>... tables) {
        Map<String, List<String>> rows = new TreeMap<>();
        for (Table<?> t : tables) {
            if (t.equals(JOB_LEASE)) {
                continue; // background jobs take their leases on their own schedule; no request writes one
            }
            List<Field<?>> fields = Arrays.stream(t.fields()).filter(f -> !RECOUNTED.contains(f)).toList();
            rows.put(t.getName(), dsl.select(fields).from(t).orderBy(fields).fetch().stream()
                    .map(r -> r.intoList().toString()).toList());
        }
        return rows;
    }

    /**
     * Columns a background job recounts from other rows on its own schedule (the front page's activity numbers):
     * a snapshot taken either side of a request leaves them out, or the job's run in between would look like
     * something the request stored.
     */
    static final Set<Field<?>> RECOUNTED = Set.of(ARTICLE.PARTICIPANT_COUNT, ARTICLE.RECENT_ACTIONS,
            ARTICLE.LAST_ACTIVITY_AT);

    /** Creates a new schema and returns a URL whose connections use it. */
    public static String freshPostgresSchema() {
        String schema = createInPostgres("SCHEMA");
        String base = postgresBase();
        return base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    /** Names of what {@link #freshPostgresSchema()} and {@link #freshPostgresDatabase()} make: nothing else is dropped. */
    static final String PREFIX = "crux_test_";

    /**
     * Creates a new PostgreSQL database and returns the base URL pointing at it. Heavier than a schema, but
     * LISTEN/NOTIFY channels are per database: tests of live updates across instances need one of their own so
     * that other tests' events (same channel, same item ids) cannot reach them.
     */
    public static String freshPostgresDatabase() {
        return withDatabase(postgresBase(), createInPostgres("DATABASE"));
    }

    /** CREATE SCHEMA or CREATE DATABASE with a new name; returns the name. */
    private static String createInPostgres(String kind) {
        String base = postgresBase();
        if (base == null) {
            throw new IllegalStateException(POSTGRES_ENV + " is not set");
        }
        String name = PREFIX + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try (Connection c = DriverManager.getConnection(base)) {
            c.createStatement().execute("CREATE " + kind + " " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create a test " + kind.toLowerCase() + " in " + base, e);
        }
        return name;
    }

    /** Drops a database made by {@link #freshPostgresDatabase()}, closing whatever is still connected to it. */
    public static void dropPostgresDatabase(String url) {
        String name = databaseName(url);
        if (!name.startsWith(PREFIX)) {
            throw new IllegalArgumentException("not a test database: " + url);
        }
        try (Connection c = DriverManager.getConnection(postgresBase())) {
            c.createStatement().execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (SQLException e) {
            // leaving a test database behind is harmless; the next run makes a new one
        }
    }

    /** jdbc:postgresql://host:port/NAME?params → NAME */
    static String databaseName(String url) {
        int query = url.indexOf('?') < 0 ? url.length() : url.indexOf('?');
        return url.substring(url.lastIndexOf('/', query) + 1, query);
    }

    static String withDatabase(String url, String name) {
        int query = url.indexOf('?') < 0 ? url.length() : url.indexOf('?');
        return url.substring(0, url.lastIndexOf('/', query) + 1) + name + url.substring(query);
    }

    /** Drops a schema made by {@link #freshPostgresSchema()}; a no-op for H2 URLs. */
    public static void drop(String url) {
        int at = url.indexOf("currentSchema=");
        if (!url.startsWith("jdbc:postgresql:") || at < 0) {
            return;
        }
        String schema = url.substring(at + "currentSchema=".length());
        try (Connection c = DriverManager.getConnection(postgresBase())) {
            c.createStatement().execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        } catch (SQLException e) {
            // leaving a test schema behind is harmless; the next run makes a new one
        }
    }
}
