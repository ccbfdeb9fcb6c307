package crux.accounts;

import static crux.db.generated.Tables.MEMBER;
import static crux.db.generated.Tables.MODERATION_LOG;
import static crux.testing.TestClient.form;
import static crux.testing.Refusals.assertRefused;
import static crux.testing.Refusals.assertRefusedMatching;
import static org.assertj.core.api.Assertions.assertThat;

import crux.db.generated.tables.records.ModerationLogRecord;
import crux.testing.Html;
import crux.testing.MutableClock;
import crux.testing.TestApp;
import crux.testing.TestClient;
import java.time.Duration;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Admins appoint and remove moderators (logged); staff enrol TOTP before moderator pages open; codes work once. */
class RolesHttpTest {

    static final String WRONG_CODE = "That code did not match, or was already used. Enter the code your app shows now,"
            + " or one of your recovery codes.";

    static final MutableClock clock = MutableClock.atNow();
    static TestApp app;
    static TestClient admin;

    @BeforeAll
    static void start() {
        app = TestApp.start("h2", Map.of(), clock);
        admin = app.member("Root-admin", "admin");
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @BeforeEach
    void nextStepAndFreshLimits() {
        // every test starts in a fresh TOTP step, so codes used by the last one are not "already used" here
        clock.advance(Duration.ofSeconds(30));
        app.resetLimits();
    }

    @Test
    void anAdminAppointsAndRemovesAModeratorAndTheLogSaysWhoWhyAndWhen() {
        app.account("Carol");
        Document page = admin.get("/admin").html();
        assertThat(page.select("main h1").text()).isEqualTo("Moderators and admins");
        assertThat(page.select("form[action=/admin/roles] input[name=_csrf]")).hasSize(1);

        int logRows = app.count(MODERATION_LOG);
        TestClient.Response r = admin.submit("/admin", "/admin/roles",
                form("name", "carol", "role", "moderator", "reason", "Keeps threads civil"));
        assertThat(r.status()).isEqualTo(302);
        assertThat(r.location()).isEqualTo("/admin");
        assertThat(admin.get("/admin").html().select(".flash").text()).isEqualTo("Carol is now a moderator.");
        assertThat(app.memberNamed("Carol").role().code()).isEqualTo("moderator");
        assertThat(admin.get("/admin").html().select("table td a").eachText()).contains("Carol", "Root-admin");

        ModerationLogRecord row = app.dsl().selectFrom(MODERATION_LOG).orderBy(MODERATION_LOG.ID.desc()).limit(1).fetchOne();
        assertThat(app.count(MODERATION_LOG)).isEqualTo(logRows + 1);
        assertThat(row.getAction()).isEqualTo("role:moderator");
        assertThat(row.getModeratorId()).isEqualTo(app.memberNamed("Root-admin").id());
        assertThat(row.getTargetKind()).isEqualTo("member");
        assertThat(row.getTargetId()).isEqualTo(app.memberNamed("Carol").id());
        assertThat(row.getTargetLabel()).isEqualTo("Carol");
        assertThat(row.getReason()).isEqualTo("Keeps threads civil");
        assertThat(row.getCreatedAt()).isNotNull();

        TestClient.Response back = admin.submit("/admin", "/admin/roles",
                form("name", "Carol", "role", "member", "reason", "Stepped down"));
        assertThat(back.status()).isEqualTo(302);
        assertThat(app.memberNamed("Carol").role().code()).isEqualTo("member");
        assertThat(app.count(MODERATION_LOG)).isEqualTo(logRows + 2);
        assertThat(app.dsl().selectFrom(MODERATION_LOG).orderBy(MODERATION_LOG.ID.desc()).limit(1).fetchOne().getAction())
                .isEqualTo("role:member");
    }

    @ParameterizedTest(name = "{0} as {1}: {3}")
    @CsvSource(delimiter = '|', value = {
            "Dora           | admin       | a reason   | role     | Choose moderator or member.",
            "Dora           | superuser   | a reason   | role     | Choose moderator or member.",
            "Dora           | moderator   | ''         | reason   | Give a reason (up to 500 characters); it is shown in the public log.",
            "Nobody-by-name | moderator   | a reason   | name     | There is no member with that name.",
            "Root-admin     | member      | a reason   | name     | Admins are changed from the command line."})
    void aRefusedRoleChangeSaysWhyAndChangesNothing(String name, String role, String reason, String field,
                                                    String message) {
        if (app.services().accounts().byName("Dora").isEmpty()) {
            app.account("Dora");
        }
        String token = admin.csrf("/admin");
        var before = app.snapshot(MEMBER, MODERATION_LOG);
        TestClient.Response r = admin.postWithToken("/admin/roles", token,
                form("name", name, "role", role, "reason", reason));
        assertRefused(r, 422, message);
        assertThat(Html.text(r.html(), "#" + field + "-error")).isEqualTo(message);
        assertThat(app.snapshot(MEMBER, MODERATION_LOG)).isEqualTo(before);
    }

    @Test
    void aReasonLongerThanTheLogKeepsIsRefused() {
        app.account("Longreason");
        var before = app.snapshot(MEMBER, MODERATION_LOG);
        TestClient.Response r = admin.submit("/admin", "/admin/roles",
                form("name", "Longreason", "role", "moderator", "reason", "x".repeat(501)));
        assertRefused(r, 422, "Give a reason (up to 500 characters); it is shown in the public log.");
        assertThat(app.snapshot(MEMBER, MODERATION_LOG)).isEqualTo(before);
    }

    @Test
    void membersAndModeratorsCannotChangeRoles() {
        TestClient member = app.member("Plain-member");
        TestClient moderator = app.member("Mod-only", "moderator");
        app.account("Target-t");
        for (TestClient c : new TestClient[] {member, moderator}) {
            String token = c.csrf("/");
            var before = app.snapshot();
            TestClient.Response r = c.postWithToken("/admin/roles", token,
                    form("name", "Target-t", "role", "moderator", "reason", "sneaky"));
            assertRefused(r, 403, "This page is for admins.");
            assertRefused(c.get("/admin"), 403, "This page is for admins.");
            assertThat(app.snapshot()).isEqualTo(before);
        }
        assertThat(member.get("/admin").html().select("main").text()).contains("This page is for admins.");
        assertThat(member.get("/mod").html().select("main").text()).contains("This page is for moderators.");
    }

    @Test
    void aNewModeratorMustEnrolTwoFactorBeforeTheQueueOpens() {
        app.account("Erin");
        admin.submit("/admin", "/admin/roles", form("name", "Erin", "role", "moderator", "reason", "Trusted"));
        TestClient erin = app.client();
        assertThat(erin.login("Erin", TestApp.PASSWORD).status()).isEqualTo(302);
        assertThat(erin.get("/").html().select(".site-header a[href=/mod]").text()).isEqualTo("Moderation");

        TestClient.Response blocked = erin.get("/mod");
        assertThat(blocked.status()).isEqualTo(302);
        assertThat(blocked.location()).isEqualTo("/settings/two-factor");
        assertThat(erin.get("/settings").html().select("main").text()).contains("Required for your role");

        Document enrol = erin.get("/settings/two-factor").html();
        assertThat(enrol.select("code.secret").text()).as("in groups of four").matches("([A-Z2-7]{4} ){7}[A-Z2-7]{4}");
        String secret = secretOn(enrol);
        assertThat(secret).matches("[A-Z2-7]{32}");
        assertThat(enrol.select("figure.qr svg path.qr-fg").attr("d")).startsWith("M");
        assertThat(enrol.select("figure.qr svg").attr("role")).isEqualTo("img");
        assertThat(enrol.select("label[for=code]").text()).isEqualTo("Code from your app");

        // a wrong code enrols nothing
        String token = erin.csrf("/settings");
        var before = app.snapshot(MEMBER);
        TestClient.Response wrong = erin.postWithToken("/settings/two-factor", token, form("code", otherThan(secret)));
        assertRefused(wrong, 422, "That code did not match. Enter the 6-digit code your app shows now.");
        assertThat(wrong.html().select("#code-error").text()).contains("did not match");
        assertThat(secretOn(wrong.html())).as("the same secret is shown again").isEqualTo(secret);
        assertThat(app.snapshot(MEMBER)).isEqualTo(before);
        assertThat(erin.get("/mod").location()).isEqualTo("/settings/two-factor");

        // the right one turns it on and opens the queue
        secret = secretOn(erin.get("/settings/two-factor").html());
        TestClient.Response ok = erin.submit("/settings", "/settings/two-factor",
                form("code", app.services().twoFactor().currentCode(secret)));
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.html().select("main a.button-link").attr("href")).as("on to the queue").isEqualTo("/mod");
        TestClient.Response queue = erin.get("/mod");
        assertThat(queue.status()).isEqualTo(200);
        assertThat(queue.html().select("main h1").text()).isEqualTo("Moderation queue");
        assertThat(app.memberNamed("Erin").totpEnrolled()).isTrue();

        // the secret was shown once: never again
        Document after = erin.get("/settings/two-factor").html();
        assertThat(after.select("code.secret")).isEmpty();
        assertThat(after.select("main").text()).contains("already on").doesNotContain(secret);
        assertThat(erin.get("/settings").html().select("main").text()).doesNotContain(secret);
        var enrolled = app.snapshot(MEMBER);
        assertRefused(erin.submit("/settings", "/settings/two-factor", form("code", "123456")), 409, "Two-factor sign-in is already set up for your account.");
        assertThat(app.snapshot(MEMBER)).as("the enrolled secret stays").isEqualTo(enrolled);
    }

