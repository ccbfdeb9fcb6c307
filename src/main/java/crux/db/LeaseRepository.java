package crux.db;

import static crux.db.generated.Tables.JOB_LEASE;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.function.BiConsumer;

/**
 * Leases in the database so that a background job runs on one instance, not on every instance sharing it.
 * Taking a lease is one conditional UPDATE (or the first INSERT): two instances racing cannot both win.
 */
public final class LeaseRepository {

    private final Database db;
    private final Clock clock;
    /** Hears every attempt (the job, and whether this instance runs it now): metrics show where jobs run. */
    private final BiConsumer<String, Boolean> attempts;

    public LeaseRepository(Database db, Clock clock) {
        this(db, clock, (job, taken) -> { });
    }

    public LeaseRepository(Database db, Clock clock, BiConsumer<String, Boolean> attempts) {
        this.db = db;
        this.clock = clock;
        this.attempts = attempts;
    }

    /** True when {@code holder} now holds the lease on {@code job} for {@code ttl}. */
    public boolean acquire(String job, String holder, Duration ttl) {
        boolean taken = take(job, holder, ttl);
        attempts.accept(job, taken);
        return taken;
    }

    private boolean take(String job, String holder, Duration ttl) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        int taken = db.dsl().update(JOB_LEASE).set(JOB_LEASE.HOLDER, holder).set(JOB_LEASE.EXPIRES_AT, now.plus(ttl))
                .where(JOB_LEASE.NAME.eq(job))
                .and(JOB_LEASE.EXPIRES_AT.le(now).or(JOB_LEASE.HOLDER.eq(holder)))
                .execute();
        if (taken == 1) {
            return true;
        }
        try {
            return db.dsl().insertInto(JOB_LEASE).set(JOB_LEASE.NAME, job).set(JOB_LEASE.HOLDER, holder)
                    .set(JOB_LEASE.EXPIRES_AT, now.plus(ttl)).execute() == 1;
        } catch (RuntimeException e) {
            if (Database.isUniqueViolation(e)) {
                return false;
            }
            throw e;
        }
    }
}
