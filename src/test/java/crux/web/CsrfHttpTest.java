package crux.web;

import static crux.db.generated.Tables.MEMBER;
import static crux.db.generated.Tables.MEMBER_SESSION;
import static crux.testing.TestClient.form;
import static org.assertj.core.api.Assertions.assertThat;

import crux.accounts.SessionRepository;
import crux.testing.TestApp;
import crux.testing.TestClient;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every state-changing request is a POST with the session's synchronizer token, sign-in and registration
 * included; cross-site posts are refused by Origin and Sec-Fetch-Site even before the token is looked at.
 */
class CsrfHttpTest {

    static final String PW = "lantern orbit cactus 77";
    static final String REFUSED = "This form has expired or did not come from Crux. Please reload the page and try again.";
    static final String CROSS_SITE = "This form was sent from another site and was refused.";

    static TestApp app;

    @BeforeAll
    static void start() {
        app = TestApp.start();
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @BeforeEach
    void freshLimits() {
        app.resetLimits();
    }

    private static void assertRefused(TestClient.Response r, String message) {
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.html().select("main").text()).contains(message);
    }

    @Test
    void signInAndRegistrationWithoutATokenAreRefused() {
        app.account("Csrf-target");
        TestClient c = app.client();
        c.get("/login"); // the visitor cookie is set: only the token is missing
        var before = app.snapshot();
        assertRefused(c.post("/login", form("name", "Csrf-target", "password", TestApp.PASSWORD)), REFUSED);
        assertRefused(c.post("/register", form("name", "Csrf-newbie", "password", PW, "confirm", PW)), REFUSED);
        assertRefused(c.post("/login", form("name", "Csrf-target", "password", TestApp.PASSWORD, "_csrf", "")), REFUSED);
        assertThat(app.snapshot()).as("no session, no member, not even a rate-limit count").isEqualTo(before);
    }

    @Test
    void aTokenWithoutAnySessionIsRefused() {
        TestClient c = app.client();
        var before = app.snapshot();
        assertRefused(c.post("/login", form("name", "x", "password", PW, "_csrf", SessionRepository.class.getName())),
                REFUSED);
        assertRefused(c.post("/register", form("name", "Csrf-nosession", "password", PW, "confirm", PW,
                "_csrf", "A".repeat(43))), REFUSED);
        assertThat(app.snapshot()).isEqualTo(before);
    }

    @Test
    void aWrongTokenOrAnotherSessionsTokenIsRefused() {
        TestClient mine = app.client();
        TestClient theirs = app.client();
        String myToken = mine.csrf("/register");
        String theirToken = theirs.csrf("/register");
        assertThat(myToken).isNotEqualTo(theirToken);
        var before = app.snapshot();
        Map<String, String> registration = form("name", "Csrf-other", "password", PW, "confirm", PW);
        assertRefused(mine.postWithToken("/register", theirToken, registration), REFUSED);
        assertRefused(mine.postWithToken("/register", myToken.substring(1) + "x", registration), REFUSED);
        assertRefused(mine.postWithToken("/register", myToken.toUpperCase(), registration), REFUSED);
        assertThat(app.snapshot()).isEqualTo(before);
        // the allowed side: the page's own token works
        assertThat(mine.postWithToken("/register", myToken, registration).status()).isEqualTo(302);
    }

    @Test
    void thePreLoginTokenIsWorthlessAfterSigningIn() {
        app.account("Csrf-rotate");
        TestClient c = app.client();
        String preLogin = c.csrf("/login");
        assertThat(c.postWithToken("/login", preLogin, form("name", "Csrf-rotate", "password", TestApp.PASSWORD))
                .status()).isEqualTo(302);
        var before = app.snapshot();
        assertRefused(c.postWithToken("/logout", preLogin, form()), REFUSED);
        assertThat(app.snapshot()).isEqualTo(before);
        assertThat(c.csrf("/settings")).isNotEqualTo(preLogin);
    }

    @Test
    void aMembersAccountActionsNeedTheirToken() {
        TestClient victim = app.member("Csrf-victim");
        TestClient attacker = app.member("Csrf-attacker");
        String attackersToken = attacker.csrf("/settings");
        var before = app.snapshot();
        for (String action : new String[] {"/logout", "/settings/password", "/settings/delete", "/two-factor",
                "/settings/two-factor"}) {
            Map<String, String> f = form("current", TestApp.PASSWORD, "password", "Hijacked-password-99",
                    "confirm", "Hijacked-password-99", "confirmWord", "DELETE", "endOthers", "on", "code", "123456");
            assertRefused(victim.post(action, f), REFUSED);
            assertRefused(victim.postWithToken(action, attackersToken, f), REFUSED);
        }
        assertThat(app.snapshot()).isEqualTo(before);
        assertThat(victim.get("/settings").status()).isEqualTo(200);
    }

