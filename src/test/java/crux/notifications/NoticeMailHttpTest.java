package crux.notifications;

import static crux.db.generated.Tables.FORECAST;
import static crux.db.generated.Tables.MAIL_DIGEST;
import static crux.db.generated.Tables.MAIL_OUTBOX;
import static crux.db.generated.Tables.MAIL_PREFERENCE;
import static crux.db.generated.Tables.MEMBER;
import static crux.db.generated.Tables.NOTIFICATION;
import static crux.testing.Refusals.assertRefused;
import static crux.testing.TestClient.form;
import static org.assertj.core.api.Assertions.assertThat;

import crux.accounts.Addresses;
import crux.debate.PostTokens;
import crux.testing.Mailbox;
import crux.testing.MutableClock;
import crux.testing.TestApp;
import crux.testing.TestClient;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Notices by mail through a real SMTP server (GreenMail): mailed at once when a member chose so and not otherwise,
 * a daily digest in the member's time zone (once a day, grouped, nothing of hidden posts, not again after a restart),
 * one-click unsubscribing, and the time zone setting.
 */
class NoticeMailHttpTest {

    static final String BASE = "https://crux.example.test";
    static final Pattern ANCHOR = Pattern.compile("#comment-(\\d+)$");

    static Mailbox mail;
    static MutableClock clock;
    static TestApp app;
    static Map<String, String> env;
    static TestClient mod;
    /**
     * A second instance on the same database, started by the digest test as a restart would be (nothing carried over
     * in memory). Closed last: closing an instance on an in-memory H2 database shuts that database down.
     */
    static TestApp second;

    @BeforeAll
    static void start() {
        mail = Mailbox.start();
        clock = MutableClock.atNow();
        env = new HashMap<>(mail.settings());
        env.put("CRUX_BASE_URL", BASE);
        app = TestApp.start(TestApp.defaultKind(), env, clock);
        mod = app.member("NoticeMod", "moderator");
    }

    @AfterAll
    static void stop() {
        try {
            if (second != null) {
                second.close();
            }
            app.close();
        } finally {
            mail.close();
        }
    }

    @BeforeEach
    void freshLimits() {
        app.resetLimits();
    }

    /** A member whose address is confirmed, set straight in the database. */
    static TestClient withAddress(String name, String address) {
        TestClient c = app.member(name);
        app.dsl().update(MEMBER).set(MEMBER.EMAIL, address).set(MEMBER.EMAIL_KEY, Addresses.key(address))
                .set(MEMBER.EMAIL_VERIFIED_AT, OffsetDateTime.now(clock)).where(MEMBER.NAME.eq(name)).execute();
        return c;
    }

    static TestClient.Response choose(TestClient c, String... topicAndDelivery) {
        return c.submit("/settings/mail", "/settings/mail", form(topicAndDelivery));
    }

    static long argue(TestClient c, long itemId, String body) {
        return id(c.submit("/about", "/items/" + itemId + "/arguments",
                form("side", "supports", "body", body, "token", PostTokens.next())));
    }

    static long reply(TestClient c, long commentId, String body) {
        return id(c.submit("/about", "/comments/" + commentId + "/replies",
                form("body", body, "token", PostTokens.next())));
    }

    static long id(TestClient.Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(302);
        Matcher m = ANCHOR.matcher(r.location());
        assertThat(m.find()).isTrue();
        return Long.parseLong(m.group(1));
    }

    static int queuedFor(String address) {
        return app.dsl().fetchCount(MAIL_OUTBOX, MAIL_OUTBOX.RECIPIENT.eq(address));
    }

