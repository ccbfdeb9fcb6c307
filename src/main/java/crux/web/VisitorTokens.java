package crux.web;

import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * CSRF tokens for visitors who have no session yet (the sign-in and registration forms), kept nowhere on the server:
 * a signed double-submit token. The browser holds a random value in an HttpOnly cookie; the form carries the time it
 * was made and an HMAC of that time and the cookie's value under a server secret. A POST is accepted when the two
 * agree and the form is not too old. Another site can neither read the cookie nor make the HMAC, so it cannot forge
 * the pair; and an anonymous page view stores nothing, however many there are.
 */
public final class VisitorTokens {

    public static final String COOKIE = "crux_visitor";
    /** The server secret's name in crux_setting ({@link crux.db.StoredSecrets}). */
    public static final String SETTING = "visitor_csrf_secret";
    /** A sign-in form left open longer than this asks for a reload: long enough for anyone typing a password. */
    public static final Duration LIFETIME = Duration.ofHours(2);

    /** 256 random bits, URL-safe Base64 without padding: the only cookie values accepted. */
    private static final Pattern COOKIE_VALUE = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] secret;
    private final Clock clock;
    private final boolean secureCookies;

    public VisitorTokens(byte[] secret, Clock clock, boolean secureCookies) {
        this.secret = secret.clone();
        this.clock = clock;
        this.secureCookies = secureCookies;
    }

    /** A token for this visitor's forms, setting the cookie it is bound to when the browser has none (or a bad one). */
    public String issue(Context ctx) {
        String value = ctx.cookie(COOKIE);
        if (value == null || !COOKIE_VALUE.matcher(value).matches()) {
            byte[] b = new byte[32];
            RANDOM.nextBytes(b);
            value = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
            ctx.cookie(new Cookie(COOKIE, value, "/", -1, secureCookies, true, null, SameSite.LAX));
        }
        return token(secret, value, clock.instant().getEpochSecond());
    }

    /** Whether {@code sent} was issued for the visitor's {@code cookie} within {@link #LIFETIME}. */
    public boolean matches(String cookie, String sent) {
        if (cookie == null || sent == null || !COOKIE_VALUE.matcher(cookie).matches()) {
            return false;
        }
        int dot = sent.indexOf('.');
        long issued;
        try {
            issued = Long.parseLong(sent.substring(0, Math.max(dot, 0)));
        } catch (NumberFormatException e) {
            return false;
        }
        long age = clock.instant().getEpochSecond() - issued;
        if (age < 0 || age > LIFETIME.toSeconds()) {
            return false;
        }
        return MessageDigest.isEqual(token(secret, cookie, issued).getBytes(StandardCharsets.UTF_8),
                sent.getBytes(StandardCharsets.UTF_8));
    }

    /** The token for a cookie value issued at a time (seconds): "time.HMAC", as forms carry it. */
    public static String token(byte[] secret, String cookie, long issuedEpochSecond) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            byte[] h = mac.doFinal(("visitor-csrf:" + issuedEpochSecond + ":" + cookie).getBytes(StandardCharsets.UTF_8));
            return issuedEpochSecond + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(h);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
