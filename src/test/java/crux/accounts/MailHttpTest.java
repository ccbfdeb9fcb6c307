package crux.accounts;

import static crux.db.generated.Tables.MAIL_OUTBOX;
import static crux.db.generated.Tables.MEMBER;
import static crux.db.generated.Tables.MEMBER_SESSION;
import static crux.db.generated.Tables.MEMBER_TOKEN;
import static crux.db.generated.Tables.PASSWORD_RESET_REQUEST;
import static crux.testing.Refusals.assertRefused;
import static crux.testing.TestClient.form;
import static org.assertj.core.api.Assertions.assertThat;

import crux.accounts.web.PasswordResetHandlers;
import crux.testing.Mailbox;
import crux.testing.MutableClock;
import crux.testing.TestApp;
import crux.testing.TestClient;
import crux.testing.Wait;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Mail through a real SMTP server (GreenMail): confirming an address, changing it, and resetting a password by a
 * mailed link, each link working once and only in time; the answer to "forgot my password" the same for any address.
 */
class MailHttpTest {

    static final String BASE = "https://crux.example.test";

    static Mailbox mail;
    static MutableClock clock;
    static TestApp app;

    @BeforeAll
    static void start() {
        mail = Mailbox.start();
        clock = MutableClock.atNow();
        Map<String, String> env = new HashMap<>(mail.settings());
        env.put("CRUX_BASE_URL", BASE);
        app = TestApp.start(TestApp.defaultKind(), env, clock);
    }

    @AfterAll
    static void stop() {
        try {
            app.close();
        } finally {
            mail.close();
        }
    }

    @BeforeEach
    void freshLimits() {
        app.resetLimits();
    }

    /** Asks for a confirmation link to {@code address} in the member's settings; returns the mail that brings it. */
    static MimeMessage askToConfirm(TestClient member, String address, int mailsBefore) {
        TestClient.Response r = member.submit("/settings/email", "/settings/email", form("email", address));
        assertThat(r.status()).isEqualTo(302);
        return mail.await(address, mailsBefore + 1).get(mailsBefore);
    }

    static String emailOf(String name) {
        return app.dsl().select(MEMBER.EMAIL).from(MEMBER).where(MEMBER.NAME.eq(name)).fetchOne().value1();
    }

    /** A member whose address is confirmed, set straight in the database. */
    static TestClient withAddress(String name, String address) {
        TestClient c = app.member(name);
        app.dsl().update(MEMBER).set(MEMBER.EMAIL, address).set(MEMBER.EMAIL_KEY, Addresses.key(address))
                .set(MEMBER.EMAIL_VERIFIED_AT, java.time.OffsetDateTime.now(clock))
                .where(MEMBER.NAME.eq(name)).execute();
        return c;
    }

    static TestClient.Response forgot(TestClient c, String address) {
        return c.submit("/password/forgot", "/password/forgot", form("email", address));
    }

    @Test
    void anAddressIsConfirmedByItsLinkOnceAndNotAfterADay() throws Exception {
        TestClient ann = app.member("AnnMail");
        MimeMessage m = askToConfirm(ann, "ann@mail.test", 0);
        assertThat(Mailbox.subject(m)).isEqualTo("Confirm your e-mail address for Crux");
        assertThat(m.getContentType()).as("text and HTML").startsWith("multipart/alternative");
        String link = Mailbox.link(m, BASE, "/email/verify/");
        assertThat(Mailbox.html(m)).as("the same absolute link in the HTML part").contains(BASE + link)
                .contains("Hello <span>AnnMail</span>");
        assertThat(emailOf("AnnMail")).as("not the address until confirmed").isNull();
        assertThat(ann.get("/settings").body()).contains("Waiting for confirmation").contains("ann@mail.test");

        // the link works from any browser: it carries its own proof
        TestClient other = app.client();
        assertThat(other.get(link).html().select("main").text()).contains("ann@mail.test").contains("AnnMail");
        TestClient.Response done = other.submit(link, link, form());
        assertThat(done.status()).isEqualTo(302);
        assertThat(emailOf("AnnMail")).isEqualTo("ann@mail.test");

        // once
        var before = settledSnapshot();
        assertThat(other.get(link).status()).isEqualTo(410);
        TestClient.Response again = other.postWithToken(link, other.csrf("/login"), form());
        assertThat(again.status()).isEqualTo(410);
        assertThat(again.body()).contains("This link does not work any more");
        assertThat(settledSnapshot()).isEqualTo(before);

        // and not after a day
        TestClient bob = app.member("BobMail");
        String late = Mailbox.link(askToConfirm(bob, "bob@mail.test", 0), BASE, "/email/verify/");
        clock.advance(EmailRepository.VERIFY_VALID.plusMinutes(1));
        try {
            assertThat(bob.get(late).status()).isEqualTo(410);
            assertThat(bob.submit("/settings", late, form()).status()).isEqualTo(410);
            assertThat(emailOf("BobMail")).isNull();
        } finally {
            clock.advance(EmailRepository.VERIFY_VALID.plusMinutes(1).negated());
        }
        // unknown and malformed tokens: the same clear page, never an error
        for (String t : new String[] {"x", "A".repeat(43), "%00", "a".repeat(5000)}) {
            assertThat(other.get("/email/verify/" + t).status()).as(t).isIn(400, 404, 410);
        }
    }

