package crux.web;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

/**
 * Progressive enhancement in one place: a form posted by htmx (JavaScript on) gets the updated fragment to swap
 * in place; the same form posted by a plain browser gets 303 back to the page it came from, at the same spot.
 */
public final class Htmx {

    public static final String REQUEST_HEADER = "HX-Request";
    /** The hidden form field naming where to come back to (a path on Crux, with its #fragment). */
    public static final String RETURN_FIELD = "return";

    private Htmx() {
    }

    public static boolean isRequest(Context ctx) {
        return "true".equals(ctx.header(REQUEST_HEADER));
    }

    /** The form's return path if it is a safe path on Crux, else {@code fallback}. */
    public static String returnPath(Context ctx, String fallback) {
        String raw = ctx.formParam(RETURN_FIELD);
        String safe = Forms.safeNext(raw);
        return raw == null || !safe.equals(raw) ? fallback : safe;
    }

    /** Post/redirect/get: 303, so reloading the page it lands on never posts again. */
    public static void seeOther(Context ctx, String path) {
        ctx.redirect(path, HttpStatus.SEE_OTHER);
    }
}
