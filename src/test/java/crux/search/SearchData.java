package crux.search;

import static crux.db.generated.Sequences.COMMENT_ID_SEQ;
import static crux.db.generated.Tables.ARTICLE;
import static crux.db.generated.Tables.COMMENT;
import static crux.db.generated.Tables.ITEM;

import crux.debate.ThreadPath;
import crux.markdown.Markdown;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;

/** Rows put straight into the database, as any write path would leave them: search must find them all the same. */
final class SearchData {

    private SearchData() {
    }

    /** Top-level arguments with the given texts on an item, one minute apart (oldest first); returns their ids. */
    static List<Long> arguments(DSLContext dsl, long itemId, long authorId, List<String> bodies) {
        List<Long> ids = dsl.select(COMMENT_ID_SEQ.nextval()).from(org.jooq.impl.DSL.generateSeries(1, bodies.size()))
                .fetch(r -> r.value1()).stream().sorted().toList();
        OffsetDateTime start = OffsetDateTime.of(2025, 4, 1, 9, 0, 0, 0, ZoneOffset.UTC);
        var insert = new ArrayList<org.jooq.Query>();
        for (int i = 0; i < bodies.size(); i++) {
            long id = ids.get(i);
            insert.add(dsl.insertInto(COMMENT).set(COMMENT.ID, id).set(COMMENT.ITEM_ID, itemId)
                    .set(COMMENT.AUTHOR_ID, authorId).set(COMMENT.PATH, ThreadPath.child(null, id))
                    .set(COMMENT.DEPTH, 1).set(COMMENT.SIDE, "supports").set(COMMENT.BODY_SOURCE, bodies.get(i))
                    .set(COMMENT.BODY_HTML, Markdown.render(bodies.get(i)))
                    .set(COMMENT.CREATED_AT, start.plusMinutes(i)).set(COMMENT.POST_KEY, "search-" + id));
        }
        dsl.batch(insert).execute();
        return ids;
    }

    /** A second article with one claim stating {@code statement}; returns the item's id. */
    static long articleWithClaim(DSLContext dsl, String slug, String statement) {
        long article = dsl.insertInto(ARTICLE).set(ARTICLE.TITLE, "A second article for search")
                .set(ARTICLE.PUBLISHER, "Crux tests").set(ARTICLE.PUBLISHED_ON, LocalDate.of(2025, 5, 1))
                .set(ARTICLE.BODY, "The whole text. " + statement).set(ARTICLE.SLUG, slug)
                .returning(ARTICLE.ID).fetchOne().getId();
        return dsl.insertInto(ITEM).set(ITEM.ARTICLE_ID, article).set(ITEM.POSITION, 1).set(ITEM.KIND, "claim")
                .set(ITEM.STATEMENT, statement).set(ITEM.ASSERTED_BY, "The article's author")
                .set(ITEM.QUOTE, statement).set(ITEM.QUOTE_START, 16).returning(ITEM.ID).fetchOne().getId();
    }
}
