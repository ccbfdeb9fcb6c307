package crux.search;

import static crux.db.generated.Tables.ARTICLE;
import static crux.db.generated.Tables.COMMENT;
import static crux.db.generated.Tables.ITEM;
import static crux.db.generated.Tables.MEMBER;

import crux.db.Database;
import crux.db.generated.tables.Member;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Record10;
import org.jooq.Select;
import org.jooq.SelectJoinStep;
import org.jooq.SelectSelectStep;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * The SQL both engines share: what a result line shows, and who may see it. Each kind's rows come from one SELECT;
 * the three are joined by UNION ALL, so a page of results costs one statement whatever the kinds.
 */
public final class SearchRepository {

    /** The author of an argument: the comment's other join on member. */
    private static final Member AUTHOR = MEMBER.as("author");

    private static final Field<String> RETIRED = DSL.when(ITEM.RETIRED_AT.isNotNull().or(ARTICLE.RETIRED_AT.isNotNull()),
            DSL.inline("retired"));

    private final Database db;

    public SearchRepository(Database db) {
        this.db = db;
    }

    Database database() {
        return db;
    }

    /** Items: statement as title, criteria and passage as text; retired ones (or in a retired article) for moderators. */
    static SelectJoinStep<Record> items(Field<?>... extra) {
        List<Field<?>> fields = new ArrayList<>(List.of(DSL.inline(SearchKind.ITEMS.code()).as("kind"),
                ITEM.ID.as("id"), ITEM.STATEMENT.as("title"),
                DSL.concat(DSL.coalesce(ITEM.RESOLUTION_CRITERIA, DSL.inline("")), DSL.inline("\n"), ITEM.QUOTE).as("text"),
                ITEM.ID.as("item_id"), DSL.castNull(SQLDataType.VARCHAR).as("item_title"), ARTICLE.SLUG.as("slug"),
                ARTICLE.TITLE.as("article_title"), DSL.castNull(SQLDataType.VARCHAR).as("author"),
                DSL.inline(false).as("reply"), ITEM.CREATED_AT.as("created_at"), RETIRED.as("state")));
        fields.addAll(List.of(extra));
        return DSL.select(fields).from(ITEM).join(ARTICLE).on(ARTICLE.ID.eq(ITEM.ARTICLE_ID));
    }

    static Condition itemsVisible(boolean moderator) {
        return moderator ? DSL.noCondition() : ITEM.RETIRED_AT.isNull().and(ARTICLE.RETIRED_AT.isNull());
    }

    /**
     * Arguments and replies: their words as text, with the item they are on. A deleted comment's words are gone
     * (emptied when it is deleted); a deleted member's comments stay, without a name, as on the item page.
     */
    static SelectJoinStep<Record> arguments(Field<?>... extra) {
        List<Field<?>> fields = new ArrayList<>(List.of(DSL.inline(SearchKind.ARGUMENTS.code()).as("kind"),
                COMMENT.ID.as("id"), DSL.castNull(SQLDataType.VARCHAR).as("title"), COMMENT.BODY_SOURCE.as("text"),
                COMMENT.ITEM_ID.as("item_id"), ITEM.STATEMENT.as("item_title"), ARTICLE.SLUG.as("slug"),
                ARTICLE.TITLE.as("article_title"),
                DSL.when(AUTHOR.DELETED_AT.isNull(), AUTHOR.NAME).as("author"),
                COMMENT.PARENT_ID.isNotNull().as("reply"), COMMENT.CREATED_AT.as("created_at"),
                DSL.when(COMMENT.MODERATION_STATE.eq("hidden"), DSL.inline("hidden"))
                        .when(COMMENT.MODERATION_STATE.eq("pending"), DSL.inline("pending review"))
                        .when(COMMENT.MODERATION_STATE.eq("removed"), DSL.inline("removed"))
                        .else_(RETIRED).as("state")));
        fields.addAll(List.of(extra));
        return DSL.select(fields).from(COMMENT).join(ITEM).on(ITEM.ID.eq(COMMENT.ITEM_ID))
                .join(ARTICLE).on(ARTICLE.ID.eq(ITEM.ARTICLE_ID)).join(AUTHOR).on(AUTHOR.ID.eq(COMMENT.AUTHOR_ID));
    }

