package crux.search;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Results kept by the database's search version: the same search on the same version has the same results, so a
 * popular search runs once per change of what is searched rather than once per request (on PostgreSQL each costs
 * ranking and counting every match: hundreds of milliseconds for common words). The version is read before the search
 * (one cheap statement); when the database cannot vouch for one (a change is being committed), the search runs and
 * nothing is kept. {@link LuceneSearch} keeps its pages by its index's version in the same way.
 */
public final class KeptSearches implements SearchEngine {

    /** What is searched, as one number that moves with every change; empty while that cannot be told. */
    @FunctionalInterface
    public interface Version {
        OptionalLong current();
    }

    private record Key(long version, SearchRequest request) {
    }

    private final SearchEngine engine;
    private final Version version;
    /**
     * Pages of results (each ~20 KB of result lines) by version and search, older versions never asked for again and
     * aging out; a search being run is there as its future, which the requests asking the same meanwhile wait for (a
     * failed one is dropped, so the next request runs it again).
     */
    private final Cache<Key, CompletableFuture<SearchResults>> kept = Caffeine.newBuilder()
            .maximumSize(LuceneSearch.RESULTS_KEPT).build();

    public KeptSearches(SearchEngine engine, Version version) {
        this.engine = engine;
        this.version = version;
    }

    @Override
    public SearchResults search(SearchRequest request) {
        if (request.query().empty()) {
            return SearchResults.NONE;
        }
        OptionalLong v = version.current();
        if (v.isEmpty()) {
            return engine.search(request);
        }
        // the search runs on this request's thread, not inside the cache's lock: a long one holds up no other key
        CompletableFuture<SearchResults> mine = new CompletableFuture<>();
        Key key = new Key(v.getAsLong(), request);
        CompletableFuture<SearchResults> running = kept.asMap().putIfAbsent(key, mine);
        if (running != null) {
            try {
                return running.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
        }
        try {
            SearchResults results = engine.search(request);
            mine.complete(results);
            return results;
        } catch (RuntimeException | Error e) {
            kept.asMap().remove(key, mine);
            mine.completeExceptionally(e);
            throw e;
        }
    }

    @Override
    public void rebuild() {
        kept.invalidateAll();
        engine.rebuild();
    }

    @Override
    public void close() {
        engine.close();
    }
}
