package crux.testing;

import crux.db.Database;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One migrated database per kind (H2, and PostgreSQL when configured) for a repository test class: opened on first
 * use, closed (and a PostgreSQL schema dropped) by {@link #close} in the class's {@code @AfterAll}.
 */
public final class DatabasePerKind implements AutoCloseable {

    private final Map<String, String> urls = new ConcurrentHashMap<>();
    private final Map<String, Database> databases = new ConcurrentHashMap<>();

    public Database get(String kind) {
        return databases.computeIfAbsent(kind, k -> {
            String url = TestDatabases.fresh(k);
            urls.put(k, url);
            return TestDatabases.open(url);
        });
    }

    @Override
    public void close() {
        databases.values().forEach(Database::close);
        urls.values().forEach(TestDatabases::drop);
    }
}
