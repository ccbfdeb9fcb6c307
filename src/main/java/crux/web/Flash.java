package crux.web;

import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** A one-time message carried across a post/redirect/get in a short-lived cookie. */
public final class Flash {

    static final String COOKIE = "crux_flash";
    /** Messages are one sentence; anything longer is not ours. */
    static final int MAX_LENGTH = 300;

    private Flash() {
    }

    public static void set(Context ctx, String message) {
        String value = Base64.getUrlEncoder().withoutPadding().encodeToString(message.getBytes(StandardCharsets.UTF_8));
        boolean secure = Boolean.TRUE.equals(ctx.attribute(Web.SECURE_COOKIES));
        Cookie c = new Cookie(COOKIE, value, "/", 60, secure, true, null, SameSite.LAX);
        ctx.cookie(c);
    }

    /** Reads and clears the message; null when there is none or it is not one of ours. */
    /** Whether a message waits for this request (a page showing it must not come from a shared cache). */
    public static boolean pending(Context ctx) {
        return ctx.cookie(COOKIE) != null;
    }

    static String take(Context ctx) {
        String raw = ctx.cookie(COOKIE);
        if (raw == null) {
            return null;
        }
        ctx.removeCookie(COOKIE, "/");
        try {
            String message = new String(Base64.getUrlDecoder().decode(raw), StandardCharsets.UTF_8);
            return message.isBlank() || message.length() > MAX_LENGTH ? null : message;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
