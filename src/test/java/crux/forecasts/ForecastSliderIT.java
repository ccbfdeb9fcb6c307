package crux.forecasts;

import static crux.testing.TestClient.form;
import static org.assertj.core.api.Assertions.assertThat;

import crux.testing.Browser;
import crux.testing.TestApp;
import crux.testing.TestClient;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * JavaScript on: the forecast slider starts at the community forecast, the number box beside it shows the same; moving
 * the slider with the arrow keys moves the number, and saving stores it; typing a number moves the slider. Screenshots
 * of the prediction page (the charts with their marks) at 1280 and 375 px, light and dark.
 */
class ForecastSliderIT {

    static TestApp app;
    static Browser browser;

    @BeforeAll
    static void start() {
        app = TestApp.start();
        app.member("slider");
        for (int i = 0; i < 5; i++) {
            TestClient other = app.member("slidercrowd" + i);
            other.submit("/items/" + app.prediction(1), "/items/" + app.prediction(1) + "/forecast",
                    form("probability", Integer.toString(50 + i * 5), "rationale", ""));
        }
        browser = Browser.start(true);
    }

    @AfterAll
    static void stop() {
        browser.close();
        app.close();
    }

    @Test
    void theArrowKeysMoveTheSliderAndTheNumberAndSavingStoresIt() {
        WebDriver d = browser.driver();
        browser.signIn(app.baseUrl(), "slider");
        d.get(app.baseUrl() + "/items/" + app.prediction(1));
        WebElement slider = d.findElement(By.cssSelector("#forecast form input[type=range]"));
        WebElement number = d.findElement(By.id("probability"));
        // five forecasters 50 … 70: the community forecast is a whole number, where both start
        String community = d.findElement(By.cssSelector(".community-number")).getText().replace(" %", "");
        assertThat(slider.getAttribute("value")).isEqualTo(community);
        assertThat(number.getAttribute("value")).isEqualTo(community);
        int start = Integer.parseInt(community);

        slider.sendKeys(Keys.HOME);
        assertThat(number.getAttribute("value")).isEqualTo("1");
        new Actions(d).sendKeys(Keys.ARROW_RIGHT, Keys.ARROW_RIGHT, Keys.ARROW_UP).perform();
        assertThat(slider.getAttribute("value")).isEqualTo("4");
        assertThat(number.getAttribute("value")).isEqualTo("4");
        new Actions(d).sendKeys(Keys.PAGE_UP).perform();
        int paged = Integer.parseInt(slider.getAttribute("value"));
        assertThat(paged).isGreaterThan(4);
        assertThat(number.getAttribute("value")).isEqualTo(Integer.toString(paged));
        d.findElement(By.id("forecast-submit")).click();
        browser.waiting().until(ExpectedConditions.textToBe(By.cssSelector(".forecast-mine strong"), paged + " %"));
        assertThat(start).isNotEqualTo(paged);

        // after the in-place update both start at the forecast just saved; typing moves the slider
        slider = d.findElement(By.cssSelector("#forecast form input[type=range]"));
        number = d.findElement(By.id("probability"));
        assertThat(slider.getAttribute("value")).isEqualTo(Integer.toString(paged));
        browser.waiting().until(ExpectedConditions.attributeToBe(number, "value", Integer.toString(paged)));
        number.clear();
        number.sendKeys("83");
        assertThat(slider.getAttribute("value")).isEqualTo("83");
        d.findElement(By.id("forecast-submit")).click();
        browser.waiting().until(ExpectedConditions.textToBe(By.cssSelector(".forecast-mine strong"), "83 %"));

        // the page with the histogram's marks, once its fold is opened: the median and "You 83 %"
        d.findElement(By.cssSelector("details.charts-fold > summary")).click();
        assertThat(d.findElement(By.cssSelector("svg.chart-histogram .chart-mine-label")).getText()).isEqualTo("You 83 %");
        assertThat(d.findElement(By.cssSelector("svg.chart-histogram .chart-median-label")).getText()).startsWith("Median ");
        d.get(app.baseUrl() + "/items/" + app.prediction(1) + "#forecast");
        ((org.openqa.selenium.JavascriptExecutor) d).executeScript(
                "document.querySelectorAll('details.charts-fold').forEach(function (f) { f.open = true; });");
        browser.screenshotsAtBothWidths("forecast-slider-light");
        ChromeDriver chrome = (ChromeDriver) d;
        chrome.executeCdpCommand("Emulation.setEmulatedMedia",
                Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", "dark"))));
        try {
            d.navigate().refresh();
            ((org.openqa.selenium.JavascriptExecutor) d).executeScript(
                    "document.querySelectorAll('details.charts-fold').forEach(function (f) { f.open = true; });");
            browser.screenshotsAtBothWidths("forecast-slider-dark");
        } finally {
            chrome.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features", List.of()));
        }
    }
}
