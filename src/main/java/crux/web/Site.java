package crux.web;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * What the layout needs on every page, built once per request.
 *
 * @param requestId the id in this request's log line
 * @param csrf      the CSRF token for forms: the session's, or a visitor's on the sign-in and registration pages
 *                  (null otherwise when the request has no session)
 * @param flash     a one-time message from the previous POST, or null
 */
public record Site(String requestId, Viewer viewer, String csrf, String flash, int unread) {

    /** For fragments rendered once for many viewers ({@link Fragments}): the token is a placeholder spliced per request. */
    public static final Site RENDERING = new Site(null, null, Fragments.CSRF_SLOT, null, 0);

    /** A visitor without a session on a page without forms, outside any request. */
    public static final Site VISITOR = new Site(null, null, null, null, 0);

    public boolean signedIn() {
        return viewer != null;
    }

    /** The zone times are shown in on this page: the member's own, UTC for visitors (and cached public pages). */
    public ZoneId zone() {
        return viewer == null ? ZoneOffset.UTC : viewer.zone();
    }

    /** How the zone is named next to times: "UTC", or the member's zone id ("Europe/Paris"). */
    public String zoneName() {
        ZoneId z = zone();
        return z.equals(ZoneOffset.UTC) ? "UTC" : z.getId();
    }

    /** A moment in this page's zone with {@code pattern} ("d MMM yyyy HH:mm"); empty for none. */
    public String time(OffsetDateTime at, String pattern) {
        return at == null ? "" : at.atZoneSameInstant(zone()).format(DateTimeFormatter.ofPattern(pattern, Locale.ENGLISH));
    }
}
