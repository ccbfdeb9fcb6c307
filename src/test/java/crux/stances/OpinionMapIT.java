package crux.stances;

import static crux.db.generated.Tables.ITEM;
import static org.assertj.core.api.Assertions.assertThat;

import crux.testing.A11y;
import crux.testing.Browser;
import crux.testing.Seeded;
import crux.testing.TestApp;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * What only a browser shows of the opinion map: that it is drawn (the hexagons have size on screen), fits 1280 and
 * 375 px in light and dark mode without sideways scrolling (screenshots under target/screenshots), and that axe finds
 * nothing on the page, for a visitor and for a member placed on it.
 */
class OpinionMapIT {

    static TestApp app;
    static Browser browser;

    @BeforeAll
    static void start() {
        app = TestApp.start();
        List<Long> claims = app.items("claim");
        app.account("mi-you");
        MapData data = new MapData(app, claims.subList(0, 3), claims.subList(3, 6), claims.get(6));
        // a few hundred members, spread over several bins per camp
        List<Long> pros = data.camp("mi-pro", 180, true, 4);
        List<Long> contras = data.camp("mi-contra", 140, false, 3);
        data.forecasts(app.prediction(1), pros.subList(0, 20), 75);
        data.forecasts(app.prediction(1), contras.subList(0, 20), 30);
        long you = app.memberNamed("mi-you").id();
        for (long item : claims.subList(0, 7)) {
            data.stance(you, item, claims.indexOf(item) < 3 || item == claims.get(6) ? "agree" : "disagree");
        }
        long article = app.dsl().select(ITEM.ARTICLE_ID).from(ITEM).where(ITEM.ID.eq(claims.get(0))).fetchOne().value1();
        app.app().camps().runNow(article).orElseThrow();
        browser = Browser.start(true);
    }

    @AfterAll
    static void stop() {
        try {
            browser.close();
        } finally {
            app.close();
        }
    }

    @Test
    void theMapIsDrawnFitsBothWidthsInLightAndDarkAndPassesAxe() {
        ChromeDriver driver = (ChromeDriver) browser.driver();
        for (String who : new String[] {null, "mi-you"}) {
            browser.signInWithSession(app, who);
            driver.get(app.baseUrl() + Seeded.ARTICLE + "/common-ground");
            browser.waiting().until(d -> !d.findElements(By.cssSelector("svg.map polygon.hex")).isEmpty());
            WebElement hex = driver.findElement(By.cssSelector("svg.map polygon.hex"));
            assertThat(hex.getRect().getWidth()).as("a hexagon has size on screen").isGreaterThan(4);
            assertThat(driver.findElements(By.cssSelector("svg.map circle.you-dot"))).hasSize(who == null ? 0 : 1);
            assertThat(A11y.violations(driver)).as("axe on the map page (%s)", who).isEmpty();
            for (String scheme : List.of("light", "dark")) {
                driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features",
                        List.of(Map.of("name", "prefers-color-scheme", "value", scheme))));
                browser.screenshotsAtBothWidths("opinion-map-" + (who == null ? "visitor" : "member") + "-" + scheme);
                if (scheme.equals("dark")) {
                    assertThat(A11y.violations(driver)).as("axe in dark mode (%s)", who).isEmpty();
                }
            }
            driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features",
                    List.of(Map.of("name", "prefers-color-scheme", "value", "light"))));
        }
    }
}
