package crux.live.web;

import crux.article.ArticleRepository;
import crux.live.EventBus;
import crux.web.HttpError;
import crux.web.Ids;
import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import io.javalin.http.sse.SseHandler;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Server-sent events for an open item page: /items/{id}/events. */
public final class LiveHandlers implements AutoCloseable {

    /** Open streams per instance: beyond this, pages simply stay static until reloaded. */
    public static final int MAX_STREAMS = 2_000;
    /** A comment this often keeps proxies from closing idle streams and reveals dead ones. */
    static final int HEARTBEAT_SECONDS = 20;
    /** What the browser waits before reconnecting after a drop. */
    static final String RETRY_MILLIS = "3000";

    private final EventBus bus;
    private final ArticleRepository articles;
    private final AtomicInteger open = new AtomicInteger();
    private final Set<SseClient> clients = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "crux-live-heartbeat");
        t.setDaemon(true);
        return t;
    });

    public LiveHandlers(EventBus bus, ArticleRepository articles) {
        this.bus = bus;
        this.articles = articles;
        heartbeat.scheduleAtFixedRate(() -> clients.forEach(c -> {
            try {
                c.sendComment("heartbeat");
            } catch (RuntimeException e) {
                clients.remove(c);
            }
        }), HEARTBEAT_SECONDS, HEARTBEAT_SECONDS, TimeUnit.SECONDS);
    }

    /** Checks the item and the stream budget with ordinary error pages, then hands over to the event stream. */
    public void events(Context ctx) throws Exception {
        long itemId = Ids.parse(ctx.pathParam("id"));
        if (articles.item(itemId).isEmpty()) {
            throw HttpError.notFound();
        }
        if (open.get() >= MAX_STREAMS) {
            throw new HttpError(503, "Too many live pages are open right now; this page will not update by itself.");
        }
        ctx.header("Cache-Control", "no-store");
        new SseHandler(client -> stream(client, itemId)).handle(ctx);
    }

    private void stream(SseClient client, long itemId) {
        open.incrementAndGet();
        client.ctx().header("X-Accel-Buffering", "no");
        client.keepAlive();
        clients.add(client);
        Runnable unsubscribe = bus.subscribe(itemId, e -> client.sendEvent(e.kind().code(), e.kind().code()));
        client.onClose(() -> {
            unsubscribe.run();
            clients.remove(client);
            open.decrementAndGet();
        });
        client.sendComment("connected; retry " + RETRY_MILLIS);
    }

    public int openStreams() {
        return open.get();
    }

    @Override
    public void close() {
        heartbeat.shutdownNow();
        clients.forEach(SseClient::close);
    }
}
