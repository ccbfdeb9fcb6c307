package crux.ui;

import static crux.db.generated.Tables.ARTICLE;
import static crux.db.generated.Tables.COMMENT;
import static crux.db.generated.Tables.FORECAST;
import static crux.db.generated.Tables.ITEM;
import static crux.db.generated.Tables.ITEM_STANCE;
import static org.assertj.core.api.Assertions.assertThat;

import crux.testing.Browser;
import crux.testing.Seeded;
import crux.testing.TestApp;
import java.time.LocalDate;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * A second article, end to end in Chromium, with JavaScript and without: a moderator publishes it and anchors a
 * prediction and a claim in it (selecting the words, or pasting them); a member takes a stance, forecasts, argues and
 * proposes another passage (selecting or pasting); the moderator accepts the proposal; the front page lists both
 * articles.
 */
class SecondArticleJourneyIT {

    static final String MARKDOWN = """
            Batteries are the new chips, and the race for them is on.

            ## What the makers expect

            Makers expect battery prices to halve by 2030, according to [the survey](https://example.org/survey).

            - Gigafactories take three years to build.
            - Lithium supply keeps tightening.

            > Nobody wins a price war, said the analyst.
            """;
    static final String PREDICTION = "expect battery prices to halve by 2030";
    static final String CLAIM = "Lithium supply keeps tightening.";
    static final String PROPOSED = "Gigafactories take three years to build.";

    static TestApp app;

    @BeforeAll
    static void start() {
        app = TestApp.start();
        app.member("batteryreader");
        app.member("nobatteryreader");
        app.member("batterymod", "moderator");
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void withJavaScript() {
        journey(true, "batteryreader");
    }

    @Test
    void withoutJavaScript() {
        journey(false, "nobatteryreader");
    }

    private void journey(boolean javascript, String reader) {
        try (Browser browser = Browser.start(javascript)) {
            Journey j = new Journey(browser, javascript);
            WebDriver d = browser.driver();

            // the moderator publishes the article and anchors two items in it
            j.signInAs("batterymod");
            String title = "Batteries are the new chips (" + (javascript ? "with" : "without") + " script)";
            String path = j.publish(title);
            long articleId = app.dsl().select(ARTICLE.ID).from(ARTICLE)
                    .where(ARTICLE.SLUG.eq(path.substring("/articles/".length()))).fetchOne(ARTICLE.ID);
            long prediction = j.anchor(path, PREDICTION, "Prediction", "Battery prices halve by 2030.");
            long claim = j.anchor(path, CLAIM, "Claim", "Lithium supply is tightening.");
            assertThat(app.dsl().select(ITEM.ARTICLE_ID).from(ITEM).where(ITEM.ID.in(prediction, claim))
                    .fetch(ITEM.ARTICLE_ID)).containsOnly(articleId).hasSize(2);

            // a member reads it: both passages are highlighted and lead to their items
            j.signInAs(reader);
            d.get(app.baseUrl() + path);
            assertThat(d.findElement(By.tagName("h1")).getText()).isEqualTo(title);
            assertThat(d.findElement(By.id("passage-" + prediction)).getText()).isEqualTo(PREDICTION);
            assertThat(d.findElement(By.id("passage-" + claim)).getText()).isEqualTo(CLAIM);

            // a stance on the claim
            d.get(app.baseUrl() + "/items/" + claim);
            d.findElement(By.id("stance-" + claim + "-agree")).click();
            browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#stance .split")));
            browser.waiting().until(ExpectedConditions.textToBe(By.cssSelector("#stance .voters"),
                    "1 person has taken a stance."));

            // a forecast on the prediction
            d.get(app.baseUrl() + "/items/" + prediction);
            d.findElement(By.cssSelector("input[name=probability]")).clear();
            d.findElement(By.cssSelector("input[name=probability]")).sendKeys("64");
            d.findElement(By.id("rationale")).sendKeys("Sodium cells undercut lithium ones");
            d.findElement(By.id("forecast-submit")).click();
            browser.waiting().until(ExpectedConditions.textToBe(By.cssSelector(".forecast-mine strong"), "64 %"));

            // an argument on the claim
            d.get(app.baseUrl() + "/items/" + claim);
            // an empty debate shows its form unfolded
            assertThat(d.findElement(By.cssSelector("details.argue")).getAttribute("open")).isNotNull();
            WebElement form = d.findElement(By.id("argument-form"));
            form.findElement(By.xpath(".//label[normalize-space()='supports it']")).click();
            j.field("Your argument").sendKeys("New mines take a decade to open.");
            form.findElement(By.xpath(".//button[normalize-space()='Post argument']")).click();
            browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".flash"),
                    "Your argument is posted"));
            assertThat(d.findElement(By.cssSelector("li.comment-item .comment-body")).getText())
                    .contains("New mines take a decade to open.");

