package crux.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.Test;

/**
 * A pooled connection's wait timing out: an outage when the database does not answer (the request is refused and the
 * database marked down), a busy pool when it does (the request waits again and gets its connection).
 */
class ReachabilityTest {

    /** A pool whose first {@code timeouts} waits time out, as HikariCP's do, and then lends a connection. */
    static DataSource pool(AtomicInteger waits, int timeouts) {
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    if (!method.getName().equals("getConnection")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    if (waits.incrementAndGet() <= timeouts) {
                        throw new SQLTransientConnectionException("crux - Connection is not available, request timed out");
                    }
                    return connection();
                });
    }

    static Connection connection() {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "isValid" -> true;
                    case "close" -> null;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    static Reachability reachability(DataSource pool, boolean answers, AtomicInteger probes) {
        return new Reachability(pool, () -> false, () -> { }, () -> {
            probes.incrementAndGet();
            if (!answers) {
                throw new SQLException("Connection refused", "08001");
            }
            return connection();
        }, 2);
    }

    @Test
    void aBusyPoolIsWaitedOnAgainWhileTheDatabaseAnswers() {
        AtomicInteger waits = new AtomicInteger();
        AtomicInteger probes = new AtomicInteger();
        Reachability r = reachability(pool(waits, 2), true, probes);
        assertThat(r.acquire()).isNotNull();
        assertThat(waits).hasValue(3);
        assertThat(probes).hasValue(2);
        assertThat(r.down()).isFalse();
    }

    @Test
    void aPoolBusyForEveryWaitIsRefusedWithoutMarkingTheDatabaseDown() {
        AtomicInteger waits = new AtomicInteger();
        AtomicInteger probes = new AtomicInteger();
        Reachability r = reachability(pool(waits, Integer.MAX_VALUE), true, probes);
        assertThatThrownBy(r::acquire).isInstanceOf(DataAccessException.class);
        assertThat(waits).hasValue(Reachability.BUSY_RETRIES + 1);
        assertThat(probes).hasValue(Reachability.BUSY_RETRIES + 1);
        assertThat(r.down()).isFalse();
        assertThat(probes).as("not down, so no probe before the next request").hasValue(Reachability.BUSY_RETRIES + 1);
    }

    @Test
    void aTimeoutWhileTheDatabaseDoesNotAnswerIsAnOutage() {
        AtomicInteger waits = new AtomicInteger();
        AtomicInteger probes = new AtomicInteger();
        Reachability r = reachability(pool(waits, Integer.MAX_VALUE), false, probes);
        assertThatThrownBy(r::acquire).isInstanceOf(DataAccessException.class);
        assertThat(waits).as("no second wait on a pool whose database is gone").hasValue(1);
        assertThat(r.down()).isTrue();
        assertThatThrownBy(r::acquire).as("refused at once while down").isInstanceOf(DataAccessException.class);
        assertThat(waits).hasValue(1);
    }
}
