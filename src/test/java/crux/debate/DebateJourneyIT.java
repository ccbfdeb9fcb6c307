package crux.debate;

import static org.assertj.core.api.Assertions.assertThat;

import crux.testing.Browser;
import crux.testing.TestApp;
import crux.testing.TestClient;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.FluentWait;

/**
 * A member argues against a claim, replies to someone else's argument, votes it up, sorts by controversial and
 * folds a thread away: once with JavaScript (htmx does replies and votes in place) and once without (forms post
 * and redirect). Screenshots of every debate page at desktop and phone widths land in target/screenshots.
 */
class DebateJourneyIT {

    static TestApp app;
    static long samsArgument;

    @BeforeAll
    static void start() {
        app = TestApp.start();
        TestClient sam = app.member("sam");
        samsArgument = Debates.argueId(sam, app.claim(1), "supports", "Open weights let anyone **study, copy and undercut**: "
                + "that is the whole strategy. See [the article](https://example.org/article).");
        Debates.replyId(app.member("rea"), samsArgument, "Undercutting needs chips too, and those are scarce.");
        // a 2,000-comment debate to look at
        List<Long> authors = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            app.member("crowd" + i);
            authors.add(app.memberNamed("crowd" + i).id());
        }
        DebateSeed.seed(app.dsl(), app.claim(2), authors, 2_000, 19, 5);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void withJavaScript() {
        journey(true);
    }

    @Test
    void withoutJavaScript() {
        journey(false);
    }

