package crux.testing;

import crux.App;
import crux.Config;
import crux.accounts.Member;
import crux.accounts.Role;
import crux.accounts.SessionRepository;
import crux.db.WriteBudget;
import crux.web.Route;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.jooq.DSLContext;
import org.jooq.Table;

/** A real Crux on a free port with its own fresh database; one per test class. */
public final class TestApp implements AutoCloseable {

    private final App app;
    private final String url;
    /** True when this app made its database (and so drops a PostgreSQL schema when it closes). */
    private final boolean ownsDatabase;

    private TestApp(App app, String url, boolean ownsDatabase) {
        this.app = app;
        this.url = url;
        this.ownsDatabase = ownsDatabase;
    }

    /** A fresh database of the kind CRUX_TEST_DATABASE names (h2, the default, or postgres: CI reruns the HTTP tests so). */
    public static TestApp start() {
        return start(defaultKind(), Map.of());
    }

    public static String defaultKind() {
        String kind = System.getenv().getOrDefault("CRUX_TEST_DATABASE", "h2");
        if (!kind.equals("h2") && !kind.equals("postgres")) {
            throw new IllegalArgumentException("CRUX_TEST_DATABASE is h2 or postgres, not " + kind);
        }
        return kind;
    }

    public static TestApp start(String kind) {
        return start(kind, Map.of());
    }

    public static TestApp start(String kind, Map<String, String> extraEnv) {
        return start(kind, extraEnv, Clock.systemUTC());
    }

    /** A fresh database of {@code kind}, served on {@code clock} (a {@link MutableClock} to travel in time). */
    public static TestApp start(String kind, Map<String, String> extraEnv, Clock clock) {
        String url = TestDatabases.fresh(kind);
        try {
            return new TestApp(App.start(config(url, extraEnv), clock), url, true);
        } catch (RuntimeException e) {
            TestDatabases.drop(url);
            throw e;
        }
    }

    /** Starts Crux on an existing database (a second instance, or a restart); it leaves the database alone on close. */
    public static TestApp startOn(String databaseUrl, Map<String, String> extraEnv) {
        return startOn(databaseUrl, extraEnv, Clock.systemUTC());
    }

    /** As {@link #startOn(String, Map)}, on a given clock (a restart later in time). */
    public static TestApp startOn(String databaseUrl, Map<String, String> extraEnv, Clock clock) {
        return new TestApp(App.start(config(databaseUrl, extraEnv), clock), databaseUrl, false);
    }

    /** The settings a test app runs with: a free port on loopback, cheap Argon2, debug headers. */
    public static Config config(String databaseUrl, Map<String, String> extraEnv) {
        Map<String, String> env = new HashMap<>();
        env.put("PORT", "0");
        env.put("CRUX_HOST", "127.0.0.1");
        env.put("CRUX_HOME", repositoryRoot().toString());
        env.put("DATABASE_URL", databaseUrl);
        env.put("CRUX_DEBUG_HEADERS", "true");
        // cheap Argon2 in tests (PasswordsTest checks the real OWASP parameters); real hashing otherwise
        env.put("CRUX_ARGON2", "1024,1,1");
        // the jobs' first writes come at start, before a test looks at the tables (several check nothing was stored)
        env.put("CRUX_JOBS_AFTER", "0");
        env.putAll(extraEnv);
        return Config.fromMap(env);
    }

    /** Maven runs tests from the repository root. */
    public static Path repositoryRoot() {
        return Path.of("").toAbsolutePath();
    }

    public App app() {
        return app;
    }

    public App.Services services() {
        return app.services();
    }

    public String databaseUrl() {
        return url;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + app.port();
    }

    /**
     * Waits until the live bus has delivered every event published so far (on PostgreSQL a write's own event comes
     * back through LISTEN/NOTIFY a moment later, and drops cached pages again): what follows is deterministic.
     */
    public void everyEventHeard() {
        crux.live.EventBus bus = app().events();
        Wait.until("the live bus to deliver every event published", java.time.Duration.ofSeconds(10),
                () -> bus.ready() && bus.delivered() >= bus.published());
    }

    /**
     * The statements {@code c}'s view of {@code path} runs once what is kept for everyone is kept: every event heard,
     * one view to read again what a change dropped, then the view counted, its session read afresh.
     */
    public int warmStatements(TestClient c, String path) {
        everyEventHeard();
        c.get(path);
        forgetKeptSessions();
        TestClient.Response r = c.get(path);
        if (r.status() != 200) {
            throw new AssertionError(path + " answered " + r.status());
        }
        return Integer.parseInt(r.header("X-Sql-Statements").orElseThrow());
    }

    /**
     * Makes the next content page read its session afresh, as a page does when the session was not read in the last
     * {@link crux.accounts.SessionRepository#KEPT_FOR}: statement counts then do not depend on how fast a test runs.
     */
    public void forgetKeptSessions() {
        app.services().sessions().forgetKept();
    }