            // a proposal from another passage
            d.get(app.baseUrl() + path);
            if (javascript) {
                // words running over a passage, its tally and a link are offered as the text has them
                assertThat(browser.selectAcross("article.article", "battery prices", "the survey")).isTrue();
                WebElement offered = browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(
                        By.cssSelector("a.selection-action")));
                assertThat(java.net.URLDecoder.decode(offered.getAttribute("href"), java.nio.charset.StandardCharsets.UTF_8))
                        .contains("quote=battery prices to halve by 2030, according to the survey&occurrence=1");
                j.select(PROPOSED);
                // the link offered for the first selection stays until the new one is read (after a short pause)
                browser.waiting().until(ExpectedConditions.attributeContains(By.cssSelector("a.selection-action"),
                        "href", "Gigafactories"));
                d.findElement(By.cssSelector("a.selection-action")).click();
                browser.waiting().until(ExpectedConditions.urlContains("/propose"));
                assertThat(j.field("Exact passage").getAttribute("value")).isEqualTo(PROPOSED);
            } else {
                assertThat(d.findElements(By.cssSelector(".selection-action"))).isEmpty();
                d.findElement(By.linkText("Propose an item")).click();
                j.field("Exact passage").sendKeys(PROPOSED);
            }
            d.findElement(By.xpath("//main//label[normalize-space()='Claim']")).click();
            j.field("Neutral statement").sendKeys("Gigafactories take about three years to build.");
            j.field("Why it deserves an item").sendKeys("The timeline decides who wins.");
            d.findElement(By.xpath("//main//button[normalize-space()='Propose']")).click();
            browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".flash"),
                    "Your proposal waits for a moderator"));

            // the moderator accepts it: the item credits its proposer
            j.signInAs("batterymod");
            d.get(app.baseUrl() + "/mod");
            d.findElement(By.xpath("//li[contains(@class,'queue-entry')][.//a[normalize-space()="
                    + "'Gigafactories take about three years to build.']]//a[normalize-space()='Review and accept']"))
                    .click();
            d.findElement(By.xpath("//main//button[normalize-space()='Accept and add the item']")).click();
            browser.waiting().until(ExpectedConditions.urlMatches(".*/items/\\d+$"));
            assertThat(d.findElement(By.cssSelector(".proposed-by")).getText()).contains(reader);
            long accepted = Long.parseLong(d.getCurrentUrl().replaceAll(".*/items/", ""));

            // what was done is stored against the new article's items, and the front page lists both articles
            assertThat(app.dsl().select(ITEM.ARTICLE_ID).from(ITEM).where(ITEM.ID.eq(accepted))
                    .fetchOne(ITEM.ARTICLE_ID)).isEqualTo(articleId);
            long me = app.memberNamed(reader).id();
            assertThat(app.dsl().fetchCount(ITEM_STANCE, ITEM_STANCE.MEMBER_ID.eq(me)
                    .and(ITEM_STANCE.ITEM_ID.eq(claim)))).isOne();
            assertThat(app.dsl().fetchCount(FORECAST, FORECAST.MEMBER_ID.eq(me)
                    .and(FORECAST.ITEM_ID.eq(prediction)))).isOne();
            assertThat(app.dsl().fetchCount(COMMENT, COMMENT.AUTHOR_ID.eq(me).and(COMMENT.ITEM_ID.eq(claim))))
                    .isOne();
            d.get(app.baseUrl() + "/");
            assertThat(d.findElements(By.cssSelector("main a[href='" + path + "']"))).isNotEmpty();
            assertThat(d.findElements(By.cssSelector("main a[href='" + Seeded.ARTICLE + "']"))).isNotEmpty();
            if (javascript) {
                d.get(app.baseUrl() + path);
                browser.screenshotsAtBothWidths("second-article");
            }
        }
    }

    /** One browser's steps, signed in as one account at a time. */
    record Journey(Browser browser, boolean javascript) {

        void signInAs(String name) {
            browser.signInWithSession(app, name);
        }

        WebElement field(String label) {
            WebDriver d = browser.driver();
            WebElement l = d.findElement(By.xpath("//main//label[normalize-space()='" + label + "']"));
            return d.findElement(By.id(l.getAttribute("for")));
        }

        /** Types a date into a date field as Chromium's en-US picker takes it: month, day, year. */
        void date(String label, LocalDate date) {
            field(label).sendKeys(String.format("%02d%02d%04d", date.getMonthValue(), date.getDayOfMonth(),
                    date.getYear()));
        }

        String publish(String title) {
            WebDriver d = browser.driver();
            d.get(app.baseUrl() + "/mod/articles/new");
            field("Title").sendKeys(title);
            field("Author(s)").sendKeys("Ada Analyst");
            field("Publisher").sendKeys("Battery Weekly");
            date("Publication date (YYYY-MM-DD)", LocalDate.of(2026, 11, 30));
            field("People quoted, one per line").sendKeys("The analyst\nThe article's author");
            field("The text, as Markdown").sendKeys(MARKDOWN);
            field("Reason (shown in the public log)").sendKeys("A second article");
            d.findElement(By.xpath("//main//button[normalize-space()='Publish']")).click();
            // the article's own page (the form's address, /mod/articles/new, has "/articles/" in it too)
            browser.waiting().until(ExpectedConditions.urlMatches("^" + Pattern.quote(app.baseUrl())
                    + "/articles/[a-z0-9-]+$"));
            return d.getCurrentUrl().substring(app.baseUrl().length());
        }

        /** Anchors an item by selecting its words (with JavaScript) or pasting them (without); its id. */
        long anchor(String path, String quote, String kind, String statement) {
            WebDriver d = browser.driver();
            d.get(app.baseUrl() + path);
            if (javascript) {
                select(quote);
                browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.linkText("Make an item")))
                        .click();
                browser.waiting().until(ExpectedConditions.urlContains("/mod/items/new"));
                assertThat(field("Exact passage").getAttribute("value")).isEqualTo(quote);
            } else {
                d.findElement(By.linkText("Add an item")).click();
                field("Exact passage").sendKeys(quote);
            }
            d.findElement(By.xpath("//main//label[normalize-space()='" + kind + "']")).click();
            field("Neutral statement").sendKeys(statement);
            new Select(field("Asserted by")).selectByVisibleText("The analyst");
            if (kind.equals("Prediction")) {
                field("Resolves YES if").sendKeys("Pack prices are half of 2026's by the end of 2030");
                date("Resolve by (YYYY-MM-DD)", LocalDate.of(2030, 12, 31));
                field("Probability the article implies (1–99)").sendKeys("75");
                field("Words that imply it").sendKeys("expect");
            }
            field("Reason (shown in the public log)").sendKeys("From the text");
            d.findElement(By.xpath("//main//button[normalize-space()='Add item']")).click();
            browser.waiting().until(ExpectedConditions.urlMatches(".*/items/\\d+$"));
            assertThat(d.findElement(By.tagName("h1")).getText()).isEqualTo(statement);
            return Long.parseLong(d.getCurrentUrl().replaceAll(".*/items/", ""));
        }

        /** Selects {@code words} in the article's text, as a reader dragging over them would. */
        void select(String words) {
            assertThat(browser.select("article.article", words)).as("the words are in one piece of the article's text")
                    .isTrue();
        }
    }
}
