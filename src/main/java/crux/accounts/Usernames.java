package crux.accounts;

import com.ibm.icu.text.SpoofChecker;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** What a member may be called. Names are NFKC-normalised; uniqueness ignores case. */
public final class Usernames {

    public static final int MIN_LENGTH = 3;
    /** Fits the header on a 375 px phone next to the menu. */
    public static final int MAX_LENGTH = 24;

    private static final Pattern ALLOWED = Pattern.compile("[\\p{L}\\p{Nd}][\\p{L}\\p{M}\\p{Nd}_-]*");
    /** Format characters (zero-width, bidi controls), and other invisibles people use to impersonate. */
    private static final Pattern INVISIBLE = Pattern.compile("[\\p{Cf}\\p{Cc}\\p{Co}\\p{Cn}\\p{Zl}\\p{Zp}\\u115F\\u1160\\u3164\\uFFA0\\u2800]");
    /** Names mixing Latin with Cyrillic or Greek, or digits of several systems, are how impersonators pass. */
    private static final SpoofChecker MIXING = new SpoofChecker.Builder()
            .setChecks(SpoofChecker.RESTRICTION_LEVEL | SpoofChecker.MIXED_NUMBERS)
            .setRestrictionLevel(SpoofChecker.RestrictionLevel.MODERATELY_RESTRICTIVE)
            .build();
    private static final SpoofChecker CONFUSABLES = new SpoofChecker.Builder()
            .setChecks(SpoofChecker.CONFUSABLE).build();

    /** Names that would look like Crux itself speaking. */
    private static final Set<String> RESERVED = Set.of("admin", "administrator", "moderator", "mod", "crux",
            "system", "root", "deleted", "anonymous", "staff", "support", "null", "undefined");
    /** The reserved names as they look: "adm1n" or "ΑDMIN" in Greek capitals is refused like "admin". */
    private static final Set<String> RESERVED_SKELETONS = RESERVED.stream().map(Usernames::skeleton)
            .collect(java.util.stream.Collectors.toUnmodifiableSet());

    private Usernames() {
    }

    /**
     * The name's confusable skeleton (Unicode TR 39): names that look alike ("paul" and "pаul" with a Cyrillic а,
     * "rn" and "m", "l" and "1") have the same one, so a unique index on it keeps look-alikes from joining.
     * Taken of the case-folded key, so that case plays no part either.
     */
    public static String skeleton(String normalised) {
        return CONFUSABLES.getSkeleton(key(normalised));
    }

    public static String normalise(String raw) {
        return raw == null ? "" : Normalizer.normalize(raw.strip(), Normalizer.Form.NFKC);
    }

    /** The key names are unique by: case-folded (so ß and SS, Σ and σ collide as people expect). */
    public static String key(String normalised) {
        return normalised.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
    }

    /** Why this (normalised) name is refused, or empty. */
    public static Optional<String> problem(String name) {
        if (name.isEmpty()) {
            return Optional.of("Choose a name.");
        }
        if (INVISIBLE.matcher(name).find()) {
            return Optional.of("Names cannot contain invisible or text-direction characters.");
        }
        int length = name.codePointCount(0, name.length());
        if (length < MIN_LENGTH || length > MAX_LENGTH) {
            return Optional.of("Use " + MIN_LENGTH + " to " + MAX_LENGTH + " characters.");
        }
        if (!ALLOWED.matcher(name).matches()) {
            return Optional.of("Use letters, digits, _ and - only, starting with a letter or digit.");
        }
        if (MIXING.failsChecks(name)) {
            return Optional.of("Use letters from one script (not, say, Latin mixed with Cyrillic or Greek) and one"
                    + " kind of digits.");
        }
        if (RESERVED.contains(key(name)) || key(name).startsWith("deleted-")
                || RESERVED_SKELETONS.contains(skeleton(name))) {
            return Optional.of("That name is reserved. Please choose another.");
        }
        if (key(name).length() > MAX_LENGTH * 2) {
            return Optional.of("Use " + MIN_LENGTH + " to " + MAX_LENGTH + " characters.");
        }
        return Optional.empty();
    }
}
