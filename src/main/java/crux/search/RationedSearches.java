package crux.search;

import crux.core.OverLimit;
import crux.core.Turns;
import java.time.Duration;

/**
 * Searches on PostgreSQL, a few at a time. A search that most rows match costs PostgreSQL hundreds of milliseconds
 * (every match ranked, then counted); a burst of them at once took every connection of the pool, and pages then failed
 * for want of one (seen in the benchmark: 277 errors in five seconds of 32 searchers). At most {@code atOnce} searches
 * run at a time per instance, the others wait their turn in order, and one that waits longer than {@code wait} is
 * refused with a time to try again (429), as signing in is when hashing is busy.
 *
 * <p>Searches answered from kept results ({@link KeptSearches}, in front of this) take no turn.
 */
public final class RationedSearches implements SearchEngine {

    private final SearchEngine engine;
    private final Turns turns;

    /**
     * @param atOnce searches run at the same time; more wait
     * @param wait   the longest a search waits for its turn before it is refused ({@link OverLimit})
     */
    public RationedSearches(SearchEngine engine, int atOnce, Duration wait) {
        this.engine = engine;
        this.turns = new Turns(atOnce, wait,
                () -> new OverLimit("Search is busy right now. Please try again in a few seconds.", wait.toSeconds()));
    }

    @Override
    public SearchResults search(SearchRequest request) {
        return turns.run(() -> engine.search(request));
    }

    @Override
    public void rebuild() {
        engine.rebuild();
    }

    @Override
    public void close() {
        engine.close();
    }
}
