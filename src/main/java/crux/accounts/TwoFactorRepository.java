package crux.accounts;

import static crux.db.generated.Tables.MEMBER;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import crux.db.Database;
import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.exceptions.CodeGenerationException;
import dev.samstevens.totp.qr.QrData;
import dev.samstevens.totp.secret.DefaultSecretGenerator;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Map;

/**
 * TOTP two-factor (RFC 6238: SHA-1, 6 digits, 30 s). A code is accepted once: the time-step it belongs to is
 * recorded with a conditional update, so a replayed (or raced) code finds the step already used.
 */
public final class TwoFactorRepository {

    static final int PERIOD_SECONDS = 30;
    /** One step either side forgives a phone clock that is up to 30 s off. */
    static final int ALLOWED_DRIFT_STEPS = 1;

    private final Database db;
    private final Clock clock;
    private final DefaultCodeGenerator codes = new DefaultCodeGenerator();
    private final DefaultSecretGenerator secrets = new DefaultSecretGenerator(32);
    private final RecoveryCodes recovery;

    public TwoFactorRepository(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
        this.recovery = new RecoveryCodes(db, clock);
    }

    /** The member's single-use recovery codes. */
    public RecoveryCodes recovery() {
        return recovery;
    }

    /** Which kind of code a member gave. */
    public enum Accepted { APP_CODE, RECOVERY_CODE }

    /**
     * Checks what a member typed at a code prompt: a 6-digit code from their app, or one of their recovery codes.
     * Either is used up by being accepted; empty when it is neither.
     */
    public java.util.Optional<Accepted> accept(long memberId, String typed) {
        if (RecoveryCodes.looksLikeOne(typed)) {
            return recovery.use(memberId, typed) ? java.util.Optional.of(Accepted.RECOVERY_CODE)
                    : java.util.Optional.empty();
        }
        return verify(memberId, typed) ? java.util.Optional.of(Accepted.APP_CODE) : java.util.Optional.empty();
    }

    /**
     * Turns two-factor off for a member (secret and recovery codes go); refused for moderators and admins, whose role
     * needs it, by the same statement, so a role granted meanwhile still wins. False when nothing was turned off.
     */
    public boolean turnOff(long memberId) {
        return db.transaction(tx -> {
            int changed = tx.dsl().update(MEMBER).set(MEMBER.TOTP_SECRET, (String) null)
                    .set(MEMBER.TOTP_LAST_STEP, (Long) null)
                    .where(MEMBER.ID.eq(memberId)).and(MEMBER.ROLE.eq(Role.MEMBER.code()))
                    .and(MEMBER.TOTP_SECRET.isNotNull())
                    .execute();
            if (changed == 1) {
                RecoveryCodes.deleteAll(tx.dsl(), memberId);
            }
            return changed == 1;
        });
    }

    public String newSecret() {
        return secrets.generate();
    }

    /** The otpauth:// URI an authenticator app reads from the QR code. */
    public String uri(String secret, String memberName) {
        return new QrData.Builder().label(memberName).secret(secret).issuer("Crux").digits(6).period(PERIOD_SECONDS)
                .build().getUri();
    }

    /** The QR code as SVG path data on a grid of {@code size} modules (drawn by the template). */
    public Qr qr(String uri) {
        try {
            BitMatrix m = new QRCodeWriter().encode(uri, BarcodeFormat.QR_CODE, 0, 0, Map.of(EncodeHintType.MARGIN, 2));
            StringBuilder path = new StringBuilder();
            for (int y = 0; y < m.getHeight(); y++) {
                for (int x = 0; x < m.getWidth(); x++) {
                    if (m.get(x, y)) {
                        path.append('M').append(x).append(' ').append(y).append("h1v1h-1z");
                    }
                }
            }
            return new Qr(m.getWidth(), path.toString());
        } catch (WriterException e) {
            throw new IllegalStateException("QR encoding failed", e);
        }
    }

    /** A QR code: its size in modules and an SVG path of its dark modules. */
    public record Qr(int size, String path) {
    }

    /** The time-step a code matches for this secret, or -1. */
    long matchingStep(String secret, String code) {
        if (secret == null || code == null) {
            return -1;
        }
        String digits = code.replaceAll("[\\s-]", "");
        if (!digits.matches("\\d{6}")) {
            return -1;
        }
        long now = clock.instant().getEpochSecond() / PERIOD_SECONDS;
        for (long step = now - ALLOWED_DRIFT_STEPS; step <= now + ALLOWED_DRIFT_STEPS; step++) {
            try {
                if (MessageDigest.isEqual(codes.generate(secret, step).getBytes(), digits.getBytes())) {
                    return step;
                }
            } catch (CodeGenerationException e) {
                return -1;
            }
        }
        return -1;
    }

    /** Checks a code against a member's confirmed secret and uses it up. */
    public boolean verify(long memberId, String code) {
        String secret = db.dsl().select(MEMBER.TOTP_SECRET).from(MEMBER).where(MEMBER.ID.eq(memberId))
                .fetchOptional(r -> r.value1()).orElse(null);
        long step = matchingStep(secret, code);
        return step >= 0 && useStep(memberId, step);
    }

    /** Confirms enrolment: the first code from the app proves it holds the secret. */
    public boolean confirm(long memberId, String pendingSecret, String code) {
        long step = matchingStep(pendingSecret, code);
        if (step < 0) {
            return false;
        }
        return db.dsl().update(MEMBER).set(MEMBER.TOTP_SECRET, pendingSecret).set(MEMBER.TOTP_LAST_STEP, step)
                .where(MEMBER.ID.eq(memberId)).execute() == 1;
    }

    private boolean useStep(long memberId, long step) {
        return db.dsl().update(MEMBER).set(MEMBER.TOTP_LAST_STEP, step)
                .where(MEMBER.ID.eq(memberId))
                .and(MEMBER.TOTP_LAST_STEP.isNull().or(MEMBER.TOTP_LAST_STEP.lt(step)))
                .execute() == 1;
    }

    /** The current code for a secret: for tests and the operator's command line. */
    public String currentCode(String secret) {
        return codeAt(secret, clock.instant().getEpochSecond() / PERIOD_SECONDS);
    }

    /**
     * The next time-step's code: accepted now (one step of drift is), and later than any code used up so far. Tests
     * use it to sign in again at once instead of waiting up to 30 s for the current code to change.
     */
    public String nextCode(String secret) {
        return codeAt(secret, clock.instant().getEpochSecond() / PERIOD_SECONDS + 1);
    }

    private String codeAt(String secret, long step) {
        try {
            return codes.generate(secret, step);
        } catch (CodeGenerationException e) {
            throw new IllegalStateException(e);
        }
    }
}
