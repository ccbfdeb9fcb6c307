package crux.pages;

import crux.live.LiveEvent;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One {@link PageCache} per key (an article, a page of the front page), all dropped together: a change to any item
 * may change any of them (an article's standings, the front page's counts), and changes are rare next to reads.
 * The keys are few and bounded by the content (articles, pages of articles), never by what a visitor types.
 */
public final class PageCaches<K, T> {

    private final Map<K, PageCache<T>> caches = new ConcurrentHashMap<>();
    private final Supplier<PageCache<T>> factory;

    /** @param factory makes the cache of a key seen for the first time */
    public PageCaches(Supplier<PageCache<T>> factory) {
        this.factory = factory;
    }

    public T get(K key, Supplier<T> render) {
        return caches.computeIfAbsent(key, k -> factory.get()).get(render);
    }

    public void invalidate() {
        caches.values().forEach(PageCache::invalidate);
    }

    /** For {@link crux.live.EventBus#subscribeAll}: any item event may change any of the pages. */
    public Consumer<LiveEvent> listener() {
        return event -> invalidate();
    }
}
