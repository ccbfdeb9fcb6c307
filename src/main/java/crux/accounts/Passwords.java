package crux.accounts;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;
import crux.web.HttpError;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import me.gosimple.nbvcxz.Nbvcxz;
import me.gosimple.nbvcxz.resources.ConfigurationBuilder;
import me.gosimple.nbvcxz.scoring.Result;

/**
 * Password policy and hashing: Argon2id with OWASP's parameters, and a cap on how many hashes run at once so
 * a flood of logins cannot take every core.
 */
public final class Passwords {

    public static final int MIN_LENGTH = 10;
    /** Long enough for any passphrase; short enough that hashing and strength checks stay cheap. */
    public static final int MAX_LENGTH = 128;

    /** OWASP (2023+) minimum for Argon2id: 19 MiB, 2 passes, 1 lane. */
    public static final Params OWASP = new Params(19_456, 2, 1);

    /** Hashes running at once: one per core; more only makes each slower. */
    static final int CONCURRENT_HASHES = Math.max(1, Runtime.getRuntime().availableProcessors());
    /** How long a request waits for a free hashing slot before it is told to come back. */
    static final long HASH_WAIT_SECONDS = 5;

    /** Argon2id cost: memory in KiB, iterations, parallelism. */
    public record Params(int memoryKib, int iterations, int parallelism) {
        Argon2Function function() {
            return Argon2Function.getInstance(memoryKib, iterations, parallelism, 32, Argon2.ID);
        }
    }

    /**
     * Thrown when every hashing slot stayed busy: answered 429 with Retry-After wherever a password is checked or
     * hashed (sign-in, registration, password change, deletion) rather than queueing forever.
     */
    public static final class Busy extends HttpError {
        Busy() {
            super(429, "Crux is busy right now. Please try again in a few seconds.", HASH_WAIT_SECONDS);
        }
    }

    private final Params params;
    private final Argon2Function function;
    private final Semaphore slots;
    private final long waitMillis;
    private final Nbvcxz strength;
    /** A hash of a random password, checked when the name is unknown so both paths cost the same. */
    private final String decoy;

    public Passwords(Params params) {
        this(params, CONCURRENT_HASHES, Duration.ofSeconds(HASH_WAIT_SECONDS));
    }

    /** With a chosen cap and wait: tests fill the slots to see the cap hold. */
    Passwords(Params params, int concurrentHashes, Duration wait) {
        this.params = params;
        this.function = params.function();
        this.slots = new Semaphore(concurrentHashes, true);
        this.waitMillis = wait.toMillis();
        this.strength = new Nbvcxz(new ConfigurationBuilder()
                .setMinimumEntropy(ConfigurationBuilder.getDefaultMinimumEntropy())
                .setMaxLength(MAX_LENGTH)
                .createConfiguration());
        this.decoy = Password.hash(java.util.UUID.randomUUID().toString()).with(function).getResult();
    }

    public Params params() {
        return params;
    }

    /** Why this password is refused, or empty when it is acceptable. Counted in code points; never truncated. */
    public Optional<String> problem(String password, String name) {
        if (password == null || password.isEmpty()) {
            return Optional.of("Choose a password.");
        }
        int length = password.codePointCount(0, password.length());
        if (length < MIN_LENGTH) {
            return Optional.of("Use at least " + MIN_LENGTH + " characters.");
        }
        if (length > MAX_LENGTH) {
            return Optional.of("Use at most " + MAX_LENGTH + " characters.");
        }
        if (name != null && !name.isBlank() && password.toLowerCase(java.util.Locale.ROOT)
                .contains(name.toLowerCase(java.util.Locale.ROOT))) {
            return Optional.of("Your password must not contain your name.");
        }
        Result r = strength.estimate(password);
        if (!r.isMinimumEntropyMet()) {
            String hint = r.getFeedback() == null ? null : r.getFeedback().getWarning();
            return Optional.of("This password is too common or too easy to guess"
                    + (hint == null || hint.isBlank() ? "." : ": " + hint)
                    + " Try a few unrelated words.");
        }
        return Optional.empty();
    }

    public String hash(String password) {
        return withSlot(() -> Password.hash(password).with(function).getResult());
    }

    /** Checks a password against a stored hash; a null hash (unknown or deleted member) costs the same and fails. */
    public boolean matches(String password, String storedHash) {
        if (storedHash == null) {
            withSlot(() -> Password.check(password, decoy).with(function));
            return false;
        }
        return withSlot(() -> {
            try {
                return Password.check(password, storedHash).with(Argon2Function.getInstanceFromHash(storedHash));
            } catch (RuntimeException badHash) {
                return false;
            }
        });
    }

    /** True when the stored hash was made with other parameters than today's: rehash it at the next login. */
    public boolean needsRehash(String storedHash) {
        return storedHash != null && !storedHash.contains(
                "$m=" + params.memoryKib() + ",t=" + params.iterations() + ",p=" + params.parallelism() + "$");
    }

    /** Hashing slots free right now. */
    int freeSlots() {
        return slots.availablePermits();
    }

    private <T> T withSlot(java.util.function.Supplier<T> work) {
        boolean acquired = false;
        try {
            acquired = slots.tryAcquire(waitMillis, TimeUnit.MILLISECONDS);
            if (!acquired) {
                throw new Busy();
            }
            return work.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Busy();
        } finally {
            if (acquired) {
                slots.release();
            }
        }
    }
}
