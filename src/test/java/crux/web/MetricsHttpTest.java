package crux.web;

import static org.assertj.core.api.Assertions.assertThat;

import crux.testing.TestApp;
import crux.testing.TestClient;
import org.junit.jupiter.api.Test;

class MetricsHttpTest {

    @Test
    void metricsCountRequestsByRoutePatternInPrometheusFormat() {
        try (TestApp app = TestApp.start()) {
            TestClient c = app.client();
            c.get("/items/" + app.claim(1));
            c.get("/items/" + app.claim(2));
            c.get("/no-such-page");
            TestClient.Response r = c.get("/metrics");
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.header("Content-Type")).get().asString().startsWith("text/plain");
            assertThat(r.body())
                    .contains("crux_http_requests_seconds_count{method=\"GET\",route=\"/items/{id}\",status=\"200\"} 2")
                    .contains("route=\"unmatched\",status=\"404\"")
                    .contains("crux_sql_statements_per_request")
                    .contains("hikaricp_connections")
                    .contains("jvm_memory_used_bytes")
                    // raw paths never become labels
                    .doesNotContain("route=\"/items/" + app.claim(1) + "\"");
        }
    }
}
