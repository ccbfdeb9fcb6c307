package crux.web;

import crux.accounts.Role;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The signed-in member making the request, as the web layer needs to know them.
 *
 * @param zone the time zone times on pages are shown to them in (their setting; UTC without one)
 */
public record Viewer(long id, String name, Role role, boolean mfaPassed, boolean canWrite, ZoneId zone) {

    /** The zone of a stored id: a zone no longer known (after a JDK update) falls back to UTC. */
    public static ZoneId zone(String id) {
        if (id == null) {
            return ZoneOffset.UTC;
        }
        try {
            return ZoneId.of(id);
        } catch (DateTimeException e) {
            return ZoneOffset.UTC;
        }
    }

    public boolean moderator() {
        return role.moderates();
    }

    public boolean admin() {
        return role == Role.ADMIN;
    }
}
