package crux;

import static crux.db.generated.Tables.MEMBER;
import static crux.testing.Refusals.assertRefused;
import static crux.testing.TestClient.form;
import static org.assertj.core.api.Assertions.assertThat;

import crux.testing.CommandRun;
import crux.testing.TestApp;
import crux.testing.TestClient;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Without CRUX_SMTP_HOST Crux runs as before: the pages that would send mail say it is not set up, nothing is queued,
 * and an operator prints a one-time reset link with {@code crux.jar reset-link NAME} instead.
 */
class MailNotSetUpTest {

    @Test
    void pagesSayMailIsNotSetUpAndTheOperatorPrintsAResetLink(@TempDir Path dir) {
        String url = "jdbc:h2:file:" + dir.resolve("crux") + ";DB_CLOSE_ON_EXIT=FALSE";
        Map<String, String> env = Map.of("CRUX_BASE_URL", "https://crux.example.test/");
        try (TestApp app = TestApp.startOn(url, env)) {
            TestClient visitor = app.client();
            String forgot = visitor.get("/password/forgot").html().select("main").text();
            assertThat(forgot).contains("Mail is not set up on this Crux");
            assertThat(visitor.get("/password/forgot").html().select("input[name=email]")).isEmpty();
            assertThat(visitor.get("/register").html().select("input[name=email]")).as("no address asked").isEmpty();

            TestClient wes = app.member("Wes");
            var before = app.snapshotWithoutCounters();
            assertRefused(visitor.submit("/login", "/password/forgot", form("email", "x@y.test")), 409,
                    "Mail is not set up on this Crux, so no reset link can be sent. Ask its operator for one.");
            assertThat(wes.get("/settings/email").body()).contains("Mail is not set up on this Crux");
            assertRefused(wes.submit("/settings/email", "/settings/email", form("email", "wes@y.test")), 409,
                    "Mail is not set up on this Crux, so an address cannot be confirmed.");
            assertThat(app.snapshotWithoutCounters()).as("nothing queued or stored").isEqualTo(before);
            assertThat(app.member("Xia", "admin").get("/admin").html().select("#mail").text())
                    .contains("Mail is not set up");
        }

        // with Crux stopped (the embedded database is locked while it runs)
        Config config = TestApp.config(url, env);
        CommandRun nobody = CommandRun.of(() -> Main.command(config, new String[] {"reset-link", "nobody"}));
        assertThat(nobody.exit()).isEqualTo(1);
        assertThat(nobody.err()).contains("There is no member named 'nobody'");
        CommandRun run = CommandRun.of(() -> Main.command(config, new String[] {"reset-link", "wes"}));
        assertThat(run.exit()).isZero();
        assertThat(run.out()).startsWith("A one-time link for wes to choose a new password (it works once, for 60 "
                + "minutes):\nhttps://crux.example.test/password/reset/");
        String path = run.out().strip().substring(run.out().strip().lastIndexOf("/password/reset/"));

        try (TestApp app = TestApp.startOn(url, env)) {
            TestClient wes = app.client();
            String fresh = "an operator gave me this link";
            assertThat(wes.submit(path, path, form("password", fresh, "confirm", fresh)).status()).isEqualTo(302);
            assertThat(wes.login("Wes", fresh).status()).isEqualTo(302);
            assertThat(app.client().get(path).status()).as("once").isEqualTo(410);
            assertThat(app.dsl().fetchCount(MEMBER)).isEqualTo(2);
        }
    }
}
