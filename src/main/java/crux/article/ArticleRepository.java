package crux.article;

import static crux.db.generated.Tables.ARTICLE;
import static crux.db.generated.Tables.ITEM;

import crux.db.Database;
import crux.db.generated.tables.records.ItemRecord;
import crux.stances.Tally;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads the article and its items. */
public final class ArticleRepository {

    private final Database db;

    public ArticleRepository(Database db) {
        this.db = db;
    }

    /** The one article Crux ships with. */
    public Article article() {
        return db.dsl().selectFrom(ARTICLE).orderBy(ARTICLE.ID).limit(1).fetchOptional()
                .map(r -> new Article(r.getId(), r.getTitle(), r.getPublisher(), r.getPublishedOn(), r.getBody()))
                .orElseThrow(() -> new IllegalStateException("the article is missing: migrations did not run"));
    }

    /** Items still in use, in order of appearance. */
    public List<Item> activeItems() {
        return db.dsl().selectFrom(ITEM)
                .where(ITEM.RETIRED_AT.isNull())
                .orderBy(ITEM.POSITION, ITEM.ID)
                .fetch(ArticleRepository::toItem);
    }

    /** Every item, retired ones included (a retired item's page still answers, marked retired). */
    public Optional<Item> item(long id) {
        return db.dsl().selectFrom(ITEM).where(ITEM.ID.eq(id)).fetchOptional(ArticleRepository::toItem);
    }

    /** The standing of every item still in use, from the counters on the items: one query for the whole article. */
    public Map<Long, Standing> standings() {
        return db.dsl().select(ITEM.ID, ITEM.AGREE_COUNT, ITEM.UNSURE_COUNT, ITEM.DISAGREE_COUNT,
                        ITEM.COMMUNITY_FORECAST, ITEM.FORECASTER_COUNT)
                .from(ITEM).where(ITEM.RETIRED_AT.isNull())
                .fetchMap(r -> r.value1(), r -> new Standing(r.value1(), new Tally(r.value2(), r.value3(), r.value4()),
                        r.value5(), r.value6()));
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
                r.getImpliedProbability(), r.getImpliedWording(), r.getStatus(), r.getRetiredAt() != null,
                r.getRetireReason(), r.getDebateLocked());
    }
}
