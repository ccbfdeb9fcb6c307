package crux;

import static crux.db.generated.Tables.COMMENT;
import static crux.db.generated.Tables.ITEM;
import static crux.db.generated.Tables.ITEM_STANCE;
import static crux.db.generated.Tables.JOB_LEASE;
import static crux.db.generated.Tables.MEMBER_SESSION;
import static crux.db.generated.Tables.NOTIFICATION;
import static crux.db.generated.Tables.RATE_COUNTER;
import static crux.testing.TestClient.form;
import static crux.testing.Refusals.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import crux.accounts.SessionRepository;
import crux.db.Database;
import crux.debate.CommentWriteRepository;
import crux.debate.PostTokens;
import crux.testing.ChildCrux;
import crux.testing.Seeded;
import crux.testing.TestApp;
import crux.testing.TestClient;
import crux.testing.TestDatabases;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Two Crux processes (the real Main, each in its own JVM on its own port) sharing one PostgreSQL database, as the
 * README's "Several instances behind a load balancer" runs them: sessions, stances, rate limits, live updates and
 * background jobs behave as one site. Needs CRUX_TEST_POSTGRES_URL; skipped without it.
 */
class TwoInstancesTest {

    /** Waits for something another process does: generous on a shared two-core machine, yet a clear failure. */
    static final Duration WAIT = Duration.ofSeconds(10);

    static String databaseUrl;
    static ChildCrux a;
    static ChildCrux b;
    /** The test's own look into the shared database: setting up accounts and checking what was stored. */
    static Database db;
    /** The seeded claims, in article order. */
    static List<Long> claims;
    static App.Services services;

    @BeforeAll
    static void startBoth() {
        if (TestDatabases.postgresBase() == null) {
            return; // every test is skipped, with the reason: see needsPostgres
        }
        // a database of its own, not a schema: NOTIFY is per database, and other tests' events must not reach B
        databaseUrl = TestDatabases.freshPostgresDatabase();
        Path logs = TestApp.repositoryRoot().resolve("target/two-instances");
        Map<String, String> shared = Map.of("DATABASE_URL", databaseUrl);
        // both at once, as a deployment starts them: they race to migrate (Flyway's lock) and for the job leases
        a = ChildCrux.start("a", logs.resolve("a.log"), shared);
        b = ChildCrux.start("b", logs.resolve("b.log"), shared);
        a.awaitHealthy();
        b.awaitHealthy();
        db = TestDatabases.open(databaseUrl);
        claims = Seeded.items(db.dsl(), "claim");
        services = App.services(TestApp.config(databaseUrl, Map.of()), db);
    }

    /** Assumed per test, not in startBoth: so each test is reported skipped with this reason. */
    @BeforeEach
    void needsPostgres() {
        assumeTrue(databaseUrl != null, TestDatabases.POSTGRES_ENV + " is not set: the two-instance test needs a "
                + "PostgreSQL that two Crux processes share (set it, e.g. "
                + "jdbc:postgresql://127.0.0.1:5432/test?user=postgres)");
    }

    @AfterAll
    static void stopBoth() {
        try {
            for (AutoCloseable c : new AutoCloseable[] {b, a, db}) {
                if (c != null) {
                    try {
                        c.close();
                    } catch (Exception e) {
                        // stop the rest regardless
                    }
                }
            }
        } finally {
            if (databaseUrl != null) {
                TestDatabases.dropPostgresDatabase(databaseUrl);
            }
        }
    }

    /** A member made directly in the database, then signed in over HTTP on {@code on}, as a person would. */
    static TestClient signedIn(ChildCrux on, String name) {
        services.accounts().create(name, services.passwords().hash(TestApp.PASSWORD)).orElseThrow();
        TestClient c = on.client();
        assertThat(c.login(name, TestApp.PASSWORD).status()).as("%s signs in on %s", name, on.name()).isEqualTo(302);
        return c;
    }

    /** The same browser (its session cookie), sent to the other instance: what a round-robin load balancer does. */
    static TestClient sameBrowserOn(ChildCrux other, TestClient browser) {
        TestClient c = other.client();
        c.setCookie(SessionRepository.COOKIE, browser.cookieValue(SessionRepository.COOKIE));
        return c;
    }

