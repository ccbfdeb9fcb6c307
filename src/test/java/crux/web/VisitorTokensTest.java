package crux.web;

import static org.assertj.core.api.Assertions.assertThat;

import crux.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class VisitorTokensTest {

    static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    static final String COOKIE = "A".repeat(43);
    static final String OTHER_COOKIE = "B".repeat(43);

    final MutableClock clock = MutableClock.atNow();
    final VisitorTokens tokens = new VisitorTokens(SECRET, clock, false);

    String issuedNow(String cookie) {
        return VisitorTokens.token(SECRET, cookie, clock.instant().getEpochSecond());
    }

    @Test
    void aTokenMatchesTheCookieItWasMadeForOnly() {
        String token = issuedNow(COOKIE);
        assertThat(tokens.matches(COOKIE, token)).isTrue();
        assertThat(tokens.matches(OTHER_COOKIE, token)).isFalse();
        assertThat(tokens.matches(null, token)).isFalse();
        assertThat(tokens.matches(COOKIE, null)).isFalse();
    }

    @Test
    void aTokenLastsItsLifetimeAndNoLonger() {
        String token = issuedNow(COOKIE);
        clock.advance(VisitorTokens.LIFETIME);
        assertThat(tokens.matches(COOKIE, token)).isTrue();
        clock.advance(Duration.ofSeconds(1));
        assertThat(tokens.matches(COOKIE, token)).isFalse();
    }

    @Test
    void changingItsTimeOrSignatureOrSecretBreaksIt() {
        long now = clock.instant().getEpochSecond();
        String token = issuedNow(COOKIE);
        String signature = token.substring(token.indexOf('.') + 1);
        assertThat(tokens.matches(COOKIE, (now + 1) + "." + signature)).as("a later time, same signature").isFalse();
        assertThat(tokens.matches(COOKIE, now + "." + signature.substring(1) + "A")).isFalse();
        assertThat(tokens.matches(COOKIE, VisitorTokens.token("another secret of 32 bytes, yes!".getBytes(
                StandardCharsets.US_ASCII), COOKIE, now))).isFalse();
        assertThat(tokens.matches(COOKIE, (now + 3600) + "." + signature)).as("from the future").isFalse();
    }

    @Test
    void malformedInputIsRefusedNotThrown() {
        String token = issuedNow(COOKIE);
        for (String bad : new String[] {"", ".", "abc", "1.", ".x", "99999999999999999999999.x", "-5." + token,
                token + "x", "\u0000", "١٢٣." + token.substring(token.indexOf('.') + 1)}) {
            assertThat(tokens.matches(COOKIE, bad)).as(bad).isFalse();
        }
        for (String badCookie : new String[] {"", "short", COOKIE + "A", "A".repeat(42) + "=", "A".repeat(42) + "\n"}) {
            assertThat(tokens.matches(badCookie, token)).as(badCookie).isFalse();
        }
    }
}