    /**
     * What everyone may find of arguments: published (neither pending review, hidden nor removed), not deleted, on an
     * item still in its article. A banned member's arguments stay published, as they do on the item page.
     */
    static Condition argumentsVisible(boolean moderator) {
        Condition notDeleted = COMMENT.DELETED_AT.isNull();
        return moderator ? notDeleted
                : notDeleted.and(COMMENT.MODERATION_STATE.eq("visible")).and(itemsVisible(false));
    }

    /** Members by name; deleted accounts are not found (their profile is gone too). Banned members are, like their page. */
    static SelectJoinStep<Record> members(Field<?>... extra) {
        List<Field<?>> fields = new ArrayList<>(List.of(DSL.inline(SearchKind.MEMBERS.code()).as("kind"),
                MEMBER.ID.as("id"), MEMBER.NAME.as("title"), DSL.inline("").as("text"),
                DSL.castNull(SQLDataType.BIGINT).as("item_id"), DSL.castNull(SQLDataType.VARCHAR).as("item_title"),
                DSL.castNull(SQLDataType.VARCHAR).as("slug"), DSL.castNull(SQLDataType.VARCHAR).as("article_title"),
                DSL.castNull(SQLDataType.VARCHAR).as("author"), DSL.inline(false).as("reply"),
                MEMBER.CREATED_AT.as("created_at"), DSL.castNull(SQLDataType.VARCHAR).as("state")));
        fields.addAll(List.of(extra));
        return DSL.select(fields).from(MEMBER);
    }

    static Condition membersVisible() {
        return MEMBER.DELETED_AT.isNull();
    }

    static SearchHit hit(Record r) {
        return new SearchHit(SearchKind.parse(r.get("kind", String.class)).orElseThrow(), r.get("id", Long.class),
                r.get("title", String.class), r.get("text", String.class), r.get("item_id", Long.class),
                r.get("item_title", String.class), r.get("slug", String.class), r.get("article_title", String.class),
                r.get("author", String.class), Boolean.TRUE.equals(r.get("reply", Boolean.class)),
                r.get("created_at", OffsetDateTime.class), r.get("state", String.class));
    }

    /**
     * The result lines of the given ids, each kind's in one SELECT of the same statement, leaving out what the searcher
     * may not see. One statement; the caller orders them.
     */
    public List<SearchHit> hits(Map<SearchKind, List<Long>> ids, boolean moderator) {
        List<Select<Record>> parts = new ArrayList<>();
        List<Long> items = ids.getOrDefault(SearchKind.ITEMS, List.of());
        List<Long> arguments = ids.getOrDefault(SearchKind.ARGUMENTS, List.of());
        List<Long> members = ids.getOrDefault(SearchKind.MEMBERS, List.of());
        if (!items.isEmpty()) {
            parts.add(items().where(ITEM.ID.eq(DSL.any(items.toArray(Long[]::new)))).and(itemsVisible(moderator)));
        }
        if (!arguments.isEmpty()) {
            parts.add(arguments().where(COMMENT.ID.eq(DSL.any(arguments.toArray(Long[]::new))))
                    .and(argumentsVisible(moderator)));
        }
        if (!members.isEmpty()) {
            parts.add(members().where(MEMBER.ID.eq(DSL.any(members.toArray(Long[]::new)))).and(membersVisible()));
        }
        if (parts.isEmpty()) {
            return List.of();
        }
        Select<Record> all = parts.get(0);
        for (int i = 1; i < parts.size(); i++) {
            all = all.unionAll(parts.get(i));
        }
        return db.dsl().fetch(all).map(SearchRepository::hit);
    }

