package crux.accounts;

import static crux.db.generated.Tables.MEMBER_SESSION;
import static crux.testing.TestClient.form;
import static org.assertj.core.api.Assertions.assertThat;

import crux.accounts.web.AccountHandlers;
import crux.accounts.web.CodeChecks;
import crux.testing.MutableClock;
import crux.testing.TestApp;
import crux.testing.TestClient;
import java.net.HttpCookie;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The limits on wrong passwords and two-factor codes hold against attempts sent all at once (each is counted before
 * it is checked), and strangers who spend a name's limit do not lock its owner out of a browser they signed in from.
 */
class SignInLimitsHttpTest {

    static final MutableClock clock = MutableClock.atNow();
    static TestApp app;

    @BeforeAll
    static void start() {
        // loopback is the "proxy", so each request can come from an address of its own
        app = TestApp.start(TestApp.defaultKind(), Map.of("CRUX_TRUSTED_PROXIES", "127.0.0.1"), clock);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @BeforeEach
    void freshLimits() {
        app.resetLimits();
    }

    /** Runs {@code n} requests at the same moment and returns their statuses. */
    static List<Integer> atOnce(int n, IntFunction<TestClient.Response> request) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Integer>> sent = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                sent.add(pool.submit(() -> {
                    start.await();
                    return request.apply(index).status();
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : sent) {
                statuses.add(f.get(60, TimeUnit.SECONDS));
            }
            return statuses;
        } finally {
            pool.shutdownNow();
        }
    }

    static Map<String, String> from(TestClient c, String address) {
        return Map.of("Origin", c.base(), "X-Forwarded-For", address);
    }

    @Test
    void fortyWrongPasswordsAtOnceFromFortyAddressesAreNotAllChecked() throws Exception {
        app.account("race-name");
        int n = 40;
        List<TestClient> browsers = new ArrayList<>();
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            TestClient c = app.client();
            browsers.add(c);
            tokens.add(c.csrf("/login"));
        }
        List<Integer> statuses = atOnce(n, i -> browsers.get(i).post("/login", form("name", "race-name",
                "password", "wrong guess " + i, "_csrf", tokens.get(i)), from(browsers.get(i), "203.0.113." + (i + 1))));
        int max = AccountHandlers.LOGIN_FAILURES_PER_NAME.max();
        assertThat(statuses).as("checked (422) or refused before the hash (429)").containsOnly(422, 429);
        assertThat(statuses.stream().filter(s -> s == 422).count()).as("passwords checked").isEqualTo(max);

        TestClient owner = app.client();
        String token = owner.csrf("/login");
        var before = app.snapshot(MEMBER_SESSION);
        TestClient.Response refused = owner.post("/login", form("name", "race-name", "password", TestApp.PASSWORD,
                "_csrf", token), from(owner, "198.51.100.9"));
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.header("Retry-After")).isPresent();
        assertThat(refused.html().select("main").text()).contains("Too many failed sign-ins for this name");
        assertThat(app.snapshot(MEMBER_SESSION)).as("no session made").isEqualTo(before);
    }

    @Test
    void sixtyWrongTwoFactorCodesAtOnceAreNotAllChecked() throws Exception {
        app.member("race-mod", "moderator");
        TestClient mod = app.client();
        assertThat(mod.login("race-mod", TestApp.PASSWORD).status()).isEqualTo(302);
        String secret = app.totpSecret("race-mod");
        String right = app.services().twoFactor().nextCode(secret);
        String wrong = String.format("%06d", (Integer.parseInt(right) + 500_000) % 1_000_000);
        String token = mod.csrf("/two-factor");
        List<Integer> statuses = atOnce(60, i -> mod.postWithToken("/two-factor", token, form("code", wrong)));
        int max = CodeChecks.PER_MEMBER.max();
        assertThat(statuses).containsOnly(422, 429);
        assertThat(statuses.stream().filter(s -> s == 422).count()).as("codes checked").isEqualTo(max);

        TestClient.Response refused = mod.postWithToken("/two-factor", token, form("code", right));
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.html().select("main").text()).contains("Too many wrong codes");
        assertThat(mod.get("/mod").location()).as("no session without a code").startsWith("/login");

        clock.advance(CodeChecks.PER_MEMBER.window());
        assertThat(mod.postWithToken("/two-factor", token,
                form("code", app.services().twoFactor().nextCode(secret))).status()).isEqualTo(302);
        assertThat(mod.get("/mod").status()).isEqualTo(200);
    }

    /** Spends the name's limit from strangers' browsers, each from its own address. */
    static void strangersGuess(String name) {
        for (int i = 0; i < AccountHandlers.LOGIN_FAILURES_PER_NAME.max(); i++) {
            TestClient stranger = app.client();
            String token = stranger.csrf("/login");
            assertThat(stranger.post("/login", form("name", name, "password", "guess " + i, "_csrf", token),
                    from(stranger, "192.0.2." + (i + 1))).status()).isEqualTo(422);
        }
    }

    static TestClient.Response login(TestClient c, String name, String password) {
        return login(c, c.csrf("/login"), name, password);
    }

    /** With a token fetched beforehand, so that nothing is stored between a "before" snapshot and the sign-in. */
    static TestClient.Response login(TestClient c, String token, String name, String password) {
        return c.post("/login", form("name", name, "password", password, "_csrf", token), from(c, "198.51.100.20"));
    }

    @Test
    void strangersCannotLockTheOwnerOutOfABrowserTheySignedInFrom() {
        app.account("device-owner");
        TestClient laptop = app.client();
        TestClient.Response signedIn = login(laptop, "device-owner", TestApp.PASSWORD);
        assertThat(signedIn.status()).isEqualTo(302);
        String setCookie = signedIn.headers().allValues("Set-Cookie").stream()
                .filter(h -> h.startsWith(TrustedDevices.COOKIE + "=")).findFirst().orElseThrow();
        assertThat(setCookie).contains("HttpOnly").containsIgnoringCase("SameSite=Lax")
                .contains("Max-Age=" + TrustedDevices.LIFETIME.toSeconds());
        laptop.submit("/settings", "/logout", Map.of());

        strangersGuess("device-owner");
        TestClient newBrowser = app.client();
        String token = newBrowser.csrf("/login");
        var before = app.snapshot(MEMBER_SESSION);
        assertThat(login(newBrowser, token, "device-owner", TestApp.PASSWORD).status())
                .as("a new browser is locked out with the name").isEqualTo(429);
        assertThat(app.snapshot(MEMBER_SESSION)).isEqualTo(before);
        assertThat(login(laptop, "device-owner", TestApp.PASSWORD).status())
                .as("the owner's own browser still gets in").isEqualTo(302);
    }

    @Test
    void aDeviceCookieThatIsForgedOrSomeoneElsesExemptsNobody() {
        app.account("device-victim");
        app.account("device-attacker");
        TestClient attacker = app.client();
        assertThat(login(attacker, "device-attacker", TestApp.PASSWORD).status()).isEqualTo(302);
        String own = attacker.cookieValue(TrustedDevices.COOKIE);
        long victim = app.memberNamed("device-victim").id();
        long attackerId = app.memberNamed("device-attacker").id();
        strangersGuess("device-victim");

        List<String> cookies = List.of(own, own.replace("." + attackerId + ".", "." + victim + "."),
                own.substring(0, own.length() - 2) + "xx", "d1." + victim + ".abc.99999999999.", "");
        for (String cookie : cookies) {
            TestClient c = app.client();
            c.setCookie(TrustedDevices.COOKIE, cookie);
            String token = c.csrf("/login");
            var before = app.snapshot(MEMBER_SESSION);
            assertThat(login(c, token, "device-victim", TestApp.PASSWORD).status()).as(cookie).isEqualTo(429);
            assertThat(app.snapshot(MEMBER_SESSION)).isEqualTo(before);
        }
    }

    @Test
    void aTrustedBrowserHasItsOwnLimitOnWrongPasswords() {
        app.account("device-stolen");
        TestClient laptop = app.client();
        assertThat(login(laptop, "device-stolen", TestApp.PASSWORD).status()).isEqualTo(302);
        laptop.submit("/settings", "/logout", Map.of());
        HttpCookie device = laptop.cookie(TrustedDevices.COOKIE).orElseThrow();
        for (int i = 0; i < AccountHandlers.LOGIN_FAILURES_PER_DEVICE.max(); i++) {
            assertThat(login(laptop, "device-stolen", "wrong " + i).status()).isEqualTo(422);
        }
        String token = laptop.csrf("/login");
        var before = app.snapshot(MEMBER_SESSION);
        TestClient.Response refused = login(laptop, token, "device-stolen", TestApp.PASSWORD);
        assertThat(refused.status()).isEqualTo(429);
        assertThat(app.snapshot(MEMBER_SESSION)).as("not signed in").isEqualTo(before);
        assertThat(laptop.cookieValue(TrustedDevices.COOKIE)).isEqualTo(device.getValue());
        // the device's failures are its own: the name is not locked for other browsers
        assertThat(login(app.client(), "device-stolen", TestApp.PASSWORD).status()).isEqualTo(302);

        clock.advance(AccountHandlers.LOGIN_FAILURES_PER_DEVICE.window());
        assertThat(login(laptop, "device-stolen", TestApp.PASSWORD).status()).isEqualTo(302);
    }

    @Test
    void aDeviceIsTrustedForAYearAfterItsLastSignIn() {
        app.account("device-old");
        TestClient laptop = app.client();
        assertThat(login(laptop, "device-old", TestApp.PASSWORD).status()).isEqualTo(302);
        laptop.submit("/settings", "/logout", Map.of());
        clock.advance(TrustedDevices.LIFETIME.plusDays(1));
        strangersGuess("device-old");
        String token = laptop.csrf("/login");
        var before = app.snapshot(MEMBER_SESSION);
        assertThat(login(laptop, token, "device-old", TestApp.PASSWORD).status()).isEqualTo(429);
        assertThat(app.snapshot(MEMBER_SESSION)).as("not signed in").isEqualTo(before);
    }
}
