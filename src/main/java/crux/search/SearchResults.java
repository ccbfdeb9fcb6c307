package crux.search;

import java.util.List;

/** A page of results, best first, and how many there are in all. */
public record SearchResults(List<SearchHit> hits, int total) {

    public static final SearchResults NONE = new SearchResults(List.of(), 0);

    public int pages() {
        return Math.max(1, Math.min(SearchRequest.MAX_PAGE, (total + SearchRequest.PAGE_SIZE - 1) / SearchRequest.PAGE_SIZE));
    }

    /** More results than can be paged through ({@link SearchRequest#MAX_PAGE} pages). */
    public boolean capped() {
        return total > SearchRequest.MAX_PAGE * SearchRequest.PAGE_SIZE;
    }
}
