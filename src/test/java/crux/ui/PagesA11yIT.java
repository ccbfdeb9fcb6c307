package crux.ui;

import static org.assertj.core.api.Assertions.assertThat;

import crux.accounts.SessionRepository;
import crux.debate.PostTokens;
import crux.testing.A11y;
import crux.testing.Browser;
import crux.testing.Seeded;
import crux.testing.TestApp;
import crux.testing.TestClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * Every page kind, signed out and signed in, at desktop and phone widths: zero axe-core WCAG 2.x A/AA
 * violations, no horizontal overflow at 375 px, and a screenshot of each for people to look at.
 */
class PagesA11yIT {

    static TestApp app;
    static Browser browser;

    /** Pages anyone can open; built in {@link #start()} once the items and comments they show are known. */
    static List<String> publicPages;
    /** Pages for a signed-in member (the author of the reply, with an answer in the inbox; /mod is their 403). */
    static List<String> memberPages;
    /** Pages for a moderator. */
    static List<String> moderatorPages;

    /** The first claim (it carries the debate), an open and a resolved prediction, and a second claim. */
    static long debated;
    static long open;
    static long resolved;
    static long secondClaim;
    /** The edited argument, the member's reply to it, the opposing argument. */
    static long argument;
    static long reply;
    static long opposing;

    @BeforeAll
    static void start() {
        // mail set up (to a port nothing listens on: no page here sends any), so the forms that mail are shown
        app = TestApp.start(TestApp.defaultKind(), Map.of("CRUX_SMTP_HOST", "127.0.0.1", "CRUX_SMTP_PORT", "9",
                "CRUX_SMTP_STARTTLS", "false"));
        List<Long> claims = app.items("claim");
        debated = claims.get(0);
        secondClaim = claims.get(1);
        open = app.item("release a surge of open-source AI models");
        resolved = app.item("Global profit margins for AI software");
        TestClient member = app.member("a11ymember");
        TestClient author = app.member("a11yauthor");
        debate(author, member);
        forecastsAndStances(member, author);
        String item = "/items/" + debated;
        publicPages = List.of("/", Seeded.ARTICLE, item, item + "?view=procon", "/comments/" + argument + "/history",
                "/items/" + open, "/items/" + resolved, "/about", "/login", "/register", "/users/a11ymember", "/mod/log",
                "/leaderboard", "/common-ground", "/items/999999", "/password/forgot",
                resetLink(app.app().passwordResets().issueLink("a11yauthor").orElseThrow()),
                "/password/reset/" + "A".repeat(43), "/email/verify/" + "A".repeat(43),
                "/search?q=china+open", "/search?q=nothing+matches+this",
                unsubscribe(app.app().noticeMail().unsubscribeUrl(app.memberNamed("a11ymember").id(),
                        crux.notifications.MailTopic.REPLIES)), "/mail/unsubscribe/1-replies-" + "0".repeat(32));
        memberPages = List.of("/", Seeded.ARTICLE, item, item + "?view=procon&sort=controversial", "/comments/" + argument + "/reply",
                "/comments/" + reply + "/edit", "/items/" + open, "/items/" + resolved, "/settings", "/inbox",
                "/users/a11ymember", "/settings/two-factor", "/leaderboard", "/common-ground", "/mod",
                "/settings/email", "/settings/mail", "/search?q=argument&kind=arguments");
        // the debated item: each comment carries the moderator's controls
        moderatorPages = List.of("/mod", "/mod/items/new", "/items/" + secondClaim, item, "/users/a11ymember", "/admin");
        browser = Browser.start(true);
    }

    /** The path of an unsubscribe link (its confirmation page). */
    static String unsubscribe(String url) {
        return url.substring(url.indexOf("/mail/unsubscribe/"));
    }

    @AfterAll
    static void stop() {
        browser.close();
        app.close();
    }

