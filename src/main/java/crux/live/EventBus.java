package crux.live;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers {@link LiveEvent}s to the open item pages of every instance. On H2 (one instance) delivery is local;
 * on PostgreSQL an event is sent with NOTIFY and every instance — this one included — hears it through LISTEN
 * on one dedicated connection, so viewers on any instance see changes made on any other.
 *
 * <p>On PostgreSQL one publisher thread sends them: whatever events are waiting go in one NOTIFY, several to a
 * payload. A NOTIFY is a transaction of its own, and PostgreSQL commits notifying transactions one at a time, each
 * waiting for its log to reach the disk: one per write made every stance and forecast POST wait for a disk flush of
 * its own, in single file, after its write had committed. The request no longer waits for it either (the change is
 * saved; live updates are a convenience).
 */
public final class EventBus implements AutoCloseable {

    /** The channel's prefix; the schema's name follows, so sites sharing one database do not hear each other. */
    static final String CHANNEL_PREFIX = "crux_live_";
    /** How long the listener waits for notifications before checking whether it should stop. */
    static final int POLL_MILLIS = 500;

    private static final Logger LOG = LoggerFactory.getLogger(EventBus.class);

    private final Map<Long, Set<Consumer<LiveEvent>>> subscribers = new ConcurrentHashMap<>();
    /** Hear every item's events (caches of pages showing many items); never removed on failure. */
    private final Set<Consumer<LiveEvent>> everything = ConcurrentHashMap.newKeySet();
    private final DataSource pool;
    private final String postgresUrl;
    private final Properties credentials;
    private volatile boolean running = true;
    private volatile boolean listening;
    private final Thread listener;
    /** Sends the queued events (PostgreSQL), or null for local delivery. */
    private final Thread publisher;
    private final LinkedBlockingQueue<LiveEvent> outbox = new LinkedBlockingQueue<>();
    private final AtomicLong notifications = new AtomicLong();
    private final String channel;
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong delivered = new AtomicLong();

    /** @param postgresUrl the PostgreSQL URL to LISTEN on, or null for local delivery (H2) */
    public EventBus(DataSource pool, String postgresUrl, String user, String password) {
        this.pool = pool;
        this.postgresUrl = postgresUrl;
        this.credentials = new Properties();
        if (user != null) {
            credentials.setProperty("user", user);
        }
        if (password != null) {
            credentials.setProperty("password", password);
        }
        this.channel = postgresUrl == null ? null : channelFor(currentSchema(pool));
        if (postgresUrl != null) {
            listener = new Thread(this::listen, "crux-live-listener");
            listener.setDaemon(true);
            listener.start();
            publisher = new Thread(this::sendAll, "crux-live-publisher");
            publisher.setDaemon(true);
            publisher.start();
        } else {
            listener = null;
            publisher = null;
        }
    }

