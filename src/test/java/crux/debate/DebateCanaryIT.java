package crux.debate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import crux.markdown.XssCorpus;
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
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebDriver;

/**
 * A real browser, JavaScript on, renders pages full of hostile comments: payloads that would set document.title,
 * window.__canary or raise an alert if any of them ever ran. After the pages load, every element in the comment
 * bodies is hovered, focused and clicked-at by script events, and the canary must still be unset.
 */
class DebateCanaryIT {

    static long item;
    static final String TITLE_MARK = "PWNED";

    /** Payloads aimed at the canary, in every shape the corpus knows, plus the corpus itself. */
    static final List<String> CANARIES = List.of(
            "<script>window.__canary = 1; document.title = 'PWNED'</script>",
            "<img src=x onerror=\"window.__canary=1;document.title='PWNED'\">",
            "<svg onload=\"window.__canary=1\"></svg>",
            "<details open ontoggle=\"window.__canary=1\">x</details>",
            "<body onload=\"window.__canary=1\">",
            "<iframe srcdoc=\"<script>parent.__canary=1</script>\"></iframe>",
            "<a href=\"javascript:window.__canary=1\">click</a>",
            "[click](javascript:window.__canary=1)",
            "[click](JaVaScRiPt:document.title='PWNED')",
            "![x](x\" onerror=\"window.__canary=1)",
            "<style>@import 'javascript:window.__canary=1';</style>",
            "<math><mtext><table><mglyph><style><img src=x onerror=\"window.__canary=1\">",
            "<noscript><p title=\"</noscript><img src=x onerror=window.__canary=1>\">",
            "<form><button formaction=\"javascript:window.__canary=1\">go</button></form>",
            "<input autofocus onfocus=\"window.__canary=1\">",
            "<a href=\"data:text/html,<script>parent.__canary=1</script>\">data</a>",
            "<div style=\"background:url(javascript:window.__canary=1)\">bg</div>",
            "`<script>window.__canary=1</script>`",
            "<object data=\"javascript:window.__canary=1\"></object>",
            "<embed src=\"javascript:window.__canary=1\">",
            "<meta http-equiv=\"refresh\" content=\"0;url=javascript:window.__canary=1\">",
            "<base href=\"javascript:window.__canary=1//\">",
            "<video><source onerror=\"window.__canary=1\"></video>",
            "<marquee onstart=\"window.__canary=1\">m</marquee>",
            "\"><script>alert(document.domain)</script>",
            "<img src=x onerror=alert(1)>");

    static TestApp app;
    static Browser browser;
    static int pages;

    @BeforeAll
    static void start() throws Exception {
        app = TestApp.start();
        item = app.prediction(3);
        List<String> payloads = new ArrayList<>(CANARIES);
        XssCorpus.load().forEach(p -> payloads.add(p.source()));
        TestClient member = null;
        long argument = 0;
        int arguments = 0;
        for (int i = 0; i < payloads.size(); i++) {
            if (i % CommentWriteRepository.POSTING.max() == 0) {
                member = app.member("canary" + i);
            }
            TestClient.Response r = i % 4 == 3 && argument != 0
                    ? Debates.reply(member, argument, payloads.get(i))
                    : Debates.argue(member, item, i % 2 == 0 ? "supports" : "opposes", payloads.get(i));
            if (r.status() == 302 && !(i % 4 == 3 && argument != 0)) {
                argument = Debates.id(r);
                arguments++;
            }
        }
        pages = (arguments + ThreadTree.ARGUMENTS_PER_PAGE - 1) / ThreadTree.ARGUMENTS_PER_PAGE;
        browser = Browser.start(true);
    }

    @AfterAll
    static void stop() {
        browser.close();
        app.close();
    }

    /** The check itself can fail: a page where the canary does run is caught. */
    @Test
    void theCanaryIsSeenWhenItRuns() {
        browser.driver().get("data:text/html,<title>t</title><script>window.__canary = 1</script>");
        assertThat(((JavascriptExecutor) browser.driver()).executeScript("return typeof window.__canary")).isEqualTo("number");
    }

    @Test
    void noPayloadEverRunsOnAnyPageOfTheDebate() {
        WebDriver d = browser.driver();
        JavascriptExecutor js = (JavascriptExecutor) d;
        assertThat(pages).isGreaterThanOrEqualTo(3);
        List<String> urls = new ArrayList<>();
        for (int p = 1; p <= pages; p++) {
            urls.add("/items/" + item + "?page=" + p);
        }
        urls.add("/items/" + item + "?view=procon");
        for (String url : urls) {
            d.get(app.baseUrl() + url);
            browser.waiting().until(x -> !x.findElements(By.cssSelector(".comment-body")).isEmpty());
            String title = d.getTitle();
            // poke everything a payload could have hung a handler on
            js.executeScript("""
                    document.querySelectorAll('details').forEach(function (e) { e.open = !e.open; e.open = !e.open; });
                    document.querySelectorAll('.comment-body, .comment-body *').forEach(function (e) {
                      ['mouseover', 'mouseenter', 'focus', 'animationstart', 'transitionend', 'toggle', 'error', 'load']
                        .forEach(function (type) { e.dispatchEvent(new Event(type)); });
                      if (e.focus) { e.focus(); }
                    });""");
            assertThat(js.executeScript("return typeof window.__canary")).as(url).isEqualTo("undefined");
            assertThat(d.getTitle()).as(url).isEqualTo(title).doesNotContain(TITLE_MARK);
            assertThatThrownBy(() -> d.switchTo().alert()).as(url).isInstanceOf(NoAlertPresentException.class);
            assertThat(d.findElements(By.cssSelector(".comment-body script, .comment-body img, .comment-body iframe")))
                    .as(url).isEmpty();
        }
        // the payloads are there, as text: this was a page full of them, not an empty one
        d.get(app.baseUrl() + "/items/" + item + "?sort=old");
        assertThat(d.findElement(By.id("debate")).getText()).contains("<script>window.__canary = 1");
        browser.screenshot("debate-canary-1280");
    }
}