    @Test
    void theTokenMayAlsoComeInAHeader() {
        TestClient c = app.member("Csrf-header");
        String token = c.csrf("/settings");
        var before = app.snapshot(MEMBER_SESSION);
        TestClient.Response wrong = c.post("/logout", Map.of(), Map.of("Origin", c.base(), "X-CSRF-Token", "nope"));
        assertRefused(wrong, REFUSED);
        assertThat(app.snapshot(MEMBER_SESSION)).as("still signed in").isEqualTo(before);
        TestClient.Response ok = c.post("/logout", Map.of(), Map.of("Origin", c.base(), "X-CSRF-Token", token));
        assertThat(ok.status()).isEqualTo(302);
        assertThat(c.get("/settings").location()).startsWith("/login");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://evil.example", "http://evil.example", "http://127.0.0.1:1", "http://localhost:PORT",
            "null", "http://127.0.0.1:PORT.evil.example", "not a url", "http://127.0.0.1:PORT@evil.example"})
    void aPostFromAnotherOriginIsRefusedEvenWithTheRightToken(String origin) {
        TestClient c = app.client();
        String token = c.csrf("/register");
        var before = app.snapshot();
        Map<String, String> f = form("name", "Csrf-origin", "password", PW, "confirm", PW, "_csrf", token);
        TestClient.Response r = c.post("/register", f, Map.of("Origin", origin.replace("PORT",
                Integer.toString(app.app().port()))));
        assertRefused(r, CROSS_SITE);
        assertThat(app.snapshot()).isEqualTo(before);
    }

    @ParameterizedTest
    @ValueSource(strings = {"cross-site", "same-site"})
    void aPostTheBrowserCallsCrossSiteIsRefused(String site) {
        TestClient c = app.client();
        String token = c.csrf("/register");
        var before = app.snapshot();
        Map<String, String> headers = new HashMap<>(Map.of("Sec-Fetch-Site", site));
        TestClient.Response r = c.post("/register",
                form("name", "Csrf-site", "password", PW, "confirm", PW, "_csrf", token), headers);
        assertRefused(r, CROSS_SITE);
        // even when the Origin header claims to be us
        headers.put("Origin", c.base());
        assertRefused(c.post("/register", form("name", "Csrf-site", "password", PW, "confirm", PW, "_csrf", token),
                headers), CROSS_SITE);
        assertThat(app.snapshot()).isEqualTo(before);
    }

    @ParameterizedTest
    @ValueSource(strings = {"same-origin", "none", ""})
    void sameOriginPostsAndOldBrowsersWithoutTheHeadersAreJudgedByTheToken(String site) {
        TestClient c = app.client();
        String token = c.csrf("/register");
        String name = "Csrf-ok-" + (site.isEmpty() ? "bare" : site);
        Map<String, String> headers = site.isEmpty() ? Map.of() : Map.of("Sec-Fetch-Site", site, "Origin", c.base());
        TestClient.Response r = c.post("/register", form("name", name, "password", PW, "confirm", PW, "_csrf", token),
                headers);
        assertThat(r.status()).isEqualTo(302);
        assertThat(app.dsl().fetchCount(MEMBER, MEMBER.NAME.eq(name))).isEqualTo(1);
    }

    @Test
    void stateIsNeverChangedByAnythingButPost() {
        TestClient c = app.member("Csrf-methods");
        String token = c.csrf("/settings");
        var before = app.snapshot();
        for (String path : new String[] {"/logout", "/settings/delete", "/settings/password", "/admin/roles",
                "/settings/sessions/1/end"}) {
            assertThat(c.get(path).status()).as("GET %s", path).isEqualTo(405);
            for (String method : new String[] {"PUT", "DELETE", "PATCH"}) {
                TestClient.Response r = c.send(HttpRequest.newBuilder(URI.create(c.base() + path))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("X-CSRF-Token", token)
                        .method(method, HttpRequest.BodyPublishers.ofString(
                                "password=" + TestApp.PASSWORD + "&confirmWord=DELETE&_csrf=" + token)), path);
                assertThat(r.status()).as("%s %s", method, path).isIn(404, 405);
            }
        }
        assertThat(app.snapshot()).isEqualTo(before);
        assertThat(c.get("/settings").status()).isEqualTo(200);
    }
}
