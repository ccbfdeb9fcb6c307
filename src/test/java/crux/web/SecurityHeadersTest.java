package crux.web;

import static crux.db.generated.Tables.MEMBER;
import static crux.db.generated.Tables.MEMBER_SESSION;
import static crux.testing.TestClient.form;
import static crux.testing.Refusals.assertRefused;
import static crux.testing.Refusals.assertRefusedMatching;
import static org.assertj.core.api.Assertions.assertThat;

import crux.accounts.web.AccountHandlers;
import crux.testing.TestApp;
import crux.testing.TestClient;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Security headers on every response: pages, redirects, errors of every kind, static files. */
class SecurityHeadersTest {

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

    /** The headers every response carries; used by other tests too (the 500 in HealthWhenDatabaseIsDownTest). */
    static void assertSecurityHeaders(TestClient.Response r, String what) {
        String csp = r.header("Content-Security-Policy").orElseThrow(() -> new AssertionError("no CSP on " + what));
        assertThat(csp).as(what).isEqualTo(Web.CSP);
        assertThat(csp).contains("default-src 'none'").contains("script-src 'self'").contains("frame-ancestors 'none'")
                .contains("base-uri 'none'").contains("object-src 'none'").contains("form-action 'self'")
                .doesNotContain("unsafe-inline").doesNotContain("unsafe-eval");
        assertThat(r.header("X-Content-Type-Options")).as(what).hasValue("nosniff");
        assertThat(r.header("X-Frame-Options")).as(what).hasValue("DENY");
        assertThat(r.header("Referrer-Policy")).as(what).hasValue("same-origin");
        assertThat(r.header("Server")).as(what).isEmpty();
        assertThat(r.header("X-Powered-By")).as(what).isEmpty();
        assertThat(r.body()).as(what).doesNotContainIgnoringCase("jetty").doesNotContainIgnoringCase("javalin")
                .doesNotContain("Exception").doesNotContain("at crux.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/items/{claim}", "/about", "/healthz", "/items/999999", "/static/css/crux.css",
            "/static/missing.css", "/webjars/htmx.org/2.0.10/dist/htmx.min.js", "/login", "/register", "/users/nobody",
            "/settings", "/mod", "/admin", "/nothing/here", "/items/abc", "/favicon.ico", "/feed.atom", "/items/{claim}.json",
            "/items/{prediction}/forecasts.csv", "/items/{claim}/feed.atom", "/items/{claim}/live/stance", "/items/{claim}/live/debate"})
    void everyResponseCarriesTheSecurityHeaders(String template) {
        // the seeded items are known only once the app runs: {claim} and {prediction} are its first of each
        String path = template.replace("{claim}", Long.toString(app.claim(1)))
                .replace("{prediction}", Long.toString(app.prediction(1)));
        TestClient.Response r = app.client().get(path);
        assertSecurityHeaders(r, path + " (" + r.status() + ")");
    }

    @Test
    void redirectsCarryThem() {
        TestClient.Response r = app.client().get("/settings");
        assertThat(r.status()).isEqualTo(302);
        assertSecurityHeaders(r, "redirect");
        TestClient m = app.member("Hdr-redirect");
        TestClient.Response afterPost = m.submit("/settings", "/logout", form());
        assertThat(afterPost.status()).isEqualTo(302);
        assertSecurityHeaders(afterPost, "redirect after a post");
    }

