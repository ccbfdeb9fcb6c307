package crux.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import crux.db.migration.CommunityPointsMigration;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.jooq.Configuration;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.TransactionalCallable;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConfiguration;
import org.jooq.impl.DefaultExecuteListenerProvider;

/**
 * The one connection pool, the migrations and the shared jOOQ context.
 * Close order matters for H2: stop the web server first, then close this.
 */
public final class Database implements AutoCloseable {

    /** Attempts of a transaction that lost a race (unique key on H2's MERGE, serialization failure). */
    static final int MAX_ATTEMPTS = 3;

    /**
     * Two cores: a pool much larger than that only queues work inside the database.
     * Enough for page requests plus a long-lived listener connection.
     */
    static final int POOL_SIZE = 10;

    /**
     * How long a request waits for a connection. The pool hands one out in milliseconds while the database answers;
     * when it does not, a request is refused (503) after this long instead of holding its thread and the person for
     * HikariCP's default of 30 s.
     */
    static final Duration ACQUIRE_TIMEOUT = Duration.ofSeconds(1);

    /** How long a pooled connection's liveness check may take before it counts as dead (HikariCP's minimum is 250 ms). */
    static final Duration VALIDATION_TIMEOUT = Duration.ofMillis(500);

    /** How long {@link #healthy} waits for its answer: a load balancer's probe gets one within a second either way. */
    public static final Duration HEALTH_TIMEOUT = Duration.ofMillis(800);

    private final HikariDataSource pool;
    private final DSLContext dsl;
    private final StatementCounter counter;
    private final SQLDialect dialect;
    private final GroupCommit group;

    private final Reachability reachability;

    private Database(HikariDataSource pool, SQLDialect dialect, Reachability.Connector direct) {
        this.pool = pool;
        this.reachability = new Reachability(pool, () -> !pool.isClosed()
                && pool.getHikariPoolMXBean().getTotalConnections() == 0, () -> {
                    if (!pool.isClosed()) {
                        pool.getHikariPoolMXBean().softEvictConnections();
                    }
                }, direct, POOL_SIZE);
        this.dialect = dialect;
        this.counter = new StatementCounter();
        Configuration cfg = new DefaultConfiguration()
                .set(reachability)
                .set(dialect)
                .set(new Settings()
                        .withRenderQuotedNames(RenderQuotedNames.EXPLICIT_DEFAULT_UNQUOTED)
                        .withExecuteLogging(false))
                .set(new DefaultExecuteListenerProvider(counter),
                        new DefaultExecuteListenerProvider(reachability.listener()));
        this.dsl = DSL.using(cfg);
        this.group = new GroupCommit(this);
    }

    /** Opens the pool and migrates the schema from {@code migrations} (a folder of V*__*.sql files). */
    public static Database open(String url, String user, String password, Path migrations) {
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(url);
        if (user != null) {
            hc.setUsername(user);
        } else if (url.startsWith("jdbc:h2:")) {
            hc.setUsername("sa");
        }
        if (password != null) {
            hc.setPassword(password);
        }
        hc.setMaximumPoolSize(POOL_SIZE);
        hc.setPoolName("crux");
        hc.setConnectionTimeout(ACQUIRE_TIMEOUT.toMillis());
        hc.setValidationTimeout(VALIDATION_TIMEOUT.toMillis());
        hc.setInitializationFailTimeout(10_000);
        SQLDialect dialect = url.startsWith("jdbc:postgresql:") ? SQLDialect.POSTGRES : SQLDialect.H2;
        HikariDataSource pool = new HikariDataSource(hc);
        try {
            migrate(pool, migrations);
            if (dialect == SQLDialect.H2) {
                cacheIds(pool);
            }
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
        return new Database(pool, dialect, () -> connect(url, user, password, dialect));
    }

    /** Ids H2 hands out between two writes of a sequence's state (its default is 32). */
    static final int H2_ID_CACHE = 1_000;

    /**
     * H2 writes a sequence's state to disk, in a commit of its own, each time its cache of ids runs out, which with
     * the default of 32 ids is often on the forecast path. A larger cache costs nothing but ids skipped after a crash
     * (H2 restarts past the ids it had cached, so none is handed out twice). Run at every start, so that identity
     * columns added by later migrations get it too; PostgreSQL is left alone (its sequence caches are per session,
     * which would hand out ids out of order).
     */
    static void cacheIds(DataSource ds) {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            List<String> alters = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("SELECT TABLE_NAME, COLUMN_NAME FROM INFORMATION_SCHEMA.COLUMNS"
                    + " WHERE TABLE_SCHEMA = CURRENT_SCHEMA AND IS_IDENTITY = 'YES' AND IDENTITY_CACHE < " + H2_ID_CACHE)) {
                while (rs.next()) {
                    alters.add("ALTER TABLE \"" + rs.getString(1) + "\" ALTER COLUMN \"" + rs.getString(2)
                            + "\" SET CACHE " + H2_ID_CACHE);
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT SEQUENCE_NAME FROM INFORMATION_SCHEMA.SEQUENCES"
                    + " WHERE SEQUENCE_SCHEMA = CURRENT_SCHEMA AND CACHE < " + H2_ID_CACHE)) {
                while (rs.next()) {
                    alters.add("ALTER SEQUENCE \"" + rs.getString(1) + "\" CACHE " + H2_ID_CACHE);
                }
            }
            for (String alter : alters) {
                st.execute(alter);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not set H2's id caches", e);
        }
    }

