package crux.opendata;

import crux.db.Database;
import crux.db.StoredSecrets;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Forecasters in open data: "forecaster-" and the first 10 hex characters of HMAC-SHA256(secret, itemId:memberId):
 * stable on one item, unlinkable across items and to names without the secret. The secret is CRUX_PSEUDONYM_SECRET,
 * or one generated once and kept in the crux_setting table.
 */
public final class PseudonymRepository {

    static final String SETTING = "pseudonym_secret";

    private final byte[] secret;

    public PseudonymRepository(Database db, String configured) {
        this.secret = (configured != null ? configured : StoredSecrets.get(db, SETTING)).getBytes(StandardCharsets.UTF_8);
    }

    public String of(long itemId, long memberId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            byte[] h = mac.doFinal((itemId + ":" + memberId).getBytes(StandardCharsets.UTF_8));
            return "forecaster-" + HexFormat.of().formatHex(h).substring(0, 10);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
