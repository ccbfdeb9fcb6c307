package crux.notifications;

import static crux.db.generated.Tables.NOTIFICATION;
import static crux.testing.TestClient.form;
import static crux.testing.Refusals.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import crux.testing.TestApp;
import crux.testing.TestClient;
import java.time.LocalDate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class InboxHttpTest {

    static TestApp app;
    static TestClient mod;

    @BeforeAll
    static void start() {
        app = TestApp.start();
        mod = app.member("inboxmod", "moderator");
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    private static void suspend(String name, String reason) {
        assertThat(mod.submit("/users/" + name, "/mod/members/" + name + "/suspend",
                form("until", LocalDate.now().plusDays(2).toString(), "reason", reason)).status()).isEqualTo(302);
    }

    @Test
    void moderationOfYourAccountArrivesWithItsReasonAndAnUnreadCount() {
        TestClient member = app.member("inboxian");
        assertThat(member.get("/").html().select(".unread-count")).isEmpty();
        suspend("inboxian", "heated thread");
        var header = member.get("/").html();
        assertThat(header.select(".unread-count").text()).isEqualTo("1");
        var inbox = member.get("/inbox").html();
        assertThat(inbox.select(".notification--unread")).hasSize(1);
        assertThat(inbox.select(".notification-reason").text()).contains("heated thread");
        assertThat(inbox.select(".notification").text()).contains("suspended").contains("inboxmod");

        long id = app.dsl().select(NOTIFICATION.ID).from(NOTIFICATION)
                .where(NOTIFICATION.MEMBER_ID.eq(app.memberNamed("inboxian").id())).fetchOne().value1();
        TestClient.Response read = member.submit("/inbox", "/inbox/" + id + "/read", form("go", "/users/inboxian"));
        assertThat(read.status()).isEqualTo(302);
        assertThat(read.location()).isEqualTo("/users/inboxian");
        assertThat(member.get("/").html().select(".unread-count")).isEmpty();
    }

    @Test
    void markAllReadAndOnlyYourOwn() {
        TestClient member = app.member("inboxtwo");
        suspend("inboxtwo", "one");
        suspend("inboxtwo", "two");
        long someone = app.dsl().select(NOTIFICATION.ID).from(NOTIFICATION)
                .where(NOTIFICATION.MEMBER_ID.eq(app.memberNamed("inboxtwo").id())).limit(1).fetchOne().value1();
        TestClient other = app.member("inboxnosy");
        assertRefused(other.submit("/inbox", "/inbox/" + someone + "/read", form()), 404, "There is nothing at this address. It may have been mistyped, or the thing it pointed to no longer exists.");
        assertThat(app.dsl().fetchCount(NOTIFICATION, NOTIFICATION.ID.eq(someone).and(NOTIFICATION.READ_AT.isNotNull())))
                .isZero();
        assertThat(member.get("/").html().select(".unread-count").text()).isEqualTo("2");
        var unread = app.snapshot(NOTIFICATION);
        assertRefused(member.post("/inbox/read-all", form()), 403, "This form has expired or did not come from Crux. Please reload the page and try again.");
        assertThat(app.snapshot(NOTIFICATION)).as("a forged read-all marks nothing read").isEqualTo(unread);
        assertThat(member.submit("/inbox", "/inbox/read-all", form()).status()).isEqualTo(302);
        assertThat(member.get("/inbox").html().select(".notification--unread")).isEmpty();
        // a follow link can never lead off Crux
        TestClient.Response evil = member.submit("/inbox", "/inbox/" + someone + "/read", form("go", "//evil.example"));
        assertThat(evil.location()).isEqualTo("/");
    }

    @Test
    void theInboxIsForMembers() {
        TestClient.Response r = app.client().get("/inbox");
        assertThat(r.status()).isEqualTo(302);
        assertThat(r.location()).startsWith("/login");
        var before = app.snapshot(NOTIFICATION);
        assertRefused(app.client().post("/inbox/read-all", form()), 403, "This form has expired or did not come from Crux. Please reload the page and try again.");
        assertThat(app.snapshot(NOTIFICATION)).isEqualTo(before);
    }
}
