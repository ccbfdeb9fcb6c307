package crux.search;

import java.util.List;

/**
 * A page of results, best first, and how many there are in all.
 *
 * @param capped more matched than the engine ranks ({@code total} counts only those it ranked)
 */
public record SearchResults(List<SearchHit> hits, int total, boolean capped) {

    public static final SearchResults NONE = new SearchResults(List.of(), 0, false);

    public int pages() {
        return Math.max(1, Math.min(SearchRequest.MAX_PAGE, (total + SearchRequest.PAGE_SIZE - 1) / SearchRequest.PAGE_SIZE));
    }
}