    /**
     * A row as the embedded engine indexes it.
     *
     * @param main      the words that weigh most: an item's statement, a comment's text, a member's name
     * @param more      an item's resolution criteria and passage
     * @param articleId null for a member
     * @param itemId    the item of an argument (and of an item, its own id); null for a member
     * @param withheld  kept from everyone but moderators: a comment pending review, hidden or removed; a retired item or
     *                  one in a retired article (the arguments on such an item are left out by the engine)
     * @param live      false when there is nothing to find any more (a deleted comment or account)
     */
    public record Document(SearchKind kind, long id, long seq, String main, String more, Long articleId, Long itemId,
                           OffsetDateTime createdAt, boolean withheld, boolean live) {
    }

    /** A row's change number: the row of {@code table} was inserted or last changed as change {@code seq}. */
    public record Change(String table, long id, long seq) {
    }

    /**
     * Rows changed after {@code afterSeq}, oldest change first, at most {@code limit}: one statement, reading only
     * the {@code search_seq} indexes (nothing at all when nothing changed).
     */
    public List<Change> changes(long afterSeq, int limit) {
        // plain SQL of its own: every search on the embedded database asks this first, and building the union as a
        // query object each time costs as much as all the rest of an answered search (JFR)
        return db.dsl().resultQuery(CHANGES, afterSeq, afterSeq, afterSeq, afterSeq, limit)
                .fetch(r -> new Change(r.get(0, String.class), r.get(1, Long.class), r.get(2, Long.class)));
    }

    /** Rows changed after a number, in the order of their numbers (the four range reads use search_seq's indexes). */
    private static final String CHANGES = "SELECT t, id, seq FROM ("
            + "SELECT 'comment' AS t, id, search_seq AS seq FROM comment WHERE search_seq > ?"
            + " UNION ALL SELECT 'item', id, search_seq FROM item WHERE search_seq > ?"
            + " UNION ALL SELECT 'member', id, search_seq FROM member WHERE search_seq > ?"
            + " UNION ALL SELECT 'article', id, search_seq FROM article WHERE search_seq > ?"
            + ") AS changed ORDER BY seq LIMIT ?";

