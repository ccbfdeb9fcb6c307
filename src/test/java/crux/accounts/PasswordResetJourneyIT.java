package crux.accounts;

import static crux.db.generated.Tables.MEMBER;
import static org.assertj.core.api.Assertions.assertThat;

import crux.testing.Browser;
import crux.testing.Mailbox;
import crux.testing.TestApp;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * A member who forgot their password (and lost the phone with her two-factor app): from the sign-in page to the mail,
 * from its link to a new password, then signed in with it and a recovery code. Real Chromium and a real SMTP server;
 * fields found by their labels.
 */
class PasswordResetJourneyIT {

    static Mailbox mail;
    static TestApp app;
    static Browser browser;

    @BeforeAll
    static void start() {
        mail = Mailbox.start();
        app = TestApp.start(TestApp.defaultKind(), mail.settings());
        browser = Browser.start(true);
    }

    @AfterAll
    static void stop() {
        try {
            browser.close();
            app.close();
        } finally {
            mail.close();
        }
    }

    private static WebDriver d() {
        return browser.driver();
    }

    private static WebElement field(String label) {
        WebElement l = d().findElement(By.xpath("//main//label[normalize-space()='" + label + "']"));
        return d().findElement(By.id(l.getAttribute("for")));
    }

    private static WebElement button(String text) {
        return d().findElement(By.xpath("//button[normalize-space()='" + text + "']"));
    }

    @Test
    void forgetThePasswordFollowTheMailedLinkAndSignInWithTheNewOne() {
        Member zelda = app.account("Zelda");
        // Zelda has two-factor on: after the reset, sign-in still asks for a code, and a recovery code stands in
        // for the phone she has lost too
        crux.App.Services s = app.app().services();
        String secret = s.twoFactor().newSecret();
        assertThat(s.twoFactor().confirm(zelda.id(), secret, s.twoFactor().currentCode(secret))).isTrue();
        java.util.List<String> codes = s.twoFactor().recovery().replace(zelda.id());
        app.dsl().update(MEMBER).set(MEMBER.EMAIL, "zelda@journey.test").set(MEMBER.EMAIL_KEY, "zelda@journey.test")
                .set(MEMBER.EMAIL_VERIFIED_AT, OffsetDateTime.now()).where(MEMBER.NAME.eq("Zelda")).execute();

        d().get(app.baseUrl() + "/login");
        d().findElement(By.linkText("Forgot your password?")).click();
        browser.waiting().until(ExpectedConditions.urlContains("/password/forgot"));
        field("E-mail address").sendKeys("zelda@journey.test");
        button("Mail me a link").click();
        browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".flash")));
        assertThat(d().findElement(By.cssSelector(".flash")).getText()).startsWith("If a Crux account has that");
        browser.screenshotsAtBothWidths("reset-requested");

        String link = Mailbox.link(mail.await("zelda@journey.test", 1).get(0),
                "http://localhost:" + app.app().port(), "/password/reset/");
        d().get(app.baseUrl() + link);
        String fresh = "a brand new passphrase 9";
        field("New password").sendKeys(fresh);
        field("New password again").sendKeys(fresh);
        browser.screenshotsAtBothWidths("reset-form");
        button("Change password").click();
        browser.waiting().until(ExpectedConditions.urlContains("/login"));
        assertThat(d().findElement(By.cssSelector(".flash")).getText()).startsWith("Your password has been changed");

        field("Name").sendKeys("Zelda");
        field("Password").sendKeys(fresh);
        button("Sign in").click();
        browser.waiting().until(ExpectedConditions.urlContains("/two-factor"));
        assertThat(d().findElement(By.cssSelector("header")).getText()).as("the new password alone signs nobody in")
                .doesNotContain("Zelda");
        field("Code").sendKeys(codes.get(3));
        button("Continue").click();
        browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("header"), "Zelda"));
        assertThat(d().findElement(By.cssSelector(".flash")).getText())
                .isEqualTo("You used a recovery code; 9 are left.");
        assertThat(s.twoFactor().recovery().use(zelda.id(), codes.get(3))).as("a recovery code works once").isFalse();
        mail.await("zelda@journey.test", 2);
    }
}
