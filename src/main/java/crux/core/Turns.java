package crux.core;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Costly work a few at a time: at most {@code atOnce} run together, the rest wait their turn in order, and one that
 * waits longer than {@code wait} is refused with {@code busy} (an {@link OverLimit}: 429 with a time to try again)
 * without running. Password hashing and PostgreSQL's searches go through one each.
 */
public final class Turns {

    private final Semaphore turns;
    private final long waitMillis;
    private final Supplier<? extends OverLimit> busy;

    public Turns(int atOnce, Duration wait, Supplier<? extends OverLimit> busy) {
        this.turns = new Semaphore(atOnce, true);
        this.waitMillis = wait.toMillis();
        this.busy = busy;
    }

    /** {@code work}'s result, run in a turn; {@code busy}'s refusal when no turn came within the wait. */
    public <T> T run(Supplier<T> work) {
        boolean turn = false;
        try {
            turn = turns.tryAcquire(waitMillis, TimeUnit.MILLISECONDS);
            if (!turn) {
                throw busy.get();
            }
            return work.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw busy.get();
        } finally {
            if (turn) {
                turns.release();
            }
        }
    }

    /** Turns free right now. */
    public int free() {
        return turns.availablePermits();
    }
}
