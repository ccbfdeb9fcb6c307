package crux;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * The steps of start-up that need nothing from each other (compressing the static files, opening the search index,
 * rendering the front page once) run on threads of their own beside the rest, so that start-up uses both cores.
 * {@link App#start} joins every step before it serves.
 */
final class Starting implements AutoCloseable {

    /** As many steps at once as there are cores on the machine Crux is sized for, beside the main thread. */
    static final int THREADS = 2;

    private final ExecutorService threads = Executors.newFixedThreadPool(THREADS, r -> {
        Thread t = new Thread(r, "crux-start");
        // a start that fails leaves no thread behind to keep the JVM alive
        t.setDaemon(true);
        return t;
    });

    /** Runs {@code step} beside the caller. */
    <T> CompletableFuture<T> begin(Supplier<T> step) {
        return CompletableFuture.supplyAsync(step, threads);
    }

    /** The step's result once it is done; its own exception (not a wrapper) when it failed. */
    static <T> T join(CompletableFuture<T> step) {
        try {
            return step.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    /** Lets the threads end once their steps are done. */
    @Override
    public void close() {
        threads.shutdown();
    }
}
