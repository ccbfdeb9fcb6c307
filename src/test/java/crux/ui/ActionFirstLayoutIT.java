package crux.ui;

import static org.assertj.core.api.Assertions.assertThat;

import crux.debate.PostTokens;
import crux.testing.Browser;
import crux.testing.Seeded;
import crux.testing.TestApp;
import crux.testing.TestClient;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * Where things are on the screen, measured in Chromium as a reader meets them: on an item page at 1280×900 the
 * statement, its passage, the stance buttons and (on a prediction) the forecast field are in the first screen and the
 * first argument within two; on a phone the same order, statement → answer → debate. At 375 px the header is at most
 * 120 px tall and its menu opens without JavaScript; the article page jumps to its items; its highlights are calm,
 * its tallies out of the sentence, and reading mode hides both — with JavaScript and without.
 */
class ActionFirstLayoutIT {

    static final int SCREEN = 900;
    static final int HEADER_MAX = 120;

    static TestApp app;
    static Browser withJs;
    static Browser noJs;
    static long prediction;
    static long claim;

    @BeforeAll
    static void start() {
        app = TestApp.start();
        prediction = app.prediction(1);
        claim = app.claim(1);
        app.member("layoutreader");
        for (long item : new long[] {prediction, claim}) {
            TestClient author = app.member("layoutauthor" + item);
            Map<String, String> form = TestClient.form("side", "supports", "body", "An argument on item " + item + ".");
            form.put("token", PostTokens.next());
            assertThat(author.submit("/about", "/items/" + item + "/arguments", form).status()).isEqualTo(302);
            author.submit("/items/" + item, "/items/" + item + "/stance", TestClient.form("stance", "agree"));
        }
        // a few forecasts, so the prediction has its charts and the reasons forecasters gave to fold
        for (String name : List.of("layoutcrowd1", "layoutcrowd2", "layoutcrowd3")) {
            app.member(name).submit("/items/" + prediction, "/items/" + prediction + "/forecast",
                    TestClient.form("probability", "40", "rationale", "a reason that takes a line"));
        }
        withJs = Browser.start(true);
        noJs = Browser.start(false);
    }

    @AfterAll
    static void stop() {
        try {
            withJs.close();
            noJs.close();
        } finally {
            app.close();
        }
    }

    @Test
    void predictionPutsTheForecastAndStanceInTheFirstScreen() {
        for (Browser b : List.of(withJs, noJs)) {
            actionFirst(b, prediction);
            assertThat(bottom(b, "#probability")).as("forecast field").isLessThanOrEqualTo(SCREEN);
            // the charts and the reasons given are there, folded
            assertThat(b.driver().findElements(By.cssSelector("details.charts-fold:not([open]) figure.chart-figure"))).hasSize(2);
            assertThat(b.driver().findElements(By.cssSelector("details.recent-reasons:not([open]) li"))).hasSize(3);
        }
    }

    @Test
    void claimPutsTheStanceInTheFirstScreenAndTheDebateInTheSecond() {
        for (Browser b : List.of(withJs, noJs)) {
            actionFirst(b, claim);
        }
    }

    /** At 1280×900: statement, passage and stance buttons in the first screen, the first argument within two. */
    private static void actionFirst(Browser b, long item) {
        signIn(b, "layoutreader");
        b.size(1280, SCREEN);
        open(b, "/items/" + item);
        assertThat(bottom(b, "main h1")).as("statement").isLessThanOrEqualTo(SCREEN);
        assertThat(bottom(b, "blockquote.context")).as("passage").isLessThanOrEqualTo(SCREEN);
        assertThat(bottom(b, "#stance .stance-button")).as("stance buttons").isLessThanOrEqualTo(SCREEN);
        assertThat(top(b, "#debate .comment--argument")).as("first argument").isLessThanOrEqualTo(2 * SCREEN);
    }

