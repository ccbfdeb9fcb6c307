package crux.accounts;

import crux.core.OverLimit;
import crux.core.Turns;
import de.mkammerer.argon2.Argon2;
import de.mkammerer.argon2.Argon2Factory;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import me.gosimple.nbvcxz.Nbvcxz;
import me.gosimple.nbvcxz.resources.ConfigurationBuilder;
import me.gosimple.nbvcxz.scoring.Result;

/**
 * Password policy and hashing: Argon2id with OWASP's parameters, and a cap on how many hashes run at once so
 * a flood of logins cannot take every core.
 *
 * <p>Hashing runs in the reference C implementation of Argon2 (argon2-jvm, over JNA), whose 19 MiB of working memory
 * per hash is allocated and freed outside the Java heap: a Java implementation allocates that memory on the heap per
 * hash or check, in blocks that outlive a young collection while the hash runs, and every page served meanwhile would
 * wait on the full collections that follow. Stored hashes are the standard
 * encoded form ({@code $argon2id$v=19$m=…,t=…,p=…$salt$hash}), so hashes made by either one verify with the other.
 */
public final class Passwords {

    public static final int MIN_LENGTH = 10;
    /** Long enough for any passphrase; short enough that hashing and strength checks stay cheap. */
    public static final int MAX_LENGTH = 128;

    /** OWASP (2023+) minimum for Argon2id: 19 MiB, 2 passes, 1 lane. */
    public static final Params OWASP = new Params(19_456, 2, 1);

    /**
     * Hashes running at once: one per core; more only makes each slower, and each holds its 19 MiB outside the heap
     * while it runs, so the cap also bounds what sign-ins add to the process's resident memory. Fair: the callers
     * waiting are served in the order they came.
     */
    static final int CONCURRENT_HASHES = Math.max(1, Runtime.getRuntime().availableProcessors());
    /** How long a request waits for a free hashing slot before it is told to come back. */
    static final long HASH_WAIT_SECONDS = 5;

    /** Argon2id cost: memory in KiB, iterations, parallelism. */
    public record Params(int memoryKib, int iterations, int parallelism) {
    }

    /** RFC 9106's recommended salt length, and a 256-bit hash. */
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;

    /**
     * Thrown when every hashing slot stayed busy: answered 429 with Retry-After wherever a password is checked or
     * hashed (sign-in, registration, password change, deletion) rather than queueing forever.
     */
    public static final class Busy extends OverLimit {
        Busy() {
            super("Crux is busy right now. Please try again in a few seconds.", HASH_WAIT_SECONDS);
        }
    }

    private final Params params;
    private final Argon2 argon2;
    private final Turns slots;
    /** A hash of a random password, checked when the name is unknown so both paths cost the same. */
    private final String decoy;

    public Passwords(Params params) {
        this(params, CONCURRENT_HASHES, Duration.ofSeconds(HASH_WAIT_SECONDS));
    }

    /** With a chosen cap and wait: tests fill the slots to see the cap hold. */
    Passwords(Params params, int concurrentHashes, Duration wait) {
        this(params, concurrentHashes, wait,
                Argon2Factory.create(Argon2Factory.Argon2Types.ARGON2id, SALT_BYTES, HASH_BYTES));
    }

    /** With the Argon2 implementation given: tests watch how many hashes run in it at once. */
    Passwords(Params params, int concurrentHashes, Duration wait, Argon2 argon2) {
        this.params = params;
        this.argon2 = argon2;
        this.slots = new Turns(concurrentHashes, wait, Busy::new);
        this.decoy = argon2Hash(UUID.randomUUID().toString());
    }

    /**
     * The strength estimator, made when a password is first judged (a registration, a password change) rather than at
     * start: loading its dictionaries of common passwords and words takes a few hundred milliseconds of CPU.
     */
    private static final class Strength {
        static final Nbvcxz ESTIMATOR = new Nbvcxz(new ConfigurationBuilder()
                .setMinimumEntropy(ConfigurationBuilder.getDefaultMinimumEntropy())
                .setMaxLength(MAX_LENGTH)
                .createConfiguration());
    }

