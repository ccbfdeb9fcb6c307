package crux.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.TopFieldDocs;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.LockObtainFailedException;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.QueryBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Search on the embedded database: a Lucene index in {@code CRUX_DATA/search} (in memory beside an in-memory
 * database) of what each item, argument and member says, kept in step through the rows' {@code search_seq} (V70,
 * V71): each search first reads the rows changed since the index last looked (one statement, usually returning
 * nothing) and applies them, so a write by any path is found by the next search. Who may see a row is never indexed:
 * the statement that reads the result lines decides it, so a moderation action or a ban counts at once.
 *
 * <p>Durable without committing on every write: each commit records the change number up to which the index is
 * complete, and on start the rows changed after it are read again, so what a crash (kill -9) lost is applied then.
 * An index that is missing, of an older layout, or ahead of the database (a restored backup) is rebuilt at start;
 * {@code java -jar crux.jar reindex} rebuilds it on demand.
 */
public final class LuceneSearch implements SearchEngine {

    private static final Logger LOG = LoggerFactory.getLogger(LuceneSearch.class);

    /** The document layout: an index written with another is rebuilt. */
    static final String FORMAT = "1";

    /**
     * A change is read again until this long after it was first seen, in case a transaction numbered it before a
     * later one but committed after it. Crux's transactions take milliseconds; one held longer is applied at the
     * next rebuild.
     */
    static final long SETTLE_NANOS = TimeUnit.SECONDS.toNanos(5);

    /**
     * Changes listed per statement while catching up. Changes within the last {@link #SETTLE_NANOS} are listed again
     * on every search, so after a burst of writes (a bulk import, many votes) a search lists them all for a few seconds:
     * high enough that this stays one statement, as each listed change is only three numbers.
     */
    static final int LIST_BATCH = 50_000;

    /** Rows read per statement when applying changes: bounds the text held at once (a rebuild reads every row). */
    static final int READ_BATCH = 2_000;

    /** How often the index is committed to disk when it changed. */
    static final long COMMIT_SECONDS = 10;

    /** How much an item's criteria and passage weigh against its statement (PostgreSQL: weight B 0.4, C 0.2). */
    static final float SECONDARY_WEIGHT = 0.3f;

    private static final Sort RANKED = new Sort(SortField.FIELD_SCORE, new SortField("created", SortField.Type.LONG, true));

    private final SearchRepository repository;
    private final Directory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private static final QueryBuilder ENGLISH = new QueryBuilder(Words.ENGLISH);
    private static final QueryBuilder SIMPLE = new QueryBuilder(Words.SIMPLE);
    private final ScheduledExecutorService committer;
    /**
     * Pages of results by version of the index and search; entries of older versions are never asked for again and
     * age out. Each holds its page's result lines (their text is what makes up most of the ~20 KB).
     */
    private final Cache<RankKey, SearchResults> results = Caffeine.newBuilder().maximumSize(RESULTS_KEPT).build();
    /** Pages of results kept: with the rendered pages (SearchHandlers), ~6 MB of a 128 MB heap at most. */
    static final int RESULTS_KEPT = 128;
    private final AtomicLong rankings = new AtomicLong();
    /**
     * The words of searches as the analyzers read them into queries (lower-cased, stemmed, stop words dropped): the
     * same whatever the index holds, and a sixth of a search's time when read afresh.
     */
    private final Cache<PartsKey, Parts> parts = Caffeine.newBuilder().maximumSize(RESULTS_KEPT).build();

    /** Every change up to this number is in the index (and in its next commit). */
    private volatile long settled;
    /** The highest change number applied. */
    private long seen;
    /** Change numbers above {@link #settled}, with when they were first seen (oldest first). */
    private final ArrayDeque<long[]> unsettled = new ArrayDeque<>();
    /**
     * Items kept from everyone but moderators (retired, or in a retired article): the arguments on them are left out
     * of others' results. Few; read from the index when it opens, then kept by {@link #apply}.
     */
    private final Set<Long> retiredItems = ConcurrentHashMap.newKeySet();
    /** The change number applied for each row changed above {@link #settled}: those are read again, not applied again. */
    private final Map<String, Long> applied = new ConcurrentHashMap<>();

