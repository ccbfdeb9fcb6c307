package crux.accounts;

import java.time.OffsetDateTime;

/** A member as Crux knows them. */
public record Member(
        long id,
        String name,
        Role role,
        OffsetDateTime createdAt,
        OffsetDateTime deletedAt,
        OffsetDateTime suspendedUntil,
        OffsetDateTime bannedAt,
        boolean totpEnrolled,
        /** The member's IANA time zone id for times on pages, or null for UTC. */
        String timeZone) {

    public boolean deleted() {
        return deletedAt != null;
    }

    public boolean banned() {
        return bannedAt != null;
    }

    /** Suspended or banned members may read but not write. */
    public boolean canWrite(OffsetDateTime now) {
        return !deleted() && !banned() && (suspendedUntil == null || !suspendedUntil.isAfter(now));
    }

    public boolean moderator() {
        return role.moderates();
    }

    public boolean admin() {
        return role == Role.ADMIN;
    }

    /** What others see as the author of this member's content. */
    public String displayName() {
        return deleted() ? "[deleted member]" : name;
    }
}
