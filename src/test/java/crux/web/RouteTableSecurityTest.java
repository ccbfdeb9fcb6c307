package crux.web;

import static crux.testing.TestClient.form;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import crux.accounts.Role;
import crux.db.WriteBudget;
import crux.testing.TestApp;
import crux.testing.TestClient;
import io.javalin.http.HandlerType;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Walks the route table the running server was built from, so a route added tomorrow is checked too: every
 * non-GET route refuses a missing CSRF token, and every moderator or admin route refuses anonymous visitors and
 * plain members. Nothing is stored by any refusal.
 */
class RouteTableSecurityTest {

    static TestApp app;
    static TestClient anonymous;
    static TestClient member;
    static TestClient moderator;
    static TestClient admin;

    /** Fields that would make any of Crux's forms do something, were the check missing. */
    static final Map<String, String> PLAUSIBLE = form("name", "Route-member", "password", TestApp.PASSWORD,
            "confirm", TestApp.PASSWORD, "current", TestApp.PASSWORD, "role", "moderator", "reason", "because",
            "confirmWord", "DELETE", "code", "123456", "endOthers", "on");

    @BeforeAll
    static void start() {
        app = TestApp.start();
        anonymous = app.client();
        anonymous.get("/login"); // holds a visitor's token cookie, so refusals are about the route, not a missing cookie
        member = app.member("Route-member");
        moderator = app.member("Route-moderator", "moderator");
        admin = app.member("Route-admin", "admin");
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @BeforeEach
    void freshLimits() {
        app.resetLimits();
    }

    /** A concrete path for a route: each path parameter becomes 1 (a session id, an item id, a name). */
    static String concrete(Route r) {
        return r.path().replaceAll("\\{[^}]+}|<[^>]+>", "1");
    }

    static TestClient.Response request(TestClient c, Route r, String token) {
        String path = concrete(r);
        if (r.method() == HandlerType.GET) {
            return c.get(path);
        }
        Map<String, String> f = new java.util.LinkedHashMap<>(PLAUSIBLE);
        if (token != null) {
            f.put("_csrf", token);
        }
        return c.post(path, f);
    }

    @Test
    void theTableIsNotEmptyAndHoldsTheRoutesThisTestIsAbout() {
        List<String> lines = app.routes().stream().map(r -> r.method() + " " + r.path() + " " + r.access()).toList();
        assertThat(lines).contains("POST /login PUBLIC", "POST /register PUBLIC", "POST /logout ACCOUNT",
                "POST /settings/password ACCOUNT", "POST /settings/delete ACCOUNT", "GET /mod MODERATOR",
                "GET /admin ADMIN", "POST /admin/roles ADMIN", "POST /mail/unsubscribe/{token} TOKEN");
        assertThat(app.routes()).allSatisfy(r -> assertThat(r.method()).isIn(HandlerType.GET, HandlerType.POST));
    }

    @Test
    void aRouteCannotBeDeclaredWithoutSayingWhoMayUseIt() {
        assertThatThrownBy(() -> Route.post("/new", null, ctx -> { })).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("/new");
    }

    @TestFactory
    Stream<DynamicTest> everyNonGetRouteRefusesAMissingOrWrongCsrfToken() {
        // TOKEN routes (one-click unsubscribe) carry their proof in the path: a wrong one is refused with 404
        // and nothing stored, which NoticeMailHttpTest checks
        return app.routes().stream().filter(r -> r.method() != HandlerType.GET && r.access() != Access.TOKEN).map(r ->
                DynamicTest.dynamicTest(r.method() + " " + r.path(), () -> {
                    for (TestClient c : List.of(anonymous, member, moderator, admin)) {
                        var before = app.snapshot();
                        for (String token : new String[] {null, "", "x".repeat(43)}) {
                            TestClient.Response resp = request(c, r, token);
                            assertThat(resp.status()).as("%s %s with token %s", r.method(), r.path(), token)
                                    .isEqualTo(403);
                            assertThat(resp.html().select("main").text()).contains("This form has expired");
                        }
                        assertThat(app.snapshot()).as("nothing stored by %s %s", r.method(), r.path())
                                .isEqualTo(before);
                    }
                }));
    }

    @TestFactory
    Stream<DynamicTest> everyModeratorAndAdminRouteRefusesAnonymousVisitorsAndMembers() {
        return app.routes().stream().filter(r -> r.access() == Access.MODERATOR || r.access() == Access.ADMIN).map(r ->
                DynamicTest.dynamicTest(r.method() + " " + r.path() + " " + r.access(), () -> {
                    List<TestClient> refused = r.access() == Access.ADMIN
                            ? List.of(anonymous, member, moderator) : List.of(anonymous, member);
                    for (TestClient c : refused) {
                        var before = app.snapshot();
                        // with a valid token, so it is the access check that refuses, not the CSRF check
                        TestClient.Response resp = request(c, r, c.csrf("/login"));
                        if (c == anonymous && r.method() == HandlerType.GET) {
                            assertThat(resp.status()).isEqualTo(302);
                            assertThat(resp.location()).startsWith("/login?next=");
                        } else {
                            assertThat(resp.status()).as("%s on %s", who(c), r.path()).isEqualTo(403);
                            assertThat(resp.html().select("main").text())
                                    .containsAnyOf("Please sign in first.", "This page is for");
                        }
                        if (r.method() == HandlerType.GET) {
                            // HEAD runs the GET handler: it must pass the same gate
                            TestClient.Response head = c.send(java.net.http.HttpRequest.newBuilder(
                                    java.net.URI.create(c.base() + concrete(r)))
                                    .method("HEAD", java.net.http.HttpRequest.BodyPublishers.noBody()), r.path());
                            assertThat(head.status()).as("HEAD %s as %s", r.path(), who(c)).isEqualTo(resp.status());
                        }
                        assertThat(app.snapshot()).as("nothing stored by %s", who(c)).isEqualTo(before);
                    }
                }));
    }

    @Test
    void headStillAnswersPublicPagesLikeGet() {
        TestClient.Response head = anonymous.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(anonymous.base() + "/about")).method("HEAD",
                java.net.http.HttpRequest.BodyPublishers.noBody()), "/about");
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(head.header("Content-Security-Policy")).hasValue(Web.CSP);
    }

    @TestFactory
    Stream<DynamicTest> staffWhoHaveNotPassedTwoFactorInThisSessionAreSentToIt() {
        String name = "Route-nomfa";
        app.member(name, "admin");
        TestClient notPassed = app.signedInWithoutCode(name);
        TestClient notEnrolled = app.client();
        app.account("Route-noenrol");
        app.services().roles().set(WriteBudget.FREE, "Route-noenrol", Role.ADMIN, null, "test");
        notEnrolled.login("Route-noenrol", TestApp.PASSWORD);
        return app.routes().stream().filter(r -> r.access() == Access.MODERATOR || r.access() == Access.ADMIN).map(r ->
                DynamicTest.dynamicTest(r.method() + " " + r.path(), () -> {
                    var before = app.snapshot();
                    TestClient.Response prompt = request(notPassed, r, notPassed.csrf("/"));
                    assertThat(prompt.status()).isEqualTo(302);
                    assertThat(prompt.location()).startsWith("/two-factor?next=");
                    TestClient.Response enrol = request(notEnrolled, r, notEnrolled.csrf("/"));
                    assertThat(enrol.status()).isEqualTo(302);
                    assertThat(enrol.location()).isEqualTo("/settings/two-factor");
                    assertThat(app.snapshot()).isEqualTo(before);
                }));
    }

    @Test
    void staffWhoPassedTwoFactorGetIn() {
        assertThat(moderator.get("/mod").status()).isEqualTo(200);
        assertThat(admin.get("/mod").status()).isEqualTo(200);
        assertThat(admin.get("/admin").status()).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/MOD", "/Mod", "/mod/", "//mod", "/mod;x=1", "/mod;", "/%6dod", "/%6Dod", "/mod%2F",
            "/mod%2f", "/./mod", "/mod/.", "/x/../mod", "/%2e/mod", "/mod%20", "/mod%00", "/mod%09", "/%2fmod",
            "/mod?x=1", "/mod/%2e", "/mod//", "/.%2e/mod", "/mod..;/", "/mod%3B", "/ADMIN", "/admin/", "//admin",
            "/admin;x=1", "/%61dmin", "/admin%2F", "/./admin"})
    void pathTricksNeverOpenAStaffPageToAMember(String path) {
        for (TestClient c : List.of(member, anonymous)) {
            TestClient.Response r = c.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(c.base() + path))
                    .GET(), path);
            assertThat(r.status()).as("%s as %s", path, who(c)).isNotEqualTo(200).isIn(302, 400, 403, 404);
            assertThat(r.body()).doesNotContain("Moderation queue").doesNotContain("Moderators and admins");
            if (r.status() == 302) {
                assertThat(r.location()).startsWith("/login");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"HEAD", "OPTIONS", "TRACE", "PUT", "DELETE", "PATCH", "PROPFIND"})
    void otherMethodsNeverOpenAStaffPageToAMember(String method) {
        for (String path : new String[] {"/mod", "/admin"}) {
            for (TestClient c : List.of(member, anonymous)) {
                TestClient.Response r = c.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(c.base() + path))
                        .method(method, java.net.http.HttpRequest.BodyPublishers.noBody()), path);
                assertThat(r.status()).as("%s %s as %s", method, path, who(c)).isNotEqualTo(200);
                assertThat(r.body()).doesNotContain("Moderation queue").doesNotContain("Moderators and admins");
            }
        }
    }

    private static String who(TestClient c) {
        return c == anonymous ? "anonymous" : c == member ? "member" : c == moderator ? "moderator" : "admin";
    }
}