    private void journey(boolean javascript) {
        String who = javascript ? "jo" : "nojo";
        String tag = javascript ? "js" : "nojs";
        app.member(who);
        try (Browser browser = Browser.start(javascript)) {
            WebDriver d = browser.driver();
            signIn(browser, who);

            // 1. an argument against the claim
            d.get(app.baseUrl() + "/items/" + app.claim(1));
            d.findElement(By.xpath("//summary[normalize-space()='Make an argument']")).click();
            WebElement form = d.findElement(By.id("argument-form"));
            form.findElement(By.xpath(".//label[normalize-space()='opposes it']")).click();
            field(d, "Your argument").sendKeys("Open source does not remove margins: hardware keeps them (" + tag + ").");
            form.findElement(By.xpath(".//button[normalize-space()='Post argument']")).click();
            browser.waiting().until(ExpectedConditions.urlContains("#comment-"));
            String mine = d.getCurrentUrl().replaceAll(".*#", "");
            WebElement posted = d.findElement(By.id(mine));
            assertThat(posted.findElement(By.cssSelector(".side")).getText()).isEqualToIgnoringCase("Opposes");
            assertThat(posted.findElement(By.cssSelector(".comment-body")).getText()).contains("hardware keeps them");
            assertThat(d.findElement(By.cssSelector(".flash")).getText()).contains("posted");

            // 2. a reply to Sam's argument
            d.get(app.baseUrl() + "/items/" + app.claim(1));
            mark(d);
            WebElement sams = d.findElement(By.id("comment-" + samsArgument));
            sams.findElement(By.xpath("./article//a[normalize-space()='Reply']")).click();
            String replyText = "Chips are the one thing they cannot open-source (" + tag + ").";
            if (javascript) {
                WebElement box = browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(
                        By.cssSelector("#reply-slot-" + samsArgument + " textarea")));
                box.sendKeys(replyText);
                d.findElement(By.cssSelector("#reply-slot-" + samsArgument + " button[type=submit]")).click();
                htmxWait(browser).until(x -> x.findElement(By.id("replies-" + samsArgument)).getText().contains(replyText));
                assertThat(d.findElement(By.id("debate-status")).getText()).contains("Your reply is posted");
                assertThat(marked(d)).as("the page was not reloaded").isTrue();
            } else {
                browser.waiting().until(ExpectedConditions.urlContains("/comments/" + samsArgument + "/reply"));
                browser.screenshot("debate-reply-page-1280");
                field(d, "Your reply to sam").sendKeys(replyText);
                d.findElement(By.xpath("//button[normalize-space()='Post reply']")).click();
                browser.waiting().until(ExpectedConditions.urlContains("#comment-"));
                assertThat(d.findElement(By.id("replies-" + samsArgument)).getText()).contains(replyText);
            }

            // 3. an up-vote for Sam's argument
            int ups = app.dsl().select(crux.db.generated.Tables.COMMENT.UPS).from(crux.db.generated.Tables.COMMENT)
                    .where(crux.db.generated.Tables.COMMENT.ID.eq(samsArgument)).fetchOne().value1();
            WebElement up = d.findElement(By.id("vote-up-" + samsArgument));
            assertThat(up.getAttribute("aria-pressed")).isEqualTo("false");
            up.click();
            htmxWait(browser).until(x -> "true".equals(x.findElement(By.id("vote-up-" + samsArgument)).getAttribute("aria-pressed")));
            assertThat(d.findElement(By.cssSelector("#vote-up-" + samsArgument + " .count")).getText()).isEqualTo(Integer.toString(ups + 1));
            if (javascript) {
                assertThat(marked(d)).isTrue();
                assertThat(d.findElement(By.id("debate-status")).getText()).contains("You voted this up");
            }

            // 4. sorted by controversial
            d.findElement(By.linkText("Controversial")).click();
            browser.waiting().until(ExpectedConditions.urlContains("sort=controversial"));
            assertThat(d.findElement(By.cssSelector(".sorts a[aria-current]")).getText()).isEqualTo("Controversial");

            // 5. the thread folds away and opens again, with or without JavaScript
            WebElement fold = d.findElement(By.cssSelector("#comment-" + samsArgument + " > details.fold"));
            WebElement firstReply = fold.findElement(By.cssSelector(".replies > li .comment-body"));
            assertThat(firstReply.isDisplayed()).isTrue();
            fold.findElement(By.tagName("summary")).click();
            browser.waiting().until(ExpectedConditions.invisibilityOf(firstReply));
            assertThat(fold.getAttribute("open")).isNull();
            fold.findElement(By.tagName("summary")).click();
            browser.waiting().until(ExpectedConditions.visibilityOf(firstReply));

            // 6. a permalink to a folded reply still shows it
            long deep = app.dsl().select(crux.db.generated.Tables.COMMENT.ID).from(crux.db.generated.Tables.COMMENT)
                    .where(crux.db.generated.Tables.COMMENT.ITEM_ID.eq(app.claim(2)))
                    .and(crux.db.generated.Tables.COMMENT.DEPTH.eq(ThreadTree.MAX_DEPTH)).limit(1).fetchOne().value1();
            d.get(app.baseUrl() + "/comments/" + deep);
            browser.waiting().until(ExpectedConditions.urlContains("#comment-" + deep));
            assertThat(d.findElement(By.cssSelector("#comment-" + deep + " .comment-body")).isDisplayed()).isTrue();

            if (javascript) {
                screenshots(browser);
            }
        }
    }

    /** Thread, pro/con, a 2,000-comment page and a history page, at 1280×800 and 375×812; nothing overflows. */
    private void screenshots(Browser browser) {
        WebDriver d = browser.driver();
        TestClient reviser = app.member("reviser");
        long second = Debates.argueId(reviser, app.claim(1), "question", "First wording of a question.");
        Debates.replyId(app.member("reviser2"), second, "The weights. Code alone would not worry anyone.");
        reviser.submit("/about", "/comments/" + second + "/edit",
                TestClient.form("body", "Second wording of a question, with **emphasis** and a [link](https://example.org)."));
        List<String[]> pages = List.of(
                new String[] {"debate-thread", "/items/" + app.claim(1)},
                new String[] {"debate-procon", "/items/" + app.claim(1) + "?view=procon"},
                new String[] {"debate-2000", "/items/" + app.claim(2)},
                new String[] {"debate-2000-procon", "/items/" + app.claim(2) + "?view=procon"},
                new String[] {"debate-history", "/comments/" + second + "/history"});
        for (int width : new int[] {1280, 375}) {
            browser.size(width, width == 375 ? 812 : 800);
            for (String[] page : pages) {
                d.get(app.baseUrl() + page[1]);
                if (page[1].startsWith("/items/")) {
                    ((JavascriptExecutor) d).executeScript("document.querySelector('.debate-controls').scrollIntoView()");
                }
                browser.screenshot(page[0] + "-" + width);
                ((JavascriptExecutor) d).executeScript("window.scrollBy(0, window.innerHeight - 60)");
                browser.screenshot(page[0] + "-" + width + "-further");
                long scroll = (Long) ((JavascriptExecutor) d).executeScript("return document.documentElement.scrollWidth");
                long client = (Long) ((JavascriptExecutor) d).executeScript("return document.documentElement.clientWidth");
                assertThat(scroll).as("%s at %d px does not overflow", page[1], width).isLessThanOrEqualTo(client);
            }
        }
        browser.size(1280, 800);
    }

    /** A wait that looks again when htmx swapped the element out from under it. */
    private static FluentWait<WebDriver> htmxWait(Browser browser) {
        return browser.waiting().ignoring(StaleElementReferenceException.class);
    }

    private static void signIn(Browser browser, String name) {
        signIn(browser, app.baseUrl(), name);
    }

    /** Signs {@code name} in through the login form of the Crux at {@code baseUrl}, as a person would. */
    static void signIn(Browser browser, String baseUrl, String name) {
        WebDriver d = browser.driver();
        d.get(baseUrl + "/login");
        field(d, "Name").sendKeys(name);
        field(d, "Password").sendKeys(TestApp.PASSWORD);
        d.findElement(By.xpath("//main//button[normalize-space()='Sign in']")).click();
        browser.waiting().until(x -> !x.getCurrentUrl().contains("/login"));
    }

    /** The form control a label names, as a person finds it. */
    static WebElement field(WebDriver d, String label) {
        WebElement l = d.findElement(By.xpath("//label[normalize-space()='" + label + "']"));
        return d.findElement(By.id(l.getAttribute("for")));
    }

    private static void mark(WebDriver d) {
        if (d instanceof JavascriptExecutor js) {
            try {
                js.executeScript("window.__journey = 'same page'");
            } catch (RuntimeException javascriptOff) {
                // nothing to mark without JavaScript
            }
        }
    }

    private static boolean marked(WebDriver d) {
        return "same page".equals(((JavascriptExecutor) d).executeScript("return window.__journey"));
    }
}