    /**
     * NOTIFY reaches every session of the database, whatever its schema: two sites (or two test runs) in separate
     * schemas of one database would hear each other's events. The channel is therefore named after the schema;
     * characters outside [a-z0-9_] and names too long for an identifier (63 bytes) are replaced by a digest.
     */
    static String channelFor(String schema) {
        String name = CHANNEL_PREFIX + schema;
        if (name.matches("[a-z0-9_]{1,63}")) {
            return name;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(schema.getBytes(StandardCharsets.UTF_8));
            return CHANNEL_PREFIX + HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String currentSchema(DataSource pool) {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT current_schema()")) {
            r.next();
            String schema = r.getString(1);
            return schema == null ? "" : schema;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the current schema for live updates", e);
        }
    }

    /** The NOTIFY channel (PostgreSQL), or null for local delivery. */
    public String channel() {
        return channel;
    }

    /** Events this instance has published since it started. */
    public long published() {
        return published.get();
    }

    /** Events (from any instance) handed to this instance's subscribers since it started. */
    public long delivered() {
        return delivered.get();
    }

    /**
     * Tells every open page of the item, on every instance. Call after the change has committed. On PostgreSQL the
     * event is queued for the publisher and this returns at once.
     */
    public void publish(LiveEvent event) {
        published.incrementAndGet();
        if (postgresUrl == null) {
            deliver(event);
            return;
        }
        if (!running) {
            return;
        }
        outbox.add(event);
    }

    /** NOTIFY statements sent so far (PostgreSQL): for tests. */
    long notifications() {
        return notifications.get();
    }

    /** Put in the queue by {@link #close}: the publisher stops when it reaches it. */
    private static final LiveEvent STOP = new LiveEvent(0, LiveEvent.Kind.TALLY);

    /** Sends what is queued, in as few NOTIFYs as their size allows, until it reaches {@link #STOP}. */
    private void sendAll() {
        List<LiveEvent> batch = new ArrayList<>();
        boolean stop = false;
        while (!stop) {
            try {
                batch.add(outbox.take());
                outbox.drainTo(batch);
                stop = batch.removeIf(e -> e == STOP); // by identity: a real event may be equal to it
                if (!batch.isEmpty()) {
                    send(batch);
                }
            } catch (InterruptedException e) {
                return;
            } finally {
                batch.clear();
            }
        }
    }

    /** PostgreSQL's limit on a payload is 8,000 bytes; the events are ASCII. */
    static final int MAX_PAYLOAD = 7_900;

    /** The events as payloads of at most {@link #MAX_PAYLOAD} bytes, in order, each event whole. */
    static List<String> payloads(List<LiveEvent> events) {
        List<String> payloads = new ArrayList<>();
        StringBuilder p = new StringBuilder();
        for (LiveEvent e : events) {
            String one = e.encode();
            if (p.length() > 0 && p.length() + 1 + one.length() > MAX_PAYLOAD) {
                payloads.add(p.toString());
                p.setLength(0);
            }
            if (p.length() > 0) {
                p.append(LiveEvent.SEPARATOR);
            }
            p.append(one);
        }
        if (p.length() > 0) {
            payloads.add(p.toString());
        }
        return payloads;
    }

    private void send(List<LiveEvent> events) {
        try (Connection c = pool.getConnection(); PreparedStatement s = c.prepareStatement("SELECT pg_notify(?, ?)")) {
            for (String payload : payloads(events)) {
                s.setString(1, channel);
                s.setString(2, payload);
                s.execute();
                notifications.incrementAndGet();
            }
        } catch (SQLException e) {
            // live updates are a convenience: the change itself is saved, pages show it on the next load
            LOG.warn("could not publish {} live events", events.size(), e);
        }
    }

    public Runnable subscribe(long itemId, Consumer<LiveEvent> subscriber) {
        subscribers.computeIfAbsent(itemId, k -> ConcurrentHashMap.newKeySet()).add(subscriber);
        return () -> {
            Set<Consumer<LiveEvent>> set = subscribers.get(itemId);
            if (set != null) {
                set.remove(subscriber);
            }
        };
    }

    /** Hears the events of every item, from every instance; returns the unsubscribe action. */
    public Runnable subscribeAll(Consumer<LiveEvent> subscriber) {
        everything.add(subscriber);
        return () -> everything.remove(subscriber);
    }

    public int subscriberCount() {
        return subscribers.values().stream().mapToInt(Set::size).sum();
    }

    private void deliver(LiveEvent event) {
        try {
            deliverToSubscribers(event);
        } finally {
            delivered.incrementAndGet();
        }
    }

    private void deliverToSubscribers(LiveEvent event) {
        for (Consumer<LiveEvent> s : everything) {
            try {
                s.accept(event);
            } catch (RuntimeException e) {
                LOG.warn("an all-items subscriber failed on {}", event, e);
            }
        }
        Set<Consumer<LiveEvent>> set = subscribers.get(event.itemId());
        if (set == null) {
            return;
        }
        for (Consumer<LiveEvent> s : set) {
            try {
                s.accept(event);
            } catch (RuntimeException e) {
                set.remove(s);
            }
        }
    }

    /** Holds one connection in LISTEN and hands notifications to local subscribers; reconnects after failures. */
    private void listen() {
        while (running) {
            try (Connection c = DriverManager.getConnection(postgresUrl, credentials)) {
                try (Statement s = c.createStatement()) {
                    s.execute("LISTEN \"" + channel + "\"");
                }
                listening = true;
                PGConnection pg = c.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notes = pg.getNotifications(POLL_MILLIS);
                    if (notes == null) {
                        continue;
                    }
                    for (PGNotification n : notes) {
                        for (LiveEvent e : LiveEvent.decodeAll(n.getParameter())) {
                            deliver(e);
                        }
                    }
                }
            } catch (SQLException e) {
                listening = false;
                if (running) {
                    LOG.warn("live-update listener lost its connection; reconnecting", e);
                    try {
                        Thread.sleep(1000);
                    } catch (InterruptedException ie) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
        }
    }

    /** True once the listener is connected and listening (PostgreSQL), or always for local delivery. */
    public boolean ready() {
        return listener == null || listening;
    }

    @Override
    public void close() {
        running = false;
        if (publisher != null) {
            outbox.add(STOP);
            try {
                publisher.join(POLL_MILLIS * 4L); // it sends what was queued before it stops
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (listener != null) {
            try {
                listener.join(POLL_MILLIS * 4L);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
