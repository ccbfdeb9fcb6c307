package crux.mail;

import static crux.db.generated.Tables.MAIL_OUTBOX;
import static crux.db.generated.Tables.MEMBER;
import static crux.testing.TestClient.form;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import crux.db.Database;
import crux.testing.ChildCrux;
import crux.testing.Mailbox;
import crux.testing.TestApp;
import crux.testing.TestDatabases;
import crux.testing.Wait;
import java.nio.file.Path;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Two Crux processes sharing one PostgreSQL database and one mail server, both running the mail sender: every mail,
 * whichever instance queued it, arrives once. Needs CRUX_TEST_POSTGRES_URL; skipped without it.
 */
class MailTwoInstancesTest {

    @Test
    void everyMailArrivesOnceWithTwoInstancesSending() {
        assumeTrue(TestDatabases.postgresBase() != null, TestDatabases.POSTGRES_ENV + " is not set: this test needs a "
                + "PostgreSQL that two Crux processes share");
        String url = TestDatabases.freshPostgresDatabase();
        Path logs = TestApp.repositoryRoot().resolve("target/mail-two-instances");
        try (Mailbox mail = Mailbox.start()) {
            Map<String, String> env = new HashMap<>(mail.settings());
            env.put("DATABASE_URL", url);
            env.put("CRUX_BASE_URL", "https://crux.example.test");
            try (ChildCrux a = ChildCrux.start("a", logs.resolve("a.log"), env);
                 ChildCrux b = ChildCrux.start("b", logs.resolve("b.log"), env);
                 Database db = TestDatabases.open(url)) {
                a.awaitHealthy();
                b.awaitHealthy();
                OutboxRepository outbox = new OutboxRepository(db, Clock.systemUTC());
                int mails = 30;
                db.run(tx -> {
                    for (int i = 0; i < mails; i++) {
                        outbox.enqueue(tx, new Mail("test", null, "m" + i + "@two.test", "Mail " + i, "text " + i,
                                "<p>html</p>", Map.of()));
                    }
                });
                // and one queued through each instance's own pages: a reset request on b for a member made on a
                var services = crux.App.services(TestApp.config(url, Map.of()), db);
                services.accounts().create("Yan", services.passwords().hash(TestApp.PASSWORD)).orElseThrow();
                db.dsl().update(MEMBER).set(MEMBER.EMAIL, "yan@two.test").set(MEMBER.EMAIL_KEY, "yan@two.test")
                        .set(MEMBER.EMAIL_VERIFIED_AT, OffsetDateTime.now()).where(MEMBER.NAME.eq("Yan")).execute();
                assertThat(b.client().submit("/password/forgot", "/password/forgot", form("email", "yan@two.test"))
                        .status()).isEqualTo(302);

                Wait.until("every mail sent", Mailbox.ARRIVES, () -> db.dsl().fetchCount(MAIL_OUTBOX,
                        MAIL_OUTBOX.STATE.eq("sent")) == mails + 1);
                mail.await("yan@two.test", 1);
                assertThat(mail.total()).as("nothing sent twice").isEqualTo(mails + 1);
                for (int i = 0; i < mails; i++) {
                    assertThat(mail.to("m" + i + "@two.test")).as("m%d", i).hasSize(1);
                }
            }
        } finally {
            TestDatabases.dropPostgresDatabase(url);
        }
    }
}
