package crux.accounts;

import static crux.db.generated.Tables.MEMBER;
import static crux.db.generated.Tables.MEMBER_SESSION;
import static crux.db.generated.Tables.RECOVERY_CODE;
import static crux.db.generated.Tables.SIGN_IN_PENDING;
import static crux.testing.Refusals.assertRefused;
import static crux.testing.Refusals.assertRefusedMatching;
import static crux.testing.TestClient.form;
import static org.assertj.core.api.Assertions.assertThat;

import crux.testing.MutableClock;
import crux.testing.TestApp;
import crux.testing.TestClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two-factor sign-in for every member who turns it on: the password step gives no session, the code step does;
 * recovery codes work once each; turning it off needs the password and a code; wrong codes are limited.
 */
class TwoFactorSignInHttpTest {

    static final String WRONG_CODE = "That code did not match, or was already used. Enter the code your app shows"
            + " now, or one of your recovery codes.";
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
    void freshWindow() {
        // the start of a fresh ten-minute window: a fresh TOTP step (codes used by the last test are not "already
        // used" here), and limit windows (5 and 10 minutes) that no test's few 30-second steps can cross
        long now = clock.instant().getEpochSecond();
        clock.set(Instant.ofEpochSecond((now / 600 + 1) * 600 + 1));
        app.resetLimits();
    }

    /** A member who turns two-factor on in settings, as a person would; returns the secret and the codes shown. */
    record Enrolled(String name, String secret, List<String> recoveryCodes) {
    }

    static Enrolled enrol(String prefix) {
        String name = app.uniqueName(prefix);
        TestClient m = app.member(name);
        Document settings = m.get("/settings").html();
        assertThat(settings.select("a[href=/settings/two-factor]").text()).isEqualTo("Set up two-factor sign-in");
        String secret = m.get("/settings/two-factor").html().select("code.secret").text().replace(" ", "");
        TestClient.Response on = m.submit("/settings/two-factor", "/settings/two-factor",
                form("code", app.services().twoFactor().currentCode(secret)));
        assertThat(on.status()).isEqualTo(200);
        assertThat(on.header("Cache-Control")).contains("no-store");
        List<String> codes = on.html().select("ol.recovery-codes code").eachText();
        assertThat(codes).hasSize(10).doesNotHaveDuplicates()
                .allMatch(c -> c.matches("[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}"));
        assertThat(app.dsl().fetchCount(RECOVERY_CODE, RECOVERY_CODE.MEMBER_ID.eq(app.memberNamed(name).id())))
                .isEqualTo(10);
        assertThat(app.dsl().select(RECOVERY_CODE.CODE_HASH).from(RECOVERY_CODE).fetch(r -> r.value1()))
                .as("stored hashed").doesNotContainAnyElementsOf(codes);
        assertThat(m.get("/settings").html().select("#recovery-left").text()).contains("10 of 10");
        return new Enrolled(name, secret, codes);
    }

    /** The password step: redirected to the code step, with no session. */
    static TestClient passwordStep(String name) {
        TestClient c = app.client();
        TestClient.Response r = c.login(name, TestApp.PASSWORD);
        assertThat(r.status()).isEqualTo(302);
        assertThat(r.location()).isEqualTo("/two-factor?next=%2F");
        assertThat(c.cookieValue(SessionRepository.COOKIE)).as("no session from the password alone").isNull();
        return c;
    }

    static TestClient.Response code(TestClient c, String code) {
        return c.submit("/two-factor?next=%2Fsettings", "/two-factor", form("code", code, "next", "/settings"));
    }

    static String nextCode(Enrolled e) {
        clock.advance(Duration.ofSeconds(30));
        return app.services().twoFactor().currentCode(e.secret());
    }