    static long memberId(String name) {
        return services.accounts().byName(name).orElseThrow().id();
    }

    static int sessionsOf(String name) {
        return db.dsl().fetchCount(MEMBER_SESSION, MEMBER_SESSION.MEMBER_ID.eq(memberId(name)));
    }

    @Test
    @Timeout(30)
    void aSessionMadeOnAWorksOnBAndSigningOutOnBEndsItOnA() {
        TestClient onA = a.client();
        TestClient onB = b.client();
        assertThat(onB.get("/settings").location()).as("B, before: nobody is signed in").startsWith("/login");

        assertThat(onA.register("Crosser", "lantern orbit cactus 77").status()).as("registered on A").isEqualTo(302);
        onB.setCookie(SessionRepository.COOKIE, onA.cookieValue(SessionRepository.COOKIE));
        TestClient.Response settings = onB.get("/settings");
        assertThat(settings.status()).as("B knows A's session").isEqualTo(200);
        assertThat(settings.html().select(".site-header a.me").text()).isEqualTo("Crosser");
        assertThat(sessionsOf("Crosser")).isEqualTo(1);

        assertThat(onB.submit("/settings", "/logout", form()).status()).as("signed out on B").isEqualTo(302);
        assertThat(onA.get("/settings").location()).as("A, after signing out on B").startsWith("/login");
        assertThat(onA.get(Seeded.ARTICLE).html().select(".site-header a.me")).isEmpty();
        assertThat(sessionsOf("Crosser")).isZero();
    }

    @Test
    @Timeout(30)
    void aStanceTakenOnAShowsOnB() {
        TestClient onA = signedIn(a, "Stancer");
        TestClient onB = sameBrowserOn(b, onA);
        TestClient anonymousOnB = b.client();
        Document before = onB.get("/items/" + claims.get(0)).html();
        assertThat(before.select(".voters").text()).isEqualTo("0 people have taken a stance.");
        assertThat(before.select("#stance-" + claims.get(0) + "-agree").attr("aria-pressed")).isEqualTo("false");
        assertThat(before.select(".stance-mine")).isEmpty();
        // B caches the anonymous article page: it must learn of A's change, not serve the old page
        assertThat(anonymousOnB.get(Seeded.ARTICLE).html().select("#standing-" + claims.get(0)).text()).isEqualTo("0 voters");

        assertThat(onA.submit("/items/" + claims.get(0), "/items/" + claims.get(0) + "/stance", form("stance", "agree")).status()).isEqualTo(303);

        Document item = onB.get("/items/" + claims.get(0)).html();
        assertThat(item.select(".voters").text()).isEqualTo("1 person has taken a stance.");
        assertThat(item.select(".split-legend--agree").text()).startsWith("100 % agree");
        assertThat(item.select("#stance-" + claims.get(0) + "-agree").attr("aria-pressed")).as("B shows the member's own stance")
                .isEqualTo("true");
        assertThat(item.select(".stance-mine").text()).startsWith("You said Agree.");
        Document article = onB.get(Seeded.ARTICLE).html();
        assertThat(article.select("#standing-" + claims.get(0)).text()).isEqualTo("1 voter · 100 % agree · 0 % disagree");
        assertThat(article.select("#entry-" + claims.get(0) + "-agree").attr("aria-pressed")).isEqualTo("true");
        b.await("B's anonymous article page to show A's stance", WAIT,
                () -> anonymousOnB.get(Seeded.ARTICLE).html().select("#standing-" + claims.get(0)).text().equals("1 voter"));
    }

