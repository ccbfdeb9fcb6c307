package crux.pages;

import crux.live.EventBus;
import crux.live.LiveEvent;
import crux.stances.web.IndexEntry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * One value that many requests share, kept in memory: the rendered article page that everyone without a session
 * sees alike, and the article's items, standings and scorecard that every signed-in rendering starts from.
 * It is dropped when anything in it changes: {@link #listener()} is subscribed to the {@link EventBus}
 * (every item's tally, forecast and argument events, from every instance on PostgreSQL), and successful writes
 * on this instance call {@link #invalidate()} directly. {@link #MAX_AGE} is the safety net for a change that
 * publishes no event: a page is never served more than that long after it was rendered.
 */
public final class PageCache<T> {

    /** The longest an anonymous visitor can see a stale page if a change published no event. */
    public static final Duration MAX_AGE = Duration.ofSeconds(1);

    private record IndexEntry<T>(T value, long generation, long renderedAtNanos) {
    }

    private final AtomicLong generation = new AtomicLong();
    private final AtomicBoolean refreshing = new AtomicBoolean();
    private final long maxAgeNanos;
    private final boolean staleAfterChange;
    /** System.nanoTime, or a test's own ticker so expiry is tested without waiting. */
    private final LongSupplier nanoTime;
    private volatile IndexEntry<T> entry;

    /** A cache that, while one request renders after a change, serves the others the previous value. */
    public PageCache() {
        this(MAX_AGE, true);
    }

    /**
     * @param staleAfterChange whether requests arriving while another one renders the value after a change may get
     *                         the previous one (the anonymous page: nobody there has just written). When false, only
     *                         an entry that merely aged is served stale meanwhile; after a change every request
     *                         reads afresh until one has stored the new value, so a member's next page after their
     *                         own write always shows it.
     */
    public PageCache(Duration maxAge, boolean staleAfterChange) {
        this(maxAge, staleAfterChange, System::nanoTime);
    }

    public PageCache(Duration maxAge, boolean staleAfterChange, LongSupplier nanoTime) {
        this.maxAgeNanos = maxAge.toNanos();
        this.staleAfterChange = staleAfterChange;
        this.nanoTime = nanoTime;
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
    public T get(Supplier<T> render) {
        long now = nanoTime.getAsLong();
        IndexEntry<T> e = entry;
        long g = generation.get();
        if (e != null && e.generation() == g && now - e.renderedAtNanos() < maxAgeNanos) {
            return e.value();
        }
        boolean leader = refreshing.compareAndSet(false, true);
        if (!leader && e != null && (staleAfterChange || e.generation() == g)) {
            return e.value();
        }
        try {
            T value = render.get();
            if (generation.get() == g) {
                entry = new IndexEntry<>(value, g, now);
            }
            return value;
        } finally {
            if (leader) {
                refreshing.set(false);
            }
        }
    }

    public void invalidate() {
        generation.incrementAndGet();
    }

    /** For {@link EventBus#subscribeAll}: any item event may change the page. */
    public Consumer<LiveEvent> listener() {
        return event -> invalidate();
    }

    public long generation() {
        return generation.get();
    }
}
