package crux.db;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;
import org.jooq.SQLDialect;
import org.jooq.TransactionalCallable;
import org.jooq.exception.DataAccessException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit: the short writes of many requests (a stance, a forecast) run one after another in one database
 * transaction, each inside a savepoint of its own, and are committed together. Every commit writes the changed
 * pages to disk (H2) or flushes the log (PostgreSQL); writes to one item are serialised by its row lock anyway, so
 * a commit per write would make the disk the bottleneck of every popular item.
 *
 * <p>What each caller sees is unchanged: its call returns only after the commit that made its write durable, with
 * its own result or its own exception. On PostgreSQL a group first runs without savepoints: there each savepoint and
 * its release are a round trip of their own, two of a stance's five, all made one after another by the one writer.
 * Should any write of it fail, the group is rolled back and run again with a savepoint per write, so that a write
 * that fails rolls back to its savepoint, taking nothing of the others with it, and one that lost a race the
 * database resolves by retrying ({@link Database#isRetryable}) is run again. Writes are refused rarely (an unknown
 * or closed item, a spent budget), so a group is seldom run twice; a write must be safe to run again, as retries
 * already required. H2's savepoints cost no round trip, and there every group keeps them: a group run faster commits
 * smaller groups more often, and H2 keeps each commit's chunk in memory for its retention time (45 s), which at the
 * benchmark's write rates filled the 128 MB heap. Should the commit itself fail, nothing was stored, and each write
 * is run again in a transaction of its own.
 *
 * <p>One writer thread per instance takes whatever writes are waiting (never waiting for more to arrive), so under
 * light load a write commits alone, as before, and under heavy load a batch grows with the queue.
 */
final class GroupCommit implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GroupCommit.class);

    /** Writes committed together at most: bounds how long the first of them waits and a batch's locks are held. */
    static final int MAX_BATCH = 64;

    /** One caller's write: its work, where its outcome goes, and the statements it ran (for the caller's count). */
    private static final class Job {
        final TransactionalCallable<Object> work;
        final CompletableFuture<Object> outcome = new CompletableFuture<>();
        Object result;
        RuntimeException error;
        int statements;

        Job(TransactionalCallable<Object> work) {
            this.work = work;
        }
    }

    private final Database db;
    private final LinkedBlockingQueue<Job> queue = new LinkedBlockingQueue<>();
    private final Thread writer;
    private final LongAdder commits = new LongAdder();
    private final LongAdder writes = new LongAdder();
    private final LongAdder rerun = new LongAdder();
    private volatile boolean closed;

    GroupCommit(Database db) {
        this.db = db;
        this.writer = new Thread(this::loop, "crux-group-commit");
        writer.setDaemon(true);
        writer.start();
    }

    /** Runs {@code work} in the next group's transaction and waits until that has committed (or failed). */
    @SuppressWarnings("unchecked")
    <T> T run(TransactionalCallable<T> work) {
        if (closed) {
            throw new IllegalStateException("the database is closed");
        }
        if (Thread.currentThread() == writer) {
            // a write inside a write: it must not wait for the group it belongs to
            throw new IllegalStateException("a group-committed write cannot start another");
        }
        Job job = new Job((TransactionalCallable<Object>) work);
        queue.add(job);
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    Object result = job.outcome.get(1, TimeUnit.SECONDS);
                    return (T) result;
                } catch (InterruptedException e) {
                    interrupted = true; // the write is under way: its outcome is what the caller must hear
                } catch (ExecutionException e) {
                    throw (RuntimeException) e.getCause();
                } catch (TimeoutException e) {
                    // still waiting (a long group, a lock): unless it was queued as the writer stopped for good
                    if (!writer.isAlive() && queue.remove(job)) {
                        throw new IllegalStateException("the database is closed");
                    }
                }
            }
        } finally {
            db.statements().add(job.statements);
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Queues {@code work} for the next group and returns at once, without its outcome: for bookkeeping a page does as
     * it is read (what a member has seen), which must not make the page wait for a commit. A failure is logged; the
     * statements it runs are the writer's, not the caller's. Refused (false) once the database is closing.
     */
    boolean submit(TransactionalCallable<?> work) {
        if (closed || Thread.currentThread() == writer) {
            return false;
        }
        @SuppressWarnings("unchecked")
        Job job = new Job((TransactionalCallable<Object>) work);
        job.outcome.whenComplete((r, e) -> {
            if (e != null) {
                LOG.warn("a write queued without waiting failed: {}", e.toString());
            }
        });
        queue.add(job);
        return true;
    }

    /** Transactions committed by the writer, and writes in them: their ratio is the mean group size. */
    long commits() {
        return commits.sum();
    }

    long writes() {
        return writes.sum();
    }

    /** Groups run again with a savepoint per write, after one of their writes failed. */
    long rerun() {
        return rerun.sum();
    }

    /** Writes waiting for the writer: for tests. */
    int waiting() {
        return queue.size();
    }

    private void loop() {
        List<Job> batch = new ArrayList<>(MAX_BATCH);
        while (true) {
            try {
                Job first = queue.take();
                if (first == STOP) {
                    break;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                boolean stop = batch.remove(STOP);
                if (!batch.isEmpty()) {
                    commit(batch);
                }
                if (stop) {
                    break;
                }
            } catch (InterruptedException e) {
                // not interrupted by Crux (an interrupt during file I/O would close H2's file): keep serving
            } catch (RuntimeException | Error e) {
                LOG.error("group commit failed", e);
                for (Job job : batch) {
                    job.outcome.completeExceptionally(e instanceof RuntimeException r ? r : new IllegalStateException(e));
                }
            } finally {
                batch.clear();
            }
        }
        for (Job job; (job = queue.poll()) != null; ) {
            job.outcome.completeExceptionally(new IllegalStateException("the database is closed"));
        }
    }

    private void commit(List<Job> batch) {
        StatementCounter counter = db.statements();
        try {
            if (db.dialect() == SQLDialect.H2) {
                withSavepoints(batch, counter);
            } else {
                Job failed = together(batch, counter);
                // alone in its group, a write refused for good has its outcome already: the rollback was its own
                if (failed != null && (batch.size() > 1 || Database.isRetryable(failed.error))) {
                    rerun.increment();
                    withSavepoints(batch, counter);
                }
            }
        } catch (RuntimeException commitFailed) {
            // nothing of the batch was stored: each write again, in a transaction of its own
            LOG.warn("a group of {} writes failed to commit ({}); running them one by one", batch.size(),
                    commitFailed.toString());
            for (Job job : batch) {
                counter.reset();
                try {
                    job.result = db.transaction(job.work);
                    job.error = null;
                } catch (RuntimeException e) {
                    job.error = e;
                }
                job.statements = counter.current();
            }
        }
        commits.increment();
        writes.add(batch.size());
        for (Job job : batch) {
            if (job.error != null) {
                job.outcome.completeExceptionally(job.error);
            } else {
                job.outcome.complete(job.result);
            }
        }
    }

    /** Thrown to roll back a group run without savepoints, once one of its writes failed. */
    private static final class Abandoned extends RuntimeException {
        Abandoned() {
            super("a write of the group failed", null, false, false);
        }
    }

    /**
     * Runs and commits the group in one transaction, without savepoints; returns null once committed, or the write
     * that failed (its exception in {@code error}), with the whole group rolled back.
     */
    private Job together(List<Job> batch, StatementCounter counter) {
        Job[] failed = new Job[1];
        try {
            db.dsl().transaction(tx -> {
                for (Job job : batch) {
                    job.result = null;
                    job.error = null;
                    counter.reset();
                    try {
                        job.result = job.work.run(tx);
                    } catch (Exception e) {
                        job.error = e instanceof RuntimeException r ? r : new DataAccessException("Rollback caused", e);
                        failed[0] = job;
                        throw new Abandoned();
                    } finally {
                        job.statements = counter.current();
                    }
                }
            });
        } catch (Abandoned e) {
            return failed[0];
        }
        return null;
    }

    private void withSavepoints(List<Job> batch, StatementCounter counter) {
        db.dsl().transaction(tx -> {
            for (Job job : batch) {
                job.result = null;
                job.error = null;
                counter.reset();
                for (int attempt = 1; ; attempt++) {
                    try {
                        // a nested transaction: a savepoint, rolled back to on failure
                        job.result = tx.dsl().transactionResult(job.work);
                        break;
                    } catch (RuntimeException e) {
                        if (attempt >= Database.MAX_ATTEMPTS || !Database.isRetryable(e)) {
                            job.error = e;
                            break;
                        }
                    }
                }
                job.statements = counter.current();
            }
        });
    }

    @Override
    public void close() {
        closed = true;
        queue.add(STOP); // wakes the writer, which commits what came before it and stops
        try {
            writer.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Put in the queue by {@link #close}: the writer stops when it reaches it. */
    private static final Job STOP = new Job(c -> null);
}
