package crux.live;

import static crux.testing.TestClient.form;
import static org.assertj.core.api.Assertions.assertThat;

import crux.debate.PostTokens;
import crux.testing.Browser;
import crux.testing.TestApp;
import crux.testing.TestClient;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.WebDriverWait;

/** An open item page, JavaScript on, shows an argument another member posts, without a reload. */
class LiveUpdatesIT {

    @Test
    void anArgumentPostedElsewhereAppearsOnAnOpenPage() {
        try (TestApp app = TestApp.start(); Browser browser = Browser.start(true)) {
            var driver = browser.driver();
            driver.get(app.baseUrl() + "/items/" + app.claim(3));
            new WebDriverWait(driver, Duration.ofSeconds(20)).until(d ->
                    app.app().events().subscriberCount() >= 1);
            Object marker = ((JavascriptExecutor) driver)
                    .executeScript("window.__notReloaded = true; return window.__notReloaded;");
            assertThat(marker).isEqualTo(true);

            TestClient other = app.member("liveother");
            TestClient.Response r = other.submit("/about", "/items/" + app.claim(3) + "/arguments", form("side", "opposes",
                    "body", "Posted by another member while the page is open.", "token", PostTokens.next()));
            assertThat(r.status()).isEqualTo(302);

            // read by script: the section is replaced by the live update, so element references go stale
            new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> String.valueOf(
                    ((JavascriptExecutor) d).executeScript(
                            "return document.getElementById('debate').textContent"))
                    .contains("Posted by another member while the page is open."));
            assertThat(((JavascriptExecutor) driver).executeScript("return window.__notReloaded;"))
                    .as("the page was not reloaded").isEqualTo(true);
            new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> String.valueOf(
                    ((JavascriptExecutor) d).executeScript(
                            "return document.getElementById('debate-status').textContent")).contains("New arguments"));
        }
    }
}
