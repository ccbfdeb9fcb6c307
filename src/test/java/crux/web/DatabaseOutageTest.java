package crux.web;

import static crux.db.generated.Tables.COMMENT;
import static crux.db.generated.Tables.ITEM;
import static crux.testing.TestClient.form;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import crux.db.Database;
import crux.debate.PostTokens;
import crux.testing.OwnPostgres;
import crux.testing.TestApp;
import crux.testing.TestClient;
import crux.testing.TestDatabases;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A PostgreSQL outage, on a cluster of the test's own that it stops and starts: while it is down /healthz says so
 * within a second, pages and writes answer 503 with Retry-After and the "cannot reach the database" page (a refused
 * form comes back with what was typed), and once it is back the very first request and write succeed.
 */
class DatabaseOutageTest {

    /** /healthz's answer, and a refusal, arrive well within this however loaded the machine (5 s before). */
    static final long PROMPT_MILLIS = 2_500;

    static OwnPostgres postgres;
    static TestApp app;
    static TestClient member;
    static long item;

    @BeforeAll
    static void start() {
        assumeTrue(TestDatabases.postgresBase() != null, TestDatabases.POSTGRES_ENV + " is not set: the outage test "
                + "runs with the PostgreSQL variants (it starts a PostgreSQL cluster of its own on another port)");
        postgres = OwnPostgres.start();
        app = TestApp.startOn(postgres.jdbcUrl(), Map.of());
        member = app.member("outage-member");
        item = app.dsl().select(ITEM.ID).from(ITEM).where(ITEM.KIND.eq("claim")).orderBy(ITEM.ID).limit(1)
                .fetchOne().value1();
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    record Timed(TestClient.Response response, long millis) {
    }

    static Timed timed(java.util.function.Supplier<TestClient.Response> request) {
        long start = System.nanoTime();
        TestClient.Response r = request.get();
        return new Timed(r, (System.nanoTime() - start) / 1_000_000);
    }

    static void assertOutagePage(Timed t) {
        assertThat(t.response().status()).isEqualTo(503);
        assertThat(t.millis()).as("refused promptly").isLessThan(PROMPT_MILLIS);
        assertThat(t.response().header("Retry-After")).hasValue(Long.toString(ErrorPages.RETRY_AFTER_OUTAGE_SECONDS));
        assertThat(t.response().html().select("main").text()).contains("cannot reach its database")
                .contains("Request id");
        assertThat(t.response().body()).doesNotContain("Exception").doesNotContain("PSQL").doesNotContain("Hikari");
    }

    @Test
    void anOutageIsAnsweredHonestlyAndTheFirstRequestsAfterItSucceed() {
        String token = member.csrf("/items/" + item);
        TestClient probe = app.client(); // a load balancer's probe: no cookies
        assertThat(probe.get("/healthz").status()).isEqualTo(200);

        postgres.down();
        try {
            Timed health = timed(() -> probe.get("/healthz"));
            assertThat(health.response().status()).isEqualTo(503);
            assertThat(health.millis()).isLessThan(PROMPT_MILLIS);
            assertThat(Database.HEALTH_TIMEOUT.toMillis()).as("the probe's own limit").isLessThan(1_000);

            assertOutagePage(timed(() -> member.get("/items/" + item)));
            assertOutagePage(timed(() -> member.get("/settings")));

            String typed = "An argument typed\nduring an outage, not to be lost.";
            Timed refused = timed(() -> member.postWithToken("/items/" + item + "/arguments", token,
                    form("side", "opposes", "body", typed, "token", PostTokens.next())));
            assertOutagePage(refused);
            Document page = refused.response().html();
            Element resend = page.selectFirst("form.resend");
            assertThat(resend).as("the refused form comes back").isNotNull();
            assertThat(resend.attr("action")).isEqualTo("/items/" + item + "/arguments");
            assertThat(resend.selectFirst("textarea[name=body]").wholeText()).isEqualTo(typed);
            assertThat(resend.select("input[type=hidden][name=_csrf]").attr("value")).isEqualTo(token);
            assertThat(resend.select("textarea[name=side]").text()).isEqualTo("opposes");
        } finally {
            postgres.up();
        }

        // the very first requests after the outage: no stale pooled connection fails them
        assertThat(probe.get("/healthz").status()).isEqualTo(200);
        assertThat(member.get("/items/" + item).status()).isEqualTo(200);
        TestClient.Response written = member.postWithToken("/items/" + item + "/arguments", token,
                form("side", "supports", "body", "Written right after the outage.", "token", PostTokens.next()));
        assertThat(written.status()).isEqualTo(302);
        assertThat(app.dsl().fetchCount(COMMENT, COMMENT.BODY_SOURCE.eq("Written right after the outage.")))
                .isEqualTo(1);
    }

    @Test
    void aRefusedSignInNeverShowsThePasswordAgain() {
        TestClient c = app.client();
        String token = c.csrf("/login");
        postgres.down();
        try {
            Timed refused = timed(() -> c.postWithToken("/login", token,
                    form("name", "outage-member", "password", "secret words 123")));
            assertOutagePage(refused);
            assertThat(refused.response().body()).doesNotContain("secret words 123");
            assertThat(refused.response().html().select("textarea[name=name]").text()).isEqualTo("outage-member");
        } finally {
            postgres.up();
        }
        assertThat(c.login("outage-member", TestApp.PASSWORD).status()).isEqualTo(302);
    }
}
