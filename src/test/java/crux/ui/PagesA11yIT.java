package crux.ui;

import static org.assertj.core.api.Assertions.assertThat;

import crux.testing.A11y;
import crux.testing.Browser;
import crux.testing.TestApp;
import crux.testing.TestClient;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

/**
 * Every page kind, signed out and signed in, at desktop and phone widths: zero axe-core WCAG 2.x A/AA
 * violations, no horizontal overflow at 375 px, and a screenshot of each for people to look at.
 */
class PagesA11yIT {

    static TestApp app;
    static Browser browser;

    /** Pages anyone can open. Item 1 carries a debate made in {@link #start()}: comments 1 to 3. */
    static final List<String> PUBLIC_PAGES = List.of("/", "/items/1", "/items/1?view=procon", "/comments/1/history",
            "/items/4", "/about", "/login", "/register", "/users/a11ymember", "/mod/log", "/items/999999");
    /** Pages for a signed-in member (the author of comment 2). */
    static final List<String> MEMBER_PAGES = List.of("/", "/items/1", "/items/1?view=procon&sort=controversial",
            "/comments/1/reply", "/comments/2/edit", "/items/4", "/settings", "/inbox", "/users/a11ymember",
            "/settings/two-factor");
    /** Pages for a moderator. */
    static final List<String> MODERATOR_PAGES = List.of("/mod", "/mod/items/new", "/items/2", "/users/a11ymember",
            "/admin");

    @BeforeAll
    static void start() {
        app = TestApp.start();
        TestClient member = app.member("a11ymember");
        debate(app.member("a11yauthor"), member);
        browser = Browser.start(true);
    }

    @AfterAll
    static void stop() {
        browser.close();
        app.close();
    }

    /** A small debate on item 1: an argument (edited, so it has a history), a reply to it, an opposing argument. */
    private static void debate(TestClient author, TestClient member) {
        post(author, "/items/1/arguments", "side", "supports", "body", "Srinivasan ran engineering at *Coinbase*.");
        post(member, "/comments/1/replies", "body", "And before that he taught at [Stanford](https://example.org).");
        post(author, "/items/1/arguments", "side", "opposes", "body", "A title is not **expertise**.");
        post(author, "/comments/1/edit", "body", "Srinivasan was CTO at *Coinbase*, which is not nothing.");
        TestClient voter = app.member("a11yvoter");
        post(voter, "/comments/1/vote", "vote", "up");
        post(voter, "/comments/3/vote", "vote", "down");
        // flags, so the moderation queue has entries to check: one hidden pending review, one with a note
        for (String flagger : new String[] {"a11yflagone", "a11yflagtwo", "a11yflagthree"}) {
            post(app.member(flagger), "/comments/3/flag", "reason", "unsupported");
        }
        post(voter, "/comments/2/flag", "reason", "other", "note", "A link that goes nowhere useful.");
    }

    private static void post(TestClient client, String action, String... fields) {
        java.util.Map<String, String> form = TestClient.form(fields);
        form.put("token", crux.debate.PostTokens.next());
        TestClient.Response r = client.submit("/about", action, form);
        assertThat(r.status()).as(action).isEqualTo(302);
    }

    private void signInAs(String name, String role) {
        WebDriver d = browser.driver();
        d.get(app.baseUrl() + "/about");
        d.manage().deleteAllCookies();
        if (name != null) {
            String token = crux.testing.TestApp.class.isInstance(app) ? sessionToken(name, role) : null;
            d.manage().addCookie(new Cookie(crux.accounts.Sessions.COOKIE, token, "/"));
        }
    }

    private String sessionToken(String name, String role) {
        var services = app.app().services();
        var member = services.accounts().byName(name).orElseGet(() -> {
            app.member(name, role);
            return services.accounts().byName(name).orElseThrow();
        });
        return services.sessions().create(member, true, "a11y", "127.0.0.1").token();
    }

    private List<String> check(String who, List<String> paths) {
        List<String> problems = new ArrayList<>();
        WebDriver d = browser.driver();
        for (int width : new int[] {1280, 375}) {
            browser.size(width, width == 375 ? 812 : 800);
            for (String path : paths) {
                d.get(app.baseUrl() + path);
                browser.waiting().until(x -> !x.findElements(By.tagName("main")).isEmpty());
                String shot = (who + path.replaceAll("[^a-zA-Z0-9]+", "-") + "-" + width).replaceAll("-+$", "");
                browser.screenshot(shot);
                A11y.violations(d).forEach(v -> problems.add(who + " " + path + " @" + width + ": " + v));
                long scroll = (Long) ((JavascriptExecutor) d).executeScript("return document.documentElement.scrollWidth");
                long client = (Long) ((JavascriptExecutor) d).executeScript("return document.documentElement.clientWidth");
                if (scroll > client) {
                    problems.add(who + " " + path + " @" + width + ": overflows horizontally (" + scroll + " > " + client + ")");
                }
            }
        }
        browser.size(1280, 800);
        return problems;
    }

    /** The check itself can fail: a page with known violations is caught. */
    @Test
    void theCheckerCatchesAViolation() {
        browser.driver().get("data:text/html,<html><body><img src='x.png'><a href='#'></a></body></html>");
        assertThat(A11y.violations(browser.driver())).anyMatch(v -> v.startsWith("image-alt"))
                .anyMatch(v -> v.startsWith("html-has-lang"));
    }

    @Test
    void signedOutPages() {
        signInAs(null, null);
        assertThat(check("anon", PUBLIC_PAGES)).isEmpty();
    }

    @Test
    void memberPages() {
        signInAs("a11ymember", "member");
        assertThat(check("member", MEMBER_PAGES)).isEmpty();
    }

    @Test
    void moderatorPages() {
        signInAs("a11yadmin", "admin");
        assertThat(check("admin", MODERATOR_PAGES)).isEmpty();
    }
}
