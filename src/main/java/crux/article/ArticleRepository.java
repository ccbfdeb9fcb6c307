package crux.article;

import static crux.db.generated.Tables.ARTICLE;
import static crux.db.generated.Tables.ITEM;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import crux.core.Tally;
import crux.core.Conflict;
import crux.db.Database;
import crux.db.Reusable;
import crux.db.generated.tables.records.ArticleRecord;
import crux.db.generated.tables.records.ItemRecord;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;

/** Reads articles and their items. */
public final class ArticleRepository {

    /**
     * How long this instance serves the articles it holds in memory before reading them again. Articles change
     * rarely (a moderator's edit, which drops them at once on the instance that made it); on PostgreSQL with several
     * instances, the others see an edit within about this long.
     */
    public static final Duration MAX_AGE = Duration.ofSeconds(1);

    /** Every article by id and by slug, as read at {@code readAtNanos}. */
    private record Snapshot(Map<Long, Article> byId, Map<String, Article> bySlug, long readAtNanos,
                            boolean anyRetired) {
    }

    private final Database db;
    private final LongSupplier nanoTime;
    private final Executor background;
    private final AtomicBoolean reading = new AtomicBoolean();
    private final AtomicLong forgotten = new AtomicLong();
    private volatile Snapshot snapshot;

    public ArticleRepository(Database db) {
        this(db, System::nanoTime, ForkJoinPool.commonPool());
    }

    /**
     * @param background where an aged snapshot is read again, off the request that noticed it: a request costs the
     *                   same statements whenever it comes (the pages' statement counts are tested to stay constant)
     */
    public ArticleRepository(Database db, LongSupplier nanoTime, Executor background) {
        this.db = db;
        this.nanoTime = nanoTime;
        this.background = background;
    }

    /**
     * The articles: read now when none are held (at start, after {@link #forget}), else the ones held, read again in
     * the background once they are older than {@link #MAX_AGE}.
     */
    private Snapshot snapshot() {
        Snapshot s = snapshot;
        if (s == null) {
            return read();
        }
        if (nanoTime.getAsLong() - s.readAtNanos() >= MAX_AGE.toNanos() && reading.compareAndSet(false, true)) {
            try {
                background.execute(() -> {
                    try {
                        read();
                    } finally {
                        reading.set(false);
                    }
                });
            } catch (RuntimeException e) {
                reading.set(false);
            }
        }
        return s;
    }

    /** A read started before a {@link #forget} may hold what the change replaced: it is served, not kept. */
    private Snapshot read() {
        long generation = forgotten.get();
        long now = nanoTime.getAsLong();
        Map<Long, Article> byId = new LinkedHashMap<>();
        Map<String, Article> bySlug = new HashMap<>();
        Map<Long, Article> before = lastRead.byId();
        db.dsl().selectFrom(ARTICLE).orderBy(ARTICLE.ID).forEach(r -> {
            Article a = unchanged(before.get(r.getId()), toArticle(r));
            byId.put(a.id(), a);
            bySlug.put(a.slug(), a);
        });
        Snapshot s = new Snapshot(Collections.unmodifiableMap(byId), Map.copyOf(bySlug), now,
                byId.values().stream().anyMatch(Article::retired));
        synchronized (this) {
            if (forgotten.get() == generation) {
                snapshot = s;
            }
        }
        lastRead = s;
        return s;
    }

    /**
     * The articles of the last read, whether kept or not: an article read again unchanged is the same object as
     * before. Pages keep fragments by keys holding the article; comparing a key's article with the one of a newer
     * read went over its whole text on every lookup (a third of the signed-in article page's cache lookups, JFR),
     * comparing the same object costs nothing.
     */
    private volatile Snapshot lastRead = new Snapshot(Map.of(), Map.of(), 0, false);

    private static Article unchanged(Article before, Article read) {
        return read.equals(before) ? before : read;
    }

    /** Drops the articles held in memory: the next read sees an edit made through this instance at once. */
    public void forget() {
        synchronized (this) {
            forgotten.incrementAndGet();
            snapshot = null;
        }
    }

    /** Every article, retired ones included, oldest first. */
    public List<Article> all() {
        return List.copyOf(snapshot().byId().values());
    }

    /** The article at {@code /articles/{slug}}, retired ones included (their page stays, with a notice). */
    public Optional<Article> bySlug(String slug) {
        return Optional.ofNullable(snapshot().bySlug().get(slug));
    }

    public Optional<Article> byId(long id) {
        return Optional.ofNullable(snapshot().byId().get(id));
    }

