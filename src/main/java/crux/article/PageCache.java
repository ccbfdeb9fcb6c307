package crux.article;

import crux.live.LiveEvent;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One rendered page that everyone without a session sees alike (the anonymous article page), kept in memory.
 * It is dropped when anything on it changes: {@link #listener()} is subscribed to the {@link crux.live.EventBus}
 * (every item's tally, forecast and argument events, from every instance on PostgreSQL), and successful writes
 * on this instance call {@link #invalidate()} directly. {@link #MAX_AGE} is the safety net for a change that
 * publishes no event: a page is never served more than that long after it was rendered.
 */
public final class PageCache {

    /** The longest an anonymous visitor can see a stale page if a change published no event. */
    public static final Duration MAX_AGE = Duration.ofSeconds(1);

    private record Entry(String html, long generation, long renderedAtNanos) {
    }

    private final AtomicLong generation = new AtomicLong();
    private final java.util.concurrent.atomic.AtomicBoolean refreshing = new java.util.concurrent.atomic.AtomicBoolean();
    private final long maxAgeNanos;
    private volatile Entry entry;

    public PageCache() {
        this(MAX_AGE);
    }

    public PageCache(Duration maxAge) {
        this.maxAgeNanos = maxAge.toNanos();
    }

    /**
     * The cached page, or a fresh rendering. A rendering that raced with an invalidation is served but not kept:
     * the generation is read before rendering, so a change committed (and announced) meanwhile is never kept.
     *
     * <p>One request at a time renders a replacement; requests arriving meanwhile get the previous page (stale by
     * at most that one rendering) instead of all rendering at once — without this, every expiry made each of the
     * concurrent readers render the page (measured: ~20 renderings a second at 32 connections). The request that
     * renders is always the first to come after the change, so a reader who asks after a change was announced and
     * nobody else is rendering sees it.
     */
    public String get(Supplier<String> render) {
        long now = System.nanoTime();
        Entry e = entry;
        long g = generation.get();
        if (e != null && e.generation() == g && now - e.renderedAtNanos() < maxAgeNanos) {
            return e.html();
        }
        boolean leader = refreshing.compareAndSet(false, true);
        if (!leader && e != null) {
            return e.html();
        }
        try {
            String html = render.get();
            if (generation.get() == g) {
                entry = new Entry(html, g, now);
            }
            return html;
        } finally {
            if (leader) {
                refreshing.set(false);
            }
        }
    }

    public void invalidate() {
        generation.incrementAndGet();
    }

    /** For {@link crux.live.EventBus#subscribeAll}: any item event may change the page. */
    public Consumer<LiveEvent> listener() {
        return event -> invalidate();
    }

    public long generation() {
        return generation.get();
    }
}
