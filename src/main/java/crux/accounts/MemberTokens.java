package crux.accounts;

import static crux.db.generated.Tables.MEMBER_TOKEN;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.jooq.DSLContext;

/**
 * The one-time links mailed to members (and printed for operators): 256 random bits in the link, only their SHA-256
 * stored, each link used at most once and not after it expires. Used inside the caller's transaction.
 */
final class MemberTokens {

    static final String VERIFY = "verify";
    static final String RESET = "reset";

    /** A token row that is still good, as found (not yet used). */
    record Live(long id, long memberId, String address) {
    }

    private MemberTokens() {
    }

    /** A new token for {@code purpose}; earlier unused ones of the member for it stop working (only the latest link does). */
    static String issue(DSLContext tx, long memberId, String purpose, String address, OffsetDateTime now,
                        Duration valid) {
        // the member's spent tokens go as new ones come: the table holds a few rows per member, with no job to prune it
        tx.deleteFrom(MEMBER_TOKEN).where(MEMBER_TOKEN.MEMBER_ID.eq(memberId))
                .and(MEMBER_TOKEN.USED_AT.isNotNull().or(MEMBER_TOKEN.EXPIRES_AT.le(now))).execute();
        tx.update(MEMBER_TOKEN).set(MEMBER_TOKEN.USED_AT, now)
                .where(MEMBER_TOKEN.MEMBER_ID.eq(memberId)).and(MEMBER_TOKEN.PURPOSE.eq(purpose))
                .and(MEMBER_TOKEN.USED_AT.isNull()).execute();
        String token = SessionRepository.randomToken();
        tx.insertInto(MEMBER_TOKEN)
                .set(MEMBER_TOKEN.MEMBER_ID, memberId)
                .set(MEMBER_TOKEN.PURPOSE, purpose)
                .set(MEMBER_TOKEN.TOKEN_HASH, SessionRepository.hash(token))
                .set(MEMBER_TOKEN.ADDRESS, address)
                .set(MEMBER_TOKEN.CREATED_AT, now)
                .set(MEMBER_TOKEN.EXPIRES_AT, now.plus(valid))
                .execute();
        return token;
    }

    /** The unused, unexpired token for {@code purpose}, without using it (the page a link opens). */
    static Optional<Live> find(DSLContext d, String token, String purpose, OffsetDateTime now) {
        if (token == null || !token.matches("[A-Za-z0-9_-]{43}")) {
            return Optional.empty();
        }
        return d.select(MEMBER_TOKEN.ID, MEMBER_TOKEN.MEMBER_ID, MEMBER_TOKEN.ADDRESS).from(MEMBER_TOKEN)
                .where(MEMBER_TOKEN.TOKEN_HASH.eq(SessionRepository.hash(token)))
                .and(MEMBER_TOKEN.PURPOSE.eq(purpose))
                .and(MEMBER_TOKEN.USED_AT.isNull())
                .and(MEMBER_TOKEN.EXPIRES_AT.gt(now))
                .fetchOptional(r -> new Live(r.value1(), r.value2(), r.value3()));
    }

    /**
     * Uses the token: one conditional UPDATE, so of two requests racing with one link only one gets it. Empty when
     * the token is unknown, used or expired.
     */
    static Optional<Live> use(DSLContext tx, String token, String purpose, OffsetDateTime now) {
        Optional<Live> live = find(tx, token, purpose, now);
        if (live.isEmpty()) {
            return live;
        }
        int used = tx.update(MEMBER_TOKEN).set(MEMBER_TOKEN.USED_AT, now)
                .where(MEMBER_TOKEN.ID.eq(live.get().id())).and(MEMBER_TOKEN.USED_AT.isNull()).execute();
        return used == 1 ? live : Optional.empty();
    }
}