    static void migrate(DataSource ds, Path migrations) {
        flyway(ds, migrations).load().migrate();
    }

    /** The migrations: the SQL files in {@code migrations}, and the few that need Java (data no SQL can compute). */
    public static FluentConfiguration flyway(DataSource ds, Path migrations) {
        return Flyway.configure()
                .dataSource(ds)
                .locations("filesystem:" + migrations.toAbsolutePath())
                .javaMigrations(new CommunityPointsMigration(), new crux.db.migration.SearchColumnsMigration(),
                        new crux.db.migration.SearchVersionMigration(),
                        new crux.db.migration.SearchTriggerColumnsMigration())
                .failOnMissingLocations(true);
    }

    public DSLContext dsl() {
        return dsl;
    }

    public SQLDialect dialect() {
        return dialect;
    }

    public StatementCounter statements() {
        return counter;
    }

    public DataSource dataSource() {
        return pool;
    }

    /** A transaction nobody pays for: see {@link #transaction(WriteBudget, TransactionalCallable)}. */
    public <T> T transaction(TransactionalCallable<T> work) {
        return transaction(WriteBudget.FREE, work);
    }

    /**
     * Runs {@code work} in a transaction on this thread, again (up to {@link #MAX_ATTEMPTS} times) when it lost a
     * race that a retry resolves: H2 renders upserts as MERGE, which is not atomic under contention. {@code budget}
     * is spent first, in the same transaction, so a refused or rolled-back write spends nothing.
     */
    public <T> T transaction(WriteBudget budget, TransactionalCallable<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return dsl.transactionResult(tx -> {
                    budget.spend(tx.dsl());
                    return work.run(tx);
                });
            } catch (RuntimeException e) {
                // a connection that broke as the transaction began or ended is an outage too, not only a statement's
                reachability.failed(e);
                if (attempt >= MAX_ATTEMPTS || !isRetryable(e)) {
                    throw e;
                }
            }
        }
    }

    /** A grouped write nobody pays for: see {@link #write(WriteBudget, TransactionalCallable)}. */
    public <T> T write(TransactionalCallable<T> work) {
        return write(WriteBudget.FREE, work);
    }

    /**
     * A short write that may share its commit with others made at the same moment ({@link GroupCommit}). It runs on
     * the group's one writer thread, each write in a savepoint of its own, and returns once the commit that made it
     * durable is done, with its own result or exception. So {@code work} (and {@code budget}, spent first) must do
     * everything through the transaction it is given, quickly: no other transaction, no waiting, no I/O besides it.
     */
    public <T> T write(WriteBudget budget, TransactionalCallable<T> work) {
        try {
            return group.run(tx -> {
                budget.spend(tx.dsl());
                return work.run(tx);
            });
        } catch (RuntimeException e) {
            reachability.failed(e);
            throw e;
        }
    }

    /**
     * A short write queued for the next group commit without waiting for it ({@link GroupCommit#submit}): for what a
     * page notes as it is read, where losing the note in a crash costs nothing and waiting for the disk would cost
     * every such page. False when it could not be queued (the database is closing).
     */
    public boolean writeLater(TransactionalCallable<?> work) {
        return group.submit(work);
    }

    /** Group commits so far, and the writes they committed: for metrics and tests. */
    public long groupCommits() {
        return group.commits();
    }

    public long groupedWrites() {
        return group.writes();
    }

    GroupCommit group() {
        return group;
    }

    /** A transaction that needs no result, and that nobody pays for. */
    public void run(Consumer<DSLContext> work) {
        run(WriteBudget.FREE, work);
    }

    /** A transaction that needs no result, {@code budget} spent first in it. */
    public void run(WriteBudget budget, Consumer<DSLContext> work) {
        transaction(budget, tx -> {
            work.accept(tx.dsl());
            return null;
        });
    }

    public <T> T read(Function<DSLContext, T> query) {
        return query.apply(dsl);
    }

    /** Runs health checks, so that a probe can stop waiting for one. */
    private final ExecutorService healthThread = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "crux-health-check");
        t.setDaemon(true);
        return t;
    });
    /** The health check in flight, shared by the probes that arrive while it runs. */
    private final AtomicReference<CompletableFuture<Boolean>> healthCheck = new AtomicReference<>();

    /**
     * True when the database answers a trivial query within {@link #HEALTH_TIMEOUT}. The check runs on a thread of
     * its own and probes arriving meanwhile share it, so a database that does not answer costs each probe at most
     * that long and never more than one waiting thread.
     */
    public boolean healthy() {
        CompletableFuture<Boolean> check = healthCheck.updateAndGet(running -> running != null && !running.isDone()
                ? running : CompletableFuture.supplyAsync(this::answers, healthThread));
        try {
            return check.get(HEALTH_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** A connection outside the pool, so that none of its waiting or back-off applies. */
    static Connection connect(String url, String user, String password, SQLDialect dialect) throws SQLException {
        java.util.Properties props = new java.util.Properties();
        if (user != null) {
            props.setProperty("user", user);
        } else if (dialect == SQLDialect.H2) {
            props.setProperty("user", "sa");
        }
        if (password != null) {
            props.setProperty("password", password);
        }
        if (dialect == SQLDialect.POSTGRES) {
            // whole seconds: a host that drops packets must not hold a request for the driver's default of 10 s
            props.setProperty("connectTimeout", Long.toString(ACQUIRE_TIMEOUT.toSeconds()));
        }
        return java.sql.DriverManager.getConnection(url, props);
    }

    private boolean answers() {
        try {
            Connection c = reachability.acquire();
            try {
                return c.isValid((int) Math.max(1, HEALTH_TIMEOUT.toSeconds()));
            } finally {
                reachability.release(c);
            }
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    /**
     * True when {@code e} says the database could not be reached (no connection within {@link #ACQUIRE_TIMEOUT}, a
     * connection refused or broken, the server shutting down or starting up): an outage to answer with 503, not a bug.
     */
    public static boolean isUnavailable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLTransientConnectionException
                    || t instanceof java.sql.SQLNonTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
                return true;
            }
        }
        return false;
    }

    static boolean isRetryable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                if ("23505".equals(state) || "40001".equals(state) || "40P01".equals(state)
                        || sql.getErrorCode() == 90131) {
                    return true;
                }
            }
        }
        return false;
    }

    /** True when {@code e} comes from a unique key refusing a duplicate. */
    public static boolean isUniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        healthThread.shutdownNow();
        group.close();
        if (dialect == SQLDialect.H2) {
            // A clean SHUTDOWN compacts and closes the file so the next start opens instantly.
            try (Connection c = pool.getConnection()) {
                c.createStatement().execute("SHUTDOWN");
            } catch (SQLException e) {
                // already closed or in-memory: nothing to shut down
            }
        }
        pool.close();
    }
}