    @Test
    void theRightCodeAfterThePasswordOpensASessionAndTheWrongOneDoesNot() {
        Enrolled e = enrol("Tfa-right");
        long id = app.memberNamed(e.name()).id();
        TestClient c = passwordStep(e.name());
        assertThat(c.get("/settings").location()).as("the password alone opens nothing").startsWith("/login");
        Document prompt = c.get("/two-factor?next=%2F").html();
        assertThat(prompt.select("main p").first().text()).contains("Your password was right");
        assertThat(prompt.select("label[for=code]").text()).isEqualTo("Code");

        int sessions = app.dsl().fetchCount(MEMBER_SESSION, MEMBER_SESSION.MEMBER_ID.eq(id));
        var before = app.snapshotWithoutCounters();
        assertRefused(code(c, "000000"), 422, WRONG_CODE);
        assertThat(app.snapshotWithoutCounters()).as("nothing stored").isEqualTo(before);
        assertThat(c.cookieValue(SessionRepository.COOKIE)).isNull();

        TestClient.Response ok = code(c, nextCode(e));
        assertThat(ok.status()).isEqualTo(302);
        assertThat(ok.location()).isEqualTo("/settings");
        assertThat(app.dsl().fetchCount(MEMBER_SESSION, MEMBER_SESSION.MEMBER_ID.eq(id))).isEqualTo(sessions + 1);
        assertThat(c.get("/settings").status()).isEqualTo(200);
        assertThat(app.dsl().fetchCount(SIGN_IN_PENDING, SIGN_IN_PENDING.MEMBER_ID.eq(id)))
                .as("the pending step is spent").isZero();
    }

    @Test
    void thePendingStepIsBoundToTheBrowserAndExpires() {
        Enrolled e = enrol("Tfa-bound");
        passwordStep(e.name());
        // another browser without the cookie gets nothing from a right code
        TestClient stranger = app.client();
        TestClient.Response r = stranger.submit("/login", "/two-factor", form("code", nextCode(e), "next", "/"));
        assertThat(r.status()).isEqualTo(302);
        assertThat(r.location()).startsWith("/login");
        assertThat(stranger.cookieValue(SessionRepository.COOKIE)).isNull();

        TestClient slow = passwordStep(e.name());
        String token = slow.csrf("/two-factor?next=%2F");
        clock.advance(PendingSignIns.LIFETIME.plusSeconds(1));
        int sessions = app.count(MEMBER_SESSION);
        TestClient.Response late = slow.postWithToken("/two-factor", token, form("code", nextCode(e), "next", "/"));
        assertThat(late.status()).isEqualTo(302);
        assertThat(late.location()).startsWith("/login");
        assertThat(slow.cookieValue(SessionRepository.COOKIE)).isNull();
        assertThat(app.count(MEMBER_SESSION)).isEqualTo(sessions);
    }

    @Test
    void wrongCodesAreLimitedPerMemberWithAClearWait() {
        Enrolled e = enrol("Tfa-limit");
        TestClient c = passwordStep(e.name());
        for (int i = 0; i < 5; i++) {
            assertThat(code(c, "000000").status()).isEqualTo(422);
        }
        String right = nextCode(e);
        var before = app.snapshotWithoutCounters();
        TestClient.Response limited = code(c, right);
        assertRefusedMatching(limited, 429, "Too many wrong codes\\. For your account's safety, try again in \\d+"
                + " minutes?\\.");
        assertThat(limited.header("Retry-After")).isPresent();
        assertThat(app.snapshotWithoutCounters()).as("even a right code is not checked").isEqualTo(before);
        assertThat(c.cookieValue(SessionRepository.COOKIE)).isNull();
    }

    @Test
    void wrongCodesAreLimitedPerAddressAcrossMembers() {
        for (int i = 0; i < 4; i++) {
            Enrolled e = enrol("Tfa-ip");
            TestClient c = passwordStep(e.name());
            for (int j = 0; j < 5; j++) {
                assertThat(code(c, "000000").status()).isEqualTo(422);
            }
        }
        Enrolled fifth = enrol("Tfa-ip");
        TestClient c = passwordStep(fifth.name());
        assertThat(code(c, nextCode(fifth)).status()).as("this address has guessed enough").isEqualTo(429);
    }

    @Test
    void aRecoveryCodeWorksExactlyOnceAndTheMemberSeesHowManyRemain() {
        Enrolled e = enrol("Tfa-recover");
        String recovery = e.recoveryCodes().get(3);
        TestClient first = passwordStep(e.name());
        TestClient.Response ok = code(first, recovery.toUpperCase().replace("-", " "));
        assertThat(ok.status()).isEqualTo(302);
        Document settings = first.get("/settings").html();
        assertThat(settings.select(".flash").text()).isEqualTo("You used a recovery code; 9 are left.");
        assertThat(settings.select("#recovery-left").text()).contains("9 of 10");

        TestClient second = passwordStep(e.name());
        var before = app.snapshotWithoutCounters();
        assertThat(code(second, recovery).status()).as("used once already").isEqualTo(422);
        assertThat(app.snapshotWithoutCounters()).isEqualTo(before);
        assertThat(second.cookieValue(SessionRepository.COOKIE)).isNull();
    }