    @Test
    void aReplyIsMailedAtOnceOnlyToWhoChoseSo() throws Exception {
        TestClient ann = withAddress("AnnNotice", "ann@notice.test");
        TestClient carl = withAddress("CarlNotice", "carl@notice.test");
        TestClient bob = app.member("BobNotice");
        assertThat(choose(ann, "replies", "immediate").status()).isEqualTo(302);
        assertThat(ann.get("/settings/mail").html().select("#replies-immediate").hasAttr("checked")).isTrue();

        long annArg = argue(ann, app.claim(3), "Ann argues something worth answering.");
        long answer = reply(bob, annArg, "Bob answers Ann <b>boldly</b>.");
        MimeMessage m = mail.await("ann@notice.test", 1).get(0);
        assertThat(Mailbox.subject(m)).startsWith("BobNotice replied to your argument");
        assertThat(m.getContentType()).as("text and HTML").startsWith("multipart/alternative");
        assertThat(Mailbox.text(m)).contains(BASE + "/comments/" + answer).contains("Bob answers Ann");
        assertThat(Mailbox.html(m)).contains("href=\"" + BASE + "/comments/" + answer + "\"")
                .contains("&lt;b&gt;boldly").doesNotContain("<b>boldly");
        String unsubscribe = m.getHeader("List-Unsubscribe")[0];
        assertThat(unsubscribe).matches("<" + Pattern.quote(BASE) + "/mail/unsubscribe/[0-9a-z-]+>");
        assertThat(m.getHeader("List-Unsubscribe-Post")[0]).isEqualTo("List-Unsubscribe=One-Click");
        assertThat(Mailbox.text(m)).contains(unsubscribe.substring(1, unsubscribe.length() - 1));

        // Carl kept the default: the reply is in his inbox, and no mail is queued (it would be, in the same
        // transaction, by now)
        long carlArg = argue(carl, app.claim(3), "Carl argues too.");
        reply(bob, carlArg, "Bob answers Carl.");
        assertThat(carl.get("/inbox").body()).contains("Bob answers Carl");
        assertThat(queuedFor("carl@notice.test")).isZero();

        // a mention is its own topic: Ann chose only replies
        argue(bob, app.claim(3), "Bob mentions @AnnNotice here.");
        assertThat(queuedFor("ann@notice.test")).isEqualTo(1);
    }

    @Test
    void theUnsubscribeLinkWorksInOneClickWithoutASessionAndOnlyWithItsToken() throws Exception {
        TestClient dora = withAddress("DoraNotice", "dora@notice.test");
        TestClient bob = app.member("BobUnsub");
        choose(dora, "replies", "immediate", "mentions", "immediate");
        reply(bob, argue(dora, app.claim(4), "Dora argues."), "Bob answers Dora.");
        MimeMessage m = mail.await("dora@notice.test", 1).get(0);
        String link = Mailbox.link(m, BASE, "/mail/unsubscribe/");

        // a link checker opening the link changes nothing
        TestClient stranger = app.client();
        var before = app.snapshot(MAIL_PREFERENCE, MEMBER);
        TestClient.Response confirm = stranger.get(link);
        assertThat(confirm.status()).isEqualTo(200);
        assertThat(confirm.html().select("main").text()).contains("DoraNotice").contains("Replies to your");
        assertThat(app.snapshot(MAIL_PREFERENCE, MEMBER)).isEqualTo(before);

        // a tampered token is refused, and changes nothing
        String forged = link.substring(0, link.length() - 1) + (link.endsWith("0") ? "1" : "0");
        TestClient.Response refused = stranger.post(forged, form("List-Unsubscribe", "One-Click"));
        assertThat(refused.status()).isEqualTo(404);
        assertThat(refused.html().select("main").text()).contains("This link is not valid")
                .contains("Nothing was changed");
        String otherTopic = link.replace("-replies-", "-mentions-");
        assertThat(stranger.post(otherTopic, form("List-Unsubscribe", "One-Click")).status())
                .as("the signature covers the topic").isEqualTo(404);
        assertThat(app.snapshot(MAIL_PREFERENCE, MEMBER)).isEqualTo(before);

        // the mail program's one-click POST: no session, no CSRF token, no Origin
        TestClient.Response done = stranger.post(link, form("List-Unsubscribe", "One-Click"));
        assertThat(done.status()).isEqualTo(200);
        assertThat(done.html().select("main").text()).contains("no longer mails DoraNotice");
        assertThat(dora.get("/settings/mail").html().select("#replies-inbox").hasAttr("checked")).isTrue();
        assertThat(dora.get("/settings/mail").html().select("#mentions-immediate").hasAttr("checked"))
                .as("only that topic").isTrue();
        int queued = queuedFor("dora@notice.test");
        reply(bob, argue(dora, app.claim(4), "Dora argues again."), "Bob answers again.");
        assertThat(queuedFor("dora@notice.test")).isEqualTo(queued);
    }

