package crux.web;

import crux.Routes;
import io.javalin.security.RouteRole;

/** Who may use a route. Declared next to each route in {@link Routes}; checked once, in {@link Web}. */
public enum Access implements RouteRole {
    /** Anyone, signed in or not. */
    PUBLIC,
    /**
     * Anyone holding a signed token in the address (a one-click unsubscribe link): its POST needs no session, no
     * CSRF token and no Origin, because mail programs send it on their own (RFC 8058); the token is the proof.
     */
    TOKEN,
    /** A signed-in member (suspended members may read but not write; writes are POST routes). */
    MEMBER,
    /** A signed-in member managing their own account: allowed even while suspended (log out, password, delete). */
    ACCOUNT,
    /** A moderator or admin who has passed two-factor in this session. */
    MODERATOR,
    /** An admin who has passed two-factor in this session. */
    ADMIN
}
