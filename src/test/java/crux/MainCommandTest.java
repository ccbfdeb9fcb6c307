package crux;

import static crux.db.generated.Tables.MEMBER;
import static crux.db.generated.Tables.MODERATION_LOG;
import static crux.testing.Refusals.assertRefused;
import static crux.testing.TestClient.form;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import crux.bench.Seed;
import crux.db.generated.tables.records.ModerationLogRecord;
import crux.testing.ChildCrux;
import crux.testing.CommandRun;
import crux.testing.TestApp;
import crux.testing.TestClient;
import crux.testing.TestDatabases;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** No default accounts: the operator makes the first admin with {@code java -jar crux.jar promote NAME admin}. */
class MainCommandTest {

    static CommandRun run(Config config, String... args) {
        return CommandRun.of(() -> Main.command(config, args));
    }

    @Test
    void theOperatorMakesTheFirstAdminFromTheCommandLine(@TempDir Path dir) {
        // an embedded file database, as in production: the command runs while Crux is stopped (H2 locks the file).
        // Without production's WRITE_DELAY=0, whose fsync per commit costs seconds here and is not what this tests.
        String url = "jdbc:h2:file:" + dir.resolve("crux") + ";DB_CLOSE_ON_EXIT=FALSE";
        try (TestApp app = TestApp.startOn(url, Map.of())) {
            assertThat(app.count(MEMBER)).as("a fresh Crux has no accounts at all").isZero();
            for (String[] guess : new String[][] {{"admin", "admin"}, {"root", "root"}, {"admin", "password"}}) {
                assertRefused(app.client().login(guess[0], guess[1]), 422, "That name and password do not match. Check both and try again.");
            }
            app.account("Olga");
        }
        Config config = TestApp.config(url, Map.of());

        CommandRun ok = run(config, "promote", "olga", "admin");
        assertThat(ok.exit()).isZero();
        assertThat(ok.out()).isEqualTo("Olga is now admin.\n");

        CommandRun nobody = run(config, "promote", "nobody", "admin");
        assertThat(nobody.exit()).isEqualTo(1);
        assertThat(nobody.err()).contains("There is no member named 'nobody'. They must register first.");

        CommandRun badRole = run(config, "promote", "Olga", "emperor");
        assertThat(badRole.exit()).isEqualTo(2);
        assertThat(badRole.err()).contains("The role must be admin, moderator or member, not 'emperor'.");

        // bench-seed: the benchmark's dataset generator is a tool apart (Seed), not a command of the jar
        for (String[] args : new String[][] {{"frobnicate"}, {"promote", "Olga"}, {"promote", "Olga", "admin", "now"},
                {"bench-seed", "--seed", "42"}}) {
            CommandRun usage = run(config, args);
            assertThat(usage.exit()).isEqualTo(2);
            assertThat(usage.err()).contains("Unknown command").contains("Usage:");
        }

        try (TestApp app = TestApp.startOn(url, Map.of())) {
            assertThat(app.memberNamed("Olga").role().code()).isEqualTo("admin");
            ModerationLogRecord row = app.dsl().selectFrom(MODERATION_LOG).fetchSingle();
            assertThat(row.getModeratorId()).as("the operator, not a member").isNull();
            assertThat(row.getAction()).isEqualTo("role:admin");
            assertThat(row.getTargetLabel()).isEqualTo("Olga");
            assertThat(row.getReason()).isEqualTo("set by the operator");
            // the new admin signs in, and must set up two-factor before the admin page opens
            TestClient olga = app.client();
            assertThat(olga.login("Olga", TestApp.PASSWORD).status()).isEqualTo(302);
            assertThat(olga.get("/admin").location()).isEqualTo("/settings/two-factor");
        }
    }

    @Test
    void onPostgresqlTheCommandWorksWhileCruxRuns() {
        assumeTrue(TestDatabases.postgresBase() != null, "CRUX_TEST_POSTGRES_URL is not set");
        try (TestApp app = TestApp.start("postgres")) {
            app.account("Pia");
            CommandRun r = run(TestApp.config(app.databaseUrl(), Map.of()), "promote", "Pia", "moderator");
            assertThat(r.exit()).isZero();
            assertThat(app.memberNamed("Pia").role().code()).isEqualTo("moderator");
            assertThat(run(TestApp.config(app.databaseUrl(), Map.of()), "promote", "Pia", "member").exit()).isZero();
            assertThat(app.memberNamed("Pia").role().code()).isEqualTo("member");
            assertThat(app.count(MODERATION_LOG)).isEqualTo(2);
        }
    }

    @Test
    @Timeout(90)
    void onTheEmbeddedDatabaseTheCommandAsksTheRunningCrux(@TempDir Path dir) {
        Path data = dir.resolve("data");
        try (ChildCrux running = ChildCrux.start("running", dir.resolve("running.log"),
                Map.of("CRUX_DATA", data.toString()))) {
            running.awaitHealthy();
            TestClient quinn = running.client();
            assertThat(quinn.register("Quinn", "lantern orbit cactus 77").status()).isEqualTo(302);
            assertThat(quinn.get("/mod").status()).as("a member").isEqualTo(403);
            // the command's own process cannot open the file the running Crux holds: it asks Crux instead
            Config config = TestApp.config("jdbc:h2:file:" + data.resolve("crux"), Map.of());

            CommandRun ok = run(config, "promote", "quinn", "moderator");
            assertThat(ok.exit()).as(ok.err()).isZero();
            assertThat(ok.out()).isEqualTo("Quinn is now moderator.\n");
            assertThat(quinn.get("/mod").location()).as("a moderator now, asked to set up two-factor")
                    .isEqualTo("/settings/two-factor");

            CommandRun nobody = run(config, "promote", "nobody", "admin");
            assertThat(nobody.exit()).isEqualTo(1);
            assertThat(nobody.err()).isEqualTo("There is no member named 'nobody'. They must register first.\n");
            CommandRun badRole = run(config, "promote", "Quinn", "emperor");
            assertThat(badRole.exit()).isEqualTo(2);
            assertThat(quinn.get("/mod").location()).as("unchanged").isEqualTo("/settings/two-factor");

            // reset-link, asked of the running Crux too: the link it prints works there, once
            CommandRun link = run(config, "reset-link", "quinn");
            assertThat(link.exit()).as(link.err()).isZero();
            assertThat(link.out()).startsWith("A one-time link for quinn to choose a new password");
            String path = link.out().strip().substring(link.out().strip().lastIndexOf("/password/reset/"));
            TestClient stranger = running.client();
            String fresh = "a new password from the operator";
            assertThat(stranger.submit(path, path, form("password", fresh, "confirm", fresh)).status()).isEqualTo(302);
            assertThat(running.client().login("Quinn", fresh).status()).isEqualTo(302);
            assertThat(running.client().get(path).status()).as("used once").isEqualTo(410);
            CommandRun noOne = run(config, "reset-link", "nobody");
            assertThat(noOne.exit()).isEqualTo(1);
            assertThat(noOne.err()).contains("There is no member named 'nobody'");
        }
    }
}
