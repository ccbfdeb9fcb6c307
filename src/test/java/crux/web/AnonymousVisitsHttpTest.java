package crux.web;

import static crux.db.generated.Tables.ITEM;
import static crux.db.generated.Tables.MEMBER;
import static crux.db.generated.Tables.MEMBER_SESSION;
import static crux.testing.TestClient.form;
import static org.assertj.core.api.Assertions.assertThat;

import crux.accounts.SessionRepository;
import crux.testing.TestApp;
import crux.testing.TestClient;
import io.javalin.http.HandlerType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Anonymous visitors store nothing: every page of the route table, viewed again and again, leaves every row of every
 * table as it was, the sign-in and registration forms included (their CSRF token is a signed cookie pair, not a
 * row). A session row is made at sign-in only, and a form token that is missing, forged or someone else's is refused
 * with nothing stored.
 */
class AnonymousVisitsHttpTest {

    /** Views of each page per visitor kind: enough that anything stored per view would show many times over. */
    static final int VIEWS = 5;

    static TestApp app;

    @BeforeAll
    static void start() {
        app = TestApp.start();
        app.account("Anon-existing");
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @BeforeEach
    void freshLimits() {
        app.resetLimits();
    }

    /** Every GET route (path parameters as the route table security test fills them), and every item's page. */
    static List<String> pages() {
        List<String> paths = new ArrayList<>();
        for (Route r : app.routes()) {
            if (r.method() == HandlerType.GET) {
                paths.add(RouteTableSecurityTest.concrete(r));
            }
        }
        for (Long id : app.dsl().select(ITEM.ID).from(ITEM).fetch(ITEM.ID)) {
            paths.add("/items/" + id);
            paths.add("/items/" + id + "/feed.atom");
            paths.add("/items/" + id + ".json");
        }
        paths.add("/users/Anon-existing");
        return paths;
    }

    @Test
    void viewingEveryPageAnonymouslyStoresNothing() {
        List<String> pages = pages();
        assertThat(pages).contains("/login", "/register", "/", "/feed.atom", "/healthz");
        var before = app.snapshot();
        TestClient returning = app.client(); // keeps its cookies, as a browser does
        for (int i = 0; i < VIEWS; i++) {
            for (String path : pages) {
                TestClient.Response first = app.client().get(path); // a new visitor every time, no cookies at all
                assertThat(first.status()).as(path).isLessThan(500);
                assertThat(returning.get(path).status()).as(path).isLessThan(500);
            }
        }
        assertThat(app.snapshot()).isEqualTo(before);
        assertThat(returning.cookieValue(SessionRepository.COOKIE)).isNull();
    }

    @Test
    void theFormsWorkWithoutJavaScriptAndOnlySigningInMakesASession() {
        TestClient c = app.client();
        int sessions = app.count(MEMBER_SESSION);
        TestClient.Response registered = c.register("Anon-newcomer", TestApp.PASSWORD);
        assertThat(registered.status()).isEqualTo(302);
        assertThat(app.count(MEMBER_SESSION)).isEqualTo(sessions + 1);
        assertThat(c.get("/settings").status()).isEqualTo(200);

        TestClient other = app.client();
        assertThat(other.get("/login").html().select("form[action=/login] input[name=_csrf]").attr("value"))
                .matches("\\d+\\.[A-Za-z0-9_-]{43}");
        assertThat(app.count(MEMBER_SESSION)).isEqualTo(sessions + 1);
        TestClient.Response wrong = other.login("Anon-existing", "not the password at all");
        assertThat(wrong.status()).isEqualTo(422);
        // the form comes back with a token that works
        String again = wrong.html().select("form[action=/login] input[name=_csrf]").attr("value");
        TestClient.Response signedIn = other.postWithToken("/login", again,
                form("name", "Anon-existing", "password", TestApp.PASSWORD));
        assertThat(signedIn.status()).isEqualTo(302);
        assertThat(app.count(MEMBER_SESSION)).isEqualTo(sessions + 2);
        assertThat(other.get("/settings").status()).isEqualTo(200);
    }

    @Test
    void aMissingForgedOrBorrowedTokenIsRefusedWithNothingStored() {
        TestClient mine = app.client();
        String myToken = mine.csrf("/login");
        TestClient theirs = app.client();
        String theirToken = theirs.csrf("/register");
        Map<String, String> signIn = form("name", "Anon-existing", "password", TestApp.PASSWORD);
        Map<String, String> join = form("name", "Anon-forger", "password", TestApp.PASSWORD, "confirm", TestApp.PASSWORD);

        var before = app.snapshot();
        List<TestClient.Response> refused = new ArrayList<>();
        refused.add(mine.post("/login", signIn));                               // no token
        refused.add(mine.postWithToken("/login", theirToken, signIn));           // another visitor's token
        refused.add(mine.postWithToken("/register", theirToken, join));
        refused.add(mine.postWithToken("/login", myToken + "x", signIn));        // tampered
        String later = (Long.parseLong(myToken.substring(0, myToken.indexOf('.'))) + 60)
                + myToken.substring(myToken.indexOf('.'));
        refused.add(mine.postWithToken("/login", later, signIn));                // its time moved
        TestClient noCookie = app.client();
        refused.add(noCookie.postWithToken("/login", myToken, signIn));          // a token without its cookie
        TestClient stolenCookie = app.client();
        stolenCookie.setCookie(VisitorTokens.COOKIE, "C".repeat(43));
        refused.add(stolenCookie.postWithToken("/register", myToken, join));     // a cookie it was not made for
        for (TestClient.Response r : refused) {
            assertThat(r.status()).isEqualTo(403);
            assertThat(r.html().select("main").text()).contains("This form has expired or did not come from Crux");
        }
        assertThat(app.snapshot()).isEqualTo(before);
        assertThat(app.dsl().fetchCount(MEMBER, MEMBER.NAME.eq("Anon-forger"))).isZero();

        // and the real pair still works
        assertThat(mine.postWithToken("/login", myToken, signIn).status()).isEqualTo(302);
    }
}