    @Test
    void choosingMailNeedsAConfirmedAddressAndAKnownChoice() {
        TestClient eve = app.member("EveNoAddress");
        var page = eve.get("/settings/mail").html();
        assertThat(page.select("#mail-off").text()).contains("add an e-mail address");
        assertThat(page.select("#mail-off a").attr("href")).isEqualTo("/settings/email");
        assertThat(page.select("fieldset[disabled]")).hasSize(MailTopic.values().length);
        var before = app.snapshot(MAIL_PREFERENCE);
        assertRefused(choose(eve, "replies", "immediate"), 409,
                "Add and confirm an e-mail address first: Crux mails only a confirmed address.");
        TestClient fay = withAddress("FayNotice", "fay@notice.test");
        assertRefused(choose(fay, "replies", "weekly"), 400,
                "Choose inbox only, at once or daily digest for each kind of notice.");
        assertThat(app.snapshot(MAIL_PREFERENCE)).isEqualTo(before);
    }

    @Test
    void aTimeZoneMustBeOneCruxKnowsAndTimesOnPagesFollowIt() {
        TestClient gus = app.member("GusZone");
        reply(app.member("BobZone"), argue(gus, app.claim(6), "Gus argues."), "Bob answers Gus.");
        OffsetDateTime at = app.dsl().select(NOTIFICATION.CREATED_AT).from(NOTIFICATION)
                .where(NOTIFICATION.MEMBER_ID.eq(app.memberNamed("GusZone").id())).fetchOne().value1();
        java.time.format.DateTimeFormatter shown = java.time.format.DateTimeFormatter.ofPattern("d MMM yyyy HH:mm",
                java.util.Locale.ENGLISH);
        assertThat(gus.get("/inbox").html().select(".notification").text())
                .contains(at.atZoneSameInstant(java.time.ZoneOffset.UTC).format(shown) + " UTC");
        var before = app.snapshot(MEMBER);
        for (String bad : List.of("Mars/Olympus", "", "Europe/Paris\u202e", "x".repeat(5000), "../../etc")) {
            TestClient.Response r = gus.submit("/settings/mail", "/settings/time-zone", form("zone", bad));
            assertThat(r.status()).as(bad).isEqualTo(422);
            assertThat(r.html().select("#zone-error").text()).startsWith("Not a time zone Crux knows.");
        }
        assertThat(app.snapshot(MEMBER)).isEqualTo(before);
        assertThat(gus.submit("/settings/mail", "/settings/time-zone", form("zone", "Asia/Tokyo")).status())
                .isEqualTo(302);
        assertThat(gus.get("/settings/mail").html().select("#zone").attr("value")).isEqualTo("Asia/Tokyo");
        assertThat(gus.get("/inbox").html().select(".notification").text())
                .contains(at.atZoneSameInstant(ZoneId.of("Asia/Tokyo")).format(shown) + " Asia/Tokyo");

        // the time of their own forecast on a prediction's page too
        long prediction = app.prediction(1);
        assertThat(gus.submit("/items/" + prediction, "/items/" + prediction + "/forecast",
                form("probability", "40", "rationale", "")).status()).isLessThan(400);
        OffsetDateTime forecastAt = app.dsl().select(FORECAST.CREATED_AT).from(FORECAST)
                .where(FORECAST.MEMBER_ID.eq(app.memberNamed("GusZone").id())).orderBy(FORECAST.ID.desc()).limit(1)
                .fetchOne().value1();
        assertThat(gus.get("/items/" + prediction).html().select(".forecast-mine time").text())
                .isEqualTo(forecastAt.atZoneSameInstant(ZoneId.of("Asia/Tokyo")).format(shown));
    }