    @Test
    void newRecoveryCodesNeedThePasswordAndReplaceEveryOldOne() {
        Enrolled e = enrol("Tfa-regen");
        TestClient m = app.client();
        m.login(e.name(), TestApp.PASSWORD);
        assertThat(code(m, nextCode(e)).status()).isEqualTo(302);

        var before = app.snapshot(RECOVERY_CODE);
        assertRefused(m.submit("/settings", "/settings/two-factor/recovery-codes", form("codesPassword", "wrong one")),
                422, "That is not your current password.");
        assertThat(app.snapshot(RECOVERY_CODE)).isEqualTo(before);

        TestClient.Response fresh = m.submit("/settings", "/settings/two-factor/recovery-codes",
                form("codesPassword", TestApp.PASSWORD));
        assertThat(fresh.status()).isEqualTo(200);
        List<String> codes = fresh.html().select("ol.recovery-codes code").eachText();
        assertThat(codes).hasSize(10).doesNotContainAnyElementsOf(e.recoveryCodes());

        TestClient old = passwordStep(e.name());
        assertThat(code(old, e.recoveryCodes().get(0)).status()).as("an old code").isEqualTo(422);
        assertThat(code(old, codes.get(0)).status()).as("a new one").isEqualTo(302);
    }

    @Test
    void turningOffNeedsThePasswordAndACode() {
        Enrolled e = enrol("Tfa-off");
        TestClient m = app.client();
        m.login(e.name(), TestApp.PASSWORD);
        assertThat(code(m, nextCode(e)).status()).isEqualTo(302);
        String code = nextCode(e);

        var before = app.snapshotWithoutCounters();
        assertRefused(m.submit("/settings", "/settings/two-factor/off", form("offPassword", "not my password",
                "offCode", code)), 422, "That is not your current password.");
        assertRefused(m.submit("/settings", "/settings/two-factor/off", form("offPassword", TestApp.PASSWORD,
                "offCode", "123456")), 422, WRONG_CODE);
        assertRefused(m.submit("/settings", "/settings/two-factor/off", form("offPassword", TestApp.PASSWORD)),
                422, WRONG_CODE);
        assertThat(app.snapshotWithoutCounters()).as("still on").isEqualTo(before);

        TestClient.Response off = m.submit("/settings", "/settings/two-factor/off",
                form("offPassword", TestApp.PASSWORD, "offCode", code));
        assertThat(off.status()).isEqualTo(302);
        assertThat(app.memberNamed(e.name()).totpEnrolled()).isFalse();
        assertThat(app.dsl().fetchCount(RECOVERY_CODE, RECOVERY_CODE.MEMBER_ID.eq(app.memberNamed(e.name()).id())))
                .isZero();
        TestClient again = app.client();
        assertThat(again.login(e.name(), TestApp.PASSWORD).location()).as("the password alone signs in again")
                .isEqualTo("/");
        assertThat(again.cookieValue(SessionRepository.COOKIE)).isNotNull();
    }

    @Test
    void moderatorsMayNotTurnItOff() {
        String name = app.uniqueName("Tfa-mod");
        TestClient mod = app.member(name, "moderator");
        assertThat(mod.get("/settings").html().select("form[action=/settings/two-factor/off]")).isEmpty();
        var before = app.snapshot(MEMBER, RECOVERY_CODE);
        assertRefused(mod.submit("/settings", "/settings/two-factor/off", form("offPassword", TestApp.PASSWORD,
                "offCode", app.services().twoFactor().nextCode(app.totpSecret(name)))), 403,
                "Moderators and admins keep two-factor sign-in on: their role needs it.");
        assertThat(app.snapshot(MEMBER, RECOVERY_CODE)).isEqualTo(before);
        assertThat(app.memberNamed(name).totpEnrolled()).isTrue();
    }

    @Test
    void turningItOnEndsTheMembersOtherSessions() {
        String name = app.uniqueName("Tfa-others");
        TestClient here = app.member(name);
        TestClient elsewhere = app.client();
        elsewhere.login(name, TestApp.PASSWORD);
        assertThat(elsewhere.get("/settings").status()).isEqualTo(200);
        String secret = here.get("/settings/two-factor").html().select("code.secret").text().replace(" ", "");
        here.submit("/settings/two-factor", "/settings/two-factor",
                form("code", app.services().twoFactor().currentCode(secret)));
        assertThat(here.get("/settings").status()).isEqualTo(200);
        assertThat(elsewhere.get("/settings").location()).as("opened with the password alone").startsWith("/login");
    }

}
