package crux.debate;

import static crux.db.generated.Tables.COMMENT;
import static org.assertj.core.api.Assertions.assertThat;

import crux.testing.Browser;
import crux.testing.TestApp;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * Writing an argument in a real Chromium: with JavaScript, the live preview, a draft kept across a reload and cleared
 * once posted, and quote-reply; without, the Preview button. Screenshots of the argument form with its preview at
 * 1280 and 375 px, light and dark, land in target/screenshots (writing-*).
 */
class WritingJourneyIT {

    static TestApp app;
    static long item;
    static long quoted;

    @BeforeAll
    static void start() {
        app = TestApp.start();
        item = app.claim(5);
        quoted = Debates.argueId(app.member("quotable"), item, "supports",
                "Chips are the bottleneck, not the models themselves.");
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void withJavaScriptThePreviewIsLiveDraftsSurviveAReloadAndWordsCanBeQuoted() {
        app.member("livewriter");
        try (Browser browser = Browser.start(true)) {
            WebDriver d = browser.driver();
            signIn(browser, "livewriter");
            d.get(app.baseUrl() + "/items/" + item);
            d.findElement(By.xpath("//summary[normalize-space()='Make an argument']")).click();
            WebElement box = field(d, "Your argument");
            box.sendKeys("Margins fall *first* in **software**.");
            browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("argument-preview")));
            browser.waiting().until(x -> "software".equals(
                    text(x, "#argument-preview .preview-body strong")));
            assertThat(text(d, "#argument-preview .preview-body em")).isEqualTo("first");
            screenshots(browser, "writing-preview-js");

            // the draft survives a reload, and its preview comes back with it
            d.navigate().refresh();
            browser.waiting().until(x -> "Margins fall *first* in **software**.".equals(
                    field(x, "Your argument").getAttribute("value")));
            browser.waiting().until(x -> "software".equals(text(x, "#argument-preview .preview-body strong")));

            // posted: the draft is gone
            d.findElement(By.xpath("//label[normalize-space()='opposes it']")).click();
            d.findElement(By.xpath("//button[normalize-space()='Post argument']")).click();
            browser.waiting().until(ExpectedConditions.urlContains("#comment-"));
            assertThat(((JavascriptExecutor) d).executeScript(
                    "return window.localStorage.getItem('crux-draft:argument-' + arguments[0]);", item)).isNull();
            d.get(app.baseUrl() + "/items/" + item);
            assertThat(d.findElement(By.id("argument-body")).getAttribute("value")).isEmpty();

            // quote-reply: words selected in an argument start the reply as a block quote linked to the argument
            assertThat(browser.select("#comment-" + quoted + " .comment-body", "Chips are the bottleneck")).isTrue();
            WebElement quote = browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(
                    By.xpath("//button[normalize-space()='Quote in a reply']")));
            quote.click();
            WebElement reply = browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(
                    By.id("reply-body-" + quoted)));
            browser.waiting().until(x -> reply.getAttribute("value").startsWith("> Chips are the bottleneck\n"));
            assertThat(reply.getAttribute("value"))
                    .contains("[from this comment](" + app.baseUrl() + "/comments/" + quoted + ")");
            browser.waiting().until(x -> !text(x, "#reply-body-" + quoted + "-preview .preview-body blockquote")
                    .isEmpty());
        }
    }

    @Test
    void withoutJavaScriptThePreviewButtonShowsTheTextRenderedAndStoresNothing() {
        app.member("plainwriter");
        try (Browser browser = Browser.start(false)) {
            WebDriver d = browser.driver();
            signIn(browser, "plainwriter");
            d.get(app.baseUrl() + "/items/" + item);
            d.findElement(By.xpath("//summary[normalize-space()='Make an argument']")).click();
            d.findElement(By.xpath("//label[normalize-space()='asks a question']")).click();
            field(d, "Your argument").sendKeys("Who makes the **chips**?\n\n> a quoted line");
            int stored = app.count(COMMENT);
            d.findElement(By.xpath("//form[@id='argument-form']//button[normalize-space()='Preview']")).click();
            browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("argument-preview")));
            assertThat(text(d, "#argument-preview .preview-body strong")).isEqualTo("chips");
            assertThat(text(d, "#argument-preview .preview-body blockquote")).isEqualTo("a quoted line");
            assertThat(field(d, "Your argument").getAttribute("value")).isEqualTo("Who makes the **chips**?\n\n> a quoted line");
            assertThat(d.findElement(By.xpath("//label[normalize-space()='asks a question']/input")).isSelected()).isTrue();
            assertThat(app.count(COMMENT)).isEqualTo(stored);
            screenshots(browser, "writing-preview-nojs");
        }
    }

    /** At 1280 and 375 px, light then dark. */
    private static void screenshots(Browser browser, String name) {
        browser.screenshotsAtBothWidths(name + "-light");
        ChromeDriver chrome = (ChromeDriver) browser.driver();
        chrome.executeCdpCommand("Emulation.setEmulatedMedia",
                Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", "dark"))));
        browser.screenshotsAtBothWidths(name + "-dark");
        chrome.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features", List.of()));
    }

    private static String text(WebDriver d, String css) {
        List<WebElement> found = d.findElements(By.cssSelector(css));
        return found.isEmpty() ? "" : found.get(0).getText();
    }

    private static void signIn(Browser browser, String name) {
        DebateJourneyIT.signIn(browser, app.baseUrl(), name);
    }

    private static WebElement field(WebDriver d, String label) {
        return DebateJourneyIT.field(d, label);
    }
}