    /** A small debate on the first claim: an argument (edited, so it has a history), a reply to it, an opposing argument. */
    private static void debate(TestClient author, TestClient member) {
        String item = "/items/" + debated;
        argument = commentId(post(author, item + "/arguments", "side", "supports", "body", "Srinivasan ran engineering at *Coinbase*."));
        reply = commentId(post(member, "/comments/" + argument + "/replies", "body",
                "And before that he taught at [Stanford](https://example.org)."));
        // the member opens the item, then a new argument comes: their pages show it as new since their last visit
        assertThat(member.get(item).status()).isEqualTo(200);
        long memberId = app.memberNamed("a11ymember").id();
        crux.testing.Wait.until("the member's visit is noted", java.time.Duration.ofSeconds(10), () -> app.dsl()
                .fetchExists(crux.db.generated.Tables.ITEM_VISIT, crux.db.generated.Tables.ITEM_VISIT.MEMBER_ID
                        .eq(memberId).and(crux.db.generated.Tables.ITEM_VISIT.ITEM_ID.eq(debated))));
        opposing = commentId(post(author, item + "/arguments", "side", "opposes", "body", "A title is not **expertise**."));
        post(member, "/settings/bio", "bio", "Reads every article twice.\nForecasts carefully, argues kindly.");
        post(author, "/comments/" + argument + "/edit", "body", "Srinivasan was CTO at *Coinbase*, which is not nothing.");
        // a reply to the member's comment, so their inbox has a notification (before the flags below: a flagged
        // author cools off before commenting again in the same thread)
        post(author, "/comments/" + reply + "/replies", "body", "Stanford is a *teaching* job, not an engineering one.");
        TestClient voter = app.member("a11yvoter");
        post(voter, "/comments/" + argument + "/vote", "vote", "up");
        post(voter, "/comments/" + opposing + "/vote", "vote", "down");
        // flags, so the moderation queue has entries to check: one hidden pending review, one with a note
        for (String flagger : new String[] {"a11yflagone", "a11yflagtwo", "a11yflagthree"}) {
            post(app.member(flagger), "/comments/" + opposing + "/flag", "reason", "unsupported");
        }
        post(voter, "/comments/" + reply + "/flag", "reason", "other", "note", "A link that goes nowhere useful.");
    }

    /** Stances and forecasts on two predictions; the second is then resolved, so it shows scores and calibration. */
    private static void forecastsAndStances(TestClient member, TestClient author) {
        int i = 0;
        for (TestClient c : List.of(member, author, app.member("a11ycrowd1"), app.member("a11ycrowd2"))) {
            for (long item : new long[] {open, resolved}) {
                c.submit("/items/" + item, "/items/" + item + "/forecast",
                        TestClient.form("probability", Integer.toString(30 + 15 * i), "rationale", "reason " + i));
            }
            for (long item : new long[] {debated, app.items("claim").get(2)}) {
                c.submit("/items/" + item, "/items/" + item + "/stance",
                        TestClient.form("stance", i % 3 == 0 ? "agree" : i % 3 == 1 ? "disagree" : "unsure"));
            }
            i++;
        }
        TestClient mod = app.member("a11ymod", "moderator");
        assertThat(mod.submit("/items/" + resolved, "/mod/items/" + resolved + "/resolve", TestClient.form("outcome", "yes",
                "note", "It happened.", "source", "https://example.org/source", "early", "confirmed")).status()).isEqualTo(303);
    }

    private static TestClient.Response post(TestClient client, String action, String... fields) {
        Map<String, String> form = TestClient.form(fields);
        form.put("token", PostTokens.next());
        TestClient.Response r = client.submit("/about", action, form);
        assertThat(r.status()).as(action).isEqualTo(302);
        return r;
    }

    private static long commentId(TestClient.Response posted) {
        Matcher m = Pattern.compile("#comment-(\\d+)$").matcher(posted.location());
        assertThat(m.find()).as("a comment anchor in %s", posted.location()).isTrue();
        return Long.parseLong(m.group(1));
    }

