package crux.accounts;

import static crux.db.generated.Tables.MEMBER;
import static crux.db.generated.Tables.MEMBER_SESSION;

import crux.db.Database;
import crux.db.WriteBudget;
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

    /**
     * Creates a member; empty when the name (ignoring case) or a look-alike of it ({@link Usernames#skeleton}) is
     * taken, including by a racing request.
     */
    public Optional<Member> create(String name, String passwordHash) {
        try {
            return Optional.of(db.transaction(tx -> {
                MemberRecord r = tx.dsl().insertInto(MEMBER)
                        .set(MEMBER.NAME, name)
                        .set(MEMBER.NAME_KEY, Usernames.key(name))
                        .set(MEMBER.NAME_SKELETON, Usernames.skeleton(name))
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

    /** The existing member's name that {@code name} looks like (same skeleton, another spelling), if any. */
    public Optional<String> lookAlike(String name) {
        return db.dsl().select(MEMBER.NAME).from(MEMBER).where(MEMBER.NAME_SKELETON.eq(Usernames.skeleton(name)))
                .and(MEMBER.NAME_KEY.ne(Usernames.key(name)))
                .fetchOptional(r -> r.value1());
    }

    /**
     * Gives members made before skeletons were stored theirs (run at start; SQL cannot compute them). Where two
     * existing names already look alike, the first keeps the skeleton and the other none: both stay as they are, and
     * no new look-alike of either can join. Returns how many were filled.
     */
    public int fillSkeletons() {
        var missing = db.dsl().select(MEMBER.ID, MEMBER.NAME).from(MEMBER)
                .where(MEMBER.NAME_SKELETON.isNull()).and(MEMBER.DELETED_AT.isNull())
                .orderBy(MEMBER.ID).fetch();
        if (missing.isEmpty()) {
            return 0;
        }
        java.util.Set<String> taken = new java.util.HashSet<>(db.dsl().select(MEMBER.NAME_SKELETON).from(MEMBER)
                .where(MEMBER.NAME_SKELETON.isNotNull()).fetch(r -> r.value1()));
        int filled = 0;
        for (var r : missing) {
            String skeleton = Usernames.skeleton(r.value2());
            if (!taken.add(skeleton)) {
                continue;
            }
            try {
                filled += db.dsl().update(MEMBER).set(MEMBER.NAME_SKELETON, skeleton)
                        .where(MEMBER.ID.eq(r.value1())).and(MEMBER.NAME_SKELETON.isNull()).execute();
            } catch (RuntimeException e) {
                // another instance starting at once gave the skeleton to a look-alike: that one keeps it
                if (!Database.isUniqueViolation(e)) {
                    throw e;
                }
            }
        }
        return filled;
    }

    public Optional<Member> byName(String name) {
        return db.dsl().selectFrom(MEMBER).where(MEMBER.NAME_KEY.eq(Usernames.key(Usernames.normalise(name))))
                .fetchOptional(AccountRepository::toMember);
    }

    /** A member and their bio (empty when none), read together for their profile: one query. */
    public Optional<Profile> profile(String name) {
        return db.dsl().selectFrom(MEMBER).where(MEMBER.NAME_KEY.eq(Usernames.key(Usernames.normalise(name))))
                .fetchOptional(r -> new Profile(toMember(r), r.getBio() == null ? "" : r.getBio()));
    }

    /** What a profile shows of the member themselves. */
    public record Profile(Member member, String bio) {
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

    /** A member's bio, empty when they have none. */
    public String bio(long memberId) {
        return db.dsl().select(MEMBER.BIO).from(MEMBER).where(MEMBER.ID.eq(memberId))
                .fetchOptional(r -> r.value1()).orElse("");
    }

    /** Stores a bio already normalised and checked ({@link Bio}); an empty one clears it. */
    public void setBio(WriteBudget budget, long memberId, String bio) {
        db.write(budget, tx -> tx.dsl().update(MEMBER).set(MEMBER.BIO, bio.isEmpty() ? null : bio)
                .where(MEMBER.ID.eq(memberId)).and(MEMBER.DELETED_AT.isNull()).execute());
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
                    .set(MEMBER.NAME_SKELETON, (String) null)
                    .set(MEMBER.ROLE, Role.MEMBER.code())
                    .set(MEMBER.BIO, (String) null)
                    .where(MEMBER.ID.eq(memberId)).execute();
            tx.deleteFrom(MEMBER_SESSION).where(MEMBER_SESSION.MEMBER_ID.eq(memberId)).execute();
            RecoveryCodes.deleteAll(tx.dsl(), memberId);
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
