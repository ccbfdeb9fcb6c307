package crux;

import static org.assertj.core.api.Assertions.assertThat;

import crux.accounts.Sessions;
import crux.testing.TestApp;
import crux.testing.TestClient;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A registration Crux acknowledged (302) is still there after the process is killed with SIGKILL and started
 * again on the same data folder: the embedded H2 runs with WRITE_DELAY=0. The real Main, in a child JVM.
 */
class AcknowledgedWriteSurvivesKillTest {

    static final String PW = "lantern orbit cactus 77";

    /** A Crux in a child JVM: its process, address and log file. */
    record Child(Process process, String base, Path log) {
    }

    @Test
    @Timeout(60)
    void aRegistrationAcknowledgedBeforeKill9IsThereAfterARestart(@TempDir Path data) throws Exception {
        Child first = startCrux(data, "first");
        try {
            awaitHealthy(first);
            TestClient.Response r = TestClient.at(first.base()).register("Survivor", PW);
            assertThat(r.status()).as("acknowledged").isEqualTo(302);
        } finally {
            first.process().destroyForcibly(); // SIGKILL: no shutdown hook, no clean close of the database
            first.process().waitFor();
        }
        assertThat(first.process().exitValue()).as("killed, not shut down").isEqualTo(137);

        Child second = startCrux(data, "second");
        try {
            awaitHealthy(second);
            TestClient c = TestClient.at(second.base());
            TestClient.Response in = c.login("Survivor", PW);
            assertThat(in.status()).isEqualTo(302);
            assertThat(c.cookieValue(Sessions.COOKIE)).hasSize(43);
            assertThat(c.get("/settings").status()).isEqualTo(200);
        } finally {
            second.process().destroy();
            second.process().waitFor();
        }
    }

    /** Starts {@code crux.Main} in a child JVM on a free port; its output goes to a log file beside the data. */
    private static Child startCrux(Path data, String name) throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Xmx256m", "-XX:TieredStopAtLevel=1", "crux.Main");
        Map<String, String> env = pb.environment();
        env.remove("DATABASE_URL");
        env.put("CRUX_DATA", data.toString());
        env.put("PORT", Integer.toString(port));
        env.put("CRUX_HOST", "127.0.0.1");
        env.put("CRUX_HOME", TestApp.repositoryRoot().toString());
        env.put("CRUX_ARGON2", "1024,1,1");
        Path log = data.resolveSibling(data.getFileName() + "-" + name + ".log");
        pb.redirectErrorStream(true).redirectOutput(log.toFile());
        return new Child(pb.start(), "http://127.0.0.1:" + port, log);
    }

    /** Polls /healthz until the child answers 200 (it is another process: there is nothing to wait on but that). */
    private static void awaitHealthy(Child child) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (!child.process().isAlive()) {
                throw new AssertionError("Crux exited early:\n" + Files.readString(child.log()));
            }
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(child.base() + "/healthz"))
                        .timeout(Duration.ofSeconds(1)).build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(50);
        }
        throw new AssertionError("Crux did not become healthy:\n" + Files.readString(child.log()));
    }
}