    @Test
    void eachCodeOpensOneSessionOnly() {
        TestClient first = app.member("Frida", "moderator");
        String secret = app.totpSecret("Frida");
        assertThat(first.get("/mod").status()).isEqualTo(200);

        clock.advance(Duration.ofSeconds(30));
        TestClient second = app.client();
        TestClient.Response prompt = second.submit("/login?next=%2Fmod", "/login",
                form("name", "Frida", "password", TestApp.PASSWORD, "next", "/mod"));
        assertThat(prompt.location()).isEqualTo("/two-factor?next=%2Fmod");
        assertThat(second.get(prompt.location()).html().select("input[name=next]").attr("value")).isEqualTo("/mod");
        String code = app.services().twoFactor().currentCode(secret);
        TestClient.Response passed = second.submit("/two-factor?next=%2Fmod", "/two-factor",
                form("code", code, "next", "/mod"));
        assertThat(passed.status()).isEqualTo(302);
        assertThat(passed.location()).isEqualTo("/mod");
        assertThat(second.get("/mod").status()).isEqualTo(200);

        // the same code, replayed in a third session within its 30 seconds, is refused
        TestClient third = app.client();
        third.login("Frida", TestApp.PASSWORD);
        String token = third.csrf("/two-factor");
        var before = app.snapshot(crux.db.generated.Tables.MEMBER_SESSION);
        TestClient.Response replay = third.postWithToken("/two-factor", token, form("code", code, "next", "/mod"));
        assertRefused(replay, 422, WRONG_CODE);
        assertThat(replay.html().select("#code-error").text()).contains("already used");
        assertThat(app.snapshot(crux.db.generated.Tables.MEMBER_SESSION)).isEqualTo(before);
        assertThat(third.get("/mod").location()).as("no session").startsWith("/login");
    }

