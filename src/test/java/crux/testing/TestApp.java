package crux.testing;

import crux.App;
import crux.accounts.Member;
import crux.accounts.Sessions;
import crux.Config;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** A real Crux on a free port with its own fresh database; one per test class. */
public final class TestApp implements AutoCloseable {

    private final App app;
    private final String url;
    /** True when this app made its database and so drops it (a PostgreSQL schema) when closed. */
    private boolean ownsDatabase;

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
        TestApp app = startOn(url, extraEnv);
        app.ownsDatabase = true;
        return app;
    }

    /** Starts Crux on an existing database (a second instance, or a restart). */
    public static TestApp startOn(String databaseUrl, Map<String, String> extraEnv) {
        Map<String, String> env = new HashMap<>();
        env.put("PORT", "0");
        env.put("CRUX_HOST", "127.0.0.1");
        env.put("CRUX_HOME", repositoryRoot().toString());
        env.put("DATABASE_URL", databaseUrl);
        env.put("CRUX_DEBUG_HEADERS", "true");
        // cheap Argon2 in tests (PasswordsTest checks the real OWASP parameters); real hashing otherwise
        env.put("CRUX_ARGON2", "1024,1,1");
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

    /** The password every member made by {@link #member} has. */
    public static final String PASSWORD = "purple monkey dishwasher 42";

    /** A member created directly (no HTTP, no rate limits), with a signed-in client. */
    public TestClient member(String name) {
        return member(name, "member");
    }

    /**
     * A member with a role, signed in. Moderators and admins also get two-factor enrolled and passed in their
     * session, so moderator pages open; {@link #totpSecret} gives the secret.
     */
    public TestClient member(String name, String role) {
        App.Services s = app.services();
        Member m = s.accounts().create(name, s.passwords().hash(PASSWORD))
                .orElseThrow(() -> new IllegalStateException("name taken: " + name));
        if (!role.equals("member")) {
            s.roles().set(name, role, null, "test setup");
            String secret = s.twoFactor().newSecret();
            secrets.put(name, secret);
            s.twoFactor().confirm(m.id(), secret, s.twoFactor().currentCode(secret));
            m = s.accounts().byId(m.id()).orElseThrow();
        }
        Sessions.Created created = s.sessions().create(m, !role.equals("member"), "test", "127.0.0.1");
        TestClient client = client();
        client.setCookie(Sessions.COOKIE, created.token());
        return client;
    }

    private final java.util.Map<String, String> secrets = new java.util.concurrent.ConcurrentHashMap<>();

    public String totpSecret(String name) {
        return secrets.get(name);
    }

    public Member memberNamed(String name) {
        return app.services().accounts().byName(name).orElseThrow();
    }

    /** Counts rows of a table: the "nothing was stored" half of every refusal test. */
    public int count(org.jooq.Table<?> table) {
        return app.database().dsl().fetchCount(table);
    }

    public org.jooq.DSLContext dsl() {
        return app.database().dsl();
    }

    @Override
    public void close() {
        app.close();
        if (ownsDatabase) {
            TestDatabases.drop(url);
        }
    }
}
