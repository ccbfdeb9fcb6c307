package crux.forecasts;

import static org.assertj.core.api.Assertions.assertThat;

import crux.testing.Browser;
import crux.testing.TestApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * JavaScript off: the slider alone saves a forecast (the number box left empty), and it then starts at the forecast
 * saved; a number typed in the box counts over the slider.
 */
class ForecastSliderNoScriptIT {

    static TestApp app;
    static Browser browser;

    @BeforeAll
    static void start() {
        app = TestApp.start();
        app.member("noscriptslider");
        browser = Browser.start(false);
    }

    @AfterAll
    static void stop() {
        browser.close();
        app.close();
    }

    @Test
    void theSliderAloneSavesAForecastAndATypedNumberCountsOverIt() {
        WebDriver d = browser.driver();
        browser.signIn(app.baseUrl(), "noscriptslider");

        long item = app.prediction(2);
        d.get(app.baseUrl() + "/items/" + item);
        WebElement slider = d.findElement(By.cssSelector("#forecast form input[type=range]"));
        assertThat(slider.getAttribute("value")).as("nobody has forecast").isEqualTo("50");
        assertThat(d.findElement(By.id("probability")).getAttribute("value")).isEmpty();
        slider.sendKeys(Keys.ARROW_LEFT, Keys.ARROW_LEFT, Keys.ARROW_DOWN);
        assertThat(slider.getAttribute("value")).isEqualTo("47");
        d.findElement(By.id("forecast-submit")).click();
        browser.waiting().until(x -> x.getCurrentUrl().endsWith("/items/" + item + "#forecast"));
        assertThat(d.findElement(By.cssSelector(".forecast-mine strong")).getText()).isEqualTo("47 %");
        assertThat(d.findElement(By.cssSelector("#forecast form input[type=range]")).getAttribute("value")).isEqualTo("47");

        d.findElement(By.id("probability")).sendKeys("12");
        d.findElement(By.id("forecast-submit")).click();
        browser.waiting().until(ExpectedConditions.textToBe(By.cssSelector(".forecast-mine strong"), "12 %"));
        browser.screenshotsAtBothWidths("forecast-slider-noscript");
    }
}