    @Test
    void onAPhoneTheOrderIsStatementAnswerDebate() {
        Browser b = withJs;
        signIn(b, "layoutreader");
        try {
            b.size(375, 812);
            open(b, "/items/" + prediction);
            double statement = top(b, "main h1");
            double stance = top(b, "#stance .stance-button");
            double forecast = top(b, "#probability");
            double debate = top(b, "#debate");
            assertThat(statement).isLessThan(stance);
            assertThat(stance).isLessThan(forecast);
            assertThat(forecast).isLessThan(debate);
            assertThat(scrollWidth(b)).as("nothing scrolls sideways").isLessThanOrEqualTo(375);
        } finally {
            b.size(1280, SCREEN);
        }
    }

    @Test
    void phoneHeaderIsShortAndItsMenuOpensWithoutJavaScript() {
        Browser b = noJs;
        signIn(b, "layoutreader");
        try {
            b.size(375, 812);
            open(b, "/");
            WebDriver d = b.driver();
            assertThat(height(b, ".site-header")).as("header height at 375 px").isLessThanOrEqualTo(HEADER_MAX);
            WebElement about = d.findElement(By.cssSelector(".nav-links a[href='/about']"));
            assertThat(about.isDisplayed()).as("links folded").isFalse();
            d.findElement(By.cssSelector("button.site-menu-toggle")).click();
            assertThat(about.isDisplayed()).as("links shown once Menu is opened").isTrue();
            assertThat(height(b, ".site-header")).as("the open menu drops over the page").isLessThanOrEqualTo(HEADER_MAX);
            about.click();
            b.waiting().until(x -> x.getCurrentUrl().endsWith("/about"));
            // wide: every link is there without opening anything
            b.size(1280, SCREEN);
            open(b, "/");
            assertThat(d.findElement(By.cssSelector(".nav-links a[href='/about']")).isDisplayed()).isTrue();
            assertThat(d.findElement(By.cssSelector("button.site-menu-toggle")).isDisplayed()).isFalse();
        } finally {
            b.size(1280, SCREEN);
        }
    }

    @Test
    void articleJumpsToItsItemsOnAPhone() {
        for (Browser b : List.of(withJs, noJs)) {
            signIn(b, null);
            try {
                b.size(375, 812);
                open(b, Seeded.ARTICLE);
                WebElement jump = b.driver().findElement(By.cssSelector("a.jump-link"));
                assertThat(bottom(b, "a.jump-link")).as("jump link in the first screen").isLessThanOrEqualTo(812);
                jump.click();
                b.waiting().until(x -> Math.abs(viewportTop(b, "#item-index")) < 2);
                assertThat(b.driver().getCurrentUrl()).endsWith("#item-index");
            } finally {
                b.size(1280, SCREEN);
            }
        }
    }

    @Test
    void highlightsAreCalmTalliesInTheMarginAndReadingModeHidesThem() {
        for (Browser b : List.of(withJs, noJs)) {
            signIn(b, "layoutreader");
            b.size(1280, SCREEN);
            open(b, Seeded.ARTICLE);
            WebDriver d = b.driver();
            String passage = "#passage-" + claim;
            assertThat(css(b, passage, "background-color")).as("no fill by default").isEqualTo("rgba(0, 0, 0, 0)");
            assertThat(css(b, ".article .passage--claim", "border-bottom-style")).isEqualTo("solid");
            assertThat(css(b, ".article .passage--prediction", "border-bottom-style")).isEqualTo("dashed");
            assertThat(css(b, ".article .passage--recommendation", "border-bottom-style")).isEqualTo("dotted");
            // every tally stands in the margin, right of the text column, none overlapping another
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> tallies = (List<Map<String, Object>>) ((JavascriptExecutor) d).executeScript("""
                    var article = document.querySelector('article.article');
                    var edge = article.getBoundingClientRect().right - parseFloat(getComputedStyle(article).paddingRight);
                    return Array.from(article.querySelectorAll('.standing')).map(function (s) {
                      var r = s.getBoundingClientRect();
                      return {left: r.left - edge, top: r.top + window.scrollY, bottom: r.bottom + window.scrollY};
                    });""");
            assertThat(tallies).hasSizeGreaterThanOrEqualTo(20);
            double previousBottom = -1;
            for (Map<String, Object> t : tallies) {
                assertThat(((Number) t.get("left")).doubleValue()).as("tally right of the text").isGreaterThanOrEqualTo(0);
                assertThat(((Number) t.get("top")).doubleValue()).as("tallies do not overlap")
                        .isGreaterThanOrEqualTo(previousBottom - 0.5);
                previousBottom = ((Number) t.get("bottom")).doubleValue();
            }
            d.findElement(By.cssSelector("label.reading-toggle")).click();
            assertThat(d.findElement(By.id("reading-mode")).isSelected()).isTrue();
            assertThat(d.findElement(By.id("standing-" + claim)).isDisplayed()).as("tallies hidden").isFalse();
            assertThat(css(b, passage, "border-bottom-color")).as("marks hidden").isEqualTo("rgba(0, 0, 0, 0)");
            d.findElement(By.cssSelector("label.reading-toggle")).click();
            assertThat(d.findElement(By.id("standing-" + claim)).isDisplayed()).isTrue();
        }
    }

