package crux.web;

import static crux.db.generated.Tables.MEMBER;
import static crux.db.generated.Tables.MEMBER_SESSION;
import static crux.db.generated.Tables.MODERATION_LOG;
import static crux.testing.TestClient.form;
import static crux.testing.Refusals.assertRefused;
import static crux.testing.Refusals.assertRefusedMatching;
import static org.assertj.core.api.Assertions.assertThat;

import crux.accounts.web.AccountHandlers;
import crux.testing.MutableClock;
import crux.testing.TestApp;
import crux.testing.TestClient;
import java.time.Duration;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Sign-in per address and per account, registration per address, and every member's write budget: 429 with
 * Retry-After, nothing stored, and no way around it by sending one's own X-Forwarded-For.
 */
class RateLimitsHttpTest {

    static final String PW = "lantern orbit cactus 77";
    static final MutableClock clock = MutableClock.atNow();
    static TestApp app;

    @BeforeAll
    static void start() {
        app = TestApp.start("h2", Map.of(), clock);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @BeforeEach
    void freshLimits() {
        app.resetLimits();
    }

    private static Map<String, String> spoofing(TestClient c, String address) {
        return Map.of("Origin", c.base(), "X-Forwarded-For", address, "X-Real-IP", address, "Forwarded", "for=" + address);
    }

    /** The wait each refusal names moves with the clock: "in 9 minutes", "in 1 minute". */
    static final String WAIT = "Try again in \\d+ minutes?\\.";
    static final String SIGN_INS = "Too many sign-in attempts from your network\\. " + WAIT;
    static final String NAME_FAILURES = "Too many failed sign-ins for this name\\. " + WAIT;
    static final String WRONG_PASSWORDS = "Too many wrong passwords for this account\\. " + WAIT;
    static final String REGISTRATIONS = "Too many new accounts from your network in the last hour\\. " + WAIT;
    static final String WRITES = "You have made a lot of changes in a short time\\. Please wait a few minutes and try"
            + " again\\.";

    private static long retryAfter(TestClient.Response r, long atMost, String regex) {
        assertRefusedMatching(r, 429, regex);
        long seconds = Long.parseLong(r.header("Retry-After").orElseThrow());
        assertThat(seconds).isBetween(1L, atMost);
        return seconds;
    }

    @Test
    void signInIsLimitedPerAddressAndSendingXForwardedForDoesNotHelp() {
        app.account("Rl-ip");
        TestClient c = app.client();
        String token = c.csrf("/login");
        int max = AccountHandlers.LOGIN_PER_IP.max();
        for (int i = 0; i < max; i++) {
            // a new name each time (so the per-account limit stays out of it) and a new claimed address
            TestClient.Response r = c.post("/login", form("name", "rl-nobody-" + i, "password", "wrong password " + i,
                    "_csrf", token), spoofing(c, "203.0.113." + i));
            assertRefused(r, 422, "That name and password do not match. Check both and try again.");
        }
        TestClient other = app.client();
        String otherToken = other.csrf("/login");
        var before = app.snapshot(MEMBER, MEMBER_SESSION);
        TestClient.Response limited = c.post("/login", form("name", "Rl-ip", "password", TestApp.PASSWORD,
                "_csrf", token), spoofing(c, "198.51.100.77"));
        retryAfter(limited, AccountHandlers.LOGIN_PER_IP.window().toSeconds(), SIGN_INS);
        assertThat(limited.html().select("main").text()).contains("Too many sign-in attempts");
        // the limit is the address's, not the browser's: a fresh browser from the same address is refused too
        retryAfter(other.postWithToken("/login", otherToken, form("name", "Rl-ip", "password", TestApp.PASSWORD)), 600, SIGN_INS);
        assertThat(app.snapshot(MEMBER, MEMBER_SESSION)).as("no session was made").isEqualTo(before);

        clock.advance(AccountHandlers.LOGIN_PER_IP.window());
        assertThat(other.login("Rl-ip", TestApp.PASSWORD).status()).isEqualTo(302);
    }

    @Test
    void failedSignInsAreLimitedPerAccountFromAnywhere() {
        app.account("Rl-acct");
        app.account("Rl-bystander");
        int max = AccountHandlers.LOGIN_FAILURES_PER_NAME.max();
        for (int i = 0; i < max; i++) {
            assertRefused(app.client().login(i % 2 == 0 ? "Rl-acct" : "RL-ACCT", "wrong password " + i), 422, "That name and password do not match. Check both and try again.");
        }
        TestClient c = app.client();
        String token = c.csrf("/login");
        var before = app.snapshot(MEMBER, MEMBER_SESSION);
        TestClient.Response limited = c.postWithToken("/login", token, form("name", "rl-acct", "password", TestApp.PASSWORD));
        long wait = retryAfter(limited, AccountHandlers.LOGIN_FAILURES_PER_NAME.window().toSeconds(), NAME_FAILURES);
        assertThat(limited.html().select("main").text()).contains("Too many failed sign-ins for this name");
        assertThat(app.snapshot(MEMBER, MEMBER_SESSION)).isEqualTo(before);
        // another account from the same address is not affected
        assertThat(app.client().login("Rl-bystander", TestApp.PASSWORD).status()).isEqualTo(302);

        clock.advance(Duration.ofSeconds(wait));
        assertThat(app.client().login("Rl-acct", TestApp.PASSWORD).status()).isEqualTo(302);
    }

    @Test
    void aSuccessfulSignInDoesNotCountAgainstTheAccount() {
        app.account("Rl-often");
        for (int i = 0; i < AccountHandlers.LOGIN_FAILURES_PER_NAME.max() + 2; i++) {
            assertThat(app.client().login("Rl-often", TestApp.PASSWORD).status()).isEqualTo(302);
        }
    }

    @Test
    void registrationIsLimitedPerAddress() {
        int max = AccountHandlers.REGISTRATIONS_PER_IP.max();
        for (int i = 0; i < max; i++) {
            TestClient c = app.client();
            String token = c.csrf("/register");
            assertThat(c.post("/register", form("name", "Rl-new-" + i, "password", PW, "confirm", PW, "_csrf", token),
                    spoofing(c, "203.0.113." + i)).status()).isEqualTo(302);
        }
        TestClient c = app.client();
        String token = c.csrf("/register");
        var before = app.snapshot(MEMBER, MEMBER_SESSION);
        TestClient.Response limited = c.post("/register",
                form("name", "Rl-one-too-many", "password", PW, "confirm", PW, "_csrf", token), spoofing(c, "192.0.2.1"));
        retryAfter(limited, AccountHandlers.REGISTRATIONS_PER_IP.window().toSeconds(), REGISTRATIONS);
        assertThat(limited.html().select("main").text()).contains("Too many new accounts from your network");
        // the refused form comes back with the name as typed, never the password
        assertThat(limited.html().select("input[name=name]").attr("value")).isEqualTo("Rl-one-too-many");
        assertThat(limited.html().select("input[type=password]").eachAttr("value")).containsOnly("");
        assertThat(limited.body()).doesNotContain(PW);
        assertThat(app.snapshot(MEMBER, MEMBER_SESSION)).isEqualTo(before);

        clock.advance(AccountHandlers.REGISTRATIONS_PER_IP.window());
        assertThat(app.client().register("Rl-next-hour", PW).status()).isEqualTo(302);
    }

    @Test
    void everyMemberHasAWriteBudget() {
        TestClient admin = app.member("Rl-admin", "admin");
        app.account("Rl-target");
        long adminId = app.memberNamed("Rl-admin").id();
        assertThat(admin.submit("/admin", "/admin/roles", form("name", "Rl-target", "role", "moderator", "reason", "ok"))
                .status()).isEqualTo(302);
        // spend the rest of the budget without a hundred requests
        for (int i = 1; i < Gate.WRITES_PER_MEMBER.max(); i++) {
            app.services().limiter().hit(Gate.WRITES_PER_MEMBER, Long.toString(adminId));
        }
        String token = admin.csrf("/admin");
        var before = app.snapshot(MEMBER, MODERATION_LOG);
        TestClient.Response limited = admin.postWithToken("/admin/roles", token,
                form("name", "Rl-target", "role", "member", "reason", "one too many"));
        retryAfter(limited, Gate.WRITES_PER_MEMBER.window().toSeconds(), WRITES);
        assertThat(limited.html().select("main").text()).contains("a lot of changes in a short time");
        assertThat(app.snapshot(MEMBER, MODERATION_LOG)).isEqualTo(before);
        // reading is never limited
        assertThat(admin.get("/admin").status()).isEqualTo(200);

        clock.advance(Gate.WRITES_PER_MEMBER.window());
        assertThat(admin.postWithToken("/admin/roles", token,
                form("name", "Rl-target", "role", "member", "reason", "next window")).status()).isEqualTo(302);
    }

    @Test
    void wrongCurrentPasswordsCountAsFailedSignIns() {
        TestClient thief = app.member("Rl-stolen");
        String token = thief.csrf("/settings");
        String hash = app.services().accounts().passwordHash(app.memberNamed("Rl-stolen").id()).orElseThrow();
        for (int i = 0; i < AccountHandlers.LOGIN_FAILURES_PER_NAME.max(); i++) {
            assertRefused(thief.postWithToken("/settings/password", token, form("current", "guess number " + i,
                    "password", "Stolen-and-changed-1", "confirm", "Stolen-and-changed-1")), 422, "That is not your current password.");
        }
        TestClient owner = app.client();
        String ownerToken = owner.csrf("/login");
        var before = app.snapshotWithoutCounters();
        retryAfter(thief.postWithToken("/settings/password", token, form("current", TestApp.PASSWORD,
                "password", "Stolen-and-changed-1", "confirm", "Stolen-and-changed-1")), 900, WRONG_PASSWORDS);
        retryAfter(thief.postWithToken("/settings/delete", token,
                form("password", TestApp.PASSWORD, "confirmWord", "DELETE")), 900, WRONG_PASSWORDS);
        retryAfter(owner.postWithToken("/login", ownerToken, form("name", "Rl-stolen", "password", TestApp.PASSWORD)), 900, NAME_FAILURES);
        assertThat(app.snapshotWithoutCounters()).isEqualTo(before);
        assertThat(app.services().accounts().passwordHash(app.memberNamed("Rl-stolen").id())).hasValue(hash);
    }

    private static int spent(long memberId) {
        return app.dsl().select(crux.db.generated.Tables.RATE_COUNTER.HITS).from(crux.db.generated.Tables.RATE_COUNTER)
                .where(crux.db.generated.Tables.RATE_COUNTER.BUCKET.eq("writes:" + memberId))
                .orderBy(crux.db.generated.Tables.RATE_COUNTER.WINDOW_START.desc()).limit(1)
                .fetchOptional(r -> r.value1()).orElse(0);
    }

    /**
     * The budget is spent inside the write's own transaction: a write that is made spends one, a write that is refused
     * (bad input, or rolled back) spends none, and the member's next write still works.
     */
    @Test
    void onlyWritesThatAreMadeSpendTheBudget() {
        TestClient m = app.member("Rl-spender");
        long id = app.memberNamed("Rl-spender").id();
        assertThat(spent(id)).isZero();
        assertThat(m.submit("/items/" + app.claim(1), "/items/" + app.claim(1) + "/stance", form("stance", "agree")).status()).isEqualTo(303);
        assertThat(spent(id)).isEqualTo(1);
        assertRefused(m.submit("/items/" + app.claim(1), "/items/" + app.claim(1) + "/stance", form("stance", "perhaps")), 422, "Choose agree, unsure or disagree (or withdraw your stance).");
        assertRefused(m.submit("/items/" + app.claim(1), "/items/" + app.claim(1) + "/forecast", form("probability", "50")), 422, "Only predictions take forecasts; on a claim, say whether you agree instead.");
        assertThat(spent(id)).as("refused writes spend nothing").isEqualTo(1);
        assertThat(m.submit("/items/" + app.claim(1), "/items/" + app.claim(1) + "/stance", form("stance", "disagree")).status()).isEqualTo(303);
        assertThat(spent(id)).isEqualTo(2);
        assertThat(app.dsl().fetchOne("select stance from item_stance where item_id = ? and member_id = ?", app.claim(1), id)
                .get(0, String.class)).isEqualTo("disagree");
    }

    @Test
    void aStanceOverTheBudgetIsRefusedAndNothingIsStored() {
        TestClient m = app.member("Rl-stancer");
        long id = app.memberNamed("Rl-stancer").id();
        assertThat(m.submit("/items/" + app.claim(2), "/items/" + app.claim(2) + "/stance", form("stance", "agree")).status()).isEqualTo(303);
        for (int i = spent(id); i < Gate.WRITES_PER_MEMBER.max(); i++) {
            app.services().limiter().hit(Gate.WRITES_PER_MEMBER, Long.toString(id));
        }
        String token = m.csrf("/items/" + app.claim(2));
        var before = app.snapshot();
        retryAfter(m.postWithToken("/items/" + app.claim(2) + "/stance", token, form("stance", "disagree")),
                Gate.WRITES_PER_MEMBER.window().toSeconds(), WRITES);
        retryAfter(m.postWithToken("/items/" + app.claim(2) + "/follow", token, Map.of()), Gate.WRITES_PER_MEMBER.window().toSeconds(), WRITES);
        assertThat(app.snapshot()).as("nothing stored, not even a hit").isEqualTo(before);
        clock.advance(Gate.WRITES_PER_MEMBER.window());
        assertThat(m.postWithToken("/items/" + app.claim(2) + "/stance", token, form("stance", "disagree")).status()).isEqualTo(303);
        assertThat(spent(id)).isEqualTo(1);
    }

    @Test
    void theWriteBudgetIsSetFromTheEnvironmentAndRefusesWhatIsOver() {
        assertThat(crux.Config.fromMap(Map.of()).writeBudget()).isEqualTo(120);
        assertThat(crux.Config.fromMap(Map.of("CRUX_WRITE_BUDGET", " 5000 ")).writeBudget()).isEqualTo(5000);
        for (String bad : new String[] {"0", "-3", "lots", "1.5", "99999999999"}) {
            Assertions.assertThatThrownBy(() -> crux.Config.fromMap(Map.of("CRUX_WRITE_BUDGET", bad)))
                    .as(bad).hasMessageContaining("CRUX_WRITE_BUDGET is the number of writes a member may make");
        }
        try (TestApp small = TestApp.start("h2", Map.of("CRUX_WRITE_BUDGET", "3"))) {
            TestClient m = small.member("Rl-budget3");
            long item = small.claim(2);
            String token = m.csrf("/items/" + item);
            for (String stance : new String[] {"agree", "disagree", "unsure"}) {
                assertThat(m.postWithToken("/items/" + item + "/stance", token, form("stance", stance)).status()).isEqualTo(303);
            }
            var before = small.snapshot();
            retryAfter(m.postWithToken("/items/" + item + "/stance", token, form("stance", "agree")),
                    Gate.WRITES_PER_MEMBER.window().toSeconds(), WRITES);
            assertThat(small.snapshot()).as("the fourth write stored nothing").isEqualTo(before);
            assertThat(small.dsl().fetchOne("select stance from item_stance where item_id = ? and member_id = ?",
                    item, small.memberNamed("Rl-budget3").id()).get(0, String.class)).isEqualTo("unsure");
        }
    }
}
