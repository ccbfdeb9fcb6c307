package crux;

import crux.article.ArticleActivity;
import crux.db.LeaseRepository;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Background housekeeping: expired sessions and old rate-limit counters, and the front page's activity numbers. Each job runs under a database lease,
 * so with several instances sharing a database it runs on one of them at a time.
 */
final class Jobs implements AutoCloseable {

    /** Often enough that the tables stay small; rarely enough to cost nothing. */
    static final Duration CLEANUP_EVERY = Duration.ofMinutes(10);

    private static final Logger LOG = LoggerFactory.getLogger(Jobs.class);

    private final ScheduledExecutorService executor;

    private Jobs(ScheduledExecutorService executor) {
        this.executor = executor;
    }

    /** Runs the cleanup if this instance holds its lease; true when it ran. */
    static boolean cleanup(App.Services s, LeaseRepository leases, String instance) {
        if (!leases.acquire("cleanup", instance, CLEANUP_EVERY.minusSeconds(30))) {
            return false;
        }
        int sessions = s.sessions().deleteExpired() + s.pendingSignIns().deleteExpired();
        int counters = s.limiter().deleteOld();
        if (sessions + counters > 0) {
            LOG.info("cleanup: {} expired sessions, {} old rate counters", sessions, counters);
        }
        return true;
    }

    /** How often the front page's activity numbers are recounted: they may be this late. */
    static final Duration ACTIVITY_EVERY = Duration.ofMinutes(1);

    /** Recounts every article's activity if this instance holds its lease; true when it ran. */
    static boolean activity(ArticleActivity activity, LeaseRepository leases, String instance) {
        if (!leases.acquire("article-activity", instance, ACTIVITY_EVERY.minusSeconds(10))) {
            return false;
        }
        activity.refreshIfChanged();
        return true;
    }

    /** Several instances wake for the same daily backup: the first takes the day's lease, the others skip it. */
    static final Duration BACKUP_LEASE = Duration.ofHours(12);

    /** Makes the daily backup if this instance holds its lease; true when it ran. */
    static boolean backup(Runnable backup, LeaseRepository leases, String instance) {
        if (!leases.acquire("backup", instance, BACKUP_LEASE)) {
            return false;
        }
        backup.run();
        return true;
    }

    /** How long from {@code now} until the next {@code at} (UTC): later today, or tomorrow. */
    static Duration untilNext(java.time.LocalTime at, java.time.Instant now) {
        java.time.ZonedDateTime n = now.atZone(java.time.ZoneOffset.UTC);
        java.time.ZonedDateTime next = n.with(at);
        if (!next.isAfter(n)) {
            next = next.plusDays(1);
        }
        return Duration.between(n, next);
    }

    /** Runs {@code backup} every day at {@code at} (UTC) under the backup lease, on this instance's jobs thread. */
    Jobs daily(java.time.LocalTime at, java.time.Clock clock, Runnable backup, LeaseRepository leases,
               String instance) {
        executor.schedule(() -> {
            try {
                backup(backup, leases, instance);
            } catch (RuntimeException e) {
                LOG.warn("the daily backup failed; will try again tomorrow", e);
            } finally {
                if (!executor.isShutdown()) {
                    daily(at, clock, backup, leases, instance);
                }
            }
        }, untilNext(at, clock.instant()).toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** No housekeeping: CRUX_READ_ONLY pauses every job that writes (backups, which only read, may still run). */
    static Jobs paused() {
        return new Jobs(Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "crux-jobs");
            t.setDaemon(true);
            return t;
        }));
    }

    static Jobs start(App.Services s, ArticleActivity activity, LeaseRepository leases, String instance,
                      Duration firstRun) {
        ScheduledExecutorService ex = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "crux-jobs");
            t.setDaemon(true);
            return t;
        });
        ex.scheduleWithFixedDelay(() -> {
            try {
                cleanup(s, leases, instance);
            } catch (RuntimeException e) {
                LOG.warn("cleanup failed; will try again", e);
            }
        }, CLEANUP_EVERY.toSeconds(), CLEANUP_EVERY.toSeconds(), TimeUnit.SECONDS);
        Runnable count = () -> {
            try {
                activity(activity, leases, instance);
            } catch (RuntimeException e) {
                LOG.warn("counting article activity failed; will try again", e);
            }
        };
        // first run firstRun after start (Config.jobsAfter): the first requests, which load classes and parse
        // templates, get both cores to themselves; the numbers kept are in the database, as the last run left them.
        // Zero runs it here, before start returns, so nothing it writes lands during the first requests.
        if (firstRun.isZero()) {
            count.run();
        }
        ex.scheduleWithFixedDelay(count, firstRun.isZero() ? ACTIVITY_EVERY.toMillis() : firstRun.toMillis(),
                ACTIVITY_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        return new Jobs(ex);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