    @Test
    @Timeout(45)
    void theCommentLimitIsSpentOnBothInstancesTogether() {
        TestClient onA = signedIn(a, "Talker");
        TestClient onB = sameBrowserOn(b, onA);
        long talker = memberId("Talker");
        int max = CommentWriteRepository.POSTING.max();
        awaitRoomInWindow(CommentWriteRepository.POSTING.window(), Duration.ofSeconds(15));
        for (int i = 0; i < max; i++) {
            TestClient on = i % 2 == 0 ? onA : onB;
            assertThat(argue(on, claims.get(1), on.csrf("/items/" + claims.get(1)), "Point " + i + " about the second claim.").status())
                    .as("argument %d, on %s", i + 1, i % 2 == 0 ? "A" : "B").isEqualTo(302);
        }
        assertThat(db.dsl().fetchCount(COMMENT, COMMENT.AUTHOR_ID.eq(talker))).isEqualTo(max);

        // each instance has seen only half of them: were they counted apart, both would take one more
        String tokenA = onA.csrf("/items/" + claims.get(1));
        String tokenB = onB.csrf("/items/" + claims.get(1));
        Table<?>[] written = {COMMENT, ITEM, NOTIFICATION};
        Map<String, List<String>> before = TestDatabases.snapshot(db.dsl(), written);
        assertThat(commentHits(talker)).isEqualTo(max);
        TestClient.Response refusedOnA = argue(onA, claims.get(1), tokenA, "One too many, sent to A.");
        TestClient.Response refusedOnB = argue(onB, claims.get(1), tokenB, "One too many, sent to B.");
        for (TestClient.Response r : List.of(refusedOnA, refusedOnB)) {
            assertRefused(r, 429, "You have posted " + max + " comments in the last 10 minutes. Please wait a little before posting again.");
            assertThat(r.header("Retry-After")).isPresent();
        }
        assertThat(TestDatabases.snapshot(db.dsl(), written)).as("the refused arguments stored nothing").isEqualTo(before);
        assertThat(commentHits(talker)).as("a refusal rolls its own hit back").isEqualTo(max);
        assertThat(db.dsl().fetchCount(COMMENT, COMMENT.AUTHOR_ID.eq(talker))).isEqualTo(max);
    }

    /** The member's count against {@link CommentWriteRepository#POSTING} (all hits land in one window: see awaitRoomInWindow). */
    static int commentHits(long member) {
        return db.dsl().select(DSL.sum(RATE_COUNTER.HITS)).from(RATE_COUNTER)
                .where(RATE_COUNTER.BUCKET.eq(CommentWriteRepository.POSTING.name() + ":" + member)).fetchSingle(0,
                        Integer.class);
    }

    /** Posts a new argument for the item, with the page's CSRF token and a fresh one-time form token. */
    static TestClient.Response argue(TestClient on, long item, String csrf, String body) {
        return on.postWithToken("/items/" + item + "/arguments", csrf,
                form("side", "supports", "body", body, "token", PostTokens.next()));
    }

    /**
     * Limits count in fixed windows: waits, if need be, until the current window has {@code room} left, so that a
     * sequence of hits lands in one window and the limit is what refuses the last one, not a fresh window.
     */
    static void awaitRoomInWindow(Duration window, Duration room) {
        a.await("a rate-limit window with " + room.toSeconds() + " s left", room.plusSeconds(5),
                () -> Math.floorMod(Instant.now().getEpochSecond(), window.toSeconds())
                        < window.minus(room).toSeconds());
    }

    @Test
    @Timeout(30)
    void aWriteOnAReachesAPageOpenOnB() throws Exception {
        TestClient onA = signedIn(a, "Announcer");
        try (EventStream onB = EventStream.open(b.baseUrl() + "/items/" + claims.get(2) + "/events")) {
            onB.awaitConnected();
            b.await("both instances to LISTEN for live updates", WAIT, () -> listeners() == 2);

            assertThat(onA.submit("/items/" + claims.get(2), "/items/" + claims.get(2) + "/stance", form("stance", "disagree")).status()).isEqualTo(303);
            assertThat(onB.nextEvent()).as("B hears A's stance").isEqualTo("tally");
            assertThat(argue(onA, claims.get(2), onA.csrf("/items/" + claims.get(2)), "Posted on A while a reader watches on B.").status())
                    .isEqualTo(302);
            assertThat(onB.nextEvent()).as("B hears A's argument").isEqualTo("argument");
        }
    }

