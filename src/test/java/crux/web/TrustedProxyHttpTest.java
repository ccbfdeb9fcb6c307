package crux.web;

import static crux.db.generated.Tables.MEMBER_SESSION;
import static crux.db.generated.Tables.RATE_COUNTER;
import static crux.testing.TestClient.form;
import static crux.testing.Refusals.assertRefused;
import static crux.testing.Refusals.assertRefusedMatching;
import static org.assertj.core.api.Assertions.assertThat;

import crux.accounts.web.AccountHandlers;
import crux.testing.TestApp;
import crux.testing.TestClient;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Behind a configured proxy (CRUX_TRUSTED_PROXIES) the client address comes from X-Forwarded-For. */
class TrustedProxyHttpTest {

    static TestApp app;

    @BeforeAll
    static void start() {
        app = TestApp.start("h2", Map.of("CRUX_TRUSTED_PROXIES", "127.0.0.1"));
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @BeforeEach
    void freshLimits() {
        app.resetLimits();
    }

    private static TestClient.Response login(TestClient c, String token, String name, String password, String xff) {
        return c.post("/login", form("name", name, "password", password, "_csrf", token),
                Map.of("Origin", c.base(), "X-Forwarded-For", xff));
    }

    static final String SIGN_INS = "Too many sign-in attempts from your network\\. Try again in \\d+ minutes?\\.";

    @Test
    void eachClientBehindTheProxyHasItsOwnSignInBudget() {
        app.account("Proxied");
        TestClient c = app.client();
        String token = c.csrf("/login");
        for (int i = 0; i < AccountHandlers.LOGIN_PER_IP.max(); i++) {
            assertRefused(login(c, token, "px-nobody-" + i, "wrong password", "203.0.113.10"), 422, "That name and password do not match. Check both and try again.");
        }
        var before = app.snapshot(MEMBER_SESSION);
        assertRefusedMatching(login(c, token, "Proxied", TestApp.PASSWORD, "203.0.113.10"), 429, SIGN_INS);
        // a spoofed address on the left of the chain does not help: the proxy appended the real one
        assertRefusedMatching(login(c, token, "Proxied", TestApp.PASSWORD, "198.51.100.1, 203.0.113.10"), 429, SIGN_INS);
        assertThat(app.snapshot(MEMBER_SESSION)).as("not signed in").isEqualTo(before);
        // another client behind the same proxy is not affected
        assertThat(login(c, token, "Proxied", TestApp.PASSWORD, "203.0.113.11").status()).isEqualTo(302);
        assertThat(app.dsl().fetchCount(RATE_COUNTER, RATE_COUNTER.BUCKET.eq("login-ip:203.0.113.10"))).isEqualTo(1);
    }

    @Test
    void theSessionListShowsTheForwardedAddress() {
        app.account("Proxied-list");
        TestClient c = app.client();
        String token = c.csrf("/login");
        assertThat(login(c, token, "Proxied-list", TestApp.PASSWORD, "203.0.113.77").status()).isEqualTo(302);
        assertThat(c.get("/settings").html().select("#sessions .meta").text()).contains("203.0.113.77");
    }
}
