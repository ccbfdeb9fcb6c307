package crux.accounts;

import static crux.db.generated.Tables.MEMBER;
import static crux.db.generated.Tables.MEMBER_SESSION;
import static crux.testing.TestClient.form;
import static crux.testing.Refusals.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import crux.accounts.web.AccountHandlers;
import crux.testing.Html;
import crux.testing.TestApp;
import crux.testing.TestClient;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Registering, signing in and out, changing the password, deleting the account, profiles: over real HTTP. */
class AccountsHttpTest {

    static final String PW = "lantern orbit cactus 77";

    static TestApp app;

    @BeforeAll
    static void start() {
        app = TestApp.start();
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    /** Every test signs in from 127.0.0.1: each starts with fresh limits (RateLimitsHttpTest tests the limits). */
    @BeforeEach
    void freshLimits() {
        app.resetLimits();
    }

    @Test
    void registeringCreatesAMemberSignsThemInAndShowsTheirNameInTheHeader() {
        TestClient c = app.client();
        int members = app.count(MEMBER);
        TestClient.Response r = c.register("Margarethe", PW);
        assertThat(r.status()).isEqualTo(302);
        assertThat(r.location()).isEqualTo("/");
        assertThat(app.count(MEMBER)).isEqualTo(members + 1);

        Document home = c.get("/").html();
        assertThat(home.select(".site-header a.me").text()).isEqualTo("Margarethe");
        assertThat(home.select(".site-header a.me").attr("href")).isEqualTo("/users/Margarethe");
        Element logout = home.selectFirst(".site-header form[action=/logout][method=post]");
        assertThat(logout).isNotNull();
        assertThat(logout.select("button").text()).isEqualTo("Sign out");
        assertThat(logout.select("input[name=_csrf]").attr("value")).isEqualTo(home.selectFirst("meta[name=csrf-token]").attr("content"));
        assertThat(home.select(".site-header a[href=/login]")).isEmpty();
        assertThat(home.select(".flash").text()).isEqualTo("Welcome to Crux, Margarethe.");

        Member m = app.memberNamed("margarethe");
        assertThat(m.name()).isEqualTo("Margarethe");
        assertThat(m.role().code()).isEqualTo("member");
        String hash = app.services().accounts().passwordHash(m.id()).orElseThrow();
        assertThat(hash).startsWith("$argon2id$").doesNotContain(PW);
    }

    @Test
    void anonymousVisitorsSeeSignInAndJoin() {
        Document home = app.client().get("/").html();
        assertThat(home.select(".site-header a[href=/login]").text()).isEqualTo("Sign in");
        assertThat(home.select(".site-header a[href=/register]").text()).isEqualTo("Join");
        assertThat(home.select("form[action=/logout]")).isEmpty();
    }

    @ParameterizedTest(name = "{0} / {1} → {3}")
    @CsvSource(delimiter = '|', value = {
            "ab             | lantern orbit cactus 77 | lantern orbit cactus 77  | name     | Use 3 to 24 characters.",
            "ali\u200Bce    | lantern orbit cactus 77 | lantern orbit cactus 77  | name     | Names cannot contain invisible or text-direction characters.",
            "ali\u202Ece    | lantern orbit cactus 77 | lantern orbit cactus 77  | name     | Names cannot contain invisible or text-direction characters.",
            "Admin          | lantern orbit cactus 77 | lantern orbit cactus 77  | name     | That name is reserved. Please choose another.",
            "bad name       | lantern orbit cactus 77 | lantern orbit cactus 77  | name     | Use letters, digits, _ and - only, starting with a letter or digit.",
            "<b>x</b>       | lantern orbit cactus 77 | lantern orbit cactus 77  | name     | Use letters, digits, _ and - only, starting with a letter or digit.",
            "newbie1        | password123             | password123              | password | This password is too common or too easy to guess: This is a top-10 common password. Try a few unrelated words.",
            "newbie2        | Xq7#mP2!z               | Xq7#mP2!z                | password | Use at least 10 characters.",
            "newbie3        | lantern orbit cactus 77 | lantern orbit cactus 78  | confirm  | The two passwords are not the same.",
            "newbie4        | newbie4 rides a camel   | newbie4 rides a camel    | password | Your password must not contain your name.",
            "''             | lantern orbit cactus 77 | lantern orbit cactus 77  | name     | Choose a name."})
    void aRefusedRegistrationSaysWhyAndStoresNothing(String name, String password, String confirm, String field,
                                                     String message) {
        TestClient c = app.client();
        String token = c.csrf("/register");
        var before = app.snapshot();
        TestClient.Response r = c.postWithToken("/register", token,
                form("name", name, "password", password, "confirm", confirm));
        assertRefused(r, 422, message);
        Document doc = r.html();
        assertThat(Html.text(doc, "#" + field + "-error")).isEqualTo(message);
        assertThat(doc.select("#" + field).attr("aria-invalid")).isEqualTo("true");
        assertThat(doc.select("#" + field).attr("aria-describedby")).contains(field + "-error");
        // passwords are never sent back
        assertThat(doc.select("input[type=password]").eachAttr("value")).allMatch(String::isEmpty);
        assertThat(app.snapshot()).isEqualTo(before);
    }

    @Test
    void aPasswordLongerThan128CharactersIsRefused() {
        TestClient c = app.client();
        String token = c.csrf("/register");
        String tooLong = "lantern orbit cactus 77 ".repeat(6).substring(0, 129);
        var before = app.snapshot();
        TestClient.Response r = c.postWithToken("/register", token,
                form("name", "longpass", "password", tooLong, "confirm", tooLong));
        assertRefused(r, 422, "Use at most 128 characters.");
        assertThat(r.html().select("#password-error").text()).isEqualTo("Use at most 128 characters.");
        assertThat(app.snapshot()).isEqualTo(before);
    }

    @ParameterizedTest
    @ValueSource(strings = {"bob", "BOB", "Bob", "ｂｏｂ", " bob "})
    void aNameIsTakenWhateverItsCaseOrWidth(String name) {
        if (app.services().accounts().byName("Bob").isEmpty()) {
            app.member("Bob");
        }
        TestClient c = app.client();
        String token = c.csrf("/register");
        var before = app.snapshot(MEMBER, MEMBER_SESSION);
        TestClient.Response r = c.postWithToken("/register", token, form("name", name, "password", PW, "confirm", PW));
        assertRefused(r, 422, "That name is taken. Please choose another.");
        assertThat(r.html().select("#name-error").text()).isEqualTo("That name is taken. Please choose another.");
        assertThat(app.snapshot(MEMBER, MEMBER_SESSION)).isEqualTo(before);
    }

    @Test
    void sharpSAndDoubleSAreTheSameName() {
        assertThat(app.client().register("Straße", PW).status()).isEqualTo(302);
        TestClient c = app.client();
        String token = c.csrf("/register");
        int members = app.count(MEMBER);
        TestClient.Response r = c.postWithToken("/register", token, form("name", "STRASSE", "password", PW, "confirm", PW));
        assertRefused(r, 422, "That name is taken. Please choose another.");
        assertThat(app.count(MEMBER)).isEqualTo(members);
    }

    @Test
    void signingOutEndsTheSessionOnTheServerAndSigningInStartsANewOne() {
        TestClient c = app.client();
        assertThat(c.register("Walter", PW).status()).isEqualTo(302);
        String token = c.cookieValue(SessionRepository.COOKIE);
        assertThat(app.services().sessions().find(token)).hasValueSatisfying(s -> assertThat(s.signedIn()).isTrue());

        TestClient.Response out = c.submit("/", "/logout", form());
        assertThat(out.status()).isEqualTo(302);
        assertThat(out.location()).isEqualTo("/");
        assertThat(out.headers().allValues("Set-Cookie")).anyMatch(h -> h.startsWith(SessionRepository.COOKIE + "=;")
                && h.contains("Expires=Thu, 01 Jan 1970"));
        assertThat(app.services().sessions().find(token)).isEmpty();
        assertThat(sessionsOf("Walter")).isZero();
        assertThat(c.get("/settings").location()).isEqualTo("/login?next=%2Fsettings");
        assertThat(c.get("/").html().select(".flash").text()).isEqualTo("You have signed out.");

        // someone who kept a copy of the cookie gets nothing from it
        TestClient copy = app.client();
        copy.setCookie(SessionRepository.COOKIE, token);
        assertThat(copy.get("/settings").status()).isEqualTo(302);

        TestClient.Response in = c.login("walter", PW);
        assertThat(in.status()).isEqualTo(302);
        assertThat(in.location()).isEqualTo("/");
        assertThat(c.cookieValue(SessionRepository.COOKIE)).isNotEqualTo(token);
        assertThat(c.get("/").html().select(".site-header a.me").text()).isEqualTo("Walter");
        assertThat(sessionsOf("Walter")).isEqualTo(1);
    }

    @Test
    void anUnknownNameAndAWrongPasswordLookTheSame() {
        app.account("Hedwig");
        TestClient wrongPassword = app.client();
        TestClient unknownName = app.client();
        TestClient.Response a = wrongPassword.login("Hedwig", "not her password 9");
        TestClient.Response b = unknownName.login("Hedwiq", "not her password 9");
        assertThat(a.status()).isEqualTo(422).isEqualTo(b.status());
        assertThat(a.html().select("#password-error").text()).isEqualTo(AccountHandlers.BAD_LOGIN);
        assertThat(comparable(a)).isEqualTo(comparable(b));
        assertThat(a.headers().map().keySet()).isEqualTo(b.headers().map().keySet());
        assertThat(sessionsOf("Hedwig")).isZero();

        // a deleted member's name answers the same way too
        TestClient gone = app.member("Ottilie");
        gone.submit("/settings", "/settings/delete", form("password", TestApp.PASSWORD, "confirmWord", "DELETE"));
        TestClient.Response c = app.client().login("Ottilie", TestApp.PASSWORD);
        assertRefused(c, 422, "That name and password do not match. Check both and try again.");
        assertThat(comparable(c)).isEqualTo(comparable(b));
    }

    /** A sign-in page with what legitimately differs (token, request id, the name typed) blanked out. */
    private static String comparable(TestClient.Response r) {
        Document doc = r.html();
        doc.select("input[name=_csrf]").attr("value", "-");
        doc.select("meta[name=csrf-token]").attr("content", "-");
        doc.select("input[name=name]").attr("value", "-");
        return doc.select("main").outerHtml();
    }

    @Test
    void aBannedMemberCannotSignIn() {
        app.account("Banned-one");
        app.dsl().update(MEMBER).set(MEMBER.BANNED_AT, OffsetDateTime.now(ZoneOffset.UTC))
                .where(MEMBER.NAME.eq("Banned-one")).execute();
        TestClient c = app.client();
        TestClient.Response r = c.login("Banned-one", TestApp.PASSWORD);
        assertRefused(r, 422, "This account has been banned.");
        assertThat(r.html().select("#password-error").text()).isEqualTo("This account has been banned.");
        assertThat(sessionsOf("Banned-one")).isZero();
    }

    @Test
    void signingInRehashesAPasswordStoredWithOldParameters() {
        String old = new Passwords(new Passwords.Params(2048, 1, 1)).hash(PW);
        Member m = app.services().accounts().create("Rehash-me", old).orElseThrow();
        assertThat(app.services().passwords().needsRehash(old)).isTrue();

        assertRefused(app.client().login("Rehash-me", "not the password 1"), 422, "That name and password do not match. Check both and try again.");
        assertThat(hashOf(m)).isEqualTo(old);

        assertThat(app.client().login("Rehash-me", PW).status()).isEqualTo(302);
        String rehashed = hashOf(m);
        assertThat(rehashed).isNotEqualTo(old).startsWith("$argon2id$v=19$m=1024,t=1,p=1$");
        assertThat(app.services().passwords().needsRehash(rehashed)).isFalse();
        // and the rehashed password still signs in, without another rehash
        assertThat(app.client().login("Rehash-me", PW).status()).isEqualTo(302);
        assertThat(hashOf(m)).isEqualTo(rehashed);
    }

    @ParameterizedTest
    @ValueSource(strings = {"//evil.com", "///evil.com", "/\\evil.com", "\\\\evil.com", "https://evil.com",
            "HTTPS://evil.com/", "http:evil.com", "javascript:alert(1)", "/%2F%2Fevil.com", "%2F%2Fevil.com",
            "/\r\nSet-Cookie: crux_session=planted", "/settings\r\nLocation: https://evil.com", "/\u2028//evil.com",
            "evil.com", "/\t/evil.com"})
    void afterSignInNextOnlyEverLeadsToAPathOnCrux(String next) {
        app.member("Nx" + Integer.toHexString(next.hashCode()).replace("-", ""));
        String name = "Nx" + Integer.toHexString(next.hashCode()).replace("-", "");

        // the form only ever carries a safe next
        TestClient c = app.client();
        String hidden = c.get("/login?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8))
                .html().select("input[name=next]").attr("value");
        assertSafe(hidden);

        // and a next posted directly is checked again
        TestClient.Response r = c.submit("/login", "/login", form("name", name, "password", TestApp.PASSWORD, "next", next));
        assertThat(r.status()).isEqualTo(302);
        assertSafe(r.location());
        assertThat(r.headers().allValues("Set-Cookie")).noneMatch(h -> h.contains("planted"));
        assertThat(r.headers().map()).doesNotContainKey("location ");
    }

    @Test
    void aSafeNextIsFollowedAfterSignIn() {
        app.member("Nextgood");
        TestClient c = app.client();
        assertThat(c.get("/login?next=%2Fsettings").html().select("input[name=next]").attr("value")).isEqualTo("/settings");
        TestClient.Response r = c.submit("/login?next=%2Fsettings", "/login",
                form("name", "Nextgood", "password", TestApp.PASSWORD, "next", "/settings"));
        assertThat(r.location()).isEqualTo("/settings");
        // the gate's own redirect to sign in carries next, and the register link keeps it
        TestClient anon = app.client();
        assertThat(anon.get("/settings").location()).isEqualTo("/login?next=%2Fsettings");
        assertThat(anon.get("/login?next=%2Fsettings").html().select("main a[href^=/register]").attr("href"))
                .isEqualTo("/register?next=%2Fsettings");
    }

    private static void assertSafe(String location) {
        assertThat(location).startsWith("/").doesNotStartWith("//").doesNotContain("\\").doesNotContain("\r")
                .doesNotContain("\n").doesNotContain("\t");
        URI resolved = URI.create(app.baseUrl() + "/login").resolve(location);
        assertThat(resolved.getHost()).isEqualTo("127.0.0.1");
        assertThat(resolved.getPort()).isEqualTo(app.app().port());
    }

    @Test
    void changingThePasswordNeedsTheCurrentOne() {
        TestClient c = app.member("Ingrid");
        TestClient elsewhere = app.client();
        assertThat(elsewhere.login("Ingrid", TestApp.PASSWORD).status()).isEqualTo(302);
        String newPw = "quartz meadow violin 31";

        String token = c.csrf("/settings");
        var before = app.snapshotWithoutCounters();
        Map<Map<String, String>, String> refusals = new LinkedHashMap<>();
        refusals.put(form("current", "not my password 1", "password", newPw, "confirm", newPw),
                "That is not your current password.");
        refusals.put(form("current", TestApp.PASSWORD, "password", "password123", "confirm", "password123"),
                "This password is too common or too easy to guess: This is a top-10 common password. Try a few unrelated words.");
        refusals.put(form("current", TestApp.PASSWORD, "password", newPw, "confirm", newPw + "x"),
                "The two passwords are not the same.");
        refusals.put(form("password", newPw, "confirm", newPw), "That is not your current password.");
        refusals.forEach((bad, message) ->
                assertRefused(c.postWithToken("/settings/password", token, bad), 422, message));
        assertThat(c.postWithToken("/settings/password", token,
                form("current", "not my password 1", "password", newPw, "confirm", newPw)).html()
                .select("#current-error").text()).isEqualTo("That is not your current password.");
        assertThat(app.snapshotWithoutCounters()).isEqualTo(before);

        // without "sign me out everywhere else": the other session stays
        String oldToken = c.cookieValue(SessionRepository.COOKIE);
        TestClient.Response ok = c.postWithToken("/settings/password", token,
                form("current", TestApp.PASSWORD, "password", newPw, "confirm", newPw));
        assertThat(ok.status()).isEqualTo(302);
        assertThat(ok.location()).isEqualTo("/settings");
        assertThat(c.cookieValue(SessionRepository.COOKIE)).as("a fresh token after the change").isNotEqualTo(oldToken);
        assertThat(app.services().sessions().find(oldToken)).isEmpty();
        assertThat(c.get("/settings").status()).isEqualTo(200);
        assertThat(elsewhere.get("/settings").status()).isEqualTo(200);
        assertRefused(app.client().login("Ingrid", TestApp.PASSWORD), 422, "That name and password do not match. Check both and try again.");
        assertThat(app.client().login("Ingrid", newPw).status()).isEqualTo(302);

        // with it: every other session ends, this one goes on
        String newer = "saffron bicycle tundra 58";
        TestClient.Response all = c.submit("/settings", "/settings/password",
                form("current", newPw, "password", newer, "confirm", newer, "endOthers", "on"));
        assertThat(all.status()).isEqualTo(302);
        assertThat(elsewhere.get("/settings").status()).isEqualTo(302);
        assertThat(c.get("/settings").status()).isEqualTo(200);
        assertThat(sessionsOf("Ingrid")).isEqualTo(1);
    }

    @Test
    void theSettingsPageOffersToSignOutEverywhereElse() {
        Document doc = app.member("Offered").get("/settings").html();
        Element box = doc.selectFirst("form[action=/settings/password] input[type=checkbox][name=endOthers]");
        assertThat(box).isNotNull();
        assertThat(doc.select("label[for=endOthers]").text()).isEqualTo("Sign me out everywhere else");
    }

    @Test
    void deletingTheAccountKeepsTheRowButNotTheName() {
        TestClient c = app.member("Jasper");
        TestClient other = app.client();
        other.login("Jasper", TestApp.PASSWORD);
        long id = app.memberNamed("Jasper").id();
        int members = app.count(MEMBER);

        String token = c.csrf("/settings");
        var before = app.snapshotWithoutCounters();
        TestClient.Response wrong = c.postWithToken("/settings/delete", token,
                form("password", "not my password 1", "confirmWord", "DELETE"));
        assertRefused(wrong, 422, "That is not your current password.");
        assertThat(wrong.html().select("#deletePassword-error").text()).isEqualTo("That is not your current password.");
        TestClient.Response unconfirmed = c.postWithToken("/settings/delete", token,
                form("password", TestApp.PASSWORD, "confirmWord", "delete"));
        assertRefused(unconfirmed, 422, "Type DELETE to confirm.");
        assertThat(unconfirmed.html().select("#confirmWord-error").text()).isEqualTo("Type DELETE to confirm.");
        assertThat(app.snapshotWithoutCounters()).isEqualTo(before);

        TestClient.Response ok = c.postWithToken("/settings/delete", token,
                form("password", TestApp.PASSWORD, "confirmWord", "DELETE"));
        assertThat(ok.status()).isEqualTo(302);
        assertThat(ok.location()).isEqualTo("/");
        assertThat(c.get("/").html().select(".flash").text()).contains("Your account has been deleted");

        // the row stays so what they wrote keeps its author, shown as a deleted member
        assertThat(app.count(MEMBER)).isEqualTo(members);
        Member gone = app.services().accounts().byId(id).orElseThrow();
        assertThat(gone.deleted()).isTrue();
        assertThat(gone.displayName()).isEqualTo("[deleted member]");
        assertThat(gone.name()).isEqualTo("deleted-" + id);
        assertThat(app.services().accounts().passwordHash(id)).isEmpty();
        assertThat(app.dsl().fetchCount(MEMBER_SESSION, MEMBER_SESSION.MEMBER_ID.eq(id))).isZero();
        assertThat(c.get("/settings").status()).isEqualTo(302);
        assertThat(other.get("/settings").status()).isEqualTo(302);
        assertRefused(app.client().get("/users/Jasper"), 404, "There is nothing at this address. It may have been mistyped, or the thing it pointed to no longer exists.");
        assertRefused(app.client().get("/users/deleted-" + id), 404, "There is nothing at this address. It may have been mistyped, or the thing it pointed to no longer exists.");
        assertRefused(app.client().login("Jasper", TestApp.PASSWORD), 422, "That name and password do not match. Check both and try again.");
        // and the name is free for someone new
        assertThat(app.client().register("Jasper", PW).status()).isEqualTo(302);
        assertThat(app.memberNamed("Jasper").id()).isNotEqualTo(id);
    }

    @Test
    void aProfileShowsTheJoinDateAndRole() {
        TestClient own = app.member("Katrin");
        app.member("Moritz", "moderator");
        Document doc = app.client().get("/users/Katrin").html();
        assertThat(doc.select("main h1").text()).isEqualTo("Katrin");
        assertThat(doc.select(".facts dt").eachText()).containsExactly("Joined", "Role");
        String today = LocalDate.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH));
        assertThat(doc.select(".facts time").text()).isEqualTo(today);
        assertThat(doc.select(".facts time").attr("datetime")).startsWith(LocalDate.now(ZoneOffset.UTC).toString());
        assertThat(doc.select(".facts dd").get(1).text()).isEqualTo("Member");
        assertThat(doc.select("a[href=/settings]")).isEmpty();

        assertThat(app.client().get("/users/katrin").html().select("main h1").text()).isEqualTo("Katrin");
        assertThat(app.client().get("/users/Moritz").html().select(".facts dd").get(1).text()).isEqualTo("Moderator");
        assertThat(own.get("/users/Katrin").html().select("main a[href=/settings]").text()).isEqualTo("Your settings");
        assertRefused(app.client().get("/users/nobody-at-all"), 404, "There is nothing at this address. It may have been mistyped, or the thing it pointed to no longer exists.");
        assertRefused(app.client().get("/users/" + "x".repeat(150)), 404, "There is nothing at this address. It may have been mistyped, or the thing it pointed to no longer exists.");
    }

    private static int sessionsOf(String name) {
        long id = app.memberNamed(name).id();
        return app.dsl().fetchCount(MEMBER_SESSION, MEMBER_SESSION.MEMBER_ID.eq(id));
    }

    private static String hashOf(Member m) {
        return app.services().accounts().passwordHash(m.id()).orElseThrow();
    }
}