    /**
     * The rows of the given tables' ids as the index holds them (for a changed article: its items), each table's in
     * one SELECT of the same statement.
     */
    public List<Document> documents(Map<String, List<Long>> ids) {
        // kind, id, seq, main, more, article, item, created, withheld, live
        List<Select<Record10<String, Long, Long, String, String, Long, Long, OffsetDateTime, Boolean, Boolean>>> parts = new ArrayList<>();
        List<Long> comments = ids.getOrDefault("comment", List.of());
        List<Long> items = ids.getOrDefault("item", List.of());
        List<Long> articles = ids.getOrDefault("article", List.of());
        List<Long> members = ids.getOrDefault("member", List.of());
        Field<Boolean> itemRetired = ITEM.RETIRED_AT.isNotNull().or(ARTICLE.RETIRED_AT.isNotNull());
        if (!comments.isEmpty()) {
            parts.add(doc(DSL.inline(SearchKind.ARGUMENTS.code()), COMMENT.ID, COMMENT.SEARCH_SEQ, COMMENT.BODY_SOURCE,
                            DSL.inline(""), ITEM.ARTICLE_ID, COMMENT.ITEM_ID, COMMENT.CREATED_AT,
                            COMMENT.MODERATION_STATE.ne("visible"), COMMENT.DELETED_AT.isNull())
                    .from(COMMENT).join(ITEM).on(ITEM.ID.eq(COMMENT.ITEM_ID))
                    .where(COMMENT.ID.eq(DSL.any(comments.toArray(Long[]::new)))));
        }
        if (!items.isEmpty() || !articles.isEmpty()) {
            Condition which = DSL.falseCondition();
            if (!items.isEmpty()) {
                which = which.or(ITEM.ID.eq(DSL.any(items.toArray(Long[]::new))));
            }
            if (!articles.isEmpty()) {
                which = which.or(ITEM.ARTICLE_ID.eq(DSL.any(articles.toArray(Long[]::new))));
            }
            parts.add(doc(DSL.inline(SearchKind.ITEMS.code()), ITEM.ID, ITEM.SEARCH_SEQ, ITEM.STATEMENT,
                            DSL.concat(DSL.coalesce(ITEM.RESOLUTION_CRITERIA, DSL.inline("")), DSL.inline("\n"), ITEM.QUOTE),
                            ITEM.ARTICLE_ID, ITEM.ID, ITEM.CREATED_AT, itemRetired, DSL.inline(true))
                    .from(ITEM).join(ARTICLE).on(ARTICLE.ID.eq(ITEM.ARTICLE_ID)).where(which));
        }
        if (!members.isEmpty()) {
            parts.add(doc(DSL.inline(SearchKind.MEMBERS.code()), MEMBER.ID, MEMBER.SEARCH_SEQ, MEMBER.NAME,
                            DSL.inline(""), DSL.castNull(SQLDataType.BIGINT), DSL.castNull(SQLDataType.BIGINT),
                            MEMBER.CREATED_AT, DSL.inline(false), MEMBER.DELETED_AT.isNull())
                    .from(MEMBER).where(MEMBER.ID.eq(DSL.any(members.toArray(Long[]::new)))));
        }
        if (parts.isEmpty()) {
            return List.of();
        }
        Select<Record10<String, Long, Long, String, String, Long, Long, OffsetDateTime, Boolean, Boolean>> all = parts.get(0);
        for (int i = 1; i < parts.size(); i++) {
            all = all.unionAll(parts.get(i));
        }
        return db.dsl().fetch(all).map(r -> new Document(SearchKind.parse(r.get("kind", String.class)).orElseThrow(),
                r.get("id", Long.class), r.get("seq", Long.class) == null ? 0 : r.get("seq", Long.class),
                r.get("main", String.class), r.get("more", String.class), r.get("article_id", Long.class),
                r.get("item_id", Long.class), r.get("created_at", OffsetDateTime.class),
                Boolean.TRUE.equals(r.get("withheld", Boolean.class)), Boolean.TRUE.equals(r.get("live", Boolean.class))));
    }

    /** The columns of {@link #documents}, named. */
    private static SelectSelectStep<Record10<String, Long, Long, String, String, Long, Long, OffsetDateTime, Boolean,
            Boolean>> doc(Field<String> kind, Field<Long> id, Field<Long> seq, Field<String> main, Field<String> more,
                          Field<Long> article, Field<Long> item, Field<OffsetDateTime> created,
                          Field<Boolean> withheld, Field<Boolean> live) {
        return DSL.select(kind.as("kind"), id.as("id"), seq.as("seq"), main.as("main"), more.as("more"),
                article.as("article_id"), item.as("item_id"), created.as("created_at"), withheld.as("withheld"),
                live.as("live"));
    }

    /** The highest change number any row carries: an index that holds a higher one belongs to another database. */
    public long lastChange() {
        Long max = db.dsl().select(DSL.greatest(
                DSL.field(DSL.select(DSL.max(ARTICLE.SEARCH_SEQ)).from(ARTICLE)).coalesce(0L),
                DSL.field(DSL.select(DSL.max(COMMENT.SEARCH_SEQ)).from(COMMENT)).coalesce(0L),
                DSL.field(DSL.select(DSL.max(ITEM.SEARCH_SEQ)).from(ITEM)).coalesce(0L),
                DSL.field(DSL.select(DSL.max(MEMBER.SEARCH_SEQ)).from(MEMBER)).coalesce(0L))).fetchOne().value1();
        return max == null ? 0 : max;
    }
}