    @Test
    void changingTheAddressTellsTheOldOneAndKeepsItUntilTheNewOneIsConfirmed() {
        TestClient cat = withAddress("CatMail", "cat@old.test");
        MimeMessage confirm = askToConfirm(cat, "cat@new.test", 0);
        MimeMessage told = mail.await("cat@old.test", 1).get(0);
        assertThat(Mailbox.subject(told)).isEqualTo("Your Crux address is being changed");
        assertThat(Mailbox.text(told)).contains("c…@new.test").doesNotContain("cat@new.test")
                .doesNotContain("/email/verify/");
        assertThat(emailOf("CatMail")).isEqualTo("cat@old.test");
        String link = Mailbox.link(confirm, BASE, "/email/verify/");
        assertThat(cat.submit(link, link, form()).status()).isEqualTo(302);
        assertThat(emailOf("CatMail")).isEqualTo("cat@new.test");
    }

    /**
     * Every table once the mail sender is idle: a mail that has arrived is marked sent a moment later, and a snapshot
     * taken in between would see the sender's own change as one the request made.
     */
    static Map<String, List<String>> settledSnapshot() {
        Wait.until("the outbox to settle", Mailbox.ARRIVES, () -> app.dsl().fetchCount(MAIL_OUTBOX,
                MAIL_OUTBOX.STATE.eq("sending").or(MAIL_OUTBOX.STATE.eq("queued")
                        .and(MAIL_OUTBOX.NEXT_ATTEMPT_AT.le(java.time.OffsetDateTime.now(clock))))) == 0);
        return app.snapshotWithoutCounters();
    }

    @Test
    void oneAddressBelongsToOneAccountWhateverItsCase() {
        withAddress("DanMail", "dan@shared.test");
        TestClient eve = app.member("EveMail");
        String link = Mailbox.link(askToConfirm(eve, "DAN@Shared.test", 0), BASE, "/email/verify/");
        var before = settledSnapshot();
        assertRefused(eve.submit(link, link, form()), 409, "Another account already uses this address. Use another "
                + "address, or free this one in that account's settings first.");
        assertThat(settledSnapshot()).as("nothing stored, the link not used up").isEqualTo(before);
        assertThat(emailOf("EveMail")).isNull();
    }

    @Test
    void aMalformedAddressComesBackWithWhatWasTyped() {
        TestClient fay = app.member("FayMail");
        var before = settledSnapshot();
        for (String bad : new String[] {"fay", "fay@", "fay@@x.test", "fay @x.test", "fay@x", "\u202efay@x.test",
                "a".repeat(300) + "@x.test"}) {
            TestClient.Response r = fay.submit("/settings/email", "/settings/email", form("email", bad));
            assertThat(r.status()).as(bad).isEqualTo(422);
            assertThat(r.html().selectFirst("input[name=email]").val()).isEqualTo(bad.strip());
        }
        assertThat(settledSnapshot()).isEqualTo(before);
    }

    @Test
    void forgotPasswordAnswersAlikeForAnyAddressAndMailsOnlyAKnownOne() {
        withAddress("GilMail", "gil@mail.test");
        TestClient visitor = app.client();
        assertThat(visitor.get("/login").html().select("a[href=/password/forgot]")).hasSize(1);

        TestClient.Response known = forgot(visitor, "GIL@mail.test");
        TestClient.Response unknown = forgot(visitor, "nobody@mail.test");
        assertThat(known.status()).isEqualTo(302);
        assertThat(unknown.status()).isEqualTo(known.status());
        assertThat(unknown.location()).isEqualTo(known.location());
        String afterKnown = visitor.get(known.location()).html().select(".flash").text();
        assertThat(afterKnown).isEqualTo(PasswordResetHandlers.SENT);

        MimeMessage m = mail.await("gil@mail.test", 1).get(0);
        assertThat(Mailbox.subject(m)).isEqualTo("Choose a new password for Crux");
        Wait.until("every request looked up", Mailbox.ARRIVES, () -> app.count(PASSWORD_RESET_REQUEST) == 0);
        assertThat(mail.to("nobody@mail.test")).isEmpty();
        assertThat(app.dsl().fetchCount(MEMBER_TOKEN, MEMBER_TOKEN.PURPOSE.eq("reset"))).as("one link, for Gil")
                .isEqualTo(1);
    }

