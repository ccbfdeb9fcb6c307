package crux.article;

import static crux.db.generated.Tables.ARTICLE;
import static crux.db.generated.Tables.ITEM;

import crux.db.Database;
import crux.db.generated.tables.records.ItemRecord;
import java.util.List;
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

    static Item toItem(ItemRecord r) {
        return new Item(r.getId(), r.getPosition(), ItemKind.of(r.getKind()), r.getStatement(), r.getAssertedBy(),
                r.getQuote(), r.getQuoteStart(), r.getResolutionCriteria(), r.getResolveBy(),
                r.getImpliedProbability(), r.getImpliedWording(), r.getStatus(), r.getRetiredAt() != null,
                r.getRetireReason(), r.getDebateLocked());
    }
}