    /**
     * The article an item is anchored in. An article newer than the ones held (published on another instance, or
     * written by hand, less than {@link #MAX_AGE} ago) is read now rather than refused.
     */
    public Article of(Item item) {
        Article article = snapshot().byId().get(item.articleId());
        if (article == null) {
            article = read().byId().get(item.articleId());
        }
        if (article == null) {
            throw new IllegalStateException("item " + item.id() + " has no article " + item.articleId());
        }
        return article;
    }

    /** What a retired article's items refuse: they are kept to be read, not to be added to. */
    public static final String RETIRED =
            "This article has been retired: its items take no new stances, forecasts or arguments. Nothing was saved.";

    /** True when the item's article is retired, so its items take no new stances, forecasts or arguments. */
    public boolean inRetiredArticle(Item item) {
        return of(item).retired();
    }

    /** As {@link #refuseIfArticleRetired(long)}, for an item already read. */
    public void refuseIfArticleRetired(Item item) {
        if (inRetiredArticle(item)) {
            throw new Conflict(RETIRED);
        }
    }

    /**
     * Refuses (409) a new stance, forecast, argument or reply on an item of a retired article; an unknown item is left
     * to the write, which says 404. Checked against the articles held in memory: a retirement made through another
     * instance is seen within {@link #MAX_AGE}.
     */
    public void refuseIfArticleRetired(long itemId) {
        Snapshot s = snapshot();
        if (!s.anyRetired()) {
            return; // the usual case, which costs no statement
        }
        Long articleId = db.dsl().select(ITEM.ARTICLE_ID).from(ITEM).where(ITEM.ID.eq(itemId))
                .fetchOne(ITEM.ARTICLE_ID);
        Article article = articleId == null ? null : s.byId().get(articleId);
        if (article != null && article.retired()) {
            throw new Conflict(RETIRED);
        }
    }

    /** Laid-out Markdown articles by id and revision: an item's page quotes its passage in context on every view. */
    private final Cache<String, ArticleMarkdown.Layout> layouts = Caffeine.newBuilder().maximumSize(256).build();

    /** A Markdown article's text as laid out for reading, the same for every view of one revision. */
    public ArticleMarkdown.Layout layout(Article article) {
        return layouts.get(article.id() + "@" + article.revision(), k -> ArticleMarkdown.layout(article.markdown()));
    }

    /** The first article: the one Crux shipped with. */
    public Article first() {
        return snapshot().byId().values().stream().findFirst()
                .orElseThrow(() -> new IllegalStateException("no article: migrations did not run"));
    }

    /** What the front page shows of one article. */
    public record Card(Article article, int items, int openPredictions, int participants, int recentActions,
                       OffsetDateTime lastActivity) {
    }

    /** A page of the articles that are not retired, newest activity first, and whether more follow. */
    public record Cards(List<Card> cards, boolean more) {
    }

    /** Articles not retired, newest activity first: one query, whatever the number of articles and items. */
    public Cards cards(int page, int perPage) {
        var items = DSL.count(ITEM.ID);
        var open = DSL.count(ITEM.ID).filterWhere(ITEM.KIND.eq(ItemKind.PREDICTION.code())
                .and(ITEM.STATUS.eq(ItemStatus.OPEN.code())));
        Map<Long, Article> byId = snapshot().byId();
        List<Card> cards = new ArrayList<>();
        db.dsl().select(ARTICLE.ID, ARTICLE.PARTICIPANT_COUNT, ARTICLE.RECENT_ACTIONS, ARTICLE.LAST_ACTIVITY_AT,
                        items, open)
                .from(ARTICLE).leftJoin(ITEM).on(ITEM.ARTICLE_ID.eq(ARTICLE.ID).and(ITEM.RETIRED_AT.isNull()))
                .where(ARTICLE.RETIRED_AT.isNull())
                .groupBy(ARTICLE.ID, ARTICLE.PARTICIPANT_COUNT, ARTICLE.RECENT_ACTIONS, ARTICLE.LAST_ACTIVITY_AT,
                        ARTICLE.CREATED_AT)
                .orderBy(DSL.coalesce(ARTICLE.LAST_ACTIVITY_AT, ARTICLE.CREATED_AT).desc(), ARTICLE.ID.desc())
                .limit(perPage + 1).offset(Math.max(0, page - 1) * perPage)
                .forEach(r -> {
                    Article a = byId.get(r.value1());
                    if (a != null) { // published after the snapshot was read: listed from the next one on
                        cards.add(new Card(a, r.value5(), r.value6(), r.value2(), r.value3(), r.value4()));
                    }
                });
        boolean more = cards.size() > perPage;
        return new Cards(more ? List.copyOf(cards.subList(0, perPage)) : List.copyOf(cards), more);
    }