    private LuceneSearch(SearchRepository repository, Directory directory, boolean commitEvery) throws IOException {
        this.repository = repository;
        this.directory = directory;
        Map<String, String> last = DirectoryReader.indexExists(directory) ? lastCommit(directory) : Map.of();
        long committed = last.containsKey("seq") && FORMAT.equals(last.get("format")) ? Long.parseLong(last.get("seq")) : -1;
        long latest = repository.lastChange();
        boolean fresh = committed < 0 || committed > latest;
        if (fresh && !last.isEmpty()) {
            LOG.info("rebuilding the search index (format {}, change {}; the database is at change {})",
                    last.get("format"), last.get("seq"), latest);
        }
        IndexWriterConfig config = new IndexWriterConfig(new PerFieldAnalyzerWrapper(Words.ENGLISH,
                Map.of("name", Words.SIMPLE)))
                .setOpenMode(fresh ? IndexWriterConfig.OpenMode.CREATE : IndexWriterConfig.OpenMode.APPEND);
        this.writer = new IndexWriter(directory, config);
        try {
            this.searchers = new SearcherManager(writer, null);
            this.settled = fresh ? 0 : committed;
            if (!fresh) {
                readRetiredItems();
            }
            // nothing else writes yet: everything read now is complete
            catchUp();
            synchronized (this) {
                settled = seen;
                unsettled.clear();
                applied.clear();
            }
            commit();
        } catch (IOException | RuntimeException e) {
            writer.rollback();
            throw e;
        }
        this.committer = commitEvery ? Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "crux-search-commit");
            t.setDaemon(true);
            return t;
        }) : null;
        if (committer != null) {
            committer.scheduleWithFixedDelay(this::commitQuietly, COMMIT_SECONDS, COMMIT_SECONDS, TimeUnit.SECONDS);
        }
    }

    private void readRetiredItems() throws IOException {
        IndexSearcher searcher = searchers.acquire();
        try {
            Query retired = new BooleanQuery.Builder()
                    .add(new TermQuery(new Term("kind", SearchKind.ITEMS.code())), Occur.FILTER)
                    .add(new TermQuery(new Term("withheld", "1")), Occur.FILTER).build();
            var stored = searcher.storedFields();
            for (var d : searcher.search(retired, Integer.MAX_VALUE / 2).scoreDocs) {
                retiredItems.add(Long.parseLong(stored.document(d.doc).get("id")));
            }
        } finally {
            searchers.release(searcher);
        }
    }

    /** Opens the index in {@code folder} (created or rebuilt as needed); in memory when {@code folder} is null. */
    public static LuceneSearch open(SearchRepository repository, Path folder) {
        try {
            return openIn(repository, folder);
        } catch (IOException e) {
            if (folder == null || e instanceof LockObtainFailedException) {
                throw new IllegalStateException("cannot open the search index in " + folder + ": " + e.getMessage(), e);
            }
            // the database holds everything the index does: a damaged index is set aside and made again
            LOG.warn("the search index in {} cannot be read ({}); it is rebuilt from the database", folder, e.toString());
            try {
                Path aside = folder.resolveSibling(folder.getFileName() + ".damaged");
                deleteTree(aside);
                Files.move(folder, aside);
                return openIn(repository, folder);
            } catch (IOException again) {
                throw new UncheckedIOException("cannot rebuild the search index in " + folder, again);
            }
        }
    }

    private static LuceneSearch openIn(SearchRepository repository, Path folder) throws IOException {
        Directory dir = folder == null ? new ByteBuffersDirectory() : FSDirectory.open(folder);
        try {
            return new LuceneSearch(repository, dir, folder != null);
        } catch (IOException | RuntimeException e) {
            dir.close();
            throw e;
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static Map<String, String> lastCommit(Directory dir) throws IOException {
        Map<String, String> data = new HashMap<>();
        try (DirectoryReader reader = DirectoryReader.open(dir)) {
            data.putAll(reader.getIndexCommit().getUserData());
        }
        return data;
    }

    @Override
    public SearchResults search(SearchRequest r) {
        if (r.query().empty()) {
            return SearchResults.NONE;
        }
        catchUp();
        IndexSearcher searcher;
        try {
            searcher = searchers.acquire();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            // the query is built after the searcher is taken: the retired items it leaves out are then at least those
            // of this version of the index (they are noted before the index refreshes)
            Query query = query(r);
            if (query == null) {
                return SearchResults.NONE;
            }
            // The same search on the same version of the index has the same results: popular searches are answered
            // once per change of the index rather than once per request (each costs scoring every match of its
            // words, and a statement). This holds because everything a result line shows, or is left out by, is a
            // column of a row that takes a new change number when it changes (item, article, comment, member: V71),
            // and every search first applies the changes, which makes a new version.
            return results.get(new RankKey(((DirectoryReader) searcher.getIndexReader()).getVersion(), r),
                    k -> rank(searcher, query, r));
        } finally {
            release(searcher);
        }
    }

    /** A search on one version of the index (a refresh that applied changes makes a new version). */
    private record RankKey(long version, SearchRequest request) {
    }

    /** How many searches the index has ranked (rather than answered from {@link #results}): for tests. */
    long rankings() {
        return rankings.get();
    }

    private SearchResults rank(IndexSearcher searcher, Query query, SearchRequest r) {
        rankings.incrementAndGet();
        int wanted = Math.min(r.offset() + SearchRequest.PAGE_SIZE, SearchRequest.MAX_PAGE * SearchRequest.PAGE_SIZE);
        List<String[]> page = new ArrayList<>();
        long total;
        try {
            // every match counted (cheap beside ranking), only the pages up to this one ranked
            TopFieldDocs docs = searcher.search(query, new TopFieldCollectorManager(RANKED, wanted, null,
                    Integer.MAX_VALUE, false));
            var stored = searcher.storedFields();
            for (int i = r.offset(); i < docs.scoreDocs.length; i++) {
                Document doc = stored.document(docs.scoreDocs[i].doc);
                page.add(new String[] {doc.get("kind"), doc.get("id")});
            }
            total = docs.totalHits.value;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (page.isEmpty()) {
            return new SearchResults(List.of(), (int) Math.min(Integer.MAX_VALUE, total));
        }
        Map<SearchKind, List<Long>> ids = new EnumMap<>(SearchKind.class);
        Map<String, Integer> rank = new HashMap<>();
        for (String[] key : page) {
            ids.computeIfAbsent(SearchKind.parse(key[0]).orElseThrow(), k -> new ArrayList<>()).add(Long.parseLong(key[1]));
            rank.put(key[0] + ":" + key[1], rank.size());
        }
        // the database has the last word on who may see what: a row withheld since the index last looked is left out
        List<SearchHit> visible = new ArrayList<>(repository.hits(ids, r.moderator()));
        visible.sort(Comparator.comparing(h -> rank.getOrDefault(h.kind().code() + ":" + h.id(), Integer.MAX_VALUE)));
        return new SearchResults(List.copyOf(visible), (int) Math.min(Integer.MAX_VALUE, total));
    }

    private void release(IndexSearcher searcher) {
        try {
            searchers.release(searcher);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The query, read as PostgreSQL reads it: items and arguments by their English words (stop words ignored), members
     * by the words of their name; in each, every positive clause must match and no excluded one may. The filters
     * narrow it. Null when there is nothing to match.
     */
    Query query(SearchRequest r) {
        BooleanQuery.Builder either = new BooleanQuery.Builder();
        Parts parts = this.parts.get(new PartsKey(r.query(), r.kind(), r.articleId() != null), k -> new Parts(
                part(r, ENGLISH, List.of("main", "more"), SearchKind.ITEMS, SearchKind.ARGUMENTS),
                part(r, SIMPLE, List.of("name"), SearchKind.MEMBERS)));
        Query text = parts.text();
        Query names = parts.names();
        if (text == null && names == null) {
            return null;
        }
        if (text != null) {
            either.add(text, Occur.SHOULD);
        }
        if (names != null) {
            either.add(names, Occur.SHOULD);
        }
        BooleanQuery.Builder b = new BooleanQuery.Builder().add(either.build(), Occur.MUST);
        if (!r.moderator()) {
            b.add(new TermQuery(new Term("withheld", "1")), Occur.MUST_NOT);
            List<BytesRef> retired = retiredItems.stream().map(id -> new BytesRef(Long.toString(id))).toList();
            if (!retired.isEmpty()) {
                b.add(new TermInSetQuery("item", retired), Occur.MUST_NOT);
            }
        }
        if (r.articleId() != null) {
            b.add(new TermQuery(new Term("article", Long.toString(r.articleId()))), Occur.FILTER);
        }
        return b.build();
    }

    /** What {@link #part} reads of a request: the words, and which kinds it includes ({@link SearchRequest#includes}). */
    private record PartsKey(SearchQuery query, SearchKind kind, boolean inArticle) {
    }

    /** The text and name parts of a query, either null when it searches none of their kinds. */
    private record Parts(Query text, Query names) {
    }

    /** The query for some kinds, whose text is in {@code fields} (the first weighs most); null if none is searched. */
    private static Query part(SearchRequest r, QueryBuilder words, List<String> fields, SearchKind... kinds) {
        BooleanQuery.Builder kind = new BooleanQuery.Builder();
        boolean searched = false;
        for (SearchKind k : kinds) {
            if (r.includes(k)) {
                kind.add(new TermQuery(new Term("kind", k.code())), Occur.SHOULD);
                searched = true;
            }
        }
        if (!searched) {
            return null;
        }
        BooleanQuery.Builder b = new BooleanQuery.Builder().add(kind.build(), Occur.FILTER);
        boolean any = false;
        for (List<String> clause : r.query().clauses()) {
            Query q = clause(words, fields, clause);
            if (q != null) {
                b.add(q, Occur.MUST);
                any = true;
            }
        }
        if (!any) {
            return null;
        }
        for (List<String> clause : r.query().excluded()) {
            Query q = clause(words, fields, clause);
            if (q != null) {
                b.add(q, Occur.MUST_NOT);
            }
        }
        return b.build();
    }

    /**
     * One word or phrase in any of the fields: the first weighs most, the others less (an item's criteria and passage,
     * as the weights of the PostgreSQL engine). Null when it has no words left (only stop words).
     */
    private static Query clause(QueryBuilder words, List<String> fields, List<String> clause) {
        String text = String.join(" ", clause);
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        for (int i = 0; i < fields.size(); i++) {
            Query q = words.createPhraseQuery(fields.get(i), text);
            if (q == null) {
                return null;
            }
            b.add(i == 0 ? q : new BoostQuery(q, SECONDARY_WEIGHT), Occur.SHOULD);
        }
        return b.build();
    }

    /**
     * Applies the rows changed since the last settled change number: one statement when nothing changed since the
     * last search (those changed within the last {@link #SETTLE_NANOS} are listed again, but not read again), and one
     * more to read what did.
     */
    void catchUp() {
        long after = settled;
        while (true) {
            List<SearchRepository.Change> changes = repository.changes(after, LIST_BATCH);
            Map<String, List<Long>> fresh = new HashMap<>();
            Map<String, Long> seqs = new HashMap<>();
            for (SearchRepository.Change c : changes) {
                String key = c.table() + ":" + c.id();
                if (!Long.valueOf(c.seq()).equals(applied.get(key))) {
                    fresh.computeIfAbsent(c.table(), k -> new ArrayList<>()).add(c.id());
                    seqs.put(key, c.seq());
                }
            }
            if (!fresh.isEmpty()) {
                for (Map<String, List<Long>> chunk : chunks(fresh)) {
                    apply(repository.documents(chunk));
                }
                // an article's change is applied through its items; its own number is remembered like theirs
                seqs.forEach((key, seq) -> {
                    if (key.startsWith("article:")) {
                        applied.put(key, seq);
                    }
                });
            }
            if (changes.size() < LIST_BATCH) {
                break;
            }
            after = changes.get(changes.size() - 1).seq();
        }
        settle();
    }

    /** The ids in parts of at most {@link #READ_BATCH}. */
    private static List<Map<String, List<Long>>> chunks(Map<String, List<Long>> ids) {
        List<Map<String, List<Long>>> chunks = new ArrayList<>();
        Map<String, List<Long>> chunk = new HashMap<>();
        int size = 0;
        for (var e : ids.entrySet()) {
            for (Long id : e.getValue()) {
                if (size == READ_BATCH) {
                    chunks.add(chunk);
                    chunk = new HashMap<>();
                    size = 0;
                }
                chunk.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(id);
                size++;
            }
        }
        chunks.add(chunk);
        return chunks;
    }

    private static String table(SearchKind kind) {
        return switch (kind) {
            case ITEMS -> "item";
            case ARGUMENTS -> "comment";
            case MEMBERS -> "member";
        };
    }

    private void apply(List<SearchRepository.Document> changed) {
        try {
            for (SearchRepository.Document d : changed) {
                String key = d.kind().code() + ":" + d.id();
                if (d.live()) {
                    writer.updateDocument(new Term("key", key), document(key, d));
                } else {
                    writer.deleteDocuments(new Term("key", key));
                }
                if (d.kind() == SearchKind.ITEMS) {
                    if (d.withheld()) {
                        retiredItems.add(d.id());
                    } else {
                        retiredItems.remove(d.id());
                    }
                }
                applied.put(table(d.kind()) + ":" + d.id(), d.seq());
                synchronized (this) {
                    seen = Math.max(seen, d.seq());
                }
            }
            if (!changed.isEmpty()) {
                searchers.maybeRefreshBlocking();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private synchronized void settle() {
        long now = System.nanoTime();
        if (unsettled.isEmpty() ? seen > settled : seen > unsettled.peekLast()[1]) {
            unsettled.add(new long[] {now, seen});
        }
        long before = settled;
        while (!unsettled.isEmpty() && now - unsettled.peekFirst()[0] >= SETTLE_NANOS) {
            settled = Math.max(settled, unsettled.pollFirst()[1]);
        }
        if (settled > before) {
            long s = settled;
            applied.values().removeIf(seq -> seq <= s);
        }
    }

    private static Document document(String key, SearchRepository.Document d) {
        Document doc = new Document();
        doc.add(new StringField("key", key, Field.Store.NO));
        doc.add(new StringField("kind", d.kind().code(), Field.Store.YES));
        doc.add(new StoredField("id", Long.toString(d.id())));
        if (d.articleId() != null) {
            doc.add(new StringField("article", Long.toString(d.articleId()), Field.Store.NO));
        }
        if (d.kind() == SearchKind.ARGUMENTS) {
            doc.add(new StringField("item", Long.toString(d.itemId()), Field.Store.NO));
        }
        if (d.withheld()) {
            doc.add(new StringField("withheld", "1", Field.Store.NO));
        }
        if (d.kind() == SearchKind.MEMBERS) {
            doc.add(new TextField("name", Words.plain(d.main()), Field.Store.NO));
        } else {
            doc.add(new TextField("main", Words.plain(d.main()), Field.Store.NO));
            doc.add(new TextField("more", Words.plain(d.more()), Field.Store.NO));
        }
        doc.add(new NumericDocValuesField("created", d.createdAt() == null ? 0 : d.createdAt().toInstant().toEpochMilli()));
        return doc;
    }

    /** Writes what the index holds to disk, with the change number up to which it is complete. */
    void commit() {
        try {
            writer.setLiveCommitData(Map.of("format", FORMAT, "seq", Long.toString(settled)).entrySet());
            writer.commit();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void commitQuietly() {
        try {
            catchUp();
            commit();
        } catch (RuntimeException e) {
            LOG.warn("the search index was not committed ({}); it will be at the next try or start", e.toString());
        }
    }

    /** Empties the index and reads every row again. */
    @Override
    public synchronized void rebuild() {
        try {
            writer.deleteAll();
            retiredItems.clear();
            settled = 0;
            seen = 0;
            unsettled.clear();
            applied.clear();
            catchUp();
            settled = seen;
            unsettled.clear();
            applied.clear();
            commit();
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        if (committer != null) {
            committer.shutdownNow();
        }
        try {
            commit();
            searchers.close();
            writer.close();
            directory.close();
        } catch (IOException | RuntimeException e) {
            LOG.warn("the search index did not close cleanly ({}); it catches up at the next start", e.toString());
        }
    }
}
