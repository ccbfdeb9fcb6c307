package crux.ui;

import static crux.db.generated.Tables.COMMENT;
import static crux.db.generated.Tables.COMMENT_FLAG;
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
 * JavaScript off: every action of the keyboard journey works as a plain form POST and redirect back to where the
 * person was (a fragment anchor). Also a refused form (422) ties its error to its field with aria-describedby.
 */
class NoScriptJourneyIT {

    static TestApp app;
    static Browser browser;

    @BeforeAll
    static void start() {
        app = TestApp.start();
        app.member("noscript");
        // someone else's argument, for the flag (on an item the journey does not argue on)
        TestClient other = app.member("noscriptother");
        other.submit("/items/" + app.claim(5), "/items/" + app.claim(5) + "/arguments", TestClient.form("side", "opposes",
                "body", "An argument to flag without scripts.", "token", PostTokens.next()));
        browser = Browser.start(false);
    }

    @AfterAll
    static void stop() {
        browser.close();
        app.close();
    }

    /** Without scripts the browser itself focuses a fragment target that has tabindex="-1" (and scrolls to it). */
    @Test
    void anAnchoredSectionTakesFocusWithoutScripts() {
        WebDriver d = browser.driver();
        d.get(app.baseUrl() + "/items/" + app.prediction(1) + "#forecast");
        assertThat(d.switchTo().activeElement().getAttribute("id")).isEqualTo("forecast");
    }

    @Test
    void aRefusedRegistrationTiesTheErrorToItsField() {
        WebDriver d = browser.driver();
        d.manage().deleteAllCookies();
        d.get(app.baseUrl() + "/register");
        d.findElement(By.id("name")).sendKeys("weakling");
        d.findElement(By.id("password")).sendKeys("short");
        d.findElement(By.id("confirm")).sendKeys("short");
        d.findElement(By.cssSelector("main form button[type=submit]")).click();
        browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("password-error")));
        String describedBy = d.findElement(By.id("password")).getAttribute("aria-describedby");
        assertThat(describedBy.split(" ")).contains("password-error");
        assertThat(d.findElement(By.id("password")).getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(d.findElement(By.id("password-error")).getText()).isEqualTo("Use at least 10 characters.");
    }

    @Test
    void everyActionByFormPostAndRedirect() {
        WebDriver d = browser.driver();
        d.manage().deleteAllCookies();
        d.get(app.baseUrl() + "/login");
        d.findElement(By.id("name")).sendKeys("noscript");
        d.findElement(By.id("password")).sendKeys(TestApp.PASSWORD);
        d.findElement(By.cssSelector("main form button[type=submit]")).click();
        browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("a.me")));

        // stance
        d.get(app.baseUrl() + "/items/" + app.claim(3));
        d.findElement(By.id("stance-" + app.claim(3) + "-agree")).click();
        browser.waiting().until(x -> x.getCurrentUrl().endsWith("/items/" + app.claim(3) + "#stance"));
        assertThat(d.findElement(By.id("stance-" + app.claim(3) + "-agree")).getAttribute("aria-pressed")).isEqualTo("true");
        assertThat(d.findElements(By.cssSelector("#stance .split"))).isNotEmpty();
        assertThat(d.findElement(By.id("stance")).getAttribute("tabindex")).isEqualTo("-1");

        // forecast
        d.get(app.baseUrl() + "/items/" + app.prediction(1));
        d.findElement(By.id("probability")).sendKeys("65");
        d.findElement(By.id("rationale")).sendKeys("no script needed");
        d.findElement(By.id("forecast-submit")).click();
        browser.waiting().until(x -> x.getCurrentUrl().endsWith("/items/" + app.prediction(1) + "#forecast"));
        assertThat(d.findElement(By.cssSelector(".forecast-mine strong")).getText()).isEqualTo("65 %");
        assertThat(d.findElement(By.id("forecast")).getAttribute("tabindex")).isEqualTo("-1");

        // argument (the form is open when the debate is empty)
        d.findElement(By.cssSelector("#argument-form input[value=supports]")).click();
        d.findElement(By.id("argument-body")).sendKeys("Works without scripts.");
        d.findElement(By.cssSelector("#argument-form button[type=submit]")).click();
        browser.waiting().until(x -> x.getCurrentUrl().contains("#comment-"));
        String anchor = d.getCurrentUrl().replaceAll(".*#", "");
        assertThat(d.findElement(By.id(anchor)).getText()).contains("Works without scripts.");
        assertThat(d.findElement(By.id(anchor)).getAttribute("tabindex")).isEqualTo("-1");
        String id = anchor.replace("comment-", "");

        // reply: the Reply link opens the reply page; posting redirects to the new reply's anchor
        d.findElement(By.cssSelector("a[href='/comments/" + id + "/reply']")).click();
        browser.waiting().until(x -> x.getCurrentUrl().endsWith("/comments/" + id + "/reply"));
        d.findElement(By.id("reply-body-" + id)).sendKeys("A reply by plain form.");
        d.findElement(By.cssSelector("#reply-form-" + id + " button[type=submit]")).click();
        browser.waiting().until(x -> x.getCurrentUrl().contains("/items/" + app.prediction(1)) && x.getCurrentUrl().contains("#comment-"));
        String replyAnchor = d.getCurrentUrl().replaceAll(".*#", "");
        assertThat(replyAnchor).isNotEqualTo(anchor);
        assertThat(d.findElement(By.id(replyAnchor)).getText()).contains("A reply by plain form.");
        // and focus arrives with the person: the new reply, not the top of the page
        assertThat(d.switchTo().activeElement().getAttribute("id")).isEqualTo(replyAnchor);

        // flag someone else's argument: the disclosure opens without scripts, the form posts and redirects
        long flagged = app.dsl().select(COMMENT.ID).from(COMMENT).where(COMMENT.BODY_SOURCE
                .eq("An argument to flag without scripts.")).fetchOne().value1();
        d.get(app.baseUrl() + "/items/" + app.claim(5) + "#comment-" + flagged);
        WebElement box = d.findElement(By.cssSelector("#comment-" + flagged + " details.flag-box"));
        box.findElement(By.tagName("summary")).click();
        box.findElement(By.cssSelector("input[name=reason][value=unsupported]")).click();
        box.findElement(By.cssSelector("button[type=submit]")).click();
        browser.waiting().until(x -> app.dsl().fetchCount(COMMENT_FLAG, COMMENT_FLAG.COMMENT_ID.eq(flagged)) == 1);
        browser.waiting().until(x -> x.getCurrentUrl().contains("/items/" + app.claim(5)));
    }
}