    @Test
    void theDailyDigestComesOnceADayInTheMembersZoneGroupedAndWithoutHiddenPosts() throws Exception {
        ZoneId tokyo = ZoneId.of("Asia/Tokyo");
        TestClient hal = withAddress("HalDigest", "hal@digest.test");
        TestClient bob = app.member("BobDigest");
        assertThat(hal.submit("/settings/mail", "/settings/time-zone", form("zone", "Asia/Tokyo")).status())
                .isEqualTo(302);
        choose(hal, "replies", "digest", "mentions", "digest");

        // 07:00 in Tokyo, the next such time from now
        ZonedDateTime local = clock.instant().atZone(tokyo);
        ZonedDateTime seven = local.toLocalDate().atTime(7, 0).atZone(tokyo);
        if (!seven.isAfter(local)) {
            seven = seven.plusDays(1);
        }
        clock.set(seven.toInstant());
        long arg = argue(hal, app.claim(5), "Hal argues at dawn.");
        reply(bob, arg, "A visible answer to Hal.");
        long hidden = reply(bob, arg, "An answer the moderators hide.");
        argue(bob, app.claim(5), "Bob mentions @HalDigest in passing.");
        assertThat(mod.submit("/items/" + app.claim(5), "/mod/comments/" + hidden + "/hide",
                form("reason", "spam")).status()).isEqualTo(302);

        app.app().noticeMail().digests();
        assertThat(app.dsl().fetchCount(MAIL_DIGEST)).as("not before 08:00 in Tokyo (23:00 UTC)").isZero();

        clock.advance(Duration.ofMinutes(90));
        app.app().noticeMail().digests();
        MimeMessage m = mail.await("hal@digest.test", 1).get(0);
        String day = seven.toLocalDate().format(java.time.format.DateTimeFormatter.ofPattern("d MMMM",
                java.util.Locale.ENGLISH));
        assertThat(Mailbox.subject(m)).isEqualTo("Your Crux digest for " + day);
        String text = Mailbox.text(m);
        assertThat(text).contains("== Replies to your arguments and comments ==").contains("A visible answer to Hal")
                .contains("== Mentions of you (@name) ==").contains("Bob mentions @HalDigest")
                .contains("07:00 Asia/Tokyo")
                .doesNotContain("moderators hide");
        assertThat(text.indexOf("== Replies")).isLessThan(text.indexOf("A visible answer"))
                .isLessThan(text.indexOf("== Mentions"));
        assertThat(Mailbox.html(m)).contains("A visible answer to Hal").doesNotContain("moderators hide");
        assertThat(m.getHeader("List-Unsubscribe-Post")[0]).isEqualTo("List-Unsubscribe=One-Click");

        // again the same day, and after a restart (a second instance on the same database): no second digest
        int outbox = app.dsl().fetchCount(MAIL_OUTBOX);
        assertThat(app.app().noticeMail().digests()).isZero();
        second = TestApp.startOn(app.databaseUrl(), env, clock);
        assertThat(second.app().noticeMail().digests()).isZero();
        clock.advance(Duration.ofHours(10));
        assertThat(app.app().noticeMail().digests()).as("still the same day in Tokyo").isZero();
        assertThat(app.dsl().fetchCount(MAIL_OUTBOX)).isEqualTo(outbox);

        // the next day: only what is new, and nothing at all when nothing is
        reply(bob, arg, "A second-day answer.");
        clock.set(seven.plusDays(1).plusHours(2).toInstant());
        app.app().noticeMail().digests();
        MimeMessage next = mail.await("hal@digest.test", 2).get(1);
        assertThat(Mailbox.text(next)).contains("A second-day answer").doesNotContain("A visible answer to Hal")
                .doesNotContain("== Mentions");
        clock.set(seven.plusDays(2).plusHours(2).toInstant());
        app.app().noticeMail().digests();
        assertThat(app.dsl().fetchCount(MAIL_DIGEST, MAIL_DIGEST.LOCAL_DAY.eq(seven.toLocalDate().plusDays(2))))
                .as("the day is looked at").isEqualTo(1);
        assertThat(app.dsl().fetchCount(MAIL_OUTBOX, MAIL_OUTBOX.RECIPIENT.eq("hal@digest.test")))
                .as("but nothing new: no mail").isEqualTo(2);
    }
}
