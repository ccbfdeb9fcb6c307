package crux.accounts;

import static crux.db.generated.Tables.MEMBER;
import static crux.db.generated.Tables.MEMBER_SESSION;
import static crux.testing.Refusals.assertRefused;
import static crux.testing.Refusals.assertRefusedMatching;
import static crux.testing.TestClient.form;
import static org.assertj.core.api.Assertions.assertThat;

import crux.accounts.web.AccountHandlers;
import crux.testing.TestApp;
import crux.testing.TestClient;
import de.mkammerer.argon2.Argon2;
import de.mkammerer.argon2.Argon2Factory;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The identity gaps, closed: look-alike names refused, passwords the same in every Unicode spelling (old hashes
 * upgraded), forms from the public address accepted behind a proxy that rewrites Host, successful sign-ins not
 * counted against an address, and a refused sign-in form coming back as typed.
 */
class IdentityHttpTest {

    static final String PW = "quiet harbour lamp 93";
    static final String PUBLIC = "https://crux.example";
    static final String MIXED = "Use letters from one script (not, say, Latin mixed with Cyrillic or Greek) and one"
            + " kind of digits.";
    static TestApp app;

    @BeforeAll
    static void start() {
        // the test client sends its own address as Origin, as a browser talking to Crux directly would; the public
        // address is what a browser in front of the proxy sends
        app = TestApp.start("h2", Map.of("CRUX_BASE_URL", PUBLIC + "/"));
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @BeforeEach
    void freshLimits() {
        app.resetLimits();
    }

    private static TestClient.Response register(String name) {
        return app.client().register(name, PW);
    }

    private static void refusedAndNothingStored(String name, String message) {
        var before = app.snapshotWithoutCounters();
        TestClient c = app.client();
        TestClient.Response r = c.register(name, PW);
        assertRefused(r, 422, message);
        assertThat(r.html().select("input[name=password]").attr("value")).isEmpty();
        assertThat(app.snapshotWithoutCounters()).as("nothing stored for " + name).isEqualTo(before);
        assertThat(c.cookieValue(SessionRepository.COOKIE)).isNull();
    }

    @Test
    void aNameThatLooksLikeAnotherInAnotherScriptIsRefused() {
        assertThat(register("Paulina").status()).isEqualTo(302);
        // the second letter is Cyrillic а (U+0430): refused as soon as it mixes scripts
        refusedAndNothingStored("P\u0430ulina", MIXED);
        // a name written wholly in Cyrillic letters that look Latin, one script throughout: с а р е
        assertThat(register("cape").status()).isEqualTo(302);
        refusedAndNothingStored("\u0441\u0430\u0440\u0435", "That name looks too much like cape, a member already"
                + " here. Please choose another.");
        // Latin look-alikes too: rn for m, 1 for l
        assertThat(register("marlow").status()).isEqualTo(302);
        refusedAndNothingStored("rnar1ow", "That name looks too much like marlow, a member already here."
                + " Please choose another.");
        // another Latin name is not refused for resembling nothing
        assertThat(register("Paulette").status()).isEqualTo(302);
    }

    @Test
    void aNameMixingScriptsIsRefusedEvenWithNothingLikeIt() {
        refusedAndNothingStored("Vl\u0430dimir", MIXED);
        // one script, any script, is fine
        assertThat(register("\u0412\u043b\u0430\u0434\u0438\u043c\u0438\u0440").status()).isEqualTo(302);
        assertThat(register("\u5c71\u7530\u592a\u90ce").status()).isEqualTo(302);
    }

    @Test
    void fullWidthLettersAreTheNameTheyLookLike() {
        assertThat(register("Greta").status()).isEqualTo(302);
        refusedAndNothingStored("\uff27\uff52\uff45\uff54\uff41", "That name is taken. Please choose another.");
    }

    @Test
    void aPasswordTypedInAnotherNormalisationSignsIn() {
        String composed = "caf\u00e9 cr\u00e8me br\u00fbl\u00e9e 42";
        String decomposed = Normalizer.normalize(composed, Normalizer.Form.NFD);
        assertThat(decomposed).isNotEqualTo(composed);
        TestClient c = app.client();
        assertThat(c.submit("/register", "/register", form("name", "Noemie", "password", composed, "confirm",
                composed)).status()).isEqualTo(302);
        TestClient other = app.client();
        assertThat(other.login("Noemie", decomposed).status()).isEqualTo(302);
        assertThat(other.cookieValue(SessionRepository.COOKIE)).isNotNull();
        assertRefused(app.client().login("Noemie", "cafe creme brulee 42"), 422, AccountHandlers.BAD_LOGIN);
    }

    @Test
    void aHashMadeBeforeNormalisationStillSignsInAndIsUpgraded() {
        // ligatures and circled digits change under NFKC: the old hash was made from them as typed
        String typed = "\ufb01nal \ufb02ight \u2460\u2461 tower";
        String normal = Normalizer.normalize(typed, Normalizer.Form.NFKC);
        assertThat(normal).isEqualTo("final flight 12 tower");
        Member m = app.account("Legacy-hash");
        Passwords.Params p = app.services().passwords().params();
        Argon2 argon2 = Argon2Factory.create(Argon2Factory.Argon2Types.ARGON2id, 16, 32);
        String old = argon2.hash(p.iterations(), p.memoryKib(), p.parallelism(), typed.toCharArray(),
                StandardCharsets.UTF_8);
        app.services().accounts().setPasswordHash(m.id(), old);
        assertThat(argon2.verify(old, normal.toCharArray(), StandardCharsets.UTF_8)).isFalse();

        TestClient c = app.client();
        assertThat(c.login("Legacy-hash", typed).status()).isEqualTo(302);
        String upgraded = app.services().accounts().passwordHash(m.id()).orElseThrow();
        assertThat(upgraded).isNotEqualTo(old);
        assertThat(argon2.verify(upgraded, normal.toCharArray(), StandardCharsets.UTF_8)).as("of the normal form")
                .isTrue();
        // from now on every spelling works, the one first typed too
        assertThat(app.client().login("Legacy-hash", normal).status()).isEqualTo(302);
        assertThat(app.client().login("Legacy-hash", typed).status()).isEqualTo(302);
        assertThat(app.services().accounts().passwordHash(m.id())).hasValue(upgraded);
    }

    @Test
    void formsFromThePublicAddressPassAProxyThatRewritesHost() {
        app.account("Proxied-origin");
        // the proxy forwards to Crux's own address (the Host the client sends here), the browser says the public one
        TestClient c = app.client();
        String token = c.csrf("/login");
        TestClient.Response ok = c.post("/login", form("name", "Proxied-origin", "password", TestApp.PASSWORD,
                "_csrf", token), Map.of("Origin", PUBLIC));
        assertThat(ok.status()).isEqualTo(302);
        assertThat(c.cookieValue(SessionRepository.COOKIE)).isNotNull();

        TestClient other = app.client();
        String otherToken = other.csrf("/login");
        var before = app.snapshot();
        for (String foreign : new String[] {"https://evil.example", "http://crux.example", "https://crux.example:8443",
                "https://crux.example.evil.example"}) {
            assertRefused(other.post("/login", form("name", "Proxied-origin", "password", TestApp.PASSWORD,
                    "_csrf", otherToken), Map.of("Origin", foreign)), 403,
                    "This form was sent from another site and was refused.");
        }
        assertThat(app.snapshot()).as("nothing stored, not even a counted attempt").isEqualTo(before);
    }

    @Test
    void successfulSignInsDoNotCountAgainstTheAddress() {
        app.account("Often-here");
        for (int i = 0; i < AccountHandlers.LOGIN_PER_IP.max() + 5; i++) {
            assertThat(app.client().login("Often-here", TestApp.PASSWORD).status()).as("sign-in " + i).isEqualTo(302);
        }
        // failures still count: the limit holds for them
        for (int i = 0; i < AccountHandlers.LOGIN_PER_IP.max(); i++) {
            assertThat(app.client().login("nobody-" + i, "wrong password " + i).status()).isEqualTo(422);
        }
        assertThat(app.client().login("Often-here", TestApp.PASSWORD).status()).isEqualTo(429);
    }

    @Test
    void aSignInRefusedForTheLimitComesBackAsTypedAndSaysWhen() {
        app.account("Limited-here");
        for (int i = 0; i <= AccountHandlers.LOGIN_PER_IP.max(); i++) {
            app.services().limiter().hit(AccountHandlers.LOGIN_PER_IP, "127.0.0.1");
        }
        TestClient c = app.client();
        var before = app.snapshot(MEMBER, MEMBER_SESSION);
        TestClient.Response r = c.submit("/login?next=%2Fabout", "/login", form("name", "Limited-here", "password",
                TestApp.PASSWORD, "next", "/about"));
        assertRefusedMatching(r, 429, "Too many sign-in attempts from your network\\. Try again in \\d+ minutes?\\.");
        assertThat(r.header("Retry-After")).isPresent();
        assertThat(r.html().select("input[name=name]").attr("value")).isEqualTo("Limited-here");
        assertThat(r.html().select("input[name=next]").attr("value")).isEqualTo("/about");
        assertThat(r.body()).doesNotContain(TestApp.PASSWORD);
        assertThat(r.html().select("form[action=/login] button").text()).isEqualTo("Sign in");
        assertThat(app.snapshot(MEMBER, MEMBER_SESSION)).isEqualTo(before);
    }
}
