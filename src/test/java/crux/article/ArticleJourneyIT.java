package crux.article;

import static org.assertj.core.api.Assertions.assertThat;

import crux.testing.Browser;
import crux.testing.Seeded;
import crux.testing.TestApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** A reader opens the article, follows a highlighted passage, and lands on that item's page. */
class ArticleJourneyIT {

    static TestApp app;
    static Browser browser;

    @BeforeAll
    static void start() {
        app = TestApp.start();
        browser = Browser.start(true);
    }

    @AfterAll
    static void stop() {
        browser.close();
        app.close();
    }

    @Test
    void followAHighlightedPassageToItsItem() {
        WebDriver d = browser.driver();
        d.get(app.baseUrl() + Seeded.ARTICLE);
        browser.screenshot("article-desktop");
        WebElement passage = d.findElement(By.cssSelector("article a.passage--prediction"));
        String text = passage.getText();
        assertThat(text).isNotBlank();
        passage.click();
        browser.waiting().until(ExpectedConditions.urlMatches(".*/items/\\d+$"));
        WebElement mark = d.findElement(By.cssSelector("blockquote.context mark"));
        assertThat(mark.getText()).isEqualTo(text);
        long id = Long.parseLong(d.getCurrentUrl().replaceAll(".*/items/", ""));
        assertThat(d.findElement(By.tagName("h1")).getText()).isEqualTo(app.dsl().select(crux.db.generated.Tables.ITEM.STATEMENT)
                .from(crux.db.generated.Tables.ITEM).where(crux.db.generated.Tables.ITEM.ID.eq(id)).fetchOne().value1());
        assertThat(d.findElement(By.id("resolution-title")).getText()).containsIgnoringCase("resolves");
        browser.screenshot("item-desktop");

        // the way back leads to the same passage
        d.findElement(By.linkText("← Back to this passage in the article")).click();
        browser.waiting().until(ExpectedConditions.urlContains("#passage-"));
        assertThat(d.getCurrentUrl()).endsWith("#passage-" + d.getCurrentUrl().replaceAll(".*#passage-", ""));
    }

    @Test
    void readableAtPhoneWidth() {
        WebDriver d = browser.driver();
        browser.size(375, 812);
        try {
            d.get(app.baseUrl() + Seeded.ARTICLE);
            Long scroll = (Long) ((JavascriptExecutor) d)
                    .executeScript("return document.documentElement.scrollWidth;");
            Long viewport = (Long) ((JavascriptExecutor) d)
                    .executeScript("return document.documentElement.clientWidth;");
            assertThat(scroll).isLessThanOrEqualTo(viewport);
            browser.screenshot("article-phone");
        } finally {
            browser.size(1280, 800);
        }
    }
}
