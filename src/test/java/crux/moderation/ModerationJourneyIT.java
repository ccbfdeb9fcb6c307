package crux.moderation;

import static crux.testing.TestClient.form;
import static crux.testing.Text.assertThatText;
import static org.assertj.core.api.Assertions.assertThat;

import crux.debate.PostTokens;
import crux.testing.Browser;
import crux.testing.TestApp;
import crux.testing.TestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * In a real browser: a member flags a comment, a moderator signs in with two-factor and hides it with a reason, the
 * public log shows it, and the author finds the reason in their inbox.
 */
class ModerationJourneyIT {

    static TestApp app;
    static Browser browser;
    static long comment;

    @BeforeAll
    static void start() {
        app = TestApp.start();
        TestClient author = app.member("jauthor");
        TestClient.Response r = author.submit("/about", "/items/" + app.claim(1) + "/arguments",
                form("side", "supports", "body", "Everyone who disagrees is a fool.", "token", PostTokens.next()));
        comment = Long.parseLong(r.location().replaceAll(".*#comment-", ""));
        app.account("jflagger");
        app.member("jmod", "moderator");
        browser = Browser.start(true);
    }

    @AfterAll
    static void stop() {
        browser.close();
        app.close();
    }

    static WebDriver d() {
        return browser.driver();
    }

    static WebElement field(String label) {
        WebElement l = d().findElement(By.xpath("//main//label[normalize-space()='" + label + "']"));
        return d().findElement(By.id(l.getAttribute("for")));
    }

    static void signIn(String name, String next) {
        d().manage().deleteAllCookies();
        d().get(app.baseUrl() + "/login?next=" + next);
        field("Name").sendKeys(name);
        field("Password").sendKeys(TestApp.PASSWORD);
        d().findElement(By.xpath("//main//button[normalize-space()='Sign in']")).click();
    }

    @Test
    void flagHideLogAndInbox() throws InterruptedException {
        // the member flags the comment from the thread, through the disclosure
        signIn("jflagger", "/items/" + app.claim(1));
        browser.waiting().until(ExpectedConditions.urlMatches(".*/items/" + app.claim(1) + "$")); // not /login?next=/items/1
        WebElement c = d().findElement(By.id("comment-" + comment));
        c.findElement(By.xpath(".//summary[normalize-space()='Flag']")).click();
        c.findElement(By.xpath(".//label[normalize-space()='Uncivil']")).click();
        c.findElement(By.xpath(".//button[normalize-space()='Send flag']")).click();
        browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".flash"), "Thank you"));

        // the moderator signs in with the password, then the code (replays are refused: TwoFactorTest)
        String secret = app.totpSecret("jmod");
        signIn("jmod", "/mod");
        browser.waiting().until(ExpectedConditions.urlContains("/two-factor"));
        field("Code").sendKeys(app.services().twoFactor().nextCode(secret)); // later than the enrolment code
        d().findElement(By.xpath("//main//button[normalize-space()='Continue']")).click();
        browser.waiting().until(ExpectedConditions.urlMatches(".*/mod$"));
        WebElement entry = d().findElement(By.id("flagged-" + comment));
        assertThatText(entry.getText()).containsPhrases("Uncivil: 1", "Everyone who disagrees is a fool.");
        screenshots("moderation-queue-flags");
        entry.findElement(By.xpath(".//label[starts-with(normalize-space(),'Reason for hiding')]/following-sibling::input"))
                .sendKeys("Insults other members");
        entry.findElement(By.xpath(".//button[normalize-space()='Uphold and hide']")).click();
        browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".flash"), "hidden"));

        d().get(app.baseUrl() + "/mod/log");
        assertThat(d().findElement(By.tagName("main")).getText()).contains("uphold flags", "Insults other members", "jmod");

        signIn("jauthor", "/inbox");
        browser.waiting().until(ExpectedConditions.urlMatches(".*/inbox$"));
        // waits on the text rather than reading <main> once: the element read just after the URL changes can be
        // replaced by the page still arriving (a stale element)
        browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "Insults other members"));
        screenshots("moderation-inbox");
    }

    /** The whole page at desktop and phone widths; at phone width nothing may scroll sideways. */
    private static void screenshots(String name) {
        browser.screenshotsAtBothWidths(name);
    }
}
