package crux.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import crux.db.WriteBudget;
import crux.testing.Browser;
import crux.testing.TestApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * A person joins, signs out and in again, sees their name in the header; made an admin, they set up two-factor
 * sign-in with the key shown once, keep the recovery codes and open the moderation queue; signing in again asks for
 * a code, and a recovery code stands in for the phone. Real Chromium; fields found by their labels.
 */
class AccountsJourneyIT {

    static final String NAME = "Wilhelmina";
    static final String PW = "lantern orbit cactus 77";

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

    private static WebDriver d() {
        return browser.driver();
    }

    /** The input a label names, as a person finds it. */
    private static WebElement field(String label) {
        WebElement l = d().findElement(By.xpath("//main//label[normalize-space()='" + label + "']"));
        return d().findElement(By.id(l.getAttribute("for")));
    }

    private static WebElement button(String text) {
        return d().findElement(By.xpath("//button[normalize-space()='" + text + "']"));
    }

    private static String header() {
        return d().findElement(By.cssSelector("header.site-header")).getText();
    }

    @Test
    void joinSignOutSignInThenEnrolTwoFactorAndOpenTheQueue() {
        d().get(app.baseUrl() + "/");
        d().findElement(By.linkText("Join")).click();
        browser.waiting().until(ExpectedConditions.urlContains("/register"));
        screenshots("register");

        // a mistake first: the form says what is wrong, next to the field
        field("Name").sendKeys(NAME);
        field("Password").sendKeys("password123");
        field("Password again").sendKeys("password123");
        button("Create account").click();
        browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("password-error")));
        assertThat(d().findElement(By.id("password-error")).getText()).contains("too common");
        assertThat(field("Name").getAttribute("value")).isEqualTo(NAME);
        screenshots("register-errors");

        field("Password").sendKeys(PW);
        field("Password again").sendKeys(PW);
        button("Create account").click();
        browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("header"), NAME));
        assertThat(d().findElement(By.cssSelector(".flash")).getText()).isEqualTo("Welcome to Crux, " + NAME + ".");

        button("Sign out").click();
        browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.linkText("Sign in")));
        assertThat(header()).doesNotContain(NAME);

        d().findElement(By.linkText("Sign in")).click();
        browser.waiting().until(ExpectedConditions.urlContains("/login"));
        screenshots("login");
        field("Name").sendKeys(NAME.toLowerCase());
        field("Password").sendKeys(PW);
        button("Sign in").click();
        browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("header"), NAME));
        assertThat(d().findElement(By.cssSelector("header a.me")).getText()).isEqualTo(NAME);

        d().findElement(By.linkText("Settings")).click();
        browser.waiting().until(ExpectedConditions.urlContains("/settings"));
        assertThat(d().findElement(By.cssSelector("main .badge")).getText()).isEqualToIgnoringCase("This browser");
        assertThat(d().findElement(By.cssSelector("#sessions li strong")).getText()).isEqualTo("Chrome on Linux");
        screenshots("settings");

        // the operator makes them an admin; two-factor comes before any moderator page
        app.services().roles().set(WriteBudget.FREE, NAME, Role.ADMIN, null, "test");
        d().get(app.baseUrl() + "/mod");
        browser.waiting().until(ExpectedConditions.urlContains("/settings/two-factor"));
        String shown = d().findElement(By.cssSelector("code.secret")).getText();
        assertThat(shown).as("in groups of four").matches("([A-Z2-7]{4} ){7}[A-Z2-7]{4}");
        String secret = shown.replace(" ", "");
        assertThat(d().findElement(By.cssSelector("figure.qr svg")).isDisplayed()).isTrue();
        screenshots("two-factor-enrol");
        field("Code from your app").sendKeys(app.services().twoFactor().currentCode(secret));
        button("Turn on two-factor").click();
        // the recovery codes, shown this once
        browser.waiting().until(ExpectedConditions.textToBe(By.tagName("h1"), "Your recovery codes"));
        java.util.List<String> codes = d().findElements(By.cssSelector("ol.recovery-codes code")).stream()
                .map(WebElement::getText).toList();
        assertThat(codes).hasSize(10);
        assertThat(d().findElement(By.tagName("main")).getText()).contains("Two-factor sign-in is on.");
        screenshots("recovery-codes");
        d().findElement(By.linkText("I have saved them — continue")).click();
        browser.waiting().until(ExpectedConditions.urlMatches(".*/mod$"));
        assertThat(d().findElement(By.tagName("h1")).getText()).isEqualTo("Moderation queue");
        assertThat(header()).contains("Moderation").contains("Admin").contains(NAME);
        screenshots("moderation-queue");

        // signing in again asks for a code after the password; a recovery code stands in for the phone
        button("Sign out").click();
        browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.linkText("Sign in")));
        d().findElement(By.linkText("Sign in")).click();
        browser.waiting().until(ExpectedConditions.urlContains("/login"));
        field("Name").sendKeys(NAME);
        field("Password").sendKeys(PW);
        button("Sign in").click();
        browser.waiting().until(ExpectedConditions.urlContains("/two-factor"));
        assertThat(header()).as("the password alone signs nobody in").doesNotContain(NAME);
        screenshots("two-factor-sign-in");
        field("Code").sendKeys(codes.get(0));
        button("Continue").click();
        browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("header"), NAME));
        assertThat(d().findElement(By.cssSelector(".flash")).getText())
                .isEqualTo("You used a recovery code; 9 are left.");
    }

    /** The whole page at desktop and phone widths; at phone width nothing may scroll sideways. */
    private static void screenshots(String name) {
        browser.screenshotsAtBothWidths(name);
    }
}
