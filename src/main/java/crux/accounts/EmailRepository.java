package crux.accounts;

import static crux.db.generated.Tables.MEMBER;
import static crux.db.generated.Tables.MEMBER_TOKEN;

import crux.core.Conflict;
import crux.db.Database;
import crux.mail.MailTemplates;
import crux.mail.OutboxRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Optional;

/**
 * Members' e-mail addresses. An address counts once its owner has opened the link mailed to it; until then it is
 * pending and the verified one (if any) stays. Changing it tells the old address. Addresses are the member's own:
 * no page, feed or export of anyone else shows them.
 */
public final class EmailRepository {

    /** A verification link works for a day: long enough to find the mail, short enough not to lie around. */
    public static final Duration VERIFY_VALID = Duration.ofDays(1);

    /** Said when the address of a link has been verified by another account since it was sent. */
    static final String TAKEN = "Another account already uses this address. Use another address, or free this one "
            + "in that account's settings first.";

    /** A member's address as their settings show it: the verified one and one waiting for its link, if any. */
    public record Addresses(String verified, String pending) {
    }

    /** A verification link's address and member, for the page it opens. */
    public record Pending(String memberName, String address) {
    }

    private final Database db;
    private final Clock clock;
    private final OutboxRepository outbox;
    private final MailTemplates mails;

    public EmailRepository(Database db, Clock clock, OutboxRepository outbox, MailTemplates mails) {
        this.db = db;
        this.clock = clock;
        this.outbox = outbox;
        this.mails = mails;
    }

    /** The member's addresses, in one statement. */
    public Addresses of(long memberId) {
        OffsetDateTime now = now();
        var r = db.dsl().select(MEMBER.EMAIL, MEMBER_TOKEN.ADDRESS).from(MEMBER)
                .leftJoin(MEMBER_TOKEN).on(MEMBER_TOKEN.MEMBER_ID.eq(MEMBER.ID))
                .and(MEMBER_TOKEN.PURPOSE.eq(MemberTokens.VERIFY)).and(MEMBER_TOKEN.USED_AT.isNull())
                .and(MEMBER_TOKEN.EXPIRES_AT.gt(now))
                .where(MEMBER.ID.eq(memberId))
                .orderBy(MEMBER_TOKEN.ID.desc()).limit(1).fetchOne();
        return r == null ? new Addresses(null, null) : new Addresses(r.value1(), r.value2());
    }

    /**
     * Mails a verification link to {@code address} for the member, and, when it replaces a verified address, a notice
     * to that one: both queued in one transaction with the link, so either all go or none does.
     */
    public void requestVerification(long memberId, String address) {
        OffsetDateTime now = now();
        db.run(tx -> {
            var m = tx.select(MEMBER.NAME, MEMBER.EMAIL).from(MEMBER).where(MEMBER.ID.eq(memberId)).fetchOne();
            String token = MemberTokens.issue(tx, memberId, MemberTokens.VERIFY, address, now, VERIFY_VALID);
            outbox.enqueue(tx, mails.write("verify-address", memberId, address,
                    Map.of("name", m.value1(), "token", token, "hours", VERIFY_VALID.toHours())));
            String old = m.value2();
            if (old != null && !crux.accounts.Addresses.key(old).equals(crux.accounts.Addresses.key(address))) {
                outbox.enqueue(tx, mails.write("address-changing", memberId, old,
                        Map.of("name", m.value1(), "masked", OutboxRepository.mask(address))));
            }
        });
    }

    /** The member and address a verification link is for, without using it; empty when it does not work. */
    public Optional<Pending> pending(String token) {
        return MemberTokens.find(db.dsl(), token, MemberTokens.VERIFY, now())
                .flatMap(t -> db.dsl().select(MEMBER.NAME).from(MEMBER).where(MEMBER.ID.eq(t.memberId()))
                        .and(MEMBER.DELETED_AT.isNull())
                        .fetchOptional(r -> new Pending(r.value1(), t.address())));
    }

    /**
     * Uses a verification link: the address becomes the member's. Empty when the link does not work (unknown, used,
     * expired, or replaced by a newer one); {@link Conflict} when another account has verified the address since.
     */
    public Optional<Pending> verify(String token) {
        OffsetDateTime now = now();
        try {
            return db.transaction(tx -> {
                Optional<MemberTokens.Live> t = MemberTokens.use(tx.dsl(), token, MemberTokens.VERIFY, now);
                if (t.isEmpty()) {
                    return Optional.<Pending>empty();
                }
                String address = t.get().address();
                if (tx.dsl().fetchExists(MEMBER, MEMBER.EMAIL_KEY.eq(crux.accounts.Addresses.key(address))
                        .and(MEMBER.ID.ne(t.get().memberId())))) {
                    throw new Conflict(TAKEN);
                }
                int updated = tx.dsl().update(MEMBER)
                        .set(MEMBER.EMAIL, address)
                        .set(MEMBER.EMAIL_KEY, crux.accounts.Addresses.key(address))
                        .set(MEMBER.EMAIL_VERIFIED_AT, now)
                        .where(MEMBER.ID.eq(t.get().memberId())).and(MEMBER.DELETED_AT.isNull())
                        .execute();
                if (updated == 0) {
                    return Optional.<Pending>empty();
                }
                return Optional.of(new Pending(tx.dsl().select(MEMBER.NAME).from(MEMBER)
                        .where(MEMBER.ID.eq(t.get().memberId())).fetchOne().value1(), address));
            });
        } catch (RuntimeException e) {
            if (Database.isUniqueViolation(e)) {
                // the whole transaction rolled back: the link still works, should the other account let it go
                throw new Conflict(TAKEN);
            }
            throw e;
        }
    }

    /** Removes the member's address, verified and pending: Crux then sends them no mail at all. */
    public void remove(long memberId) {
        OffsetDateTime now = now();
        db.run(tx -> {
            tx.update(MEMBER).set(MEMBER.EMAIL, (String) null).set(MEMBER.EMAIL_KEY, (String) null)
                    .set(MEMBER.EMAIL_VERIFIED_AT, (OffsetDateTime) null).where(MEMBER.ID.eq(memberId)).execute();
            tx.update(MEMBER_TOKEN).set(MEMBER_TOKEN.USED_AT, now).where(MEMBER_TOKEN.MEMBER_ID.eq(memberId))
                    .and(MEMBER_TOKEN.PURPOSE.eq(MemberTokens.VERIFY)).and(MEMBER_TOKEN.USED_AT.isNull()).execute();
        });
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }
}
