package crux.testing;

import crux.App;
import crux.Config;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** A real Crux on a free port with its own fresh database; one per test class. */
public final class TestApp implements AutoCloseable {

    private final App app;
    private final String url;

    private TestApp(App app, String url) {
        this.app = app;
        this.url = url;
    }

    public static TestApp start() {
        return start("h2", Map.of());
    }

    public static TestApp start(String kind) {
        return start(kind, Map.of());
    }

    public static TestApp start(String kind, Map<String, String> extraEnv) {
        String url = TestDatabases.fresh(kind);
        return startOn(url, extraEnv);
    }

    /** Starts Crux on an existing database (a second instance, or a restart). */
    public static TestApp startOn(String databaseUrl, Map<String, String> extraEnv) {
        Map<String, String> env = new HashMap<>();
        env.put("PORT", "0");
        env.put("CRUX_HOST", "127.0.0.1");
        env.put("CRUX_HOME", repositoryRoot().toString());
        env.put("DATABASE_URL", databaseUrl);
        env.put("CRUX_DEBUG_HEADERS", "true");
        env.putAll(extraEnv);
        return new TestApp(App.start(Config.fromMap(env)), databaseUrl);
    }

    /** Maven runs tests from the repository root. */
    public static Path repositoryRoot() {
        return Path.of("").toAbsolutePath();
    }

    public App app() {
        return app;
    }

    public String databaseUrl() {
        return url;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + app.port();
    }

    public TestClient client() {
        return new TestClient(baseUrl());
    }

    @Override
    public void close() {
        app.close();
    }
}