    public TestClient client() {
        return new TestClient(baseUrl());
    }

    /** The password every member made by {@link #member} has. */
    public static final String PASSWORD = "purple monkey dishwasher 42";

    /** A member created directly, with {@link #PASSWORD} and no session at all. */
    public Member account(String name) {
        App.Services s = app.services();
        return s.accounts().create(name, s.passwords().hash(PASSWORD))
                .orElseThrow(() -> new IllegalStateException("name taken: " + name));
    }

    private final AtomicInteger names = new AtomicInteger();

    /** A member name no other call on this app has given: {@code prefix} and a number. */
    public String uniqueName(String prefix) {
        return prefix + names.incrementAndGet();
    }

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
        Member m = account(name);
        if (!role.equals("member")) {
            s.roles().set(WriteBudget.FREE, name, Role.of(role), null, "test setup");
            String secret = s.twoFactor().newSecret();
            secrets.put(name, secret);
            s.twoFactor().confirm(m.id(), secret, s.twoFactor().currentCode(secret));
            m = s.accounts().byId(m.id()).orElseThrow();
        }
        SessionRepository.Created created = s.sessions().create(m, !role.equals("member"), "test", "127.0.0.1");
        TestClient client = client();
        client.setCookie(SessionRepository.COOKIE, created.token());
        return client;
    }

    private final Map<String, String> secrets = new ConcurrentHashMap<>();

    /**
     * A client signed in to an existing member with a session that has not given a two-factor code: what a session
     * opened before sign-in asked for the code looks like (sign-in itself no longer opens one for an enrolled member).
     */
    public TestClient signedInWithoutCode(String name) {
        SessionRepository.Created created = app.services().sessions().create(memberNamed(name), false, "test",
                "127.0.0.1");
        TestClient client = client();
        client.setCookie(SessionRepository.COOKIE, created.token());
        return client;
    }

    public String totpSecret(String name) {
        return secrets.get(name);
    }

    public Member memberNamed(String name) {
        return app.services().accounts().byName(name).orElseThrow();
    }

    /** Forgets every rate-limit count: tests that all come from 127.0.0.1 start each with fresh limits. */
    public void resetLimits() {
        dsl().deleteFrom(crux.db.generated.Tables.RATE_COUNTER).execute();
    }

    /** Counts rows of a table: the "nothing was stored" half of every refusal test. */
    public int count(Table<?> table) {
        return app.database().dsl().fetchCount(table);
    }

    public DSLContext dsl() {
        return app.database().dsl();
    }

    /** The seeded item whose statement contains {@code words} (see {@link Seeded}). */
    public long item(String words) {
        return Seeded.item(dsl(), words);
    }

    /** The seeded items of one kind, in article order (see {@link Seeded}); read once, as seeded items stay. */
    public List<Long> items(String kind) {
        return seeded.computeIfAbsent(kind, k -> Seeded.items(dsl(), k));
    }

    private final Map<String, List<Long>> seeded = new ConcurrentHashMap<>();

    /** The n-th claim of the article (1 = the first it makes). */
    public long claim(int n) {
        return items("claim").get(n - 1);
    }

    /** The n-th prediction of the article (1 = the first it makes). */
    public long prediction(int n) {
        return items("prediction").get(n - 1);
    }

    /** The n-th recommendation of the article (1 = the first it makes). */
    public long recommendation(int n) {
        return items("recommendation").get(n - 1);
    }

    /**
     * Every row of every table, as text: compared before and after a refused request, it proves that nothing at
     * all was stored or changed (a stronger "nothing stored" than row counts). All but item_visit: a member's page
     * view notes what they have seen there without waiting for the commit (crux.debate.VisitRepository), so a view
     * just before a refused request may land during it; no form writes that table.
     */
    public Map<String, List<String>> snapshot() {
        return snapshot(crux.db.generated.DefaultSchema.DEFAULT_SCHEMA.getTables().stream()
                .filter(t -> !t.equals(crux.db.generated.Tables.ITEM_VISIT)).toArray(Table<?>[]::new));
    }

    /** As {@link #snapshot()} but without rate_counter: for refusals that rightly count an attempt against a limit. */
    public Map<String, List<String>> snapshotWithoutCounters() {
        return snapshot(crux.db.generated.DefaultSchema.DEFAULT_SCHEMA.getTables().stream()
                .filter(t -> !t.equals(crux.db.generated.Tables.RATE_COUNTER) && !t.equals(crux.db.generated.Tables.ITEM_VISIT))
                .toArray(Table<?>[]::new));
    }

    /** Every row of the given tables (a refused sign-in still counts its attempt in rate_counter). */
    public Map<String, List<String>> snapshot(Table<?>... tables) {
        return TestDatabases.snapshot(dsl(), tables);
    }

    public List<Route> routes() {
        return app.routes();
    }

    @Override
    public void close() {
        try {
            app.close();
        } finally {
            if (ownsDatabase) {
                TestDatabases.drop(url);
            }
        }
    }
}
