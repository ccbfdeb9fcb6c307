package crux.search;

/**
 * One search: the parsed query, the optional filters, the page (from 1), and whether the searcher moderates (and so
 * also finds hidden, pending, removed and retired content, marked as such).
 *
 * @param kind      null for every kind
 * @param articleId null for every article (members belong to none, so an article filter leaves them out)
 */
public record SearchRequest(SearchQuery query, SearchKind kind, Long articleId, int page, boolean moderator) {

    /** Results per page. */
    public static final int PAGE_SIZE = 20;

    /**
     * Pages past this are not served: ranking reads every match up to the page asked for, and no one pages further
     * than this through results ranked by relevance (a narrower query does better).
     */
    public static final int MAX_PAGE = 50;

    public boolean includes(SearchKind k) {
        return (kind == null || kind == k) && (k != SearchKind.MEMBERS || articleId == null);
    }

    public int offset() {
        return (page - 1) * PAGE_SIZE;
    }
}