    /** Items still in use, in order of appearance, of every article. */
    public List<Item> activeItems() {
        List<Item> items = new ArrayList<>();
        db.dsl().selectFrom(ITEM).where(ITEM.RETIRED_AT.isNull()).orderBy(ITEM.ARTICLE_ID, ITEM.POSITION, ITEM.ID)
                .forEach(r -> items.add(toItem(r)));
        return List.copyOf(items);
    }

    /** An article's items still in use, in order of appearance. */
    public List<Item> activeItems(long articleId) {
        return activeItemsAndStandings(articleId).items();
    }

    /** Items still in use, in order of appearance, and the standing of each: one query. */
    public record Active(List<Item> items, Map<Long, Standing> standings) {
    }

    public Active activeItemsAndStandings(long articleId) {
        List<Item> items = new ArrayList<>();
        Map<Long, Standing> standings = new HashMap<>();
        db.dsl().selectFrom(ITEM)
                .where(ITEM.RETIRED_AT.isNull().and(ITEM.ARTICLE_ID.eq(articleId)))
                .orderBy(ITEM.POSITION, ITEM.ID)
                .forEach(r -> {
                    items.add(toItem(r));
                    standings.put(r.getId(), new Standing(r.getId(),
                            new Tally(r.getAgreeCount(), r.getUnsureCount(), r.getDisagreeCount()),
                            r.getCommunityForecast(), r.getForecasterCount()));
                });
        return new Active(List.copyOf(items), Map.copyOf(standings));
    }

    /** Every item, retired ones included (a retired item's page still answers, marked retired). */
    public Optional<Item> item(long id) {
        return ITEM_BY_ID.fetchOptional(db.dsl(), id).map(ArticleRepository::itemAt);
    }

    /**
     * An item from a row of {@link #ITEM_BY_ID}, whose columns are the table's in its order: read by position, as
     * jOOQ's {@code into(ITEM)} matches every column by comparing names and tables, a quarter of an item page's CPU.
     */
    private static Item itemAt(Record r) {
        ItemRecord item = ITEM.newRecord();
        item.fromArray(r.intoArray());
        return toItem(item);
    }

    /** An item by its id: every view of an item page and every write to one reads it. */
    private static final Reusable<Record> ITEM_BY_ID = Reusable.query(1, d -> d
            .select(ITEM.fields()).from(ITEM).where(ITEM.ID.eq(Reusable.value(0, ITEM.ID))));

    /** An item's statement, read in the caller's transaction {@code tx}. */
    public String statement(DSLContext tx, long itemId) {
        return tx.select(ITEM.STATEMENT).from(ITEM).where(ITEM.ID.eq(itemId)).fetchOne(ITEM.STATEMENT);
    }

    /** One item's standing. */
    public Standing standing(long itemId) {
        return db.dsl().select(ITEM.ID, ITEM.AGREE_COUNT, ITEM.UNSURE_COUNT, ITEM.DISAGREE_COUNT,
                        ITEM.COMMUNITY_FORECAST, ITEM.FORECASTER_COUNT)
                .from(ITEM).where(ITEM.ID.eq(itemId))
                .fetchOptional(r -> new Standing(r.value1(), new Tally(r.value2(), r.value3(), r.value4()),
                        r.value5(), r.value6()))
                .orElse(Standing.none(itemId));
    }

    public static Article toArticle(ArticleRecord r) {
        return new Article(r.getId(), r.getSlug(), r.getTitle(), r.getAuthors(), r.getPublisher(), r.getPublishedOn(),
                r.getSourceUrl(), Article.Format.of(r.getFormat()), r.getMarkdown(), r.getBody(),
                quotedList(r.getQuoted()), r.getRevision(), r.getRetiredAt() != null, r.getRetireReason());
    }

    /** The people an article quotes, stored one per line. */
    public static List<String> quotedList(String stored) {
        return Arrays.stream(stored.split("\n")).map(String::strip).filter(s -> !s.isEmpty()).distinct().toList();
    }

    static Item toItem(ItemRecord r) {
        return new Item(r.getId(), r.getArticleId(), r.getPosition(), ItemKind.of(r.getKind()), r.getStatement(),
                r.getAssertedBy(), r.getQuote(), r.getQuoteStart(), r.getResolutionCriteria(), r.getResolveBy(),
                r.getImpliedProbability(), r.getImpliedWording(), ItemStatus.of(r.getStatus()),
                r.getRetiredAt() != null, r.getRetireReason(), r.getDebateLocked(), r.getProposedBy(),
                r.getRevisionCount());
    }
}