    @Test
    void aResetLinkSetsANewPasswordOnceEndsEverySessionAndTellsTheMember() {
        TestClient hal = withAddress("HalMail", "hal@mail.test");
        TestClient halPhone = app.client();
        assertThat(halPhone.login("HalMail", TestApp.PASSWORD).status()).isEqualTo(302);
        long id = app.memberNamed("HalMail").id();
        assertThat(app.dsl().fetchCount(MEMBER_SESSION, MEMBER_SESSION.MEMBER_ID.eq(id))).isEqualTo(2);

        TestClient visitor = app.client();
        forgot(visitor, "hal@mail.test");
        String link = Mailbox.link(mail.await("hal@mail.test", 1).get(0), BASE, "/password/reset/");
        TestClient.Response page = visitor.get(link);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Cache-Control")).contains("no-store");

        // a refused password comes back on the same link, which still works
        var before = settledSnapshot();
        assertRefused(visitor.submit(link, link, form("password", "short", "confirm", "short")), 422,
                "Use at least 10 characters.");
        assertThat(settledSnapshot()).isEqualTo(before);

        String fresh = "a new and rather long passphrase";
        TestClient.Response done = visitor.submit(link, link, form("password", fresh, "confirm", fresh));
        assertThat(done.status()).isEqualTo(302);
        assertThat(done.location()).isEqualTo("/login");
        assertThat(app.dsl().fetchCount(MEMBER_SESSION, MEMBER_SESSION.MEMBER_ID.eq(id))).as("every session ended")
                .isZero();
        assertThat(hal.get("/settings").status()).as("the old session is signed out").isEqualTo(302);
        MimeMessage told = mail.await("hal@mail.test", 2).get(1);
        assertThat(Mailbox.subject(told)).isEqualTo("Your Crux password has been changed");
        assertThat(Mailbox.text(told)).contains(BASE + "/password/forgot");

        assertThat(app.client().login("HalMail", TestApp.PASSWORD).status()).as("the old password").isEqualTo(422);
        assertThat(app.client().login("HalMail", fresh).status()).isEqualTo(302);

        // once
        var after = settledSnapshot();
        assertThat(visitor.get(link).status()).isEqualTo(410);
        String other = "yet another long passphrase";
        TestClient.Response reuse = visitor.submit("/login", link, form("password", other, "confirm", other));
        assertThat(reuse.status()).isEqualTo(410);
        assertThat(reuse.body()).contains("This link does not work any more");
        assertThat(settledSnapshot()).isEqualTo(after);
    }

    @Test
    void aResetLinkWorksForAnHourOnly() {
        withAddress("IdaMail", "ida@mail.test");
        forgot(app.client(), "ida@mail.test");
        String link = Mailbox.link(mail.await("ida@mail.test", 1).get(0), BASE, "/password/reset/");
        String hash = app.services().accounts().passwordHash(app.memberNamed("IdaMail").id()).orElseThrow();
        clock.advance(PasswordResetRepository.VALID.plusSeconds(1));
        try {
            TestClient c = app.client();
            assertThat(c.get(link).status()).isEqualTo(410);
            String p = "a new and rather long passphrase";
            assertThat(c.submit("/login", link, form("password", p, "confirm", p)).status()).isEqualTo(410);
            assertThat(app.services().accounts().passwordHash(app.memberNamed("IdaMail").id()).orElseThrow())
                    .isEqualTo(hash);
        } finally {
            clock.advance(PasswordResetRepository.VALID.plusSeconds(1).negated());
        }
    }

