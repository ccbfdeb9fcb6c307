package crux.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

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

    /** A fresh, empty database of the given kind. */
    public static String fresh(String kind) {
        return switch (kind) {
            case "h2" -> h2();
            case "postgres" -> freshPostgresSchema();
            default -> throw new IllegalArgumentException(kind);
        };
    }

    /** Opens (and migrates) a database made by {@link #fresh}: for repository tests that need no web server. */
    public static crux.db.Database open(String url) {
        return crux.db.Database.open(url, null, null, TestApp.repositoryRoot().resolve("db/migration"));
    }

    /** Creates a new schema and returns a URL whose connections use it. */
    public static String freshPostgresSchema() {
        String base = postgresBase();
        if (base == null) {
            throw new IllegalStateException(POSTGRES_ENV + " is not set");
        }
        String schema = "crux_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try (Connection c = DriverManager.getConnection(base)) {
            c.createStatement().execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create a test schema in " + base, e);
        }
        return base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
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
