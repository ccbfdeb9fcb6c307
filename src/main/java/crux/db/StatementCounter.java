package crux.db;

import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;

/**
 * Counts SQL statements run on the current thread, so each request can report how many it needed.
 * Javalin runs a request's handlers on one thread, so a thread-local count is the request's count.
 */
public final class StatementCounter implements ExecuteListener {

    private final ThreadLocal<int[]> count = ThreadLocal.withInitial(() -> new int[1]);

    @Override
    public void executeStart(ExecuteContext ctx) {
        count.get()[0]++;
    }

    public void reset() {
        count.get()[0] = 0;
    }

    /** Adds statements run on another thread for this one (a write committed with others). */
    void add(int statements) {
        count.get()[0] += statements;
    }

    public int current() {
        return count.get()[0];
    }
}
