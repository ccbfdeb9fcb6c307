package crux.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import crux.testing.TestApp;
import crux.testing.TestClient;
import org.junit.jupiter.api.Test;

class HealthWhenDatabaseIsDownTest {

    @Test
    void healthIs503AndPagesAreFriendlyWhenTheDatabaseIsGone() {
        try (TestApp app = TestApp.start()) {
            TestClient client = app.client();
            assertThat(client.get("/healthz").status()).isEqualTo(200);
            ((HikariDataSource) app.app().database().dataSource()).close();
            TestClient.Response health = client.get("/healthz");
            assertThat(health.status()).isEqualTo(503);
            TestClient.Response page = client.get("/");
            assertThat(page.status()).isEqualTo(500);
            assertThat(page.body()).contains("Request id").doesNotContain("Hikari").doesNotContain("SQL")
                    .doesNotContain("Exception");
            SecurityHeadersTest.assertSecurityHeaders(page, "500");
            assertThat(page.header("Cache-Control")).hasValue("no-store");
        }
    }
}
