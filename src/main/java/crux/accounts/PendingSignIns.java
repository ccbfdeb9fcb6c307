package crux.accounts;

import static crux.db.generated.Tables.SIGN_IN_PENDING;

import crux.db.Database;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * The step between a right password and a session for a member with two-factor on. The password step gives no
 * session: it gives the browser a random token (in a cookie) naming this pending sign-in, which the code step needs.
 * Only the token's hash is stored; the step expires after {@link #LIFETIME} and is spent by the first right code.
 */
public final class PendingSignIns {

    /** The cookie holding the token. */
    public static final String COOKIE = "crux_pending";
    /** Time to open the app and type a code, or find the recovery codes; not long enough to leave a browser primed. */
    public static final Duration LIFETIME = Duration.ofMinutes(10);

    /** A pending sign-in: its row and whose it is. */
    public record Pending(long id, long memberId) {
    }

    private final Database db;
    private final Clock clock;

    public PendingSignIns(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Starts the code step for {@code memberId}; the token is for the browser's cookie, and is never stored. */
    public String start(long memberId) {
        String token = SessionRepository.randomToken();
        OffsetDateTime now = OffsetDateTime.now(clock);
        db.dsl().insertInto(SIGN_IN_PENDING)
                .set(SIGN_IN_PENDING.TOKEN_HASH, SessionRepository.hash(token))
                .set(SIGN_IN_PENDING.MEMBER_ID, memberId)
                .set(SIGN_IN_PENDING.CREATED_AT, now)
                .set(SIGN_IN_PENDING.EXPIRES_AT, now.plus(LIFETIME))
                .execute();
        return token;
    }

    /** The live pending sign-in a cookie names; expired or spent ones are not found. */
    public Optional<Pending> find(String token) {
        if (token == null || token.length() != 43) {
            return Optional.empty();
        }
        return db.dsl().select(SIGN_IN_PENDING.ID, SIGN_IN_PENDING.MEMBER_ID).from(SIGN_IN_PENDING)
                .where(SIGN_IN_PENDING.TOKEN_HASH.eq(SessionRepository.hash(token)))
                .and(SIGN_IN_PENDING.EXPIRES_AT.gt(OffsetDateTime.now(clock)))
                .fetchOptional(r -> new Pending(r.value1(), r.value2()));
    }

    /** Spends a pending sign-in: true for the one request that does, so a raced second code opens no second session. */
    public boolean finish(long id) {
        return db.dsl().deleteFrom(SIGN_IN_PENDING).where(SIGN_IN_PENDING.ID.eq(id)).execute() == 1;
    }

    /** Removes expired ones; returns how many. */
    public int deleteExpired() {
        return db.dsl().deleteFrom(SIGN_IN_PENDING).where(SIGN_IN_PENDING.EXPIRES_AT.le(OffsetDateTime.now(clock)))
                .execute();
    }
}
