package crux.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium through Selenium. Binary and driver are named explicitly so Selenium Manager
 * never tries the network. One per test class.
 */
public final class Browser implements AutoCloseable {

    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private final ChromeDriver driver;
    private final Path profile;

    private Browser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    public static Browser start(boolean javascript) {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new IllegalStateException("Browser tests need Debian's chromium and chromium-driver: "
                    + "run the README's test command, which installs them.");
        }
        try {
            Path profile = Files.createTempDirectory("crux-chromium");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM.toFile());
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--no-first-run", "--disable-quic", "--window-size=1280,800", "--user-data-dir=" + profile);
            if (!javascript) {
                options.setExperimentalOption("prefs", java.util.Map.of(
                        "profile.managed_default_content_settings.javascript", 2));
            }
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(CHROMEDRIVER.toFile())
                    .usingAnyFreePort()
                    .build();
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
            return new Browser(driver, profile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public WebDriver driver() {
        return driver;
    }

    /**
     * Waits up to 10 s. A condition that reads an element just as the page navigates away is asked again: Selenium's
     * conditions catch a stale element themselves, but Chromium also reports that case as an "unknown error"
     * ("Node with given id does not belong to the document"), which would otherwise end the wait.
     */
    public WebDriverWait waiting() {
        return new WebDriverWait(driver, Duration.ofSeconds(10)) {
            @Override
            public <V> V until(Function<? super WebDriver, ? extends V> isTrue) {
                return super.until(d -> {
                    try {
                        return isTrue.apply(d);
                    } catch (WebDriverException e) {
                        if (e.getMessage() != null && e.getMessage().contains("does not belong to the document")) {
                            return null;
                        }
                        throw e;
                    }
                });
            }
        };
    }

    /**
     * Selects {@code words} inside the first element matching {@code container}, as a reader dragging over them would;
     * false when they are not found within one piece of its text.
     */
    public boolean select(String container, String words) {
        Object found = driver.executeScript("""
                var walker = document.createTreeWalker(document.querySelector(arguments[0]), NodeFilter.SHOW_TEXT);
                for (var n = walker.nextNode(); n; n = walker.nextNode()) {
                  var i = n.textContent.indexOf(arguments[1]);
                  if (i >= 0) {
                    var r = document.createRange();
                    r.setStart(n, i);
                    r.setEnd(n, i + arguments[1].length);
                    var s = window.getSelection();
                    s.removeAllRanges();
                    s.addRange(r);
                    return true;
                  }
                }
                return false;""", container, words);
        return Boolean.TRUE.equals(found);
    }

    /**
     * Selects from the start of the first text of {@code container} holding {@code from} to the end of the first,
     * at or after it, holding {@code to}: a selection running over several elements. False when either is missing.
     */
    public boolean selectAcross(String container, String from, String to) {
        Object found = driver.executeScript("""
                var walker = document.createTreeWalker(document.querySelector(arguments[0]), NodeFilter.SHOW_TEXT);
                var r = document.createRange(), started = false;
                for (var n = walker.nextNode(); n; n = walker.nextNode()) {
                  if (!started && n.textContent.indexOf(arguments[1]) >= 0) {
                    r.setStart(n, n.textContent.indexOf(arguments[1]));
                    started = true;
                  }
                  if (started && n.textContent.indexOf(arguments[2]) >= 0) {
                    r.setEnd(n, n.textContent.indexOf(arguments[2]) + arguments[2].length);
                    var s = window.getSelection();
                    s.removeAllRanges();
                    s.addRange(r);
                    return true;
                  }
                }
                return false;""", container, from, to);
        return Boolean.TRUE.equals(found);
    }

    /**
     * Signs the browser in as {@code name} of {@code app} with a session cookie, skipping the form (a moderator with
     * two-factor passed); signed out when {@code name} is null.
     */
    public void signInWithSession(TestApp app, String name) {
        driver.get(app.baseUrl() + "/about");
        driver.manage().deleteAllCookies();
        if (name != null) {
            var member = app.memberNamed(name);
            String token = app.app().services().sessions().create(member, member.moderator(), "test", "127.0.0.1")
                    .token();
            driver.manage().addCookie(new org.openqa.selenium.Cookie(crux.accounts.SessionRepository.COOKIE, token,
                    "/"));
        }
    }

    /** Signs {@code name} in through the login form (password {@link TestApp#PASSWORD}) and waits for the page after. */
    public void signIn(String baseUrl, String name) {
        driver.get(baseUrl + "/login");
        driver.findElement(org.openqa.selenium.By.id("name")).sendKeys(name);
        driver.findElement(org.openqa.selenium.By.id("password")).sendKeys(TestApp.PASSWORD);
        driver.findElement(org.openqa.selenium.By.cssSelector("main form button[type=submit]")).click();
        waiting().until(org.openqa.selenium.support.ui.ExpectedConditions.presenceOfElementLocated(
                org.openqa.selenium.By.cssSelector("a.me")));
    }

    public void size(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
    }

    /** Saves a screenshot under target/screenshots (a test artifact, never committed). */
    public Path screenshot(String name) {
        try {
            Path dir = Path.of("target", "screenshots");
            Files.createDirectories(dir);
            Path file = dir.resolve(name + ".png");
            Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Whole-page screenshots at desktop and phone widths; asserts that at either width nothing scrolls sideways.
     */
    public void screenshotsAtBothWidths(String name) {
        org.openqa.selenium.JavascriptExecutor js = driver;
        try {
            for (int width : new int[] {1280, 375}) {
                size(width, 812);
                Long scroll = (Long) js.executeScript("return document.documentElement.scrollWidth;");
                Long viewport = (Long) js.executeScript("return document.documentElement.clientWidth;");
                org.assertj.core.api.Assertions.assertThat(scroll).as("%s fits %d px", name, width)
                        .isLessThanOrEqualTo(viewport);
                // as tall as the page, so the screenshot shows all of it
                Long height = (Long) js.executeScript("return document.documentElement.scrollHeight;");
                size(width, (int) Math.min(4000, height + 140));
                screenshot(name + "-" + width);
            }
        } finally {
            size(1280, 800);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // a leftover temp profile is harmless
            }
        }
    }
}
