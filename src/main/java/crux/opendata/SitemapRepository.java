package crux.opendata;

import static crux.db.generated.Tables.ARTICLE;
import static crux.db.generated.Tables.COMMENT;
import static crux.db.generated.Tables.ITEM;

import crux.db.Database;
import java.time.OffsetDateTime;
import java.util.List;
import org.jooq.impl.DSL;

/**
 * What the sitemap lists: every article that is listed (not retired) and every item still in one, each with when its
 * page last changed. Retired articles and items keep their pages for links already made, but are no longer offered to
 * search engines, as the front page no longer lists them.
 */
public final class SitemapRepository {

    /** A sitemap file holds at most 50,000 addresses (sitemaps.org); Crux is far from that. */
    public static final int MAX_URLS = 50_000;

    /** An article page and when it last changed: published, revised, or last active. */
    public record ArticleEntry(String slug, OffsetDateTime modified) {
    }

    /** An item page and when it last changed: added, or its newest comment. */
    public record ItemEntry(long id, OffsetDateTime modified) {
    }

    /** Both lists. */
    public record Entries(List<ArticleEntry> articles, List<ItemEntry> items) {
    }

    private final Database db;

    public SitemapRepository(Database db) {
        this.db = db;
    }

    /** Two queries, however many articles, items and comments. */
    public Entries entries() {
        List<ArticleEntry> articles = db.dsl().select(ARTICLE.SLUG, ARTICLE.CREATED_AT, ARTICLE.LAST_ACTIVITY_AT)
                .from(ARTICLE).where(ARTICLE.RETIRED_AT.isNull())
                .orderBy(ARTICLE.ID).limit(MAX_URLS)
                .fetch(r -> new ArticleEntry(r.value1(), later(r.value2(), r.value3())));
        var newest = DSL.max(COMMENT.CREATED_AT);
        List<ItemEntry> items = db.dsl().select(ITEM.ID, ITEM.CREATED_AT, newest)
                .from(ITEM).join(ARTICLE).on(ARTICLE.ID.eq(ITEM.ARTICLE_ID))
                .leftJoin(COMMENT).on(COMMENT.ITEM_ID.eq(ITEM.ID))
                .and(COMMENT.MODERATION_STATE.eq("visible")).and(COMMENT.DELETED_AT.isNull())
                .where(ITEM.RETIRED_AT.isNull()).and(ARTICLE.RETIRED_AT.isNull())
                .groupBy(ITEM.ID, ITEM.CREATED_AT)
                .orderBy(ITEM.ID).limit(MAX_URLS - articles.size())
                .fetch(r -> new ItemEntry(r.value1(), later(r.value2(), r.value3())));
        return new Entries(articles, items);
    }

    private static OffsetDateTime later(OffsetDateTime a, OffsetDateTime b) {
        return b == null || (a != null && a.isAfter(b)) ? a : b;
    }
}
