package crux.live.web;

import crux.accounts.SessionRepository;
import crux.article.ArticleRepository;
import crux.live.EventBus;
import crux.web.ClientIp;
import crux.web.Gate;
import crux.web.HttpError;
import crux.web.Ids;
import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import io.javalin.http.sse.SseHandler;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/** Server-sent events for an open item page: /items/{id}/events. */
public final class LiveHandlers implements AutoCloseable {

    /** Open streams per instance: beyond this, pages simply stay static until reloaded. */
    public static final int MAX_STREAMS = 2_000;
    /** Open streams per browser session: one per open item page, and few people keep more than ten tabs open. */
    public static final int MAX_STREAMS_PER_SESSION = 10;
    /**
     * Open streams per client address: a household or an office behind one address, yet one address alone cannot
     * take more than a fortieth of {@link #MAX_STREAMS}.
     */
    public static final int MAX_STREAMS_PER_IP = 50;
    /** A comment this often keeps proxies from closing idle streams and reveals dead ones. */
    static final int HEARTBEAT_SECONDS = 20;
    /** What the browser waits before reconnecting after a drop. */
    static final String RETRY_MILLIS = "3000";

    private final EventBus bus;
    private final ArticleRepository articles;
    private final ClientIp clientIp;
    /** Open streams by key: "all", "ip:…" and "session:…" (kept only while above zero). */
    private final Map<String, Integer> open = new ConcurrentHashMap<>();
    private final Set<SseClient> clients = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "crux-live-heartbeat");
        t.setDaemon(true);
        return t;
    });

    public LiveHandlers(EventBus bus, ArticleRepository articles, ClientIp clientIp) {
        this.bus = bus;
        this.articles = articles;
        this.clientIp = clientIp;
        heartbeat.scheduleAtFixedRate(() -> clients.forEach(c -> {
            try {
                synchronized (c) {
                    c.sendComment("heartbeat");
                }
            } catch (RuntimeException e) {
                clients.remove(c);
            }
        }), HEARTBEAT_SECONDS, HEARTBEAT_SECONDS, TimeUnit.SECONDS);
    }

    /**
     * Checks the item and the stream budgets (the instance's, the address's, the session's) with ordinary error
     * pages, then hands over to the event stream. A browser's EventSource does not retry after a refusal, so a page
     * over a budget simply stays static until reloaded.
     */
    public void events(Context ctx) throws Exception {
        long itemId = Ids.parse(ctx.pathParam("id"));
        if (articles.item(itemId).isEmpty()) {
            throw HttpError.notFound();
        }
        String accept = ctx.header("Accept");
        if (accept == null || !accept.contains("text/event-stream")) {
            throw new HttpError(406, "This address is a live event stream for the item's page (text/event-stream).");
        }
        SessionRepository.Session session = Gate.session(ctx);
        Runnable release = reserve(List.of(
                new Budget("all", MAX_STREAMS, 503,
                        "Too many live pages are open right now; this page will not update by itself."),
                new Budget("ip:" + clientIp.of(ctx), MAX_STREAMS_PER_IP, 429,
                        "Too many live pages are open from your network; this page will not update by itself."),
                new Budget(session == null ? null : "session:" + session.id(), MAX_STREAMS_PER_SESSION, 429,
                        "You have many live pages open; this one will not update by itself. Close a few and reload.")));
        ctx.header("Cache-Control", "no-store");
        try {
            new SseHandler(client -> stream(client, itemId, release)).handle(ctx);
        } catch (Exception | Error e) {
            release.run();
            throw e;
        }
    }

    /** One budget of open streams: its key (null: does not apply), its most, and the refusal beyond. */
    private record Budget(String key, int max, int status, String message) {
    }

    /** Takes a place in every budget, or none of them (refused); the returned action gives them back, once. */
    private Runnable reserve(List<Budget> budgets) {
        List<String> taken = new java.util.ArrayList<>();
        for (Budget b : budgets) {
            if (b.key() == null) {
                continue;
            }
            boolean[] room = {false};
            open.compute(b.key(), (k, n) -> {
                int count = n == null ? 0 : n;
                room[0] = count < b.max();
                return room[0] ? count + 1 : n;
            });
            if (!room[0]) {
                taken.forEach(this::giveBack);
                throw new HttpError(b.status(), b.message());
            }
            taken.add(b.key());
        }
        AtomicBoolean released = new AtomicBoolean();
        return () -> {
            if (released.compareAndSet(false, true)) {
                taken.forEach(this::giveBack);
            }
        };
    }

    private void giveBack(String key) {
        open.computeIfPresent(key, (k, n) -> n <= 1 ? null : n - 1);
    }

    /** Runs once the response has started (SseHandler sends X-Accel-Buffering: no itself). */
    private void stream(SseClient client, long itemId, Runnable release) {
        try {
            client.keepAlive();
            // the first line before any event: an event published from another thread must not write into the
            // stream while this one does (an SseClient is not safe for concurrent writes; each write holds it)
            client.sendComment("connected; retry " + RETRY_MILLIS);
            clients.add(client);
            Runnable unsubscribe = bus.subscribe(itemId, e -> {
                synchronized (client) {
                    client.sendEvent(e.kind().code(), e.kind().code());
                }
            });
            client.onClose(() -> {
                unsubscribe.run();
                clients.remove(client);
                release.run();
            });
        } catch (RuntimeException clientAlreadyGone) {
            // a client that left before the stream began: its places are given back here, as onClose never runs
            clients.remove(client);
            release.run();
            throw clientAlreadyGone;
        }
    }

    public int openStreams() {
        return open.getOrDefault("all", 0);
    }

    @Override
    public void close() {
        heartbeat.shutdownNow();
        clients.forEach(SseClient::close);
    }
}
