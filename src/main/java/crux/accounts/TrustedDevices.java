package crux.accounts;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * OWASP's device cookies: a browser a member has signed in from gets a token naming them, signed with a key only
 * Crux holds. Failed sign-ins from strangers lock a name only for browsers without that member's token, so the owner
 * is not locked out of their own account by someone guessing at it; a device's own failures are limited per device.
 * Nothing is stored: the signature is the proof.
 */
public final class TrustedDevices {

    /** The crux_setting holding the signing key. */
    public static final String SETTING = "device_secret";
    /** The cookie holding the token. */
    public static final String COOKIE = "crux_device";
    /** How long a browser stays trusted after its last sign-in: a member who signs in yearly keeps it. */
    public static final Duration LIFETIME = Duration.ofDays(365);
    /** Tokens longer than this are not ours, and are not even parsed. */
    static final int MAX_TOKEN = 200;
    private static final String VERSION = "d1";
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    /** A trusted browser: whose it is, and its own id (the key of its failure limit). */
    public record Device(long memberId, String id) {
    }

    private final byte[] key;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    /** @param secret the signing key, shared by every instance (see {@link crux.db.StoredSecrets}) */
    public TrustedDevices(String secret, Clock clock) {
        this.key = secret.getBytes(StandardCharsets.UTF_8);
        this.clock = clock;
    }

    /** A new token for a browser that {@code memberId} has just signed in from. */
    public String issue(long memberId) {
        byte[] id = new byte[16];
        random.nextBytes(id);
        String payload = VERSION + "." + memberId + "." + B64.encodeToString(id) + "."
                + clock.instant().plus(LIFETIME).getEpochSecond();
        return payload + "." + sign(payload);
    }

    /** The device a token names, when Crux signed it and it has not expired; anything else is no device. */
    public Optional<Device> verify(String token) {
        if (token == null || token.length() > MAX_TOKEN) {
            return Optional.empty();
        }
        int lastDot = token.lastIndexOf('.');
        if (lastDot < 0) {
            return Optional.empty();
        }
        String payload = token.substring(0, lastDot);
        if (!MessageDigest.isEqual(sign(payload).getBytes(StandardCharsets.US_ASCII),
                token.substring(lastDot + 1).getBytes(StandardCharsets.US_ASCII))) {
            return Optional.empty();
        }
        String[] parts = payload.split("\\.");
        try {
            if (parts.length != 4 || !parts[0].equals(VERSION)
                    || Long.parseLong(parts[3]) <= clock.instant().getEpochSecond()) {
                return Optional.empty();
            }
            return Optional.of(new Device(Long.parseLong(parts[1]), parts[2]));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private String sign(String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return B64.encodeToString(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