    private void signInAs(String name, String role) {
        WebDriver d = browser.driver();
        d.get(app.baseUrl() + "/about");
        d.manage().deleteAllCookies();
        if (name != null) {
            String token = TestApp.class.isInstance(app) ? sessionToken(name, role) : null;
            d.manage().addCookie(new Cookie(SessionRepository.COOKIE, token, "/"));
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

    /** The path of a reset link (links start with the public address). */
    static String resetLink(String link) {
        return link.substring(link.indexOf("/password/reset/"));
    }

    /** The error pages a visitor is meant to meet, with the heading each shows; any other error page is a problem. */
    static final Map<String, String> NOT_FOUND = Map.of("/items/999999", "Page not found");
    static final Map<String, String> MOD_REFUSED = Map.of("/mod", "Not allowed");

    private List<String> check(String who, List<String> paths, Map<String, String> errorPages) {
        List<String> problems = new ArrayList<>();
        WebDriver d = browser.driver();
        for (int width : new int[] {1280, 375}) {
            browser.size(width, width == 375 ? 812 : 800);
            for (String path : paths) {
                d.get(app.baseUrl() + path);
                // the page's own heading, not merely a <main>: an error page has one of those too
                browser.waiting().until(x -> !x.findElements(By.cssSelector("main h1")).isEmpty());
                String heading = d.findElement(By.cssSelector("main h1")).getText();
                boolean errorPage = !d.findElements(By.cssSelector("main.error-page")).isEmpty();
                String expectedError = errorPages.get(path);
                if (expectedError == null && errorPage) {
                    problems.add(who + " " + path + ": an error page (\"" + heading + "\", " + d.getTitle() + ")");
                } else if (expectedError != null && !(errorPage && heading.equals(expectedError))) {
                    problems.add(who + " " + path + ": expected the error page \"" + expectedError + "\", got \"" + heading + "\"");
                }
                String shot = (who + path.replaceAll("[^a-zA-Z0-9]+", "-") + "-" + width).replaceAll("-+$", "");
                browser.screenshot(shot);
                if (!d.findElements(By.id("debate")).isEmpty()) { // and the way into the debate, further down
                    ((JavascriptExecutor) d).executeScript("document.getElementById('stance').scrollIntoView()");
                    browser.screenshot(shot + "-panels");
                    ((JavascriptExecutor) d).executeScript("document.getElementById('debate').scrollIntoView()");
                    browser.screenshot(shot + "-debate");
                    ((JavascriptExecutor) d).executeScript("window.scrollTo(0, 0)");
                }
                A11y.violations(d).forEach(v -> problems.add(who + " " + path + " @" + width + ": " + v));
                long scroll = (Long) ((JavascriptExecutor) d).executeScript("return document.documentElement.scrollWidth");
                long client = (Long) ((JavascriptExecutor) d).executeScript("return document.documentElement.clientWidth");
                if (scroll > client) {
                    problems.add(who + " " + path + " @" + width + ": overflows horizontally (" + scroll + " > " + client + ")");
                }
                headings(d).forEach(h -> problems.add(who + " " + path + ": " + h));
                if (width == 375) {
                    smallTargets(d).forEach(t -> problems.add(who + " " + path + " @375: touch target under 24x24 px: " + t));
                }
            }
        }
        browser.size(1280, 800);
        return problems;
    }

    /** The page's h1 to h6 in document order: exactly one h1 and, going deeper, no level skipped. */
    @SuppressWarnings("unchecked")
    static List<String> headings(WebDriver d) {
        List<Long> levels = (List<Long>) ((JavascriptExecutor) d).executeScript(
                "return Array.from(document.querySelectorAll('h1,h2,h3,h4,h5,h6')).map(h => Number(h.tagName[1]));");
        List<String> problems = new ArrayList<>();
        long h1s = levels.stream().filter(l -> l == 1).count();
        if (h1s != 1) {
            problems.add(h1s + " h1 elements (want exactly one): " + levels);
        }
        long previous = 0;
        for (long level : levels) {
            if (level > previous + 1) {
                problems.add("heading level skipped: h" + previous + " then h" + level + " in " + levels);
            }
            previous = level;
        }
        return problems;
    }

    /**
     * Visible links, buttons, inputs, selects, textareas and summaries smaller than 24 x 24 CSS px (WCAG 2.5.8),
     * except links inline in running text (a link inside a paragraph, list item, cell or quote with other text) and
     * targets spaced so that a 24 px circle on their centre touches no other target (the WCAG spacing exception).
     */
    @SuppressWarnings("unchecked")
    static List<String> smallTargets(WebDriver d) {
        return (List<String>) ((JavascriptExecutor) d).executeScript("""
                const out = [];
                const all = Array.from(document.querySelectorAll('a[href], button, input:not([type=hidden]), select, textarea, summary'))
                  .filter(el => { const r = el.getBoundingClientRect(); const cs = getComputedStyle(el);
                    return r.width > 0 && r.height > 0 && cs.visibility !== 'hidden' && r.bottom >= 0
                      && !el.closest('.visually-hidden') && !el.closest('details:not([open]) > :not(summary)'); });
                const small = r => r.width < 23.5 || r.height < 23.5; // sub-pixel layout: 23.99 is 24
                // the spacing exception: a 24 px circle on the target's centre touches no other target
                const spaced = el => {
                  const r = el.getBoundingClientRect(), cx = r.left + r.width / 2, cy = r.top + r.height / 2;
                  return all.every(o => {
                    if (o === el || o.contains(el) || el.contains(o)) return true;
                    const q = o.getBoundingClientRect();
                    if (small(q)) return Math.hypot(cx - (q.left + q.width / 2), cy - (q.top + q.height / 2)) >= 24;
                    const dx = Math.max(q.left - cx, 0, cx - q.right), dy = Math.max(q.top - cy, 0, cy - q.bottom);
                    return Math.hypot(dx, dy) >= 12;
                  });
                };
                for (const el of all) {
                  const r = el.getBoundingClientRect();
                  const cs = getComputedStyle(el);
                  if (!small(r) || spaced(el)) continue;
                  if (el.tagName === 'A') {
                    const block = el.parentElement.closest('p, li, dd, td, th, blockquote, figcaption, span, div');
                    const text = block ? block.textContent.replace(/\s+/g, ' ').trim() : '';
                    if (text.length > el.textContent.trim().length + 2 && cs.display.startsWith('inline')) continue;
                  }
                  const label = (el.textContent || el.value || el.name || el.id || '').trim().slice(0, 30);
                  out.push(el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (el.className ? '.' + String(el.className).split(' ')[0] : '')
                    + ' "' + label + '" ' + Math.round(r.width) + 'x' + Math.round(r.height));
                }
                return out;""");
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
        assertThat(check("anon", publicPages, NOT_FOUND)).isEmpty();
    }

    @Test
    void memberPages() {
        signInAs("a11ymember", "member");
        assertThat(check("member", memberPages, MOD_REFUSED)).isEmpty();
    }

    /**
     * Every SVG chart (forecast histogram and history on a prediction, calibration on a profile and the leaderboard)
     * has its numbers beside it as a table (or says there is nothing to show), and the SVG itself is labelled.
     */
    @Test
    void chartsHaveTextAlternatives() {
        signInAs(null, null);
        WebDriver d = browser.driver();
        int charts = 0;
        for (String path : List.of("/items/" + open, "/items/" + resolved, "/users/a11ymember", "/leaderboard")) {
            d.get(app.baseUrl() + path);
            for (var figure : d.findElements(By.cssSelector("figure.chart-figure"))) {
                charts++;
                assertThat(figure.findElements(By.tagName("svg"))).as(path + " chart").isNotEmpty();
                assertThat(figure.findElements(By.cssSelector("figcaption"))).as(path + " caption").isNotEmpty();
                assertThat(figure.findElements(By.cssSelector("details.chart-data table, details.chart-data .empty-state")))
                        .as(path + " chart table: " + figure.getText()).isNotEmpty();
            }
        }
        assertThat(charts).as("histogram, history and calibration charts seen").isGreaterThanOrEqualTo(5);
        d.get(app.baseUrl() + "/items/" + resolved);
        assertThat(d.findElements(By.cssSelector("details.chart-data table"))).as("resolved prediction data tables").isNotEmpty();
    }

    /** In-place updates are announced: the stance, forecast and debate regions are live regions. */
    @Test
    void inPlaceUpdatesAreLiveRegions() {
        signInAs("a11ymember", "member");
        WebDriver d = browser.driver();
        d.get(app.baseUrl() + "/items/" + open);
        assertThat(d.findElement(By.id("stance-body")).getAttribute("aria-live")).isEqualTo("polite");
        assertThat(d.findElement(By.id("forecast-body")).getAttribute("aria-live")).isEqualTo("polite");
        assertThat(d.findElement(By.id("debate-status")).getAttribute("aria-live")).isEqualTo("polite");
        for (String landmark : List.of("header", "nav", "main", "footer")) {
            assertThat(d.findElements(By.tagName(landmark))).as(landmark).isNotEmpty();
        }
    }

    /** Dark mode from the system setting: the same pages keep their contrast (and every other check). */
    @Test
    void darkMode() {
        ((ChromeDriver) browser.driver()).executeCdpCommand("Emulation.setEmulatedMedia",
                Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", "dark"))));
        try {
            signInAs(null, null);
            List<String> problems = new ArrayList<>(check("dark-anon", publicPages, NOT_FOUND));
            signInAs("a11ymember", "member");
            problems.addAll(check("dark-member", List.of("/items/" + debated, "/items/" + open, "/inbox", "/settings"), Map.of()));
            assertThat(problems).isEmpty();
        } finally {
            ((ChromeDriver) browser.driver()).executeCdpCommand("Emulation.setEmulatedMedia",
                    Map.of("features", List.of()));
        }
    }

    @Test
    void moderatorPages() {
        signInAs("a11yadmin", "admin");
        assertThat(check("admin", moderatorPages, Map.of())).isEmpty();
    }
}
