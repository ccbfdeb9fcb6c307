package crux.accounts;

import static crux.db.generated.Tables.MEMBER;
import static crux.db.generated.Tables.MEMBER_SESSION;
import static crux.db.generated.Tables.MEMBER_TOKEN;
import static crux.db.generated.Tables.PASSWORD_RESET_REQUEST;

import crux.db.Database;
import crux.mail.MailTemplates;
import crux.mail.OutboxRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Optional;

/**
 * Password reset by a one-time link: valid for an hour, used once, only its hash stored. A request names an address;
 * it is stored as it came and looked up afterwards, in the background ({@link #processRequests}), so answering it
 * takes the same work whether or not a member has that address: nobody learns from the answer, or its timing, who
 * has an account. A reset ends every session of the member and tells them by mail.
 */
public final class PasswordResetRepository {

    /** How long a reset link works. */
    public static final Duration VALID = Duration.ofHours(1);
    /** Requests looked up per run of the background sender at most. */
    static final int BATCH = 100;

    /** The member a working reset link is for. */
    public record Target(long memberId, String name) {
    }

    private final Database db;
    private final Clock clock;
    private final OutboxRepository outbox;
    private final MailTemplates mails;

    public PasswordResetRepository(Database db, Clock clock, OutboxRepository outbox, MailTemplates mails) {
        this.db = db;
        this.clock = clock;
        this.outbox = outbox;
        this.mails = mails;
    }

    /** Records a request for the address (already checked to look like one): one insert, whoever has it. */
    public void request(String address) {
        db.dsl().insertInto(PASSWORD_RESET_REQUEST)
                .set(PASSWORD_RESET_REQUEST.ADDRESS_KEY, Addresses.key(address))
                .set(PASSWORD_RESET_REQUEST.REQUESTED_AT, now())
                .execute();
    }

    /**
     * Turns stored requests into reset mails, for addresses a live member has verified; the others are dropped. Each
     * request is deleted in the transaction that queues its mail, and only by the one that deleted it, so it is
     * answered once. Runs on the mail sender's thread; returns the mails queued.
     */
    public int processRequests() {
        var requests = db.dsl().select(PASSWORD_RESET_REQUEST.ID, PASSWORD_RESET_REQUEST.ADDRESS_KEY)
                .from(PASSWORD_RESET_REQUEST).orderBy(PASSWORD_RESET_REQUEST.ID).limit(BATCH).fetch();
        int queued = 0;
        for (var r : requests) {
            queued += db.transaction(tx -> {
                if (tx.dsl().deleteFrom(PASSWORD_RESET_REQUEST).where(PASSWORD_RESET_REQUEST.ID.eq(r.value1()))
                        .execute() == 0) {
                    return 0;
                }
                var m = tx.dsl().select(MEMBER.ID, MEMBER.NAME, MEMBER.EMAIL).from(MEMBER)
                        .where(MEMBER.EMAIL_KEY.eq(r.value2())).and(MEMBER.DELETED_AT.isNull())
                        .and(MEMBER.BANNED_AT.isNull()).fetchOne();
                if (m == null) {
                    return 0;
                }
                String token = MemberTokens.issue(tx.dsl(), m.value1(), MemberTokens.RESET, null, now(), VALID);
                outbox.enqueue(tx.dsl(), mails.write("password-reset", m.value1(), m.value3(),
                        Map.of("name", m.value2(), "token", token, "minutes", VALID.toMinutes())));
                return 1;
            });
        }
        return queued;
    }

    /** The member a reset link is for, without using it (the form it opens); empty when it does not work. */
    public Optional<Target> target(String token) {
        return MemberTokens.find(db.dsl(), token, MemberTokens.RESET, now())
                .flatMap(t -> db.dsl().select(MEMBER.ID, MEMBER.NAME).from(MEMBER).where(MEMBER.ID.eq(t.memberId()))
                        .and(MEMBER.DELETED_AT.isNull()).and(MEMBER.BANNED_AT.isNull())
                        .fetchOptional(r -> new Target(r.value1(), r.value2())));
    }

    /**
     * Uses a reset link: the new password hash is stored, every session of the member ends, other reset links stop
     * working, and a notice is mailed to their verified address, all in one transaction. Empty when the link does
     * not work (unknown, used, expired), with nothing changed.
     */
    public Optional<Target> reset(String token, String passwordHash) {
        OffsetDateTime now = now();
        return db.transaction(tx -> {
            Optional<MemberTokens.Live> t = MemberTokens.use(tx.dsl(), token, MemberTokens.RESET, now);
            if (t.isEmpty()) {
                return Optional.<Target>empty();
            }
            long id = t.get().memberId();
            var m = tx.dsl().select(MEMBER.NAME, MEMBER.EMAIL).from(MEMBER).where(MEMBER.ID.eq(id))
                    .and(MEMBER.DELETED_AT.isNull()).and(MEMBER.BANNED_AT.isNull()).fetchOne();
            if (m == null) {
                return Optional.<Target>empty();
            }
            tx.dsl().update(MEMBER).set(MEMBER.PASSWORD_HASH, passwordHash).where(MEMBER.ID.eq(id)).execute();
            tx.dsl().deleteFrom(MEMBER_SESSION).where(MEMBER_SESSION.MEMBER_ID.eq(id)).execute();
            tx.dsl().update(MEMBER_TOKEN).set(MEMBER_TOKEN.USED_AT, now).where(MEMBER_TOKEN.MEMBER_ID.eq(id))
                    .and(MEMBER_TOKEN.PURPOSE.eq(MemberTokens.RESET)).and(MEMBER_TOKEN.USED_AT.isNull()).execute();
            if (m.value2() != null) {
                outbox.enqueue(tx.dsl(), mails.write("password-changed", id, m.value2(), Map.of("name", m.value1())));
            }
            return Optional.of(new Target(id, m.value1()));
        });
    }

    /**
     * A reset link for an operator to pass on (when mail is not set up, or the member has no address): the same
     * one-time, one-hour link a mail would carry. Empty when there is no live member of that name.
     */
    public Optional<String> issueLink(String memberName) {
        OffsetDateTime now = now();
        return db.transaction(tx -> tx.dsl().select(MEMBER.ID).from(MEMBER)
                .where(MEMBER.NAME_KEY.eq(Usernames.key(Usernames.normalise(memberName))))
                .and(MEMBER.DELETED_AT.isNull()).and(MEMBER.BANNED_AT.isNull())
                .fetchOptional(MEMBER.ID)
                .map(id -> mails.baseUrl() + "/password/reset/"
                        + MemberTokens.issue(tx.dsl(), id, MemberTokens.RESET, null, now, VALID)));
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }
}
