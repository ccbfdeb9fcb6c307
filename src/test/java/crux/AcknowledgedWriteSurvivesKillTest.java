package crux;

import static crux.testing.TestClient.form;
import static org.assertj.core.api.Assertions.assertThat;

import crux.accounts.SessionRepository;
import crux.testing.ChildCrux;
import crux.testing.Seeded;
import crux.testing.TestClient;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A registration, a stance and a forecast Crux acknowledged (302, 303) are still there after the process is killed
 * with SIGKILL and started again on the same data folder: the embedded H2 runs with WRITE_DELAY=0, and a group commit
 * answers its writes only after committing them. The real Main, in a child JVM.
 */
class AcknowledgedWriteSurvivesKillTest {

    static final String PW = "lantern orbit cactus 77";

    @Test
    @Timeout(60)
    void aRegistrationAcknowledgedBeforeKill9IsThereAfterARestart(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data");
        Map<String, String> embedded = Map.of("CRUX_DATA", data.toString());
        ChildCrux first = ChildCrux.start("first", dir.resolve("first.log"), embedded);
        int exit;
        long claim;
        long prediction;
        try {
            first.awaitHealthy();
            TestClient member = first.client();
            claim = Seeded.firstInText(member, "claim");
            prediction = Seeded.firstInText(member, "prediction");
            TestClient.Response r = member.register("Survivor", PW);
            assertThat(r.status()).as("acknowledged").isEqualTo(302);
            String token = member.csrf("/items/" + prediction);
            assertThat(member.post("/items/" + claim + "/stance", form("stance", "disagree", "_csrf", token)).status())
                    .as("acknowledged").isEqualTo(303);
            assertThat(member.post("/items/" + prediction + "/forecast", form("probability", "37", "_csrf", token)).status())
                    .as("acknowledged").isEqualTo(303);
        } finally {
            exit = first.kill(); // SIGKILL: no shutdown hook, no clean close of the database
        }
        assertThat(exit).as("killed, not shut down").isEqualTo(137);

        try (ChildCrux second = ChildCrux.start("second", dir.resolve("second.log"), embedded)) {
            second.awaitHealthy();
            TestClient c = second.client();
            TestClient.Response in = c.login("Survivor", PW);
            assertThat(in.status()).isEqualTo(302);
            assertThat(c.cookieValue(SessionRepository.COOKIE)).hasSize(43);
            assertThat(c.get("/settings").status()).isEqualTo(200);
            String mine = c.get("/settings/export.json").body();
            assertThat(mine).containsPattern("\"stances\"\\s*:\\s*\\[[^\\]]*\"disagree\"");
            assertThat(mine).containsPattern("\"forecasts\"\\s*:\\s*\\[[^\\]]*37");
            // ids H2 had cached before the crash are skipped, not handed out again: the next forecast is stored
            String token = c.csrf("/items/" + prediction);
            assertThat(c.post("/items/" + prediction + "/forecast", form("probability", "41", "_csrf", token)).status()).isEqualTo(303);
            assertThat(c.get("/settings/export.json").body()).containsPattern("\"forecasts\"\\s*:\\s*\\[[^\\]]*37[^\\]]*41");
        }
    }
}
