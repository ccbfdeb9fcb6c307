package crux.accounts;

import static crux.db.generated.Tables.MEMBER;
import static crux.db.generated.Tables.MEMBER_SESSION;

import crux.db.Database;
import crux.db.generated.tables.records.MemberRecord;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;

/** Members: creation, look-up, credentials, roles. */
public final class AccountRepository {

    private final Database db;
    private final Clock clock;

    public AccountRepository(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Creates a member; empty when the name (ignoring case) is taken, including by a racing request. */
    public Optional<Member> create(String name, String passwordHash) {
        try {
            return Optional.of(db.transaction(tx -> {
                MemberRecord r = tx.dsl().insertInto(MEMBER)
                        .set(MEMBER.NAME, name)
                        .set(MEMBER.NAME_KEY, Usernames.key(name))
                        .set(MEMBER.PASSWORD_HASH, passwordHash)
                        .set(MEMBER.CREATED_AT, now())
                        .returning()
                        .fetchOne();
                return toMember(r);
            }));
        } catch (RuntimeException e) {
            if (Database.isUniqueViolation(e)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    public Optional<Member> byName(String name) {
        return db.dsl().selectFrom(MEMBER).where(MEMBER.NAME_KEY.eq(Usernames.key(Usernames.normalise(name))))
                .fetchOptional(AccountRepository::toMember);
    }

    public Optional<Member> byId(long id) {
        return db.dsl().selectFrom(MEMBER).where(MEMBER.ID.eq(id)).fetchOptional(AccountRepository::toMember);
    }

    /** The stored hash of a live (not deleted) member by name, for login. */
    public Optional<Credentials> credentials(String name) {
        return db.dsl().select(MEMBER.ID, MEMBER.PASSWORD_HASH).from(MEMBER)
                .where(MEMBER.NAME_KEY.eq(Usernames.key(Usernames.normalise(name))))
                .and(MEMBER.DELETED_AT.isNull())
                .fetchOptional(r -> new Credentials(r.value1(), r.value2()));
    }

    public Optional<String> passwordHash(long memberId) {
        return db.dsl().select(MEMBER.PASSWORD_HASH).from(MEMBER).where(MEMBER.ID.eq(memberId))
                .fetchOptional(r -> r.value1());
    }

    public void setPasswordHash(long memberId, String hash) {
        db.dsl().update(MEMBER).set(MEMBER.PASSWORD_HASH, hash).where(MEMBER.ID.eq(memberId)).execute();
    }

    /** Sets a member's role; false when there is no such live member. */
    public boolean setRole(DSLContext tx, long memberId, Role role) {
        return tx.update(MEMBER).set(MEMBER.ROLE, role.code())
                .where(MEMBER.ID.eq(memberId)).and(MEMBER.DELETED_AT.isNull()).execute() == 1;
    }

    public List<Member> staff() {
        return db.dsl().selectFrom(MEMBER).where(MEMBER.ROLE.in(Role.MODERATOR.code(),
                Role.ADMIN.code())).and(MEMBER.DELETED_AT.isNull())
                .orderBy(MEMBER.ROLE, MEMBER.NAME_KEY).fetch(AccountRepository::toMember);
    }

    /**
     * Deletes an account: the credentials, e-mail address and name go, the content stays (shown as by a deleted member),
     * and every session ends at once.
     */
    public void delete(long memberId) {
        db.run(tx -> {
            tx.update(MEMBER)
                    .set(MEMBER.DELETED_AT, now())
                    .set(MEMBER.PASSWORD_HASH, (String) null)
                    .set(MEMBER.TOTP_SECRET, (String) null)
                    .set(MEMBER.EMAIL, (String) null)
                    .set(MEMBER.EMAIL_KEY, (String) null)
                    .set(MEMBER.EMAIL_VERIFIED_AT, (OffsetDateTime) null)
                    .set(MEMBER.NAME, "deleted-" + memberId)
                    .set(MEMBER.NAME_KEY, "deleted-" + memberId)
                    .set(MEMBER.ROLE, Role.MEMBER.code())
                    .where(MEMBER.ID.eq(memberId)).execute();
            tx.deleteFrom(MEMBER_SESSION).where(MEMBER_SESSION.MEMBER_ID.eq(memberId)).execute();
        });
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }

    /** Login data of a member. */
    public record Credentials(long memberId, String passwordHash) {
    }

    public static Member toMember(MemberRecord r) {
        return new Member(r.getId(), r.getName(), Role.of(r.getRole()), r.getCreatedAt(), r.getDeletedAt(),
                r.getSuspendedUntil(), r.getBannedAt(), r.getTotpSecret() != null, r.getTimeZone());
    }
}