    @Test
    void guessingCodesIsRateLimited() {
        app.member("Gustav", "moderator");
        String secret = app.totpSecret("Gustav");
        clock.advance(Duration.ofSeconds(30));
        TestClient c = app.client();
        c.login("Gustav", TestApp.PASSWORD);
        String token = c.csrf("/two-factor");
        String wrong = otherThan(secret);
        for (int i = 0; i < 5; i++) {
            assertRefused(c.postWithToken("/two-factor", token, form("code", wrong)), 422, WRONG_CODE);
        }
        var before = app.snapshot(crux.db.generated.Tables.MEMBER_SESSION, MEMBER);
        TestClient.Response limited = c.postWithToken("/two-factor", token,
                form("code", app.services().twoFactor().currentCode(secret)));
        assertRefusedMatching(limited, 429, "Too many wrong codes\\. For your account's safety, try again in \\d+"
                + " minutes?\\.");
        assertThat(limited.header("Retry-After")).isPresent();
        assertThat(limited.html().select("main").text()).contains("Too many wrong codes");
        assertThat(app.snapshot(crux.db.generated.Tables.MEMBER_SESSION, MEMBER)).as("not passed, code not spent")
                .isEqualTo(before);
        assertThat(c.get("/mod").location()).as("no session").startsWith("/login");

        clock.advance(Duration.ofMinutes(6));
        assertThat(c.postWithToken("/two-factor", token, form("code", app.services().twoFactor().currentCode(secret)))
                .status()).isEqualTo(302);
        assertThat(c.get("/mod").status()).isEqualTo(200);
    }

