package crux.testing;

import static crux.db.generated.Tables.ITEM;

import java.util.List;
import org.jooq.DSLContext;

/**
 * The seeded article's items, found by what they say or what kind they are, never by id: ids are the database's to
 * give, and a second article or a reordered seed gives different ones.
 */
public final class Seeded {

    /** The first article's slug: its address, stable once published. */
    public static final String ARTICLE_SLUG = "is-china-about-to-disrupt-us-tech-insights-from-balaji-srinivasan";
    /** The first article's page. */
    public static final String ARTICLE = "/articles/" + ARTICLE_SLUG;

    private Seeded() {
    }

    /** The id of the one item whose statement contains {@code words}; fails unless exactly one does. */
    public static long item(DSLContext dsl, String words) {
        List<Long> ids = dsl.select(ITEM.ID).from(ITEM).where(ITEM.STATEMENT.contains(words)).fetch(ITEM.ID);
        if (ids.size() != 1) {
            throw new AssertionError("expected one item saying \"" + words + "\", found " + ids.size());
        }
        return ids.get(0);
    }

    /** The ids of the items of one kind (claim, prediction, recommendation), in the order the article makes them. */
    public static List<Long> items(DSLContext dsl, String kind) {
        List<Long> ids = dsl.select(ITEM.ID).from(ITEM).where(ITEM.KIND.eq(kind))
                .orderBy(ITEM.ARTICLE_ID, ITEM.POSITION).fetch(ITEM.ID);
        if (ids.isEmpty()) {
            throw new AssertionError("no item of kind " + kind);
        }
        return ids;
    }

    /** The first item of a kind that the article's text highlights, found over HTTP (for a Crux in another JVM). */
    public static long firstInText(TestClient c, String kind) {
        String href = c.get(ARTICLE).html().select("article a.passage--" + kind).attr("href");
        if (!href.startsWith("/items/")) {
            throw new AssertionError("no highlighted " + kind + " on the article page");
        }
        return Long.parseLong(href.substring("/items/".length()));
    }
}
