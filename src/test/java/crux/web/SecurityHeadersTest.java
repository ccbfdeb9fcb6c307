package crux.web;

import static org.assertj.core.api.Assertions.assertThat;

import crux.testing.TestApp;
import crux.testing.TestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SecurityHeadersTest {

    static TestApp app;

    @BeforeAll
    static void start() {
        app = TestApp.start();
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/items/1", "/about", "/healthz", "/items/999999", "/static/css/crux.css",
            "/static/missing.css", "/webjars/htmx.org/2.0.10/dist/htmx.min.js"})
    void everyResponseCarriesTheSecurityHeaders(String path) {
        TestClient.Response r = app.client().get(path);
        String csp = r.header("Content-Security-Policy").orElseThrow(() -> new AssertionError("no CSP on " + path));
        assertThat(csp).contains("default-src 'none'").contains("script-src 'self'").contains("frame-ancestors 'none'")
                .contains("base-uri 'none'").contains("object-src 'none'").contains("form-action 'self'")
                .doesNotContain("unsafe-inline").doesNotContain("unsafe-eval");
        assertThat(r.header("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(r.header("X-Frame-Options")).hasValue("DENY");
        assertThat(r.header("Referrer-Policy")).isPresent();
        assertThat(r.header("Server")).isEmpty();
        assertThat(r.header("X-Powered-By")).isEmpty();
    }
}
