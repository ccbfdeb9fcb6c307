package crux.search;

/**
 * Full-text search over items, arguments and members. Two engines answer alike (the same tests run on both):
 * {@link PostgresSearchRepository} on PostgreSQL, {@link LuceneSearch} on the embedded database. Either ranks by
 * relevance, then newer first, and leaves out what the searcher may not see.
 */
public interface SearchEngine extends AutoCloseable {

    SearchResults search(SearchRequest request);

    /** Rebuilds whatever the engine keeps beside the database; a no-op where the database is the index. */
    default void rebuild() {
    }

    @Override
    default void close() {
    }
}
