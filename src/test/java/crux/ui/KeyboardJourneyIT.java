package crux.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import crux.debate.PostTokens;
import crux.testing.Browser;
import crux.testing.TestApp;
import crux.testing.TestClient;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The member journey with the keyboard alone (Tab, Shift+Tab, Enter, Space to the focused element): the skip link,
 * signing in, a stance, a forecast, an argument (previewed first), a reply, a flag and a quote-reply; and a moderator
 * pinning an argument from its thread. Every focused element shows its focus, focus is never trapped, and after a
 * post and redirect focus lands where the person was (#stance, #forecast, #comment-N).
 */
class KeyboardJourneyIT {

    static TestApp app;
    static Browser browser;

    @BeforeAll
    static void start() {
        app = TestApp.start();
        app.member("keys");
        TestClient other = app.member("keysother");
        other.submit("/items/" + app.prediction(1), "/items/" + app.prediction(1) + "/forecast", TestClient.form("probability", "40", "rationale", ""));
        // someone else's argument, for the flag (on an item the journey does not argue on)
        other.submit("/items/" + app.claim(5), "/items/" + app.claim(5) + "/arguments", TestClient.form("side", "opposes",
                "body", "An argument to flag by keyboard.", "token", PostTokens.next()));
        // an argument for a moderator to pin by keyboard
        other.submit("/items/" + app.claim(6), "/items/" + app.claim(6) + "/arguments", TestClient.form("side",
                "supports", "body", "An argument to pin by keyboard.", "token", PostTokens.next()));
        app.member("keysmod", "moderator");
        browser = Browser.start(true);
    }

    @AfterAll
    static void stop() {
        browser.close();
        app.close();
    }

    private WebDriver d() {
        return browser.driver();
    }

    private WebElement active() {
        return d().switchTo().activeElement();
    }

    private void press(CharSequence key) {
        new Actions(d()).sendKeys(key).perform();
    }

    private void shiftTab() {
        new Actions(d()).keyDown(Keys.SHIFT).sendKeys(Keys.TAB).keyUp(Keys.SHIFT).perform();
    }

    private void type(String text) {
        new Actions(d()).sendKeys(text).perform();
    }

    /** What the focused element looks like, for messages. */
    private String describe(WebElement e) {
        return (String) ((JavascriptExecutor) d()).executeScript(
                "const e = arguments[0]; return e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + ' \"'"
                        + " + (e.textContent || e.value || '').trim().slice(0, 40) + '\"';", e);
    }

    /** The focused element has a visible focus indicator: an outline or a box shadow. */
    private void assertFocusVisible(WebElement e) {
        String style = (String) ((JavascriptExecutor) d()).executeScript(
                "const s = getComputedStyle(arguments[0]);"
                        + "const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;"
                        + "return outline || (s.boxShadow && s.boxShadow !== 'none') ? 'visible' : 'outline:' + s.outlineStyle"
                        + " + ' ' + s.outlineWidth + ' shadow:' + s.boxShadow;", e);
        assertThat(style).as("focus indicator of " + describe(e)).isEqualTo("visible");
    }

    /** Presses Tab (or Shift+Tab) until the focused element matches, checking focus is visible at every stop. */
    private WebElement tabTo(String what, Predicate<WebElement> wanted, boolean backwards) {
        for (int i = 0; i < 150; i++) {
            if (backwards) {
                shiftTab();
            } else {
                press(Keys.TAB);
            }
            WebElement e = active();
            if (e.getTagName().equals("body")) {
                continue; // the browser's own chrome between the end and the start of the page
            }
            assertFocusVisible(e);
            if (wanted.test(e)) {
                return e;
            }
        }
        fail("Tab never reached " + what + "; focus stuck at " + describe(active()));
        return null;
    }

    private WebElement tabTo(String id) {
        return tabTo("#" + id, e -> id.equals(e.getAttribute("id")), false);
    }

    private WebElement tabToText(String text) {
        return tabTo("\"" + text + "\"", e -> e.getText().trim().equals(text), false);
    }

    @Test
    void aModeratorPinsAnArgumentByKeyboard() {
        WebDriver d = d();
        browser.signInWithSession(app, "keysmod");
        long argument = app.dsl().select(crux.db.generated.Tables.COMMENT.ID).from(crux.db.generated.Tables.COMMENT)
                .where(crux.db.generated.Tables.COMMENT.BODY_SOURCE.eq("An argument to pin by keyboard.")).fetchOne()
                .value1();
        d.get(app.baseUrl() + "/items/" + app.claim(6));
        // open the comment's Moderate disclosure with Enter, type the reason, Tab to Pin and press it
        tabTo("the Moderate disclosure", e -> "summary".equals(e.getTagName()) && (Boolean) ((JavascriptExecutor) d)
                .executeScript("return arguments[0].closest('#comment-" + argument + "') !== null "
                        + "&& arguments[0].closest('details.mod-box') !== null;", e), false);
        press(Keys.ENTER);
        tabTo("mod-reason-" + argument);
        type("The clearest case against.");
        tabToText("Pin");
        press(Keys.ENTER);
        browser.waiting().until(x -> app.dsl().fetchCount(crux.db.generated.Tables.COMMENT,
                crux.db.generated.Tables.COMMENT.ID.eq(argument)
                        .and(crux.db.generated.Tables.COMMENT.PINNED.isTrue())) == 1);
        browser.waiting().until(x -> x.getCurrentUrl().contains("#comment-" + argument));
    }

    @Test
    void theWholeJourneyByKeyboard() {
        WebDriver d = d();
        d.get(app.baseUrl() + "/login");

        // the skip link is the first stop and moves focus to the main content
        press(Keys.TAB);
        assertThat(active().getAttribute("class")).contains("skip-link");
        assertFocusVisible(active());
        press(Keys.ENTER);
        assertThat(active().getAttribute("id")).isEqualTo("main");

        // sign in
        tabTo("name");
        type("keys");
        press(Keys.TAB);
        assertThat(active().getAttribute("id")).isEqualTo("password");
        type(TestApp.PASSWORD);
        tabToText("Sign in");
        press(Keys.ENTER);
        browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("a.me")));

        // a stance on a claim: in place, and focus stays on the pressed button
        d.get(app.baseUrl() + "/items/" + app.claim(3));
        tabTo("stance-" + app.claim(3) + "-agree");
        press(Keys.ENTER);
        browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#stance .split")));
        browser.waiting().until(x -> "true".equals(x.findElement(By.id("stance-" + app.claim(3) + "-agree")).getAttribute("aria-pressed")));
        assertThat(active().getAttribute("id")).isEqualTo("stance-" + app.claim(3) + "-agree");

        // Shift+Tab goes back the way it came, Tab forward again
        press(Keys.TAB);
        String next = describe(active());
        shiftTab();
        assertThat(describe(active())).as("Shift+Tab after Tab from Agree (went to " + next + ")")
                .isEqualTo(describe(d.findElement(By.id("stance-" + app.claim(3) + "-agree"))));
        assertFocusVisible(active());

        // a forecast on a prediction: in place, focus stays in the forecast section
        d.get(app.baseUrl() + "/items/" + app.prediction(1));
        tabTo("probability");
        type("70");
        press(Keys.TAB);
        assertThat(active().getAttribute("id")).isEqualTo("rationale");
        type("keyboards are fast");
        tabTo("forecast-submit");
        press(Keys.ENTER);
        browser.waiting().until(ExpectedConditions.textToBe(By.cssSelector(".forecast-mine strong"), "70 %"));
        assertThat((Boolean) ((JavascriptExecutor) d).executeScript(
                "return document.getElementById('forecast').contains(document.activeElement);")).isTrue();

        // an argument: the form posts and redirects to #comment-N, which takes focus
        tabTo("a supports radio", e -> "supports".equals(e.getAttribute("value")), false);
        press(Keys.SPACE);
        assertThat(active().isSelected()).isTrue();
        tabTo("argument-body");
        type("Open models ship **every** month.");
        // the Preview button: the page comes back with the text rendered and kept
        ((JavascriptExecutor) d).executeScript("window.__before = 'preview';");
        tabToText("Preview");
        press(Keys.ENTER);
        browser.waiting().until(x -> ((JavascriptExecutor) x).executeScript("return window.__before") == null
                && x.findElement(By.cssSelector("#argument-preview strong")).getText().equals("every"));
        tabTo("argument-body");
        assertThat(active().getAttribute("value")).isEqualTo("Open models ship **every** month.");
        tabToText("Post argument");
        press(Keys.ENTER);
        browser.waiting().until(x -> x.getCurrentUrl().contains("#comment-"));
        String anchor = d.getCurrentUrl().replaceAll(".*#", "");
        browser.waiting().until(x -> anchor.equals(active().getAttribute("id")));

        // a reply: the Reply link of that argument opens the form in place, focused; posting adds the reply
        String commentId = anchor.replace("comment-", "");
        tabTo("the argument's Reply link", e -> ("/comments/" + commentId + "/reply").equals(e.getDomAttribute("href")), false);
        press(Keys.ENTER);
        browser.waiting().until(x -> ("reply-body-" + commentId).equals(active().getAttribute("id")));
        type("And each one is better than the last.");
        tabToText("Post reply");
        press(Keys.ENTER);
        browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("replies-" + commentId),
                "better than the last"));

        // a flag on someone else's argument: open the disclosure with Enter, choose a reason with Space, send
        long flagged = app.dsl().select(crux.db.generated.Tables.COMMENT.ID).from(crux.db.generated.Tables.COMMENT)
                .where(crux.db.generated.Tables.COMMENT.BODY_SOURCE.eq("An argument to flag by keyboard.")).fetchOne().value1();
        d.get(app.baseUrl() + "/items/" + app.claim(5));
        tabTo("the Flag disclosure", e -> "summary".equals(e.getTagName()) && (Boolean) ((JavascriptExecutor) d)
                .executeScript("return arguments[0].closest('#comment-" + flagged + "') !== null "
                        + "&& arguments[0].closest('details.flag-box') !== null;", e), false);
        press(Keys.ENTER);
        // Tab enters a radio group once (at its first choice); Space chooses it
        tabTo("a flag reason", e -> "reason".equals(e.getAttribute("name")), false);
        press(Keys.SPACE);
        assertThat(active().isSelected()).isTrue();
        tabToText("Send flag");
        press(Keys.ENTER);
        browser.waiting().until(x -> app.dsl().fetchCount(crux.db.generated.Tables.COMMENT_FLAG,
                crux.db.generated.Tables.COMMENT_FLAG.COMMENT_ID.eq(flagged)) == 1);

        // quote-reply: with words of the argument selected (as caret browsing, F7, lets a keyboard select), the
        // "Quote in a reply" button is the next stop; it opens the reply with them quoted, the box focused
        ((JavascriptExecutor) d).executeScript("""
                var body = document.querySelector('#comment-' + arguments[0] + ' .comment-body');
                var text = body.querySelector('p').firstChild;
                var r = document.createRange();
                r.setStart(text, 0);
                r.setEnd(text, 'An argument to flag'.length);
                getSelection().removeAllRanges();
                getSelection().addRange(r);
                body.focus();""", flagged);
        browser.waiting().until(x -> x.findElement(By.cssSelector(".quote-action")).isDisplayed());
        tabToText("Quote in a reply");
        press(Keys.ENTER);
        browser.waiting().until(x -> ("reply-body-" + flagged).equals(active().getAttribute("id")));
        assertThat(active().getAttribute("value")).startsWith("> An argument to flag\n>\n> — [from this comment](");
        type("Flagged, and answered.");
        tabToText("Post reply");
        press(Keys.ENTER);
        browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("replies-" + flagged),
                "Flagged, and answered."));
        assertThat(d.findElement(By.cssSelector("#replies-" + flagged + " blockquote")).getText())
                .contains("An argument to flag");

        // focus is not trapped: Tab goes on to the end of the page (the footer)
        tabTo("the footer link", e -> (Boolean) ((JavascriptExecutor) d).executeScript(
                "return arguments[0].closest('footer') !== null;", e), false);
    }
}
