package crux.live;

import static org.assertj.core.api.Assertions.assertThat;

import crux.accounts.SessionRepository;
import crux.live.web.LiveHandlers;
import crux.testing.TestApp;
import crux.testing.TestClient;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Live streams are budgeted per browser session and per client address, besides the instance's total: one client
 * cannot hold every stream. Addresses are played by a trusted proxy on loopback forwarding for them.
 */
class LiveStreamBudgetTest {

    static TestApp app;
    /** The item whose live stream every test opens: any seeded item serves. */
    static long item;
    final List<Socket> streams = new ArrayList<>();

    @BeforeAll
    static void start() {
        app = TestApp.start(TestApp.defaultKind(), Map.of("CRUX_TRUSTED_PROXIES", "127.0.0.1"));
        item = app.claim(3);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @AfterEach
    void closeStreams() throws Exception {
        for (Socket s : streams) {
            s.close();
        }
        streams.clear();
        awaitOpen(0);
    }

    /**
     * Waits until this many streams are open. A closed stream is noticed when a write to it fails, so events are
     * published to the item meanwhile (the first write after a close may still succeed).
     */
    static void awaitOpen(int n) throws InterruptedException {
        LiveEventsTest.await(n + " open streams", () -> {
            app.app().events().publish(new LiveEvent(item, LiveEvent.Kind.TALLY));
            return app.app().liveStreams() == n;
        });
    }

    /** Opens a stream over a raw socket and returns the status line and, when refused, the body's first lines. */
    String stream(String ip, String sessionToken) throws IOException {
        Socket s = new Socket("127.0.0.1", app.app().port());
        s.setSoTimeout(10_000);
        streams.add(s);
        String request = "GET /items/" + item + "/events HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Accept: text/event-stream\r\nConnection: close\r\nX-Forwarded-For: " + ip + "\r\n"
                + (sessionToken == null ? "" : "Cookie: " + SessionRepository.COOKIE + "=" + sessionToken + "\r\n") + "\r\n";
        s.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
        BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder answer = new StringBuilder(in.readLine());
        if (!answer.toString().contains(" 200 ")) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                answer.append('\n').append(line);
            }
        }
        return answer.toString();
    }

    @Test
    void oneAddressGetsItsShareAndTheNextStreamIsRefusedWhileOthersStillGetTheirs() throws Exception {
        for (int i = 0; i < LiveHandlers.MAX_STREAMS_PER_IP; i++) {
            assertThat(stream("203.0.113.5", null)).startsWith("HTTP/1.1 200 ");
        }
        String refused = stream("203.0.113.5", null);
        assertThat(refused).startsWith("HTTP/1.1 429 ").contains("from your network");
        assertThat(app.app().liveStreams()).isEqualTo(LiveHandlers.MAX_STREAMS_PER_IP);

        assertThat(stream("203.0.113.6", null)).as("another address").startsWith("HTTP/1.1 200 ");
    }

    @Test
    void oneSessionGetsItsShareFromAnyAddressAndAnotherSessionStillGetsItsOwn() throws Exception {
        String token = sessionOf(app.member("Streams-many"));
        for (int i = 0; i < LiveHandlers.MAX_STREAMS_PER_SESSION; i++) {
            // every stream from another address: the session's budget holds wherever it comes from
            assertThat(stream("198.51.100." + (i + 1), token)).startsWith("HTTP/1.1 200 ");
        }
        String refused = stream("198.51.100.200", token);
        assertThat(refused).startsWith("HTTP/1.1 429 ").contains("many live pages open");

        assertThat(stream("198.51.100.200", sessionOf(app.member("Streams-other")))).startsWith("HTTP/1.1 200 ");
    }

    @Test
    void aClosedStreamGivesItsPlaceBack() throws Exception {
        String token = sessionOf(app.member("Streams-reopen"));
        for (int i = 0; i < LiveHandlers.MAX_STREAMS_PER_SESSION; i++) {
            assertThat(stream("192.0.2.1", token)).startsWith("HTTP/1.1 200 ");
        }
        assertThat(stream("192.0.2.1", token)).startsWith("HTTP/1.1 429 ");
        streams.remove(0).close();
        awaitOpen(LiveHandlers.MAX_STREAMS_PER_SESSION - 1);
        assertThat(stream("192.0.2.1", token)).startsWith("HTTP/1.1 200 ");
    }

    @Test
    void aRequestThatIsNotAnEventStreamIsRefusedAndTakesNoPlace() {
        TestClient.Response r = app.client().get("/items/" + item + "/events");
        assertThat(r.status()).isEqualTo(406);
        assertThat(app.app().liveStreams()).isZero();
    }

    static String sessionOf(TestClient c) {
        return c.cookieValue(SessionRepository.COOKIE);
    }
}
