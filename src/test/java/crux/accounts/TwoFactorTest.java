package crux.accounts;

import static crux.db.generated.Tables.MEMBER;
import static crux.testing.Text.assertThatText;
import static org.assertj.core.api.Assertions.assertThat;

import crux.db.Database;
import crux.testing.MutableClock;
import crux.testing.TestDatabases;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** TOTP: a code proves the secret once; replays, stale codes and garbage are refused. */
class TwoFactorTest {

    static String url;
    static Database db;
    MutableClock clock;
    TwoFactorRepository twoFactor;
    AccountRepository accounts;
    Member member;

    @BeforeAll
    static void open() {
        url = TestDatabases.fresh("h2");
        db = TestDatabases.open(url);
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @BeforeEach
    void fixture() {
        // the middle of a 30-second step, so "one step later" is unambiguous
        clock = new MutableClock(Instant.parse("2030-01-01T00:00:15Z"));
        twoFactor = new TwoFactorRepository(db, clock);
        accounts = new AccountRepository(db, clock);
        member = accounts.create("t" + System.nanoTime(), "$argon2id$dummy").orElseThrow();
    }

    private String codeAt(String secret, Duration offset) {
        MutableClock other = new MutableClock(clock.instant().plus(offset));
        return new TwoFactorRepository(db, other).currentCode(secret);
    }

    @Test
    void enrolmentNeedsACodeFromTheSecret() {
        String secret = twoFactor.newSecret();
        assertThat(secret).matches("[A-Z2-7]{32}");
        assertThat(twoFactor.confirm(member.id(), secret, "000000".equals(twoFactor.currentCode(secret)) ? "111111" : "000000"))
                .isFalse();
        assertThat(accounts.byId(member.id()).orElseThrow().totpEnrolled()).isFalse();
        assertThat(twoFactor.confirm(member.id(), secret, twoFactor.currentCode(secret))).isTrue();
        assertThat(accounts.byId(member.id()).orElseThrow().totpEnrolled()).isTrue();
    }

    @Test
    void eachCodeWorksOnce() {
        String secret = twoFactor.newSecret();
        String first = twoFactor.currentCode(secret);
        assertThat(twoFactor.confirm(member.id(), secret, first)).isTrue();
        // the code that confirmed enrolment cannot be used again to pass the prompt
        assertThat(twoFactor.verify(member.id(), first)).isFalse();
        clock.advance(Duration.ofSeconds(30));
        String second = twoFactor.currentCode(secret);
        assertThat(twoFactor.verify(member.id(), second)).isTrue();
        assertThat(twoFactor.verify(member.id(), second)).as("replayed").isFalse();
        // nor can an older code that is still inside the drift window
        assertThat(twoFactor.verify(member.id(), first)).isFalse();
    }

    @Test
    void theNextCodeIsTheNextStepsAndPassesRightAfterEnrolment() {
        String secret = twoFactor.newSecret();
        assertThat(twoFactor.nextCode(secret)).isEqualTo(codeAt(secret, Duration.ofSeconds(30)));
        assertThat(twoFactor.confirm(member.id(), secret, twoFactor.currentCode(secret))).isTrue();
        String next = twoFactor.nextCode(secret);
        assertThat(twoFactor.verify(member.id(), next)).isTrue();
        assertThat(twoFactor.verify(member.id(), next)).as("replayed").isFalse();
    }

    @Test
    void oneStepOfClockDriftIsForgivenTwoAreNot() {
        String secret = twoFactor.newSecret();
        assertThat(twoFactor.confirm(member.id(), secret, twoFactor.currentCode(secret))).isTrue();
        clock.advance(Duration.ofMinutes(5));
        assertThat(twoFactor.verify(member.id(), codeAt(secret, Duration.ofSeconds(-60)))).isFalse();
        assertThat(twoFactor.verify(member.id(), codeAt(secret, Duration.ofSeconds(60)))).isFalse();
        assertThat(twoFactor.verify(member.id(), codeAt(secret, Duration.ofSeconds(-30)))).isTrue();
        assertThat(twoFactor.verify(member.id(), codeAt(secret, Duration.ofSeconds(30)))).isTrue();
        // having used the step ahead, the current step is behind it and so spent too
        assertThat(twoFactor.verify(member.id(), twoFactor.currentCode(secret))).isFalse();
    }

    @Test
    void malformedCodesAreRefusedAndSpacedOnesAccepted() {
        String secret = twoFactor.newSecret();
        assertThat(twoFactor.confirm(member.id(), secret, twoFactor.currentCode(secret))).isTrue();
        clock.advance(Duration.ofSeconds(30));
        for (String bad : new String[] {"", "12345", "1234567", "abcdef", "12 34 5", "１２３４５６", null}) {
            assertThat(twoFactor.verify(member.id(), bad)).as("'%s'", bad).isFalse();
        }
        String code = twoFactor.currentCode(secret);
        assertThat(twoFactor.verify(member.id(), code.substring(0, 3) + " " + code.substring(3))).isTrue();
    }

    @Test
    void aMemberWithoutASecretNeverPasses() {
        assertThat(twoFactor.verify(member.id(), "123456")).isFalse();
        assertThat(db.dsl().fetchValue(MEMBER.TOTP_LAST_STEP, MEMBER.ID.eq(member.id()))).isNull();
    }

    @Test
    void theQrCodeCarriesTheSecretForAnAuthenticatorApp() {
        String secret = twoFactor.newSecret();
        String uri = twoFactor.uri(secret, member.name());
        assertThat(uri).startsWith("otpauth://totp/").contains("secret=" + secret).contains("issuer=Crux");
        assertThatText(uri).containsPhrases("digits=6", "period=30");
        TwoFactorRepository.Qr qr = twoFactor.qr(uri);
        assertThat(qr.size()).isGreaterThan(20);
        assertThat(qr.path()).startsWith("M").contains("h1v1h-1z");
    }
}
