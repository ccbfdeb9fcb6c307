package crux.search;

import static crux.db.generated.Sequences.COMMENT_ID_SEQ;
import static crux.db.generated.Tables.ARTICLE;
import static crux.db.generated.Tables.COMMENT;
import static crux.db.generated.Tables.ITEM;

import crux.db.generated.tables.records.CommentRecord;
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
        List<CommentRecord> records = new ArrayList<>();
        for (int i = 0; i < bodies.size(); i++) {
            long id = ids.get(i);
            CommentRecord r = dsl.newRecord(COMMENT);
            r.setId(id);
            r.setItemId(itemId);
            r.setAuthorId(authorId);
            r.setPath(ThreadPath.child(null, id));
            r.setDepth(1);
            r.setSide("supports");
            r.setBodySource(bodies.get(i));
            r.setBodyHtml(Markdown.render(bodies.get(i)));
            r.setCreatedAt(start.plusMinutes(i));
            r.setPostKey("search-" + id);
            records.add(r);
        }
        dsl.batchInsert(records).execute();
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
