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

/** Without JavaScript: a member follows "Propose an item" and pastes the passage. */
class ProposalNoScriptIT {

    static final String WORDS = "platform X regarding China";

    static TestApp app;
    static Browser browser;

    @BeforeAll
    static void start() {
        app = TestApp.start();
        app.account("paster");
        browser = Browser.start(false);
    }

    @AfterAll
    static void stop() {
        browser.close();
        app.close();
    }

    static WebElement field(String label) {
        WebDriver d = browser.driver();
        WebElement l = d.findElement(By.xpath("//main//label[normalize-space()='" + label + "']"));
        return d.findElement(By.id(l.getAttribute("for")));
    }

    @Test
    void aMemberPastesAPassageAndProposesIt() {
        WebDriver d = browser.driver();
        browser.signInWithSession(app, "paster");
        d.get(app.baseUrl() + Seeded.ARTICLE);
        assertThat(d.findElements(By.cssSelector(".selection-action"))).isEmpty();
        d.findElement(By.linkText("Propose an item")).click();

        // words not in the article: the form comes back with what was typed and the error beside the passage
        field("Exact passage").sendKeys("words that the article does not contain");
        d.findElement(By.xpath("//main//label[normalize-space()='Claim']")).click();
        field("Neutral statement").sendKeys("China is asked about its approach.");
        field("Why it deserves an item").sendKeys("It frames the article.");
        d.findElement(By.xpath("//main//button[normalize-space()='Propose']")).click();
        assertThat(browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("quote-error")))
                .getText()).contains("not in the article");
        assertThat(field("Neutral statement").getAttribute("value")).isEqualTo("China is asked about its approach.");
        assertThat(app.count(ITEM_PROPOSAL)).isZero();

        field("Exact passage").clear();
        field("Exact passage").sendKeys(WORDS);
        d.findElement(By.xpath("//main//button[normalize-space()='Propose']")).click();
        // the page after the post: waited for, as the click returns once the form is sent
        assertThat(browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".flash")))
                .getText()).contains("Your proposal waits for a moderator");
        assertThat(app.dsl().select(ITEM_PROPOSAL.QUOTE).from(ITEM_PROPOSAL).fetch(ITEM_PROPOSAL.QUOTE))
                .containsExactly(WORDS);
    }
}