    public Params params() {
        return params;
    }

    /** Why this password is refused, or empty when it is acceptable. Counted in code points; never truncated. */
    public Optional<String> problem(String password, String name) {
        if (password == null || password.isEmpty()) {
            return Optional.of("Choose a password.");
        }
        password = normalise(password);
        int length = password.codePointCount(0, password.length());
        if (length < MIN_LENGTH) {
            return Optional.of("Use at least " + MIN_LENGTH + " characters.");
        }
        if (length > MAX_LENGTH) {
            return Optional.of("Use at most " + MAX_LENGTH + " characters.");
        }
        if (name != null && !name.isBlank() && password.toLowerCase(Locale.ROOT)
                .contains(name.toLowerCase(Locale.ROOT))) {
            return Optional.of("Your password must not contain your name.");
        }
        Result r = Strength.ESTIMATOR.estimate(password);
        if (!r.isMinimumEntropyMet()) {
            String hint = r.getFeedback() == null ? null : r.getFeedback().getWarning();
            return Optional.of("This password is too common or too easy to guess"
                    + (hint == null || hint.isBlank() ? "." : ": " + hint)
                    + " Try a few unrelated words.");
        }
        return Optional.empty();
    }

    /**
     * The form a password is hashed in: NFKC, so that "é" typed as one character or as e and an accent, or a
     * full-width letter from an Asian keyboard, is the same password on every device.
     */
    static String normalise(String password) {
        return Normalizer.normalize(password, Normalizer.Form.NFKC);
    }

    public String hash(String password) {
        return withSlot(() -> argon2Hash(normalise(password)));
    }

    /** Checks a password against a stored hash; a null hash (unknown or deleted member) costs the same and fails. */
    public boolean matches(String password, String storedHash) {
        return check(password, storedHash).matches();
    }

    /**
     * The outcome of a password check: whether it matched, and whether the stored hash should be made again from it
     * (older cost parameters, or a hash of the password as typed from before passwords were normalised).
     */
    public record Check(boolean matches, boolean rehash) {
    }

    /**
     * Checks a password: its normalised form first; a hash stored before normalisation was of the password as typed,
     * so when the two forms differ that is tried next (and the hash is then to be remade). The unknown-name path
     * costs the same as the known one.
     */
    public Check check(String password, String storedHash) {
        String hash = storedHash == null ? decoy : storedHash;
        String normal = normalise(password);
        if (withSlot(() -> verify(hash, normal))) {
            return new Check(storedHash != null, storedHash != null && needsRehash(storedHash));
        }
        if (!normal.equals(password) && withSlot(() -> verify(hash, password))) {
            return new Check(storedHash != null, storedHash != null);
        }
        return new Check(false, false);
    }

    private String argon2Hash(String password) {
        char[] chars = password.toCharArray();
        try {
            return argon2.hash(params.iterations(), params.memoryKib(), params.parallelism(), chars,
                    StandardCharsets.UTF_8);
        } finally {
            argon2.wipeArray(chars);
        }
    }

    /** The parameters come from the stored hash itself; one that cannot be decoded never matches. */
    private boolean verify(String storedHash, String password) {
        if (!storedHash.startsWith("$argon2id$")) {
            return false;
        }
        char[] chars = password.toCharArray();
        try {
            return argon2.verify(storedHash, chars, StandardCharsets.UTF_8);
        } catch (RuntimeException badHash) {
            return false;
        } finally {
            argon2.wipeArray(chars);
        }
    }

    /** True when the stored hash was made with other parameters than today's: rehash it at the next login. */
    public boolean needsRehash(String storedHash) {
        return storedHash != null && !storedHash.contains(
                "$m=" + params.memoryKib() + ",t=" + params.iterations() + ",p=" + params.parallelism() + "$");
    }

    /** Hashing slots free right now. */
    int freeSlots() {
        return slots.free();
    }

    private <T> T withSlot(Supplier<T> work) {
        return slots.run(work);
    }
}
