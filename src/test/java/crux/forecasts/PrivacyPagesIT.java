package crux.forecasts;

import static crux.testing.TestClient.form;
import static org.assertj.core.api.Assertions.assertThat;

import crux.accounts.SessionRepository;
import crux.testing.Browser;
import crux.testing.TestApp;
import crux.testing.TestClient;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * A profile and a prediction's page as another member sees them, open and then resolved, in a real browser with
 * JavaScript on and off, light and dark, at 1280 and 375 px (screenshots under target/screenshots/privacy-*).
 */
class PrivacyPagesIT {

    static TestApp app;
    static long prediction;
    static String viewerToken;

    @BeforeAll
    static void start() {
        app = TestApp.start();
        prediction = app.prediction(1);
        String[] reasons = {"Open weights are cheap to ship and DeepSeek showed the way.", "",
                "Export controls slow training runs more than people think.", "Already happening."};
        for (int i = 0; i < 4; i++) {
            TestClient c = app.member("shown" + i);
            c.submit("/items/" + prediction, "/items/" + prediction + "/forecast",
                    form("probability", Integer.toString(35 + 15 * i), "rationale", reasons[i]));
            c.submit("/items/" + app.claim(1), "/items/" + app.claim(1) + "/stance", form("stance", "agree"));
        }
        app.member("looker");
        viewerToken = app.app().services().sessions().create(app.memberNamed("looker"), false, "it", "127.0.0.1").token();
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void anotherMemberSeesReasonsWithoutNamesUntilTheResolutionThenTheRecord() {
        for (boolean javascript : new boolean[] {true, false}) {
            try (Browser browser = signedIn(javascript)) {
                WebDriver d = browser.driver();
                String js = javascript ? "js" : "nojs";
                d.get(app.baseUrl() + "/items/" + prediction + "#forecast");
                assertThat(d.findElements(By.cssSelector(".reason-list li"))).hasSize(3);
                assertThat(d.findElements(By.cssSelector("#forecast-body a[href^='/users/']"))).isEmpty();
                shots(browser, "privacy-open-item-" + js);
                d.get(app.baseUrl() + "/users/shown0");
                assertThat(d.findElements(By.id("stances-title"))).isEmpty();
                assertThat(d.findElements(By.id("forecast-" + prediction))).isEmpty();
                shots(browser, "privacy-open-profile-" + js);
            }
        }
        TestClient mod = app.member("shotmod", "moderator");
        assertThat(mod.submit("/items/" + prediction, "/mod/items/" + prediction + "/resolve",
                form("outcome", "yes", "note", "Dozens of open models shipped.", "source", "https://example.org/", "early", "confirmed"))
                .status()).isEqualTo(303);
        for (boolean javascript : new boolean[] {true, false}) {
            try (Browser browser = signedIn(javascript)) {
                WebDriver d = browser.driver();
                String js = javascript ? "js" : "nojs";
                d.get(app.baseUrl() + "/items/" + prediction + "#forecast");
                assertThat(d.findElements(By.cssSelector(".forecast-list a[href='/users/shown0']"))).hasSize(1);
                assertThat(d.findElements(By.cssSelector(".reason-list"))).isEmpty();
                shots(browser, "privacy-resolved-item-" + js);
                d.get(app.baseUrl() + "/users/shown0");
                assertThat(d.findElement(By.id("forecast-" + prediction)).getText()).contains("35 %")
                        .contains("Open weights are cheap");
                assertThat(d.findElements(By.id("stances-title"))).isEmpty();
                shots(browser, "privacy-resolved-profile-" + js);
            }
        }
    }

    private static Browser signedIn(boolean javascript) {
        Browser browser = Browser.start(javascript);
        browser.driver().get(app.baseUrl() + "/about");
        browser.driver().manage().addCookie(new Cookie(SessionRepository.COOKIE, viewerToken, "/"));
        return browser;
    }

    private static void shots(Browser browser, String name) {
        browser.screenshotsAtBothWidths(name + "-light");
        ChromeDriver chrome = (ChromeDriver) browser.driver();
        chrome.executeCdpCommand("Emulation.setEmulatedMedia",
                Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", "dark"))));
        browser.screenshotsAtBothWidths(name + "-dark");
        chrome.executeCdpCommand("Emulation.setEmulatedMedia",
                Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", "light"))));
    }
}
