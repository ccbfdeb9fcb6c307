package crux.web;

import static org.assertj.core.api.Assertions.assertThat;

import crux.testing.TestApp;
import crux.testing.TestClient;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * /metrics is for operators: this host, the CRUX_METRICS_ALLOW addresses, or whoever holds CRUX_METRICS_TOKEN. Other
 * addresses are played by a trusted proxy on loopback forwarding for them.
 */
class MetricsAccessHttpTest {

    static final String TOKEN = "metrics-token-for-tests-0123456789";
    static final String ALLOWED = "203.0.113.9";
    static final String STRANGER = "198.51.100.7";

    static TestApp app;

    @BeforeAll
    static void start() {
        app = TestApp.start(TestApp.defaultKind(), Map.of("CRUX_TRUSTED_PROXIES", "127.0.0.1",
                "CRUX_METRICS_ALLOW", ALLOWED, "CRUX_METRICS_TOKEN", TOKEN));
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    static TestClient.Response metrics(Map<String, String> headers) {
        return app.client().get("/metrics", headers);
    }

    static void assertServed(TestClient.Response r) {
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).contains("jvm_memory_used_bytes");
        assertThat(r.header("Cache-Control")).hasValue("no-store");
    }

    static void assertRefused(TestClient.Response r) {
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.body()).contains("Metrics are for operators").doesNotContain("jvm_").doesNotContain("hikari");
    }

    @Test
    void thisHostReadsThem() {
        assertServed(metrics(Map.of()));
    }

    @Test
    void anAllowedAddressReadsThem() {
        assertServed(metrics(Map.of("X-Forwarded-For", ALLOWED)));
    }

    @Test
    void anyOtherAddressIsRefused() {
        assertRefused(metrics(Map.of("X-Forwarded-For", STRANGER)));
        // also when it claims to be loopback one hop further away than the proxy it came through
        assertRefused(metrics(Map.of("X-Forwarded-For", "127.0.0.1, " + STRANGER)));
    }

    @Test
    void theTokenOpensThemFromAnywhereAndAWrongOneDoesNot() {
        assertServed(metrics(Map.of("X-Forwarded-For", STRANGER, "Authorization", "Bearer " + TOKEN)));
        assertRefused(metrics(Map.of("X-Forwarded-For", STRANGER, "Authorization", "Bearer " + TOKEN + "x")));
        assertRefused(metrics(Map.of("X-Forwarded-For", STRANGER, "Authorization", "Basic " + TOKEN)));
        assertRefused(metrics(Map.of("X-Forwarded-For", STRANGER, "Authorization", "Bearer ")));
    }

    @Test
    void withoutATokenSettingNoBearerOpensThem() {
        try (TestApp plain = TestApp.start(TestApp.defaultKind(), Map.of("CRUX_TRUSTED_PROXIES", "127.0.0.1"))) {
            TestClient.Response r = plain.client().get("/metrics", Map.of("X-Forwarded-For", STRANGER,
                    "Authorization", "Bearer "));
            assertThat(r.status()).isEqualTo(403);
            assertThat(plain.client().get("/metrics").status()).isEqualTo(200);
        }
    }
}
