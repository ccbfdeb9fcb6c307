package crux.article;

import static crux.db.generated.Tables.ARTICLE;
import static crux.db.generated.Tables.ITEM;

import crux.core.Tally;
import crux.db.Database;
import crux.db.generated.tables.records.ItemRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;

/** Reads the article and its items. */
public final class ArticleRepository {

    private final Database db;
    private volatile Article article;

    public ArticleRepository(Database db) {
        this.db = db;
    }

    /**
     * The one article Crux ships with. It is written by its migration and never changed (items are edited, not
     * the text), so it is read once per process.
     */
    public Article article() {
        Article a = article;
        if (a == null) {
            a = db.dsl().selectFrom(ARTICLE).orderBy(ARTICLE.ID).limit(1).fetchOptional()
                    .map(r -> new Article(r.getId(), r.getTitle(), r.getPublisher(), r.getPublishedOn(), r.getBody()))
                    .orElseThrow(() -> new IllegalStateException("the article is missing: migrations did not run"));
            article = a;
        }
        return a;
    }

    /** Items still in use, in order of appearance. */
    public List<Item> activeItems() {
        return activeItemsAndStandings().items();
    }

    /** Items still in use, in order of appearance, and the standing of each: one query. */
    public record Active(List<Item> items, Map<Long, Standing> standings) {
    }

    public Active activeItemsAndStandings() {
        List<Item> items = new ArrayList<>();
        Map<Long, Standing> standings = new HashMap<>();
        db.dsl().selectFrom(ITEM)
                .where(ITEM.RETIRED_AT.isNull())
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
        return db.dsl().selectFrom(ITEM).where(ITEM.ID.eq(id)).fetchOptional(ArticleRepository::toItem);
    }

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

    static Item toItem(ItemRecord r) {
        return new Item(r.getId(), r.getPosition(), ItemKind.of(r.getKind()), r.getStatement(), r.getAssertedBy(),
                r.getQuote(), r.getQuoteStart(), r.getResolutionCriteria(), r.getResolveBy(),
                r.getImpliedProbability(), r.getImpliedWording(), ItemStatus.of(r.getStatus()),
                        r.getRetiredAt() != null,
                r.getRetireReason(), r.getDebateLocked());
    }
}
