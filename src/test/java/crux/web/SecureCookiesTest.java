package crux.web;

import static crux.testing.TestClient.form;
import static org.assertj.core.api.Assertions.assertThat;

import crux.accounts.SessionRepository;
import crux.testing.TestApp;
import crux.testing.TestClient;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Behind HTTPS (CRUX_HTTPS=true) every cookie Crux sets is Secure as well. */
class SecureCookiesTest {

    static TestApp app;

    @BeforeAll
    static void start() {
        app = TestApp.start("h2", Map.of("CRUX_HTTPS", "true"));
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void visitorSessionAndFlashCookiesAreSecure() {
        TestClient c = app.client();
        TestClient.Response page = c.get("/register");
        String cookie = cookieOf(page.headers().allValues("Set-Cookie"), VisitorTokens.COOKIE);
        assertThat(cookie).contains("; Secure").contains("; HttpOnly").contains("; SameSite=Lax").contains("; Path=/");
        String token = page.html().select("meta[name=csrf-token]").attr("content");

        // an HTTP client keeps Secure cookies off plain http, so the cookie is sent by hand as a browser on https would
        String value = cookie.substring(cookie.indexOf('=') + 1, cookie.indexOf(';'));
        String pw = "lantern orbit cactus 77";
        TestClient.Response r = c.post("/register", form("name", "Secure-one", "password", pw, "confirm", pw,
                "_csrf", token), Map.of("Origin", c.base(), "Cookie", VisitorTokens.COOKIE + "=" + value));
        assertThat(r.status()).isEqualTo(302);
        List<String> set = r.headers().allValues("Set-Cookie");
        assertThat(cookieOf(set, SessionRepository.COOKIE)).contains("; Secure").contains("; HttpOnly");
        assertThat(cookieOf(set, "crux_flash")).contains("; Secure").contains("; HttpOnly");
    }

    private static String cookieOf(List<String> setCookie, String name) {
        return setCookie.stream().filter(h -> h.startsWith(name + "=")).findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " cookie in " + setCookie));
    }
}
