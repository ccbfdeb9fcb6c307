package crux.pages;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import crux.live.LiveEvent;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One {@link PageCache} per key (an article, an item, a page of the front page), all dropped together: a change to any
 * item may change any of them (an article's standings, the front page's counts), and changes are rare next to reads.
 * The keys come from the content (articles, items), never from what a visitor types, and at most {@code maxKeys} are
 * kept, the least recently used going first: a site with thousands of items keeps the pages people are reading.
 */
public final class PageCaches<K, T> {

    /** For caches whose keys are few (the articles): bounded only as a safety net. */
    public static final long FEW_KEYS = 10_000;

    private final Cache<K, PageCache<T>> caches;
    private final Supplier<PageCache<T>> factory;
    /** Counts {@link #invalidate()}s, so that a cache made while one ran is not kept with what it dropped. */
    private final AtomicLong dropped = new AtomicLong();

    /** @param factory makes the cache of a key seen for the first time */
    public PageCaches(Supplier<PageCache<T>> factory) {
        this(factory, FEW_KEYS);
    }

    /** @param maxKeys the most keys kept, the least recently used dropped first */
    public PageCaches(Supplier<PageCache<T>> factory, long maxKeys) {
        this.factory = factory;
        this.caches = Caffeine.newBuilder().maximumSize(maxKeys).build();
    }

    public T get(K key, Supplier<T> render) {
        return caches.get(key, k -> factory.get()).get(render);
    }

    /**
     * As {@link #get}, but a key takes a place only once {@code render} has returned for it: for keys that come from
     * a request (an item's id in its address), so that ids a visitor makes up, which {@code render} refuses, never push
     * out the kept ones.
     */
    public T getFound(K key, Supplier<T> render) {
        PageCache<T> kept = caches.getIfPresent(key);
        if (kept != null) {
            return kept.get(render);
        }
        long before = dropped.get();
        PageCache<T> fresh = factory.get();
        T value = fresh.get(render);
        caches.asMap().putIfAbsent(key, fresh);
        if (dropped.get() != before) {
            // an invalidation ran while this was read, perhaps before the new cache was in the map to be dropped
            fresh.invalidate();
        }
        return value;
    }

    /** Whether {@code key} has a cache (it was asked for, and has not been dropped as least recently used). */
    public boolean has(K key) {
        return caches.getIfPresent(key) != null;
    }

    public void invalidate() {
        dropped.incrementAndGet();
        caches.asMap().values().forEach(PageCache::invalidate);
    }

    /** For {@link crux.live.EventBus#subscribeAll}: any item event may change any of the pages. */
    public Consumer<LiveEvent> listener() {
        return event -> invalidate();
    }
}