    @Test
    void onAPhoneATallyOpensOnTap() {
        Browser b = noJs;
        signIn(b, "layoutreader");
        try {
            b.size(375, 812);
            open(b, Seeded.ARTICLE);
            String tally = "#standing-" + claim;
            double folded = width(b, tally);
            assertThat(folded).as("folded to a mark").isLessThan(40);
            b.driver().findElement(By.cssSelector(tally)).click();
            assertThat(width(b, tally)).as("open on tap").isGreaterThan(folded + 20);
            assertThat(b.driver().findElement(By.cssSelector(tally)).getText()).contains("voter");
        } finally {
            b.size(1280, SCREEN);
        }
    }

    /** Dark mode and screenshots of the pages this class is about, for people to look at. */
    @Test
    void screenshots() {
        for (Browser b : List.of(withJs, noJs)) {
            String js = b == withJs ? "js" : "nojs";
            signIn(b, "layoutreader");
            for (String scheme : List.of("light", "dark")) {
                ((ChromeDriver) b.driver()).executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features",
                        List.of(Map.of("name", "prefers-color-scheme", "value", scheme))));
                for (var page : Map.of("front", "/", "article", Seeded.ARTICLE, "claim", "/items/" + claim,
                        "prediction", "/items/" + prediction).entrySet()) {
                    open(b, page.getValue());
                    b.screenshotsAtBothWidths("layout-" + page.getKey() + "-" + scheme + "-" + js);
                }
            }
            ((ChromeDriver) b.driver()).executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features",
                    List.of(Map.of("name", "prefers-color-scheme", "value", "light"))));
        }
    }

    private static void signIn(Browser b, String name) {
        b.signInWithSession(app, name);
    }

    private static void open(Browser b, String path) {
        b.driver().get(app.baseUrl() + path);
        ((JavascriptExecutor) b.driver()).executeScript("window.scrollTo(0, 0);");
    }

    private static Object script(Browser b, String script, String selector) {
        return ((JavascriptExecutor) b.driver()).executeScript(
                "var e = document.querySelector(arguments[0]); if (!e) { throw new Error('no ' + arguments[0]); }"
                        + script, selector);
    }

    /** Distance from the top of the page, in CSS pixels. */
    private static double top(Browser b, String selector) {
        return ((Number) script(b, "return e.getBoundingClientRect().top + window.scrollY;", selector)).doubleValue();
    }

    private static double bottom(Browser b, String selector) {
        return ((Number) script(b, "return e.getBoundingClientRect().bottom + window.scrollY;", selector)).doubleValue();
    }

    private static double viewportTop(Browser b, String selector) {
        return ((Number) script(b, "return e.getBoundingClientRect().top;", selector)).doubleValue();
    }

    private static double height(Browser b, String selector) {
        return ((Number) script(b, "return e.getBoundingClientRect().height;", selector)).doubleValue();
    }

    private static double width(Browser b, String selector) {
        return ((Number) script(b, "return e.getBoundingClientRect().width;", selector)).doubleValue();
    }

    private static String css(Browser b, String selector, String property) {
        return (String) ((JavascriptExecutor) b.driver()).executeScript(
                "return getComputedStyle(document.querySelector(arguments[0])).getPropertyValue(arguments[1]);",
                selector, property);
    }

    private static long scrollWidth(Browser b) {
        return (Long) ((JavascriptExecutor) b.driver()).executeScript("return document.documentElement.scrollWidth;");
    }
}
