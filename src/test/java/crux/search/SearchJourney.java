package crux.search;

import static crux.testing.TestClient.form;
import static org.assertj.core.api.Assertions.assertThat;

import crux.debate.PostTokens;
import crux.testing.Browser;
import crux.testing.TestApp;
import crux.testing.TestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * In Chromium: a reader searches from the field in the header, finds an argument by a rare word with the word marked,
 * and follows the result to its place in the thread. Run with JavaScript on (results also follow typing on the search
 * page) and off (the form submits as it is): the subclasses.
 */
abstract class SearchJourney {

    static TestApp app;
    static Browser browser;
    static long argument;
    static boolean scripted;

    static void start(boolean javascript) {
        scripted = javascript;
        app = TestApp.start();
        TestClient author = app.member("sjauthor");
        TestClient.Response r = author.submit("/about", "/items/" + app.claim(1) + "/arguments", form("side", "opposes",
                "body", "A xylophonic ensemble would make the same point about export controls.", "token",
                PostTokens.next()));
        argument = Long.parseLong(r.location().replaceAll(".*#comment-", ""));
        browser = Browser.start(javascript);
    }

    @AfterAll
    static void stop() {
        browser.close();
        app.close();
    }

    static WebDriver d() {
        return browser.driver();
    }

    /** The field a label names, as a person finds it. */
    static WebElement field(String label) {
        WebElement l = d().findElement(By.xpath("//label[normalize-space()='" + label + "']"));
        return d().findElement(By.id(l.getAttribute("for")));
    }

    @Test
    void theHeaderSearchFindsAnArgumentByARareWordAndLeadsToIt() {
        d().get(app.baseUrl() + "/about");
        WebElement search = field("Search Crux");
        search.sendKeys("xylophonic");
        search.sendKeys(Keys.ENTER);
        browser.waiting().until(ExpectedConditions.urlContains("/search?q=xylophonic"));
        WebElement result = browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector(".search-result")));
        assertThat(result.findElement(By.cssSelector(".search-snippet mark")).getText()).isEqualTo("xylophonic");
        assertThat(field("Search for").getAttribute("value")).isEqualTo("xylophonic");
        browser.screenshotsAtBothWidths("search-" + (scripted ? "js" : "nojs"));

        if (scripted) {
            // typing on the search page brings its results without a submit
            WebElement again = field("Search for");
            again.sendKeys(Keys.chord(Keys.CONTROL, "a"), "ensemble");
            browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(
                    By.cssSelector(".search-snippet mark"), "ensemble"));
            browser.waiting().until(ExpectedConditions.urlContains("q=ensemble"));
            result = d().findElement(By.cssSelector(".search-result"));
        }
        result.findElement(By.cssSelector("a.search-title")).click();
        browser.waiting().until(ExpectedConditions.urlContains("#comment-" + argument));
        assertThat(d().findElement(By.id("comment-" + argument)).getText()).contains("xylophonic ensemble");
    }
}
