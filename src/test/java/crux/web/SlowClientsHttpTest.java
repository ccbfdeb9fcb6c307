package crux.web;

import static org.assertj.core.api.Assertions.assertThat;

import crux.testing.TestApp;
import crux.testing.TestClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Clients that send their request slowly, over real sockets: they hold no request thread, so health checks and pages
 * keep answering while hundreds of them are open, and a body still incomplete at the deadline is cut off with 408.
 * The app's deadline is long enough that no slow body is cut while the probes run, however loaded the machine; a
 * second app with a one-second deadline shows the cut. The measurement over 60 s is in docs/BENCHMARKS.md.
 */
class SlowClientsHttpTest {

    /** Four times Jetty's request threads: every thread would be taken several times over if bodies held them. */
    static final int SLOW_BODIES = 200;
    static final int SLOW_HEADERS = 100;
    static final int DEADLINE_SECONDS = 120;

    static final String SLOW_LOGIN = "POST /login HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 100000\r\n\r\nn";

    static TestApp app;
    final List<Socket> sockets = new ArrayList<>();
    final ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();

    @BeforeAll
    static void start() {
        app = TestApp.start(TestApp.defaultKind(), Map.of("CRUX_BODY_TIMEOUT", Integer.toString(DEADLINE_SECONDS)));
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @AfterEach
    void closeSockets() throws IOException {
        trickle.shutdownNow();
        for (Socket s : sockets) {
            s.close();
        }
    }

    @Test
    void slowBodiesAndSlowHeadersHoldNoThread() throws Exception {
        List<Socket> bodies = new ArrayList<>();
        for (int i = 0; i < SLOW_BODIES; i++) {
            bodies.add(open(app, SLOW_LOGIN));
        }
        List<Socket> headers = new ArrayList<>();
        for (int i = 0; i < SLOW_HEADERS; i++) {
            headers.add(open(app, "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: a"));
        }
        // one more byte a second on every connection: none of them is ever idle long enough for an idle timeout
        trickle.scheduleAtFixedRate(() -> sockets.forEach(SlowClientsHttpTest::oneByte), 1, 1, TimeUnit.SECONDS);

        TestClient probe = app.client();
        for (int i = 0; i < 5; i++) {
            TestClient.Response health = probe.get("/healthz");
            assertThat(health.status()).isEqualTo(200);
            assertThat(health.body()).isEqualTo("ok\n");
            assertThat(probe.get("/").status()).isEqualTo(200);
        }
        // the probes were answered while every slow connection was still open and unanswered
        for (Socket s : bodies) {
            assertThat(s.getInputStream().available()).as("a slow body was answered before the probes were").isZero();
        }
        for (Socket s : headers) {
            assertThat(s.getInputStream().available()).isZero();
        }
    }

    @Test
    void aSlowBodyIsCutAtTheDeadlineWith408() throws Exception {
        try (TestApp quick = TestApp.start(TestApp.defaultKind(), Map.of("CRUX_BODY_TIMEOUT", "1"))) {
            List<Socket> bodies = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                bodies.add(open(quick, SLOW_LOGIN));
            }
            trickle.scheduleAtFixedRate(() -> sockets.forEach(SlowClientsHttpTest::oneByte), 200, 200,
                    TimeUnit.MILLISECONDS);
            for (Socket s : bodies) {
                String answer = readAll(s);
                assertThat(answer).startsWith("HTTP/1.1 408");
                assertThat(answer).contains("Connection: close").contains("did not arrive in time")
                        .contains("X-Content-Type-Options: nosniff");
            }
            assertThat(quick.client().get("/healthz").status()).isEqualTo(200);
        }
    }

    @Test
    void aClientLeavingMidBodyIsNotAServerError() throws Exception {
        for (int i = 0; i < 20; i++) {
            Socket s = open(app, "POST /login HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\nname=abc");
            s.close();
        }
        String metrics = app.client().get("/metrics").body();
        assertThat(metrics).doesNotContain("status=\"500\"");
        assertThat(app.client().get("/healthz").status()).isEqualTo(200);
    }

    @Test
    void aChunkedBodyOverTheLimitIsRefusedWhileItArrives() throws Exception {
        StringBuilder request = new StringBuilder("POST /login HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Content-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\n");
        String chunk = "a".repeat(16 * 1024);
        for (long sent = 0; sent <= Web.MAX_REQUEST_BYTES; sent += chunk.length()) {
            request.append(Integer.toHexString(chunk.length())).append("\r\n").append(chunk).append("\r\n");
        }
        Socket s = open(app, request.toString());
        String answer = readAll(s);
        assertThat(answer).startsWith("HTTP/1.1 413").contains("larger than Crux accepts")
                .contains("Content-Security-Policy: ");
    }

    @Test
    void aSmallChunkedFormStillArrivesWhole() {
        TestClient c = app.client();
        String token = c.csrf("/login");
        byte[] body = ("name=Nobody-here&password=wrong-password-1&_csrf=" + token).getBytes(StandardCharsets.UTF_8);
        // a publisher of unknown length makes the client send it chunked
        TestClient.Response r = c.send(HttpRequest.newBuilder(URI.create(c.base() + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Origin", c.base())
                .POST(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofByteArray(body))), "/login");
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.body()).contains("do not match");
    }

    @Test
    void methodOverrideHeadersAreIgnored() {
        TestClient c = app.client();
        // a GET claiming to be a POST stays a GET: /logout has no GET, so 405, not the POST's CSRF refusal
        TestClient.Response get = c.get("/logout", Map.of("X-HTTP-Method-Override", "POST"));
        assertThat(get.status()).isEqualTo(405);
        // and a POST claiming to be a GET stays a POST: /about has no POST
        TestClient.Response post = c.post("/about", Map.of(), Map.of("Origin", c.base(),
                "X-HTTP-Method-Override", "GET"));
        assertThat(post.status()).isEqualTo(405);
    }

    private Socket open(TestApp target, String start) throws IOException {
        Socket s = new Socket("127.0.0.1", target.app().port());
        sockets.add(s);
        s.setSoTimeout(60_000);
        s.getOutputStream().write(start.getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().flush();
        return s;
    }

    private static void oneByte(Socket s) {
        if (s.isClosed()) {
            return;
        }
        try {
            OutputStream out = s.getOutputStream();
            out.write('a');
            out.flush();
        } catch (IOException closedByTheServer) {
            // cut off: exactly what a slow body is meant to get
        }
    }

    /** Everything the server sends until it closes the connection (bounded by the socket's read timeout). */
    private static String readAll(Socket s) throws IOException {
        InputStream in = s.getInputStream();
        return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }
}
