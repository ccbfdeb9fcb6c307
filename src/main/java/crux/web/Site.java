package crux.web;

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

    public boolean signedIn() {
        return viewer != null;
    }
}
