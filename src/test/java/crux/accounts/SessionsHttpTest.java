package crux.accounts;

import static crux.db.generated.Tables.ITEM;
import static crux.db.generated.Tables.ITEM_FOLLOW;
import static crux.db.generated.Tables.MEMBER_SESSION;
import static crux.testing.TestClient.form;
import static crux.testing.Refusals.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import crux.testing.MutableClock;
import crux.testing.TestApp;
import crux.testing.TestClient;
import crux.web.VisitorTokens;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Sessions over HTTP: the cookie, a new token at sign-in, expiry, listing and ending them. Time is a MutableClock. */
class SessionsHttpTest {

    static final MutableClock clock = MutableClock.atNow();
    static TestApp app;

    @BeforeAll
    static void start() {
        app = TestApp.start("h2", Map.of(), clock);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @BeforeEach
    void freshLimits() {
        app.resetLimits();
    }

    private static String cookie(TestClient.Response r, String name) {
        List<String> set = r.headers().allValues("Set-Cookie").stream()
                .filter(h -> h.startsWith(name + "=")).toList();
        assertThat(set).hasSize(1);
        return set.get(0);
    }

    @Test
    void theCookiesAreHttpOnlySameSiteLaxPathRootAndNotSecureOverPlainHttp() {
        app.account("Cookie-monster");
        TestClient c = app.client();
        TestClient.Response form = c.get("/login");
        TestClient.Response in = c.submit("/login", "/login", form("name", "Cookie-monster", "password", TestApp.PASSWORD));
        assertThat(in.status()).isEqualTo(302);
        for (String header : List.of(cookie(form, VisitorTokens.COOKIE), cookie(in, SessionRepository.COOKIE))) {
            assertThat(header).matches("(" + SessionRepository.COOKIE + "|" + VisitorTokens.COOKIE + ")=[A-Za-z0-9_-]{43};.*")
                    .contains("; Path=/").contains("; HttpOnly").contains("; SameSite=Lax")
                    .doesNotContain("Secure").doesNotContain("Domain=")
                    // a browser-session cookie: the server decides when the session ends
                    .doesNotContain("Expires=").doesNotContain("Max-Age=");
        }
    }

    @Test
    void theDatabaseHoldsOnlyTheHashOfTheToken() throws Exception {
        TestClient c = app.member("Hashed");
        String token = c.cookieValue(SessionRepository.COOKIE);
        String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes()));
        String everything = app.snapshot().toString();
        assertThat(everything).doesNotContain(token).contains(hash);
    }

    @Test
    void signingInIssuesANewTokenAndPlantedCookiesAreWorthless() {
        app.account("Victim");
        // the attacker plants cookies in the victim's browser: the visitor cookie of their own sign-in form, and a
        // session token of their choosing (an anonymous form view makes no session to plant)
        TestClient attacker = app.client();
        attacker.get("/login");
        assertThat(attacker.cookieValue(SessionRepository.COOKIE)).isNull();
        String plantedVisitor = attacker.cookieValue(VisitorTokens.COOKIE);
        assertThat(plantedVisitor).isNotNull();
        String planted = "attacker-chosen-session-token-0123456789abc";
        TestClient victim = app.client();
        victim.setCookie(SessionRepository.COOKIE, planted);
        victim.setCookie(VisitorTokens.COOKIE, plantedVisitor);

        TestClient.Response r = victim.submit("/login", "/login", form("name", "Victim", "password", TestApp.PASSWORD));
        assertThat(r.status()).isEqualTo(302);
        String issued = victim.cookieValue(SessionRepository.COOKIE);
        assertThat(issued).isNotEqualTo(planted);
        assertThat(app.services().sessions().find(planted)).as("the planted token finds no session").isEmpty();
        assertThat(app.services().sessions().find(issued)).hasValueSatisfying(s ->
                assertThat(s.member().name()).isEqualTo("Victim"));

        assertThat(attacker.get("/settings").location()).startsWith("/login");
        assertThat(attacker.get("/").html().select(".site-header a.me")).isEmpty();
        assertThat(victim.get("/settings").status()).isEqualTo(200);
    }

    @Test
    void registeringAlsoIssuesANewToken() {
        TestClient c = app.client();
        c.get("/register");
        String before = c.cookieValue(SessionRepository.COOKIE);
        assertThat(c.register("Newcomer", "lantern orbit cactus 77").status()).isEqualTo(302);
        assertThat(c.cookieValue(SessionRepository.COOKIE)).isNotEqualTo(before);
        assertThat(app.services().sessions().find(before)).isEmpty();
    }

    @Test
    void aMemberSeesWhereTheyAreSignedInAndEndsASession() {
        app.account("Lena");
        TestClient laptop = app.client();
        TestClient phone = app.client();
        assertThat(laptop.login("Lena", TestApp.PASSWORD).status()).isEqualTo(302);
        assertThat(phone.login("Lena", TestApp.PASSWORD).status()).isEqualTo(302);
        long phoneSession = app.services().sessions().find(phone.cookieValue(SessionRepository.COOKIE)).orElseThrow().id();

        Document settings = laptop.get("/settings").html();
        List<Element> rows = settings.select("#sessions li");
        assertThat(rows).hasSize(2);
        assertThat(settings.select("#sessions li .badge").eachText()).containsExactly("This browser");
        assertThat(settings.select("#sessions li .meta").text()).contains("127.0.0.1");
        String endPhone = "/settings/sessions/" + phoneSession + "/end";
        assertThat(settings.select("#sessions form").eachAttr("action")).contains(endPhone);

        TestClient.Response ended = laptop.submit("/settings", endPhone, form());
        assertThat(ended.status()).isEqualTo(302);
        assertThat(ended.location()).isEqualTo("/settings#sessions");
        assertThat(phone.get("/settings").location()).startsWith("/login");
        assertThat(laptop.get("/settings").html().select("#sessions li")).hasSize(1);

        // ending the current session signs out here
        long laptopSession = app.services().sessions().find(laptop.cookieValue(SessionRepository.COOKIE)).orElseThrow().id();
        TestClient.Response self = laptop.submit("/settings", "/settings/sessions/" + laptopSession + "/end", form());
        assertThat(self.location()).isEqualTo("/");
        assertThat(laptop.get("/settings").location()).startsWith("/login");
    }

    @Test
    void noOneEndsAnotherMembersSession() {
        TestClient mallory = app.member("Mallory");
        TestClient alice = app.member("Alice-s");
        long alicesSession = app.services().sessions().find(alice.cookieValue(SessionRepository.COOKIE)).orElseThrow().id();
        String token = mallory.csrf("/settings");
        var before = app.snapshot();
        for (String id : List.of(Long.toString(alicesSession), "0", "-1", "abc", "99999999999", "1e3")) {
            TestClient.Response r = mallory.postWithToken("/settings/sessions/" + id + "/end", token, form());
            assertRefused(r, 404, "There is nothing at this address. It may have been mistyped, or the thing it pointed to no longer exists.");
        }
        assertThat(app.snapshot()).isEqualTo(before);
        assertThat(alice.get("/settings").status()).isEqualTo(200);
    }

    @Test
    void endAllSignsAMemberOutOfEveryBrowserAtOnce() {
        app.account("Troll");
        TestClient one = app.client();
        TestClient two = app.client();
        one.login("Troll", TestApp.PASSWORD);
        two.login("Troll", TestApp.PASSWORD);
        TestClient bystander = app.member("Bystander");
        assertThat(one.get("/settings").status()).isEqualTo(200);
        assertThat(two.get("/settings").status()).isEqualTo(200);

        assertThat(app.services().sessions().endAll(app.memberNamed("Troll").id())).isEqualTo(2);

        assertThat(one.get("/settings").location()).startsWith("/login");
        assertThat(two.get("/settings").location()).startsWith("/login");
        assertThat(one.get("/").html().select(".site-header a.me")).isEmpty();
        assertThat(bystander.get("/settings").status()).isEqualTo(200);
        assertThat(app.dsl().fetchCount(MEMBER_SESSION, MEMBER_SESSION.MEMBER_ID.eq(app.memberNamed("Troll").id())))
                .isZero();
    }

    /**
     * A content page takes the session as it was read at most {@link SessionRepository#KEPT_FOR} before (one statement
     * fewer); ended meanwhile without a write on this instance (by another instance, a command), the session still
     * reads a content page for that long, but never an account page or a write, which read it afresh at once.
     */
    @Test
    void aContentPageMayTakeASessionReadAMomentAgoButAccountPagesAndWritesNever() {
        TestClient c = app.member("Kept-reader");
        long item = app.dsl().select(ITEM.ID).from(ITEM).where(ITEM.KIND.eq("claim")).orderBy(ITEM.ID).limit(1)
                .fetchOne().value1();
        String page = "/items/" + item;
        String token = c.csrf(page);
        assertThat(me(c.get(page))).isEqualTo("Kept-reader");
        int fresh = app.warmStatements(c, page);
        TestClient.Response kept = c.get(page);
        assertThat(me(kept)).isEqualTo("Kept-reader");
        assertThat(Integer.parseInt(kept.header("X-Sql-Statements").orElseThrow())).as("the session kept")
                .isEqualTo(fresh - 1);

        assertThat(app.services().sessions().endAll(app.memberNamed("Kept-reader").id())).isEqualTo(1);
        assertThat(me(c.get(page))).as("a content page a moment later").isEqualTo("Kept-reader");
        assertThat(c.get("/settings").location()).as("an account page").startsWith("/login");
        assertRefused(c.postWithToken(page + "/follow", token, form()), 403,
                "This form has expired or did not come from Crux. Please reload the page and try again.");
        assertThat(app.dsl().fetchCount(ITEM_FOLLOW, ITEM_FOLLOW.MEMBER_ID.eq(app.memberNamed("Kept-reader").id())))
                .as("nothing stored").isZero();
        // the refused write forgot what was kept, so the next page reads the session afresh
        assertThat(me(c.get(page))).isEmpty();
    }

    @Test
    void aKeptSessionIsReadAgainAfterASecondOrAfterAnyWriteOnTheInstance() {
        TestClient c = app.member("Kept-later");
        long member = app.memberNamed("Kept-later").id();
        assertThat(me(c.get("/"))).isEqualTo("Kept-later");
        app.services().sessions().endAll(member);
        assertThat(me(c.get("/"))).isEqualTo("Kept-later");
        clock.advance(SessionRepository.KEPT_FOR);
        assertThat(me(c.get("/"))).as("read again once kept for a second").isEmpty();

        TestClient d = app.member("Kept-other");
        assertThat(me(d.get("/"))).isEqualTo("Kept-other");
        app.services().sessions().endAll(app.memberNamed("Kept-other").id());
        assertThat(me(d.get("/"))).isEqualTo("Kept-other");
        long item = app.dsl().select(ITEM.ID).from(ITEM).orderBy(ITEM.ID).limit(1).fetchOne().value1();
        TestClient writer = app.member("Kept-writer");
        assertThat(writer.submit("/items/" + item, "/items/" + item + "/follow", form()).status())
                .as("a write on this instance, by someone else").isEqualTo(302);
        assertThat(me(d.get("/"))).as("read again after a write").isEmpty();
    }

    private static String me(TestClient.Response r) {
        assertThat(r.status()).isEqualTo(200);
        return r.html().select(".site-header a.me").text();
    }

    @Test
    void aSessionLeftIdleEnds() {
        TestClient c = app.member("Idle");
        clock.advance(SessionRepository.IDLE_TIMEOUT.minusDays(1));
        assertThat(c.get("/settings").status()).as("used within the idle timeout").isEqualTo(200);
        clock.advance(SessionRepository.IDLE_TIMEOUT.minusDays(1));
        assertThat(c.get("/settings").status()).as("activity moved the idle deadline").isEqualTo(200);
        clock.advance(SessionRepository.IDLE_TIMEOUT.plusMinutes(1));
        assertThat(c.get("/settings").location()).startsWith("/login");
        assertThat(c.get("/").html().select(".site-header a.me")).isEmpty();
    }

    @Test
    void aSessionInUseStillEndsAtItsAbsoluteLifetime() {
        TestClient c = app.member("Busy-bee");
        Duration lived = Duration.ZERO;
        Duration step = Duration.ofDays(5);
        while (lived.plus(step).compareTo(SessionRepository.ABSOLUTE_LIFETIME) < 0) {
            clock.advance(step);
            lived = lived.plus(step);
            assertThat(c.get("/settings").status()).as("after %s", lived).isEqualTo(200);
        }
        clock.advance(SessionRepository.ABSOLUTE_LIFETIME.minus(lived).plusMinutes(1));
        assertThat(c.get("/settings").location()).startsWith("/login");
    }

    @Test
    void aLoginFormLeftOpenTooLongAsksForAReload() {
        app.account("Slowpoke");
        TestClient c = app.client();
        String token = c.csrf("/login");
        clock.advance(VisitorTokens.LIFETIME.plusMinutes(1));
        int sessions = app.count(MEMBER_SESSION);
        TestClient.Response r = c.postWithToken("/login", token, form("name", "Slowpoke", "password", TestApp.PASSWORD));
        assertRefused(r, 403, "This form has expired or did not come from Crux. Please reload the page and try again.");
        assertThat(r.html().select("main").text()).contains("This form has expired");
        assertThat(app.count(MEMBER_SESSION)).isEqualTo(sessions);
        // reloading the form gives a new token, and then it works
        assertThat(c.login("Slowpoke", TestApp.PASSWORD).status()).isEqualTo(302);
    }
}
