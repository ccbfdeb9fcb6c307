package crux.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.jooq.ConnectionProvider;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.exception.DataAccessException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands jOOQ its connections so that an outage is answered quickly and its end is noticed at once.
 *
 * <p>The first request that gets no connection (see {@link Database#isUnavailable}) marks the database down; from
 * then on each request tries one connection outside the pool (refused at once while the server is stopped; one
 * request at a time, the others are refused without trying), and the first that gets one marks it back up.
 *
 * <p>A statement that fails because its connection broke (the server went away under it) marks the database down
 * too, and every pooled connection is retired then and again when the database answers: connections made before an
 * outage are dead after it, and HikariCP does not check one it lent out in the last half second, so the first
 * requests after the outage would otherwise fail on them.
 *
 * <p>While the pool holds no connection at all (its connections died with the server), a request gets a connection
 * of its own instead of waiting on the pool: HikariCP reconnects with a back-off that doubles up to 5 s for as long
 * as requests wait on it, so after an outage under load the pool could stay empty for seconds after the database
 * had returned, refusing the first requests and writes.
 */
final class Reachability implements ConnectionProvider {

    private static final Logger LOG = LoggerFactory.getLogger(Reachability.class);

    /** A connection made outside the pool. */
    interface Connector {
        Connection connect() throws SQLException;
    }

    private final DataSource pool;
    private final BooleanSupplier emptied;
    private final Runnable retireAll;
    private final Connector direct;
    /** Connections of their own at once, at most: as many as the pool would hold. */
    private final Semaphore directPermits;
    private final Set<Connection> directs = Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));
    private final ReentrantLock probing = new ReentrantLock();
    private volatile boolean down;

    /**
     * @param emptied true while the (open) pool holds no connection at all, busy or idle
     * @param retireAll closes the pool's idle connections and, as they come back, its busy ones
     * @param direct makes a connection outside the pool
     * @param maxDirect connections outside the pool at once, at most
     */
    Reachability(DataSource pool, BooleanSupplier emptied, Runnable retireAll, Connector direct, int maxDirect) {
        this.pool = pool;
        this.emptied = emptied;
        this.retireAll = retireAll;
        this.direct = direct;
        this.directPermits = new Semaphore(maxDirect);
    }

    /** True while the database is unreachable: known down, and a probe now (unless one is running) agrees. */
    boolean down() {
        if (down && probing.tryLock()) {
            try {
                if (down && probe()) {
                    retireAll.run();
                    down = false;
                    LOG.warn("the database answers again");
                }
            } finally {
                probing.unlock();
            }
        }
        return down;
    }

    private boolean probe() {
        try (Connection c = direct.connect()) {
            return c.isValid(1);
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    @Override
    public Connection acquire() {
        if (down()) {
            throw unreachable(new SQLTransientConnectionException("the database is unreachable"));
        }
        try {
            if (emptied.getAsBoolean() && directPermits.tryAcquire()) {
                try {
                    Connection c = direct.connect();
                    directs.add(c);
                    return c;
                } catch (SQLException | RuntimeException e) {
                    directPermits.release();
                    throw e;
                }
            }
            return pooled();
        } catch (SQLException e) {
            throw unreachable(e);
        }
    }

    /** Waits this many more times for a pooled connection while the database answers but every connection is busy. */
    static final int BUSY_RETRIES = 3;

    /**
     * A connection from the pool. Its wait timing out means an outage only if the database does not answer: a pool
     * that is merely busy (every connection lent out while the cores are saturated, say at start-up under load)
     * is waited on again rather than answering 503 and marking the database down for everyone.
     */
    private Connection pooled() throws SQLException {
        for (int attempt = 0; ; attempt++) {
            try {
                return pool.getConnection();
            } catch (SQLException e) {
                if (!Database.isUnavailable(e) || emptied.getAsBoolean() || !probe()) {
                    throw e;
                }
                if (attempt >= BUSY_RETRIES) {
                    throw new Busy(e);
                }
                LOG.info("every pooled connection stayed busy for a whole wait while the database answers: waiting again");
            }
        }
    }

    /** Every pooled connection stayed busy through every wait, while the database answers: refused, not an outage. */
    static final class Busy extends java.sql.SQLTransientConnectionException {
        Busy(SQLException cause) {
            super("every pooled connection stayed busy while the database answers", cause.getSQLState(), cause);
        }
    }

    private DataAccessException unreachable(SQLException e) {
        if (Database.isUnavailable(e) && !(e instanceof Busy)) {
            wentDown();
        }
        return new DataAccessException("no connection to the database", e);
    }

    private void wentDown() {
        if (!down) {
            down = true;
            retireAll.run();
            LOG.warn("the database cannot be reached: requests are refused (503) until it answers again");
        }
    }

    /** Marks the database down when a statement failed because its connection broke (or none could be made). */
    void failed(Throwable e) {
        if (Database.isUnavailable(e)) {
            wentDown();
        }
    }

    /** Tells {@link #failed} about every statement jOOQ runs that fails ({@link Reusable} tells it itself). */
    ExecuteListener listener() {
        return new ExecuteListener() {
            @Override
            public void exception(ExecuteContext ctx) {
                failed(ctx.sqlException() != null ? ctx.sqlException() : ctx.exception());
            }
        };
    }

    @Override
    public void release(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new DataAccessException("could not return a connection", e);
        } finally {
            if (directs.remove(connection)) {
                directPermits.release();
            }
        }
    }
}