    /** Connections of this database waiting in LISTEN: one per instance once its live-update listener is up. */
    static int listeners() {
        return db.dsl().resultQuery("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                + " AND state = 'idle' AND query LIKE 'LISTEN %'").fetchSingle(0, Integer.class);
    }

    @Test
    @Timeout(30)
    void theCampsJobRunsOnOneInstanceNotOnEach() {
        // the trigger: each instance's schedule tries the camps job soon after it starts (and every minute after)
        b.await("both instances to try the camps job",
                WAIT.plus(Duration.ofSeconds(crux.Config.DEFAULT_JOBS_AFTER_SECONDS)),
                () -> leases(a, true) + leases(a, false) > 0 && leases(b, true) + leases(b, false) > 0);
        ChildCrux runner = leases(a, true) > 0 ? a : b;
        ChildCrux other = runner == a ? b : a;
        assertThat(leases(runner, true)).as("%s took the lease", runner.name()).isPositive();
        assertThat(leases(runner, false)).as("%s was never refused it", runner.name()).isZero();
        assertThat(leases(other, true)).as("%s never ran the job", other.name()).isZero();
        assertThat(leases(other, false)).as("%s was refused the lease", other.name()).isPositive();

        // what the job does (the camps computed from the stances) happened on the runner alone
        runner.await("the first camps run", WAIT, () -> campRuns(runner) > 0);
        assertThat(campRuns(other)).as("camps computed on %s", other.name()).isZero();
        assertThat(db.dsl().fetchCount(JOB_LEASE, JOB_LEASE.NAME.eq("camps"))).isEqualTo(1);
    }

    private static final Pattern LEASES = Pattern.compile(
            "crux_job_leases_total\\{job=\"camps\",taken=\"(true|false)\"} ([0-9.]+)");

    /** How often {@code on} tried the camps lease and got it ({@code taken}) or found another instance holding it. */
    static int leases(ChildCrux on, boolean taken) {
        Matcher m = LEASES.matcher(on.client().get("/metrics").body());
        while (m.find()) {
            if (Boolean.parseBoolean(m.group(1)) == taken) {
                return (int) Double.parseDouble(m.group(2));
            }
        }
        return 0;
    }

    /** Camps computations {@code on} has logged ("camps: … from N votes"). */
    static long campRuns(ChildCrux on) {
        return on.logText().lines().filter(l -> l.contains("CampJob - camps: ")).count();
    }

    /** An open /items/{id}/events stream, read line by line on its own thread so that waiting can time out. */
    static final class EventStream implements AutoCloseable {
        private final InputStream body;
        private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

        private EventStream(InputStream body) {
            this.body = body;
            Thread reader = new Thread(this::read, "sse-reader");
            reader.setDaemon(true);
            reader.start();
        }

        static EventStream open(String url) throws Exception {
            HttpResponse<InputStream> r = HttpClient.newHttpClient().sendAsync(HttpRequest.newBuilder(URI.create(url))
                    .header("Accept", "text/event-stream").GET().build(), HttpResponse.BodyHandlers.ofInputStream())
                    .get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type")).get().asString().startsWith("text/event-stream");
            return new EventStream(r.body());
        }

        private void read() {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    lines.add(line);
                }
            } catch (IOException closed) {
                // the test closed the stream
            }
        }

        private String nextLine() throws InterruptedException {
            String line = lines.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            if (line == null) {
                throw new AssertionError("nothing arrived on the stream within " + WAIT.toSeconds() + " s");
            }
            return line;
        }

        /** The server sends this comment once the stream is subscribed: events from now on reach it. */
        void awaitConnected() throws InterruptedException {
            while (!nextLine().startsWith(": connected")) {
                // skip anything before it
            }
        }

        /** The name of the next event, skipping comments (heartbeats) and data lines. */
        String nextEvent() throws InterruptedException {
            for (String line = nextLine(); ; line = nextLine()) {
                if (line.startsWith("event:")) {
                    return line.substring("event:".length()).trim();
                }
            }
        }

        @Override
        public void close() throws IOException {
            body.close();
        }
    }
}
