package crux.accounts;

import static crux.db.generated.Tables.MEMBER_SESSION;
import static crux.testing.TestClient.form;
import static crux.testing.Refusals.assertRefused;
import static crux.testing.Refusals.assertRefusedMatching;
import static org.assertj.core.api.Assertions.assertThat;

import crux.accounts.web.AccountHandlers;
import crux.testing.TestApp;
import crux.testing.TestClient;
import crux.testing.TestDatabases;
import crux.web.VisitorTokens;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Two instances on one database (an in-memory H2 shared within the JVM, and PostgreSQL when configured): a
 * session made on one is the same session on the other, ending it on one ends it on both, and rate limits are
 * counted once for both.
 */
class SharedInstancesTest {

    /** Two apps on one database, per kind; started once and closed at the end. */
    record Pair(String url, TestApp a, TestApp b) {
    }

    static final Map<String, Pair> PAIRS = new ConcurrentHashMap<>();

    static List<String> kinds() {
        return TestDatabases.kinds();
    }

    static Pair pair(String kind) {
        return PAIRS.computeIfAbsent(kind, k -> {
            String url = TestDatabases.fresh(k);
            TestApp a = TestApp.startOn(url, Map.of());
            return new Pair(url, a, TestApp.startOn(url, Map.of()));
        });
    }

    @AfterAll
    static void stop() {
        for (Pair p : PAIRS.values()) {
            p.b().close();
            p.a().close();
            TestDatabases.drop(p.url());
        }
    }

    /** The same browser (cookie jar) talking to instance b: what a load balancer does between requests. */
    private static TestClient onB(Pair p, TestClient onA) {
        TestClient c = p.b().client();
        c.setCookie(SessionRepository.COOKIE, onA.cookieValue(SessionRepository.COOKIE));
        return c;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void aSessionMadeOnOneInstanceWorksOnTheOtherAndEndsOnBoth(String kind) {
        Pair p = pair(kind);
        TestClient onA = p.a().client();
        assertThat(onA.register("Shared-" + kind, "lantern orbit cactus 77").status()).isEqualTo(302);
        TestClient onB = onB(p, onA);
        TestClient.Response settings = onB.get("/settings");
        assertThat(settings.status()).isEqualTo(200);
        assertThat(settings.html().select(".site-header a.me").text()).isEqualTo("Shared-" + kind);

        // the CSRF token is the session's, so a form from A posts fine to B: B signs out, and A's copy is dead
        String tokenFromA = onA.csrf("/settings");
        assertThat(onB.postWithToken("/logout", tokenFromA, form()).status()).isEqualTo(302);
        assertThat(onA.get("/settings").location()).startsWith("/login");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void aSignInFormFromOneInstanceIsAcceptedByTheOther(String kind) {
        Pair p = pair(kind);
        p.a().account("Shared-form-" + kind);
        TestClient onA = p.a().client();
        String token = onA.csrf("/login"); // made with the secret both instances read from the database
        TestClient onB = p.b().client();
        onB.setCookie(VisitorTokens.COOKIE, onA.cookieValue(VisitorTokens.COOKIE));
        assertThat(onB.postWithToken("/login", token, form("name", "Shared-form-" + kind, "password", TestApp.PASSWORD))
                .status()).isEqualTo(302);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void endingAllSessionsOnOneInstanceEndsThemEverywhere(String kind) {
        Pair p = pair(kind);
        p.a().account("Shared-all-" + kind);
        TestClient onA = p.a().client();
        TestClient alsoB = p.b().client();
        assertThat(onA.login("Shared-all-" + kind, TestApp.PASSWORD).status()).isEqualTo(302);
        assertThat(alsoB.login("Shared-all-" + kind, TestApp.PASSWORD).status()).isEqualTo(302);
        assertThat(p.b().services().sessions().endAll(p.b().memberNamed("Shared-all-" + kind).id())).isEqualTo(2);
        assertThat(onA.get("/settings").location()).startsWith("/login");
        assertThat(alsoB.get("/settings").location()).startsWith("/login");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void rateLimitsAreCountedOnceAcrossInstances(String kind) {
        Pair p = pair(kind);
        String name = "Shared-limit-" + kind;
        p.a().account(name);
        int max = AccountHandlers.LOGIN_FAILURES_PER_NAME.max();
        for (int i = 0; i < max; i++) {
            TestApp app = i % 2 == 0 ? p.a() : p.b();
            assertRefused(app.client().login(name, "wrong password " + i), 422, "That name and password do not match. Check both and try again.");
        }
        // both instances now refuse, even the right password, and sign nobody in
        long member = p.a().memberNamed(name).id();
        assertRefusedMatching(p.a().client().login(name, TestApp.PASSWORD), 429,
                "Too many failed sign-ins for this name\\. Try again in \\d+ minutes?\\.");
        assertRefusedMatching(p.b().client().login(name, TestApp.PASSWORD), 429,
                "Too many failed sign-ins for this name\\. Try again in \\d+ minutes?\\.");
        assertThat(p.a().dsl().fetchCount(MEMBER_SESSION, MEMBER_SESSION.MEMBER_ID.eq(member))).isZero();
    }
}
