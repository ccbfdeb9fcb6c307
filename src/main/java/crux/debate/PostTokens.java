package crux.debate;

import crux.core.Malformed;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * One-time tokens hidden in comment forms. The same form sent twice (a double click, a resent request) carries the
 * same token, so the second finds the comment the first stored instead of posting it again.
 */
public final class PostTokens {

    /** 128 random bits: two forms never share a token by chance. */
    static final int BYTES = 16;
    private static final Pattern FORMAT = Pattern.compile("[0-9a-f]{" + (BYTES * 2) + "}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private PostTokens() {
    }

    public static String next() {
        byte[] b = new byte[BYTES];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    /** The token as sent, checked: a form without one did not come from a Crux page. */
    public static String require(String token) {
        if (token == null || !FORMAT.matcher(token).matches()) {
            throw new Malformed("This form is out of date. Please reload the page and try again.");
        }
        return token;
    }

    /** The stored key: the token and what the form was for, so one token never stands for two targets. */
    static String key(String token, String target) {
        return require(token) + ":" + target;
    }
}
