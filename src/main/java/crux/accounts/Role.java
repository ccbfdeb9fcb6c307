package crux.accounts;

import crux.db.Codes;
import java.util.Optional;

/** What a member may do beyond writing: moderators curate, admins also appoint moderators. Stored by code(). */
public enum Role {
    MEMBER, MODERATOR, ADMIN;

    public String code() {
        return Codes.of(this);
    }

    /** The role spelled {@code code} ("member", "moderator", "admin"), or empty for anything else (input included). */
    public static Optional<Role> parse(String code) {
        return Codes.parse(Role.class, code);
    }

    /** The stored role; an unknown code is a broken database, not bad input. */
    public static Role of(String code) {
        return parse(code).orElseThrow(() -> new IllegalStateException("unknown role " + code));
    }

    /** Moderators and admins both moderate. */
    public boolean moderates() {
        return this != MEMBER;
    }
}
