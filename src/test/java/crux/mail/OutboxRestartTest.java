package crux.mail;

import static crux.db.generated.Tables.MAIL_OUTBOX;
import static crux.db.generated.Tables.MEMBER;
import static crux.testing.TestClient.form;
import static org.assertj.core.api.Assertions.assertThat;

import crux.testing.Mailbox;
import crux.testing.MutableClock;
import crux.testing.TestApp;
import crux.testing.TestClient;
import crux.testing.Wait;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The outbox against a mail server that accepts connections and then never answers: requests are answered all the
 * same, and mail queued when Crux stops (even mid-send) is sent once after it starts again.
 */
class OutboxRestartTest {

    /** A "mail server" that takes every connection and says nothing, holding them open. */
    static final class Silent implements AutoCloseable {
        final ServerSocket socket;
        final List<Socket> held = new CopyOnWriteArrayList<>();

        Silent() throws IOException {
            socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread t = new Thread(() -> {
                while (!socket.isClosed()) {
                    try {
                        held.add(socket.accept());
                    } catch (IOException closed) {
                        return;
                    }
                }
            }, "silent-smtp");
            t.setDaemon(true);
            t.start();
        }

        Map<String, String> settings() {
            return Map.of("CRUX_SMTP_HOST", "127.0.0.1", "CRUX_SMTP_PORT", Integer.toString(socket.getLocalPort()),
                    "CRUX_SMTP_STARTTLS", "false");
        }

        @Override
        public void close() throws IOException {
            socket.close();
            for (Socket s : held) {
                s.close();
            }
        }
    }

    static final String BASE = "https://crux.example.test";

    /** The public address links in mail start with: the same before and after the restart, as in production. */
    static Map<String, String> withBase(Map<String, String> settings) {
        Map<String, String> env = new java.util.HashMap<>(settings);
        env.put("CRUX_BASE_URL", BASE);
        return env;
    }

    static String state(TestApp app, String recipient) {
        return app.dsl().select(MAIL_OUTBOX.STATE).from(MAIL_OUTBOX).where(MAIL_OUTBOX.RECIPIENT.eq(recipient))
                .fetchOptional(r -> r.value1()).orElse("none");
    }

    @Test
    void mailQueuedWhileTheServerHangsIsSentOnceAfterARestart(@TempDir Path dir) throws Exception {
        // an embedded file database, stopped and started again as an operator would
        String url = "jdbc:h2:file:" + dir.resolve("crux") + ";DB_CLOSE_ON_EXIT=FALSE";
        MutableClock clock = MutableClock.atNow();
        try (Silent silent = new Silent(); Mailbox mail = Mailbox.start()) {
            try (TestApp app = TestApp.startOn(url, withBase(silent.settings()), clock)) {
                app.account("Uma");
                app.dsl().update(MEMBER).set(MEMBER.EMAIL, "uma@hang.test").set(MEMBER.EMAIL_KEY, "uma@hang.test")
                        .set(MEMBER.EMAIL_VERIFIED_AT, OffsetDateTime.now(clock)).where(MEMBER.NAME.eq("Uma")).execute();
                TestClient visitor = app.client();
                assertThat(visitor.submit("/password/forgot", "/password/forgot", form("email", "uma@hang.test"))
                        .status()).isEqualTo(302);
                Wait.until("the reset mail claimed, its sender waiting on the silent server", Mailbox.ARRIVES,
                        () -> state(app, "uma@hang.test").equals("sending") && !silent.held.isEmpty());

                // while the sender hangs, requests that queue mail are answered as ever
                TestClient.Response joined = app.client().submit("/register", "/register", form("name", "Vic",
                        "password", TestApp.PASSWORD, "confirm", TestApp.PASSWORD, "email", "vic@hang.test"));
                assertThat(joined.status()).isEqualTo(302);
                assertThat(state(app, "vic@hang.test")).isEqualTo("queued");
            }
            // Crux stopped mid-send: the claim outlives it, and a later start takes it over
            clock.advance(Duration.ofMinutes(10));
            try (TestApp app = TestApp.startOn(url, withBase(mail.settings()), clock)) {
                String link = Mailbox.link(mail.await("uma@hang.test", 1).get(0), BASE, "/password/reset/");
                mail.await("vic@hang.test", 1);
                Wait.until("both marked sent", Mailbox.ARRIVES, () -> state(app, "uma@hang.test").equals("sent")
                        && state(app, "vic@hang.test").equals("sent"));
                assertThat(mail.to("uma@hang.test")).as("sent once").hasSize(1);
                assertThat(mail.to("vic@hang.test")).as("sent once").hasSize(1);
                assertThat(app.client().get(link).status()).as("the link works").isEqualTo(200);
                assertThat(app.dsl().select(MAIL_OUTBOX.TEXT_BODY).from(MAIL_OUTBOX).fetch(r -> r.value1()))
                        .as("bodies holding one-time links are not kept once sent").containsOnlyNulls();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
