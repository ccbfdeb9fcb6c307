package crux.accounts;

import static crux.db.generated.Tables.RECOVERY_CODE;

import crux.db.Database;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.jooq.DSLContext;

/**
 * Single-use recovery codes: what a member with two-factor on signs in with when their phone is gone. Ten are made at
 * enrolment and shown once; only a hash of each is kept. Each code carries 79 random bits, so an unsalted fast hash
 * (SHA-256 over the member's id and the code) is safe against a leaked table, and checking one costs nothing.
 */
public final class RecoveryCodes {

    /** Codes made at a time: enough for years of lost phones, few enough to print. */
    public static final int COUNT = 10;
    /** 16 characters of a 31-letter alphabet: 79 bits. */
    static final int LENGTH = 16;
    /** No 0/O or 1/I/L: codes are read off paper. */
    private static final char[] ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Database db;
    private final Clock clock;

    public RecoveryCodes(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Replaces every code of the member (used or not) with {@link #COUNT} new ones, returned to be shown once. */
    public List<String> replace(long memberId) {
        return db.transaction(tx -> replace(tx.dsl(), memberId));
    }

    /** As {@link #replace(long)}, inside the caller's transaction. */
    public List<String> replace(DSLContext tx, long memberId) {
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < COUNT; i++) {
            codes.add(newCode());
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        tx.deleteFrom(RECOVERY_CODE).where(RECOVERY_CODE.MEMBER_ID.eq(memberId)).execute();
        var insert = tx.insertInto(RECOVERY_CODE, RECOVERY_CODE.MEMBER_ID, RECOVERY_CODE.CODE_HASH,
                RECOVERY_CODE.CREATED_AT);
        for (String code : codes) {
            insert = insert.values(memberId, hash(memberId, normalise(code)), now);
        }
        insert.execute();
        return codes;
    }

    /**
     * Uses up a code: true once for each code the member holds, false for anything else. One conditional update, so
     * two requests racing with the same code cannot both succeed.
     */
    public boolean use(long memberId, String typed) {
        String code = normalise(typed);
        if (code.length() != LENGTH) {
            return false;
        }
        return db.dsl().update(RECOVERY_CODE).set(RECOVERY_CODE.USED_AT, OffsetDateTime.now(clock))
                .where(RECOVERY_CODE.MEMBER_ID.eq(memberId))
                .and(RECOVERY_CODE.CODE_HASH.eq(hash(memberId, code)))
                .and(RECOVERY_CODE.USED_AT.isNull())
                .execute() == 1;
    }

    /** Codes the member has not used yet. */
    public int remaining(long memberId) {
        return db.dsl().fetchCount(RECOVERY_CODE, RECOVERY_CODE.MEMBER_ID.eq(memberId)
                .and(RECOVERY_CODE.USED_AT.isNull()));
    }

    /** True when what was typed has the shape of a recovery code rather than a 6-digit app code. */
    public static boolean looksLikeOne(String typed) {
        return normalise(typed).length() == LENGTH;
    }

    /** Drops every code of the member (two-factor turned off). */
    static void deleteAll(DSLContext tx, long memberId) {
        tx.deleteFrom(RECOVERY_CODE).where(RECOVERY_CODE.MEMBER_ID.eq(memberId)).execute();
    }

    /** Spaces and dashes as people copy them, any case. */
    static String normalise(String typed) {
        return typed == null || typed.length() > 64 ? "" : typed.replaceAll("[\\s-]", "").toLowerCase(Locale.ROOT);
    }

    private static String newCode() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < LENGTH; i++) {
            if (i > 0 && i % 4 == 0) {
                b.append('-');
            }
            b.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
        }
        return b.toString();
    }

    private static String hash(long memberId, String normalised) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest((memberId + ":" + normalised).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
