package crux.moderation;

import static crux.testing.TestClient.form;
import static org.assertj.core.api.Assertions.assertThat;

import crux.accounts.SessionRepository;
import crux.debate.PostTokens;
import crux.testing.A11y;
import crux.testing.Browser;
import crux.testing.TestApp;
import crux.testing.TestClient;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * In Chromium: a moderator pins an argument and hides a reply from the thread, through each comment's controls, and
 * sees the result where they acted; a member sees no such controls. Run with JavaScript on and off (the subclasses).
 */
abstract class ThreadModerationJourney {

    static TestApp app;
    static Browser browser;
    static long item;
    static long argument;
    static long answer;
    static boolean scripted;

    static void start(boolean javascript) {
        scripted = javascript;
        app = TestApp.start();
        item = app.claim(1);
        TestClient author = app.member("tjauthor");
        TestClient.Response r = author.submit("/about", "/items/" + item + "/arguments",
                form("side", "opposes", "body", "The premise ignores export controls entirely.", "token", PostTokens.next()));
        argument = Long.parseLong(r.location().replaceAll(".*#comment-", ""));
        r = app.member("tjreplier").submit("/about", "/comments/" + argument + "/replies",
                form("body", "Off-topic rant about something else altogether.", "token", PostTokens.next()));
        answer = Long.parseLong(r.location().replaceAll(".*#comment-", ""));
        app.member("tjmod", "moderator");
        browser = Browser.start(javascript);
    }

    @AfterAll
    static void stop() {
        browser.close();
        app.close();
    }

    abstract String name();

    static WebDriver d() {
        return browser.driver();
    }

    /** Signs the browser in as {@code name} (with two-factor passed, for a moderator) through a session cookie. */
    static void signInAs(String name) {
        var services = app.app().services();
        var member = services.accounts().byName(name).orElseThrow();
        String token = services.sessions().create(member, true, "journey", "127.0.0.1").token();
        d().get(app.baseUrl() + "/about");
        d().manage().deleteAllCookies();
        d().manage().addCookie(new Cookie(SessionRepository.COOKIE, token, "/"));
    }

    static WebElement comment(long id) {
        return d().findElement(By.id("comment-" + id));
    }

    /** Opens the comment's "Moderate" controls, gives the reason and presses the action's button. */
    static void moderate(long id, String reason, String action) {
        WebElement c = comment(id);
        WebElement box = c.findElement(By.cssSelector(":scope > article .mod-box"));
        box.findElement(By.xpath("./summary[normalize-space()='Moderate']")).click();
        WebElement label = box.findElement(By.xpath(".//label[normalize-space()='Reason (public log; told to the author)']"));
        d().findElement(By.id(label.getAttribute("for"))).sendKeys(reason);
        box.findElement(By.xpath(".//button[normalize-space()='" + action + "']")).click();
    }

    @Test
    void aModeratorPinsAndHidesFromTheThreadAndAMemberSeesNoControls() {
        signInAs("tjreplier");
        d().get(app.baseUrl() + "/items/" + item);
        browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("comment-" + argument)));
        assertThat(d().findElements(By.cssSelector(".mod-box"))).as("a member sees no moderator controls").isEmpty();
        assertThat(d().findElements(By.xpath("//summary[normalize-space()='Moderate']"))).isEmpty();

        signInAs("tjmod");
        d().get(app.baseUrl() + "/items/" + item);
        assertThat(comment(argument).findElements(By.cssSelector(".pin"))).isEmpty();
        moderate(argument, "The strongest objection so far", "Pin");
        browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".flash"),
                "The argument is pinned."));
        assertThat(d().getCurrentUrl()).endsWith("#comment-" + argument);
        assertThat(comment(argument).findElement(By.cssSelector(".pin")).getText()).isEqualTo("Pinned");

        moderate(answer, "Not about this claim", "Hide");
        browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".flash"),
                "The comment is hidden."));
        assertThat(d().getCurrentUrl()).endsWith("#comment-" + answer);
        assertThat(comment(answer).getText()).contains("This comment was hidden by a moderator: Not about this claim");
        // the moderator can restore it from here: the button offered now is Restore
        assertThat(comment(answer).findElements(By.xpath(".//button[normalize-space()='Restore']"))).hasSize(1);

        // a member sees the pin and the hidden reply's notice, and still no controls
        signInAs("tjauthor");
        d().get(app.baseUrl() + "/items/" + item);
        assertThat(comment(argument).findElement(By.cssSelector(".pin")).getText()).isEqualTo("Pinned");
        assertThat(comment(answer).getText()).doesNotContain("Off-topic rant").contains("hidden by a moderator");
        assertThat(d().findElements(By.cssSelector(".mod-box"))).isEmpty();
    }

    @Test
    void theControlsFitAPhoneInLightAndDarkAndPassAxe() {
        signInAs("tjmod");
        d().get(app.baseUrl() + "/items/" + item);
        browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("comment-" + argument)));
        ((JavascriptExecutor) d()).executeScript(
                "document.querySelectorAll('.mod-box').forEach(function (b) { b.open = true; });"
                        + "document.getElementById('comment-" + argument + "').scrollIntoView();");
        if (scripted) { // axe is itself a script: with JavaScript off only the layout is checked here
            assertThat(A11y.violations(d())).isEmpty();
        }
        for (String scheme : List.of("light", "dark")) {
            ((ChromeDriver) d()).executeCdpCommand("Emulation.setEmulatedMedia",
                    Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", scheme))));
            try {
                for (int width : new int[] {1280, 375}) {
                    browser.size(width, 900);
                    ((JavascriptExecutor) d()).executeScript(
                            "document.getElementById('comment-" + argument + "').scrollIntoView();");
                    long scroll = (Long) ((JavascriptExecutor) d()).executeScript("return document.documentElement.scrollWidth");
                    long client = (Long) ((JavascriptExecutor) d()).executeScript("return document.documentElement.clientWidth");
                    assertThat(scroll).as("%s px, %s: nothing scrolls sideways", width, scheme).isLessThanOrEqualTo(client);
                    browser.screenshot("thread-moderation-" + name() + "-" + scheme + "-" + width);
                }
            } finally {
                ((ChromeDriver) d()).executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features", List.of()));
                browser.size(1280, 800);
            }
        }
    }
}