    @Test
    void aMemberWithTwoFactorIsStillNoModerator() {
        TestClient m = app.member("Hanna");
        String secret = secretOn(m.get("/settings/two-factor").html());
        TestClient.Response on = m.submit("/settings", "/settings/two-factor",
                form("code", app.services().twoFactor().currentCode(secret)));
        assertThat(on.status()).isEqualTo(200);
        assertThat(on.html().select("main a.button-link").attr("href")).isEqualTo("/settings");
        assertThat(app.memberNamed("Hanna").totpEnrolled()).isTrue();
        assertRefused(m.get("/mod"), 403, "This page is for moderators.");
        assertThat(m.get("/").html().select(".site-header a[href=/mod]")).isEmpty();
    }

    @Test
    void aRemovedModeratorLosesTheQueueAtOnce() {
        TestClient ida = app.member("Ida", "moderator");
        assertThat(ida.get("/mod").status()).isEqualTo(200);
        admin.submit("/admin", "/admin/roles", form("name", "Ida", "role", "member", "reason", "Inactive"));
        assertRefused(ida.get("/mod"), 403, "This page is for moderators.");
        assertThat(ida.get("/").html().select(".site-header a[href=/mod]")).isEmpty();
    }

    @Test
    void staffSeeTheirLinksInTheHeader() {
        Document page = admin.get("/").html();
        assertThat(page.select(".site-header a[href=/mod]").text()).isEqualTo("Moderation");
        assertThat(page.select(".site-header a[href=/admin]").text()).isEqualTo("Admin");
        assertThat(page.select(".site-header a.me").text()).isEqualTo("Root-admin");
    }

    /** The key as an enrolment page shows it, without the spaces between its groups. */
    private static String secretOn(Document page) {
        return page.select("code.secret").text().replace(" ", "");
    }

    /** A six-digit code that is certainly not valid now (nor one step either side). */
    private static String otherThan(String secret) {
        TwoFactorRepository tf = app.services().twoFactor();
        for (int i = 0; ; i++) {
            String candidate = String.format("%06d", i);
            if (!candidate.equals(tf.currentCode(secret)) && !candidate.equals(codeAt(secret, -30))
                    && !candidate.equals(codeAt(secret, 30))) {
                return candidate;
            }
        }
    }

    private static String codeAt(String secret, int seconds) {
        return new TwoFactorRepository(app.app().database(), new MutableClock(clock.instant().plusSeconds(seconds)))
                .currentCode(secret);
    }
}
