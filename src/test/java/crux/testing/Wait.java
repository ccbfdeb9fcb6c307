package crux.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Waiting for a condition rather than for a time: the one place in the tests that pauses, a few milliseconds
 * between checks so a condition that depends on another thread does not spin a core that thread needs.
 */
public final class Wait {

    /** Between two checks of a condition. */
    private static final Duration POLL = Duration.ofMillis(5);

    private Wait() {
    }

    /** Returns once {@code condition} holds; fails after {@code timeout}, saying what it waited for. */
    public static void until(String what, Duration timeout, BooleanSupplier condition) {
        until(what, timeout, condition, () -> "");
    }

    /** As {@link #until(String, Duration, BooleanSupplier)}, adding {@code context} (a log, say) to the failure. */
    public static void until(String what, Duration timeout, BooleanSupplier condition, Supplier<String> context) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout.toMillis() + " ms waiting for " + what + context.get());
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted waiting for " + what, e);
            }
        }
    }
}
