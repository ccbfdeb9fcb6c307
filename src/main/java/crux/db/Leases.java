package crux.db;

import static crux.db.generated.Tables.JOB_LEASE;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;

/**
 * Leases in the database so that a background job runs on one instance, not on every instance sharing it.
 * Taking a lease is one conditional UPDATE (or the first INSERT): two instances racing cannot both win.
 */
public final class Leases {

    private final Database db;
    private final Clock clock;

    public Leases(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** True when {@code holder} now holds the lease on {@code job} for {@code ttl}. */
    public boolean acquire(String job, String holder, Duration ttl) {
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