    @Test
    void resetRequestsAreLimitedPerAddressAndTheRefusedFormKeepsIt() {
        TestClient c = app.client();
        for (int i = 0; i < PasswordResetHandlers.FORGOT_PER_ADDRESS.max(); i++) {
            assertThat(forgot(c, "jo@limit.test").status()).isEqualTo(302);
        }
        Wait.until("requests looked up", Mailbox.ARRIVES, () -> app.count(PASSWORD_RESET_REQUEST) == 0);
        var before = settledSnapshot();
        TestClient.Response refused = forgot(c, "JO@limit.test");
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.header("Retry-After")).isPresent();
        assertThat(refused.html().selectFirst("input[name=email]").val()).as("what was typed comes back")
                .isEqualTo("JO@limit.test");
        assertThat(refused.html().select(".field-error").text()).matches("Too many requests for a reset link\\. "
                + "Please try again in (a minute|\\d+ minutes)\\.");
        assertThat(settledSnapshot()).isEqualTo(before);
        assertThat(forgot(c, "someone-else@limit.test").status()).as("another address is not held up").isEqualTo(302);
    }

    @Test
    void resetRequestsAreLimitedPerNetwork() {
        TestClient c = app.client();
        for (int i = 0; i < PasswordResetHandlers.FORGOT_PER_IP.max(); i++) {
            assertThat(forgot(c, "net" + i + "@limit.test").status()).isEqualTo(302);
        }
        assertThat(forgot(c, "net-last@limit.test").status()).isEqualTo(429);
    }

    @Test
    void aMalformedAddressIsRefusedOnTheForgotForm() {
        var before = settledSnapshot();
        TestClient.Response r = forgot(app.client(), "not an address");
        assertRefused(r, 422, "That does not look like an e-mail address (like name@example.org).");
        assertThat(r.html().selectFirst("input[name=email]").val()).isEqualTo("not an address");
        assertThat(settledSnapshot()).isEqualTo(before);
    }

    @Test
    void registrationTakesAnOptionalAddressAndMailsItALink() {
        TestClient c = app.client();
        TestClient.Response r = c.submit("/register", "/register", form("name", "KimMail", "password",
                TestApp.PASSWORD, "confirm", TestApp.PASSWORD, "email", "kim@mail.test"));
        assertThat(r.status()).isEqualTo(302);
        String link = Mailbox.link(mail.await("kim@mail.test", 1).get(0), BASE, "/email/verify/");
        assertThat(c.submit(link, link, form()).status()).isEqualTo(302);
        assertThat(emailOf("KimMail")).isEqualTo("kim@mail.test");

        assertThat(app.client().register("LeeMail", TestApp.PASSWORD).status()).as("without one").isEqualTo(302);
        assertThat(emailOf("LeeMail")).isNull();

        var before = settledSnapshot();
        TestClient.Response bad = app.client().submit("/register", "/register", form("name", "MayMail", "password",
                TestApp.PASSWORD, "confirm", TestApp.PASSWORD, "email", "may@"));
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.html().selectFirst("input[name=email]").val()).isEqualTo("may@");
        assertThat(bad.html().selectFirst("input[name=name]").val()).isEqualTo("MayMail");
        assertThat(settledSnapshot()).isEqualTo(before);
    }

    @Test
    void addressesAreShownToTheirOwnerAlone() {
        String secret = "ned.private@mail.test";
        TestClient ned = withAddress("NedMail", secret);
        long claim = app.claim(1);
        assertThat(ned.submit("/items/" + claim, "/items/" + claim + "/arguments", form("side", "supports", "body",
                "NedMail argues here", "token", crux.debate.PostTokens.next())).status()).isEqualTo(302);
        assertThat(ned.get("/settings").body()).contains(secret);
        assertThat(ned.get("/settings/export.json").body()).as("their own data").contains(secret);

        TestClient other = app.member("OscarMail");
        TestClient admin = app.member("PamAdmin", "admin");
        List<String> pages = List.of("/users/NedMail", "/items/" + claim, "/items/" + claim + ".json", "/feed.atom",
                "/items/" + claim + "/feed.atom", "/mod/log", "/leaderboard", "/");
        for (TestClient viewer : new TestClient[] {app.client(), other, admin}) {
            for (String page : pages) {
                TestClient.Response r = viewer.get(page);
                assertThat(r.status()).as(page).isEqualTo(200);
                assertThat(r.body().toLowerCase()).as(page).doesNotContain("ned.private");
            }
        }
        assertThat(other.get("/settings/export.json").body()).doesNotContain("ned.private");
        assertThat(admin.get("/admin").body()).doesNotContain("ned.private");
    }

    @Test
    void adminsSeeMailThatFailedForGoodWithoutTheWholeAddress() {
        app.dsl().insertInto(MAIL_OUTBOX).set(MAIL_OUTBOX.KIND, "password-reset")
                .set(MAIL_OUTBOX.RECIPIENT, "quinn.failed@mail.test").set(MAIL_OUTBOX.SUBJECT, "A lost mail")
                .set(MAIL_OUTBOX.STATE, "failed").set(MAIL_OUTBOX.ATTEMPTS, 8)
                .set(MAIL_OUTBOX.LAST_ERROR, "MessagingException: 550 no such user")
                .set(MAIL_OUTBOX.NEXT_ATTEMPT_AT, java.time.OffsetDateTime.now(clock))
                .set(MAIL_OUTBOX.CREATED_AT, java.time.OffsetDateTime.now(clock)).execute();
        String page = app.member("RayAdmin", "admin").get("/admin").html().select("#mail").text();
        assertThat(page).contains("A lost mail").contains("q…@mail.test").contains("550 no such user")
                .doesNotContain("quinn.failed");
        assertThat(app.member("SalMember").get("/admin").status()).isEqualTo(403);
    }
}