    @Test
    void refusalsCarryThem() {
        TestClient c = app.client();
        TestClient m = app.member("Hdr-multipart");
        String token = m.csrf("/settings");
        var before = app.snapshot(MEMBER, MEMBER_SESSION);
        TestClient.Response forbidden = c.post("/logout", form());
        assertRefused(forbidden, 403, "This form has expired or did not come from Crux. Please reload the page and try again.");
        assertSecurityHeaders(forbidden, "403");

        TestClient.Response wrongMethod = c.post("/about", form());
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertSecurityHeaders(wrongMethod, "405");
        TestClient.Response put = c.send(HttpRequest.newBuilder(URI.create(c.base() + "/"))
                .PUT(HttpRequest.BodyPublishers.noBody()), "/");
        assertThat(put.status()).isEqualTo(405);
        assertSecurityHeaders(put, "405 PUT");

        TestClient.Response tooLarge = c.postRaw("/login", "application/x-www-form-urlencoded",
                new byte[(int) Web.MAX_REQUEST_BYTES + 1024], Map.of("Origin", c.base()));
        assertRefused(tooLarge, 413, "What you sent is larger than Crux accepts.");
        assertSecurityHeaders(tooLarge, "413");

        TestClient.Response unreadable = c.postRaw("/login", "multipart/form-data; boundary=zzz",
                "--zzz\r\nbroken".getBytes(), Map.of("Origin", c.base()));
        assertRefused(unreadable, 400, "The request could not be understood. Please go back and try again.");
        assertThat(unreadable.html().select("main").text()).contains("The request could not be understood");
        // the same body with the token in a header reaches the handler, whose form reading fails the same way
        TestClient.Response inHandler = m.postRaw("/settings/password", "multipart/form-data; boundary=zzz",
                "--zzz\r\nbroken".getBytes(), Map.of("Origin", m.base(), "X-CSRF-Token", token));
        assertRefused(inHandler, 400, "The request could not be understood. Please go back and try again.");
        assertSecurityHeaders(unreadable, "400");
        assertThat(app.snapshot(MEMBER, MEMBER_SESSION)).as("no sign-out, no password changed").isEqualTo(before);
    }

    @Test
    void tooManyRequestsCarriesThemWithRetryAfter() {
        TestClient c = app.client();
        String token = c.csrf("/login");
        for (int i = 0; i <= AccountHandlers.LOGIN_PER_IP.max(); i++) {
            app.services().limiter().hit(AccountHandlers.LOGIN_PER_IP, "127.0.0.1");
        }
        var before = app.snapshot(MEMBER_SESSION);
        TestClient.Response r = c.postWithToken("/login", token, form("name", "x", "password", "y"));
        assertRefusedMatching(r, 429, "Too many sign-in attempts from your network\\. Try again in \\d+ minutes?\\.");
        assertThat(app.snapshot(MEMBER_SESSION)).isEqualTo(before);
        assertThat(r.header("Retry-After")).isPresent();
        assertThat(r.header("Cache-Control")).hasValue("no-store");
        assertSecurityHeaders(r, "429");
    }

    @Test
    void pagesForASignedInMemberAreNeverStored() {
        TestClient m = app.member("Hdr-private");
        for (String path : new String[] {"/", "/about", "/items/" + app.claim(1), "/users/Hdr-private", "/settings", "/nothing"}) {
            TestClient.Response r = m.get(path);
            assertThat(r.header("Cache-Control")).as(path).hasValue("no-store");
            assertSecurityHeaders(r, path + " signed in");
        }
        // forms carrying a visitor's token are private too
        assertThat(app.client().get("/login").header("Cache-Control")).hasValue("no-store");
        assertThat(app.client().get("/register").header("Cache-Control")).hasValue("no-store");
        // while what every anonymous reader sees alike may be cached
        assertThat(app.client().get("/").header("Cache-Control").orElse("")).doesNotContain("no-store");
        assertThat(app.client().get("/static/css/crux.css").header("Cache-Control")).hasValue("public, max-age=3600");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/static/../pom.xml", "/static/%2e%2e/pom.xml", "/static/..%2fpom.xml",
            "/static/%2e%2e%2fdb/migration/V3__members_and_sessions.sql", "/static/../templates/layout.html",
            "/static//etc/passwd", "/static/..%5Cpom.xml", "/webjars/../pom.xml", "/static/css/../../pom.xml"})
    void staticFilesNeverReachOutsideTheStaticFolder(String path) {
        TestClient.Response r = app.client().send(HttpRequest.newBuilder(URI.create(app.baseUrl() + path)).GET(), path);
        assertThat(r.status()).as(path).isIn(400, 404);
        assertThat(r.body()).doesNotContain("<project").doesNotContain("CREATE TABLE").doesNotContain("th:fragment")
                .doesNotContain("root:");
    }

    @Test
    void errorPagesCarryARequestIdThatIsAlsoInTheHeader() {
        TestClient.Response r = app.client().get("/nothing/here");
        assertRefused(r, 404, "There is nothing at this address. It may have been mistyped, or the thing it pointed to no longer exists.");
        String id = r.header("X-Request-Id").orElseThrow();
        assertThat(r.html().select(".request-id code").text()).isEqualTo(id);
    }
}
