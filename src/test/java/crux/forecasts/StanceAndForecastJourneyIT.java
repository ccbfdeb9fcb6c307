package crux.forecasts;

import static crux.testing.TestClient.form;
import static crux.testing.Text.assertThatText;
import static org.assertj.core.api.Assertions.assertThat;

import crux.testing.Browser;
import crux.testing.Seeded;
import crux.testing.TestApp;
import crux.testing.TestClient;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * A member signs in, agrees with a claim and sees the split appear in place, forecasts a prediction and sees the
 * community forecast change; a moderator resolves it and the member's score appears on their profile. Screenshots
 * of every page at desktop and phone width, none overflowing at 375 px. Then the same stance with JavaScript off.
 */
class StanceAndForecastJourneyIT {

    static TestApp app;
    static Browser browser;

    @BeforeAll
    static void start() {
        app = TestApp.start();
        app.member("journey");
        // others, so the community forecast and the split have something to show
        for (int i = 0; i < 7; i++) {
            TestClient other = app.member("crowd" + i);
            other.submit("/items/" + app.prediction(1), "/items/" + app.prediction(1) + "/forecast", form("probability", Integer.toString(40 + i * 5),
                    "rationale", i % 2 == 0 ? "open models keep coming" : ""));
            for (long item : new long[] {app.claim(1), app.claim(3), app.claim(4), app.claim(5), app.claim(7), app.claim(8)}) {
                other.submit("/items/" + item, "/items/" + item + "/stance",
                        form("stance", (item + i) % 3 == 0 ? "disagree" : (item + i) % 3 == 1 ? "agree" : "unsure"));
            }
        }
        app.app().camps().runNow();
        browser = Browser.start(true);
    }

    @AfterAll
    static void stop() {
        browser.close();
        app.close();
    }

