package crux.search;

import static crux.db.generated.Tables.ARTICLE;
import static crux.db.generated.Tables.COMMENT;
import static crux.db.generated.Tables.ITEM;
import static crux.db.generated.Tables.MEMBER;

import crux.db.Database;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Select;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * Search on PostgreSQL: the {@code search_tsv} columns (generated from the text, so always current; GIN-indexed, see
 * migration V71) matched by {@code websearch_to_tsquery}, ranked by {@code ts_rank}, newer first among equals. One
 * statement per search: the page, and the total beside each row.
 */
public final class PostgresSearchRepository implements SearchEngine {

    private final Database db;

    public PostgresSearchRepository(Database db) {
        this.db = db;
    }

    @Override
    public SearchResults search(SearchRequest r) {
        if (r.query().empty()) {
            return SearchResults.NONE;
        }
        String websearch = r.query().websearch();
        List<Select<Record>> parts = new ArrayList<>();
        if (r.includes(SearchKind.ITEMS)) {
            Field<?> tsv = DSL.field(DSL.name(ITEM.getName(), "search_tsv"));
            parts.add(SearchRepository.items(rank(tsv, "english", websearch))
                    .where(matches(tsv, "english", websearch)).and(SearchRepository.itemsVisible(r.moderator()))
                    .and(article(r)));
        }
        if (r.includes(SearchKind.ARGUMENTS)) {
            Field<?> tsv = DSL.field(DSL.name(COMMENT.getName(), "search_tsv"));
            parts.add(SearchRepository.arguments(rank(tsv, "english", websearch))
                    .where(matches(tsv, "english", websearch)).and(SearchRepository.argumentsVisible(r.moderator()))
                    .and(article(r)));
        }
        if (r.includes(SearchKind.MEMBERS)) {
            Field<?> tsv = DSL.field(DSL.name(MEMBER.getName(), "search_tsv"));
            parts.add(SearchRepository.members(rank(tsv, "simple", websearch))
                    .where(matches(tsv, "simple", websearch)).and(SearchRepository.membersVisible()));
        }
        Select<Record> all = parts.get(0);
        for (int i = 1; i < parts.size(); i++) {
            all = all.unionAll(parts.get(i));
        }
        Table<Record> found = all.asTable("found");
        Field<Integer> total = DSL.count().over().as("total");
        var rows = db.dsl().select(found.fields()).select(total).from(found)
                .orderBy(found.field("rank").desc(), found.field("created_at").desc(), found.field("kind"),
                        found.field("id"))
                .limit(SearchRequest.PAGE_SIZE).offset(r.offset()).fetch();
        int count = rows.isEmpty() ? 0 : rows.get(0).get(total);
        return new SearchResults(rows.map(SearchRepository::hit), count);
    }

    /**
     * The version of what is searched (migration V78): the highest change number any row of item, comment, member or
     * article carries, or the last deletion's. Empty when the sequence has handed out a higher number than any
     * committed row shows: a change is being committed (or was rolled back), and results read now might miss a change
     * that later commits with a lower number than one already seen. (A sequence not yet called, as after a move, has
     * handed out the number before its next.) One statement, five index probes.
     */
    public OptionalLong version() {
        Record row = db.dsl().resultQuery(VERSION).fetchOne();
        long handed = row.get(0, Long.class);
        long seen = row.get(1, Long.class);
        return handed == seen ? OptionalLong.of(seen) : OptionalLong.empty();
    }

    private static final String VERSION = "SELECT (SELECT CASE WHEN is_called THEN last_value ELSE last_value - 1 END FROM search_seq),"
            + " greatest((SELECT coalesce(max(search_seq), 0) FROM search_removal),"
            + " (SELECT coalesce(max(search_seq), 0) FROM item), (SELECT coalesce(max(search_seq), 0) FROM comment),"
            + " (SELECT coalesce(max(search_seq), 0) FROM member), (SELECT coalesce(max(search_seq), 0) FROM article))";

    private static Condition article(SearchRequest r) {
        return r.articleId() == null ? DSL.noCondition() : ARTICLE.ID.eq(r.articleId());
    }

    private static Field<Float> rank(Field<?> tsv, String config, String websearch) {
        return DSL.field("ts_rank({0}, websearch_to_tsquery({1}::regconfig, {2}))", SQLDataType.REAL, tsv,
                DSL.inline(config), DSL.val(websearch)).as("rank");
    }

    private static Condition matches(Field<?> tsv, String config, String websearch) {
        return DSL.condition("{0} @@ websearch_to_tsquery({1}::regconfig, {2})", tsv, DSL.inline(config),
                DSL.val(websearch));
    }
}
