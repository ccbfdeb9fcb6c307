package crux.moderation;

import static crux.db.generated.Tables.ITEM_PROPOSAL;
import static org.assertj.core.api.Assertions.assertThat;

import crux.testing.Browser;
import crux.testing.Seeded;
import crux.testing.TestApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** With JavaScript: selecting words in the article offers to propose an item (or, to moderators, to make one). */
class ProposalJourneyIT {

    /** Words of the article no item quotes, found once in its text. */
    static final String WORDS = "recent post was sparked by a query on the";

    static TestApp app;
    static Browser browser;

    @BeforeAll
    static void start() {
        app = TestApp.start();
        app.account("selector");
        app.member("selectmod", "moderator");
        browser = Browser.start(true);
    }

    @AfterAll
    static void stop() {
        browser.close();
        app.close();
    }

    static void signInAs(String name) {
        browser.signInWithSession(app, name);
    }

    /** Selects {@code words} in the article's text, as a reader dragging over them would. */
    static void select(String words) {
        assertThat(browser.select("article.article", words)).as("the words are in one piece of the article's text")
                .isTrue();
    }

    static WebElement field(String label) {
        WebDriver d = browser.driver();
        WebElement l = d.findElement(By.xpath("//main//label[normalize-space()='" + label + "']"));
        return d.findElement(By.id(l.getAttribute("for")));
    }

    @Test
    void aMemberSelectsWordsAndProposesThem() {
        signInAs("selector");
        WebDriver d = browser.driver();
        d.get(app.baseUrl() + Seeded.ARTICLE);
        select(WORDS);
        // the footer links to the empty form too: the button is the one that appears with the selection
        WebElement button = browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("a.selection-action")));
        assertThat(button.getText()).isEqualTo("Propose an item");
        button.click();
        browser.waiting().until(ExpectedConditions.urlContains("/propose"));
        assertThat(field("Exact passage").getAttribute("value")).isEqualTo(WORDS);
        assertThat(field("Which occurrence (if the words appear more than once)").getAttribute("value")).isEqualTo("1");
        d.findElement(By.xpath("//main//label[normalize-space()='Claim']")).click();
        field("Neutral statement").sendKeys("The post answered a question asked on X.");
        field("Why it deserves an item").sendKeys("It is what the article is about.");
        d.findElement(By.xpath("//main//button[normalize-space()='Propose']")).click();
        browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".flash"),
                "Your proposal waits for a moderator"));
        assertThat(d.findElement(By.cssSelector(".my-proposals")).getText()).contains("waiting for a moderator");
        assertThat(app.dsl().select(ITEM_PROPOSAL.QUOTE).from(ITEM_PROPOSAL).fetch(ITEM_PROPOSAL.QUOTE))
                .containsExactly(WORDS);
    }

    @Test
    void aModeratorSelectsWordsAndMakesAnItem() {
        signInAs("selectmod");
        WebDriver d = browser.driver();
        d.get(app.baseUrl() + Seeded.ARTICLE);
        select(WORDS);
        browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.linkText("Make an item"))).click();
        browser.waiting().until(ExpectedConditions.urlContains("/mod/items/new"));
        assertThat(field("Exact passage").getAttribute("value")).isEqualTo(WORDS);
    }
}
