package crux.moderation;

import static crux.testing.TestClient.form;
import static org.assertj.core.api.Assertions.assertThat;

import crux.accounts.SessionRepository;
import crux.debate.PostTokens;
import crux.testing.TestApp;
import crux.testing.TestClient;
import crux.web.Access;
import crux.web.Route;
import io.javalin.http.HandlerType;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every moderation route (all of /mod and /admin, and flagging) against six kinds of visitor: refusals are 403 or a
 * redirect to sign in or two-factor, and change nothing at all; the allowed get past the gate.
 */
class ModerationAccessMatrixTest {

    static TestApp app;
    static Map<String, TestClient> clients = new LinkedHashMap<>();
    static long comment;

    @BeforeAll
    static void start() {
        app = TestApp.start();
        TestClient author = app.member("matrixauthor");
        TestClient.Response r = author.submit("/about", "/items/" + app.claim(1) + "/arguments",
                form("side", "supports", "body", "The matrix comment.", "token", PostTokens.next()));
        comment = Long.parseLong(r.location().replaceAll(".*#comment-", ""));
        TestClient moderator = app.member("matrixmod", "moderator");
        app.member("matrixsusp");
        TestClient suspended = app.member("matrixsusp2");
        assertThat(moderator.submit("/about", "/mod/members/matrixsusp2/suspend",
                form("until", LocalDate.now().plusDays(5).toString(), "reason", "matrix")).status()).isEqualTo(302);
        app.member("matrixnomfa", "moderator");
        SessionRepository.Created noMfa = app.services().sessions().create(app.memberNamed("matrixnomfa"), false,
                "test", "127.0.0.1");
        TestClient withoutTwoFactor = app.client();
        withoutTwoFactor.setCookie(SessionRepository.COOKIE, noMfa.token());
        TestClient anonymous = app.client();
        anonymous.get("/login");
        clients.put("anonymous", anonymous);
        clients.put("member", app.member("matrixmember"));
        clients.put("suspended", suspended);
        clients.put("moderator without two-factor", withoutTwoFactor);
        clients.put("moderator", moderator);
        clients.put("admin", app.member("matrixadmin", "admin"));
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    static boolean allowed(String who, Route r) {
        return switch (r.access()) {
            case PUBLIC, TOKEN -> true;
            case MEMBER, ACCOUNT -> r.method() == HandlerType.GET ? !who.equals("anonymous")
                    : !who.equals("anonymous") && !who.equals("suspended");
            case MODERATOR -> who.equals("moderator") || who.equals("admin");
            case ADMIN -> who.equals("admin");
        };
    }

    static String concrete(Route r) {
        return r.path().replace("{name}", "matrixsusp").replace("{slug}", crux.testing.Seeded.ARTICLE_SLUG)
                .replace("{id}", r.path().startsWith("/comments")
                || r.path().startsWith("/mod/comments") ? Long.toString(comment) : "2");
    }

    static TestClient.Response request(TestClient c, Route r) {
        if (r.method() == HandlerType.GET) {
            return c.get(concrete(r));
        }
        String token = c.csrf("/login");
        return c.postWithToken(concrete(r), token, form("reason", "matrix", "note", "", "until",
                LocalDate.now().plusDays(2).toString(), "name", "matrixsusp", "role", "member"));
    }

    @TestFactory
    Stream<DynamicTest> everyModerationRouteAgainstEveryKindOfVisitor() {
        List<Route> routes = app.routes().stream().filter(r -> r.path().startsWith("/mod")
                || r.path().startsWith("/admin") || r.path().endsWith("/flag")).toList();
        assertThat(routes).extracting(Route::path).contains("/mod", "/mod/comments/{id}/hide", "/comments/{id}/flag",
                "/mod/items/{id}/lock", "/admin");
        return routes.stream().map(r -> DynamicTest.dynamicTest(r.method() + " " + r.path(), () -> {
            for (var e : clients.entrySet()) {
                String who = e.getKey();
                app.resetLimits();
                var before = app.snapshot();
                TestClient.Response resp = request(e.getValue(), r);
                String location = resp.header("Location").orElse("");
                boolean gateRefused = resp.status() == 403
                        || (resp.status() == 302 && (location.startsWith("/login") || location.startsWith("/two-factor")
                        || location.startsWith("/settings/two-factor")));
                assertThat(resp.status()).as("%s %s as %s", r.method(), r.path(), who).isLessThan(500);
                if (allowed(who, r)) {
                    assertThat(gateRefused && (resp.status() != 403 || resp.html().select("main").text()
                            .matches("(?s).*(This page is for|Please sign in|suspended).*")))
                            .as("%s %s should be open to %s (%d %s)", r.method(), r.path(), who, resp.status(), location)
                            .isFalse();
                } else {
                    assertThat(gateRefused).as("%s %s should refuse %s (got %d)", r.method(), r.path(), who,
                            resp.status()).isTrue();
                    if (who.equals("moderator without two-factor") && (r.access() == Access.MODERATOR)) {
                        assertThat(location).startsWith("/two-factor");
                    }
                    assertThat(app.snapshotWithoutCounters()).as("nothing changed by %s on %s", who, r.path())
                            .isEqualTo(withoutCounters(before));
                }
            }
        }));
    }

    static Map<String, List<String>> withoutCounters(Map<String, List<String>> all) {
        Map<String, List<String>> m = new TreeMap<>(all);
        m.remove(crux.db.generated.Tables.RATE_COUNTER.getName());
        return m;
    }
}