    static void signIn(WebDriver d, String name) {
        d.get(app.baseUrl() + "/login");
        d.findElement(By.id("name")).sendKeys(name);
        d.findElement(By.id("password")).sendKeys(TestApp.PASSWORD);
        d.findElement(By.cssSelector("main form button[type=submit]")).click();
        browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("a.me")));
    }

    @Test
    void agreeForecastGetResolvedAndSeeTheScore() {
        WebDriver d = browser.driver();
        signIn(d, "journey");

        // a claim: the split is hidden until the member takes a stance, then appears in place (no reload)
        d.get(app.baseUrl() + "/items/" + app.claim(3));
        assertThat(d.findElements(By.cssSelector("#stance .split"))).isEmpty();
        assertThat(d.findElement(By.cssSelector("#stance .voters")).getText()).isEqualTo("7 people have taken a stance.");
        ((JavascriptExecutor) d).executeScript("document.body.setAttribute('data-loaded', 'once')");
        d.findElement(By.id("stance-" + app.claim(3) + "-agree")).click();
        browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#stance .split")));
        assertThat(d.findElement(By.tagName("body")).getAttribute("data-loaded")).isEqualTo("once");
        assertThat(d.findElement(By.id("stance-" + app.claim(3) + "-agree")).getAttribute("aria-pressed")).isEqualTo("true");
        assertThat(d.findElement(By.cssSelector("#stance .voters")).getText()).isEqualTo("8 people have taken a stance.");
        assertThat(d.findElement(By.cssSelector("#stance .status-line")).getText()).isEqualTo("Saved: you agree.");
        shoot("item-claim");

        // a prediction: the community forecast moves when the member forecasts, in place
        d.get(app.baseUrl() + "/items/" + app.prediction(1));
        String before = d.findElement(By.cssSelector(".community-number")).getText();
        assertThat(d.findElement(By.cssSelector(".community-count")).getText()).isEqualTo("from 7 forecasters");
        ((JavascriptExecutor) d).executeScript("document.body.setAttribute('data-loaded', 'once')");
        WebElement probability = d.findElement(By.cssSelector("input[name=probability]"));
        assertThat(d.findElement(By.cssSelector("label[for=probability]")).getText()).contains("%");
        probability.clear(); // the script fills it from the slider, at the community forecast
        probability.sendKeys("95");
        d.findElement(By.id("rationale")).sendKeys("DeepSeek, Qwen and Kimi already ship monthly");
        d.findElement(By.id("forecast-submit")).click();
        browser.waiting().until(ExpectedConditions.textToBe(By.cssSelector(".community-count"), "from 8 forecasters"));
        assertThat(d.findElement(By.tagName("body")).getAttribute("data-loaded")).isEqualTo("once");
        assertThat(d.findElement(By.cssSelector(".community-number")).getText()).isNotEqualTo(before);
        assertThat(d.findElement(By.cssSelector(".forecast-mine strong")).getText()).isEqualTo("95 %");
        shoot("item-prediction");

        // an invalid number is explained in place
        d.findElement(By.cssSelector("input[name=probability]")).clear();
        d.findElement(By.cssSelector("input[name=probability]")).sendKeys("0");
        ((JavascriptExecutor) d).executeScript("document.querySelector('input[name=probability]').removeAttribute('min')");
        d.findElement(By.id("forecast-submit")).click();
        browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("probability-error")));
        assertThat(d.findElement(By.id("probability-error")).getText()).isEqualTo("Choose from 1 to 99 %: 0 and 100 % mean certainty, and a certain forecast that turns out wrong scores minus infinity.");

        // the article shows the standing beside the passages
        d.get(app.baseUrl() + Seeded.ARTICLE);
        assertThatText(d.findElement(By.id("standing-" + app.claim(3))).getText()).startsWith("8 voters · ").containsPhrases("% agree");
        assertThatText(d.findElement(By.id("standing-" + app.prediction(1))).getText()).containsPhrases("8 forecasters");
        shoot("article");

        // a moderator (another session) resolves it; the member's score appears on their profile
        TestClient mod = app.member("journeymod", "moderator");
        assertThat(mod.submit("/items/" + app.prediction(1), "/mod/items/" + app.prediction(1) + "/resolve", form("outcome", "yes", "note", "Dozens of models shipped.",
                "source", "https://huggingface.co/models", "early", "confirmed")).status()).isEqualTo(303);
        d.get(app.baseUrl() + "/users/journey");
        assertThat(d.findElement(By.id("mean-log")).getText()).matches("[+\u2212]\\d+\\.\\d");
        assertThatText(d.findElement(By.id("score-" + app.prediction(1))).getText()).containsPhrases("95 %");
        shoot("profile");
        d.get(app.baseUrl() + "/items/" + app.prediction(1));
        assertThat(d.findElement(By.cssSelector(".resolution-outcome")).getText()).startsWith("Resolved YES");
        shoot("item-resolved");
        d.get(app.baseUrl() + "/leaderboard");
        shoot("leaderboard");
        d.get(app.baseUrl() + "/common-ground");
        shoot("common-ground");
    }

    @Test
    void withoutJavaScriptAStancePostsAndComesBackToTheSameSpot() {
        try (Browser plain = Browser.start(false)) {
            WebDriver d = plain.driver();
            d.get(app.baseUrl() + "/login");
            d.findElement(By.id("name")).sendKeys("crowd1");
            d.findElement(By.id("password")).sendKeys(TestApp.PASSWORD);
            d.findElement(By.cssSelector("main form button[type=submit]")).click();
            plain.waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("a.me")));
            d.get(app.baseUrl() + Seeded.ARTICLE);
            d.findElement(By.id("entry-" + app.claim(9) + "-disagree")).click();
            plain.waiting().until(ExpectedConditions.urlContains("#passage-" + app.claim(9)));
            assertThat(d.findElement(By.id("entry-" + app.claim(9) + "-disagree")).getAttribute("aria-pressed")).isEqualTo("true");
            assertThat(d.findElement(By.id("standing-" + app.claim(9))).getText()).isEqualTo("1 voter · 0 % agree · 100 % disagree");
            d.get(app.baseUrl() + "/items/" + app.claim(10));
            d.findElement(By.id("stance-" + app.claim(10) + "-unsure")).click();
            plain.waiting().until(ExpectedConditions.urlContains("/items/" + app.claim(10) + "#stance"));
            assertThat(d.findElement(By.cssSelector(".flash")).getText()).isEqualTo("Saved: you are unsure.");
            assertThat(d.findElements(By.cssSelector("#stance .split"))).hasSize(1);
        }
    }

    /** Long pages are photographed whole: the window is made as tall as the page (within reason). */
    static final int MAX_SHOT_HEIGHT = 6000;

    /** A desktop and a phone screenshot of the current page, whole; nothing may overflow the phone's width. */
    static void shoot(String name) {
        WebDriver d = browser.driver();
        JavascriptExecutor js = (JavascriptExecutor) d;
        try {
            for (int width : new int[] {1280, 375}) {
                browser.size(width, width == 375 ? 812 : 800);
                d.navigate().refresh();
                Long scroll = (Long) js.executeScript("return document.documentElement.scrollWidth;");
                Long client = (Long) js.executeScript("return document.documentElement.clientWidth;");
                assertThat(scroll).as("%s overflows at %d px", name, width).isLessThanOrEqualTo(client);
                long height = (Long) js.executeScript("return document.documentElement.scrollHeight;");
                browser.size(width, (int) Math.min(height + 140, MAX_SHOT_HEIGHT));
                browser.screenshot(name + "-" + width);
            }
        } finally {
            browser.size(1280, 800);
        }
    }
}
