package crux.opendata;

import static crux.db.generated.Tables.COMMENT;
import static crux.db.generated.Tables.FORECAST;
import static crux.db.generated.Tables.ITEM;
import static crux.db.generated.Tables.MEMBER;

import crux.db.Database;
import crux.forecasts.CommunityPoint;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.Condition;

/**
 * What open data reads: arguments for the feeds and an item's argument tree, an item's tallies, and a prediction's
 * forecasts: anonymous and by day while it is unresolved, under per-item pseudonyms once it has resolved. Only visible, undeleted comments count as published; the tree keeps the others so
 * that replies keep their place, and says which they are.
 */
public final class OpenDataRepository {

    /** Shown instead of the name of an author who deleted their account. */
    static final String DELETED_MEMBER = "[deleted member]";
    /** Comments in one item's JSON tree: a bound on the response far above any debate seen so far. */
    static final int TREE_COMMENTS = 10_000;
    /** Comments in one article's JSON: ten times one item's bound, for a whole article's debates in one response. */
    static final int ARTICLE_TREE_COMMENTS = 100_000;

    /** A comment as open data shows it; {@code published} says whether its author and body may be shown. */
    public record OpenComment(long id, long itemId, Long parentId, String side, String author, String bodyHtml,
                              String bodySource, OffsetDateTime createdAt, OffsetDateTime editedAt, boolean published,
                              String itemStatement) {
    }

    /** A comment with its replies, oldest first. */
    public record Branch(OpenComment comment, List<Branch> replies) {
    }

    /** An item's stance tallies and, for a prediction, its community forecast (null before any forecast). */
    public record Counts(int agree, int unsure, int disagree, Double communityForecast, int forecasters) {
    }

    /** One forecast on a resolved prediction as published: the forecaster is a pseudonym for this item. */
    public record PublishedForecast(String forecaster, int probability, String rationale, OffsetDateTime createdAt) {
    }

    /**
     * One forecast on an unresolved prediction as published: its probability and its day (UTC), nothing that ties it
     * to a member or to the same member's other updates.
     */
    public record UnresolvedForecast(LocalDate day, int probability) {
    }

    private final Database db;
    private final PseudonymRepository pseudonyms;

    public OpenDataRepository(Database db, PseudonymRepository pseudonyms) {
        this.db = db;
        this.pseudonyms = pseudonyms;
    }

    /** Comments that may be published: visible and not deleted. */
    static Condition published() {
        return COMMENT.MODERATION_STATE.eq("visible").and(COMMENT.DELETED_AT.isNull());
    }

    /** The newest published arguments and replies on items still in the article: one query. */
    public List<OpenComment> recentArguments(int limit) {
        return comments(published().and(ITEM.RETIRED_AT.isNull()), limit, true);
    }

    /** The newest published arguments and replies on one article's items still in it: one query. */
    public List<OpenComment> articleArguments(long articleId, int limit) {
        return comments(published().and(ITEM.RETIRED_AT.isNull()).and(ITEM.ARTICLE_ID.eq(articleId)), limit, true);
    }

    /** The newest published arguments and replies on one item: one query. */
    public List<OpenComment> itemArguments(long itemId, int limit) {
        return comments(published().and(COMMENT.ITEM_ID.eq(itemId)), limit, true);
    }

    /** The newest published arguments and replies of one member, on any item: one query. */
    public List<OpenComment> memberArguments(long authorId, int limit) {
        return comments(published().and(COMMENT.AUTHOR_ID.eq(authorId)), limit, true);
    }

    /** Every comment on an item, published or not, as threads oldest first: one query. */
    public List<Branch> thread(long itemId) {
        Map<Long, List<OpenComment>> children = new LinkedHashMap<>();
        List<OpenComment> roots = new ArrayList<>();
        for (OpenComment c : comments(COMMENT.ITEM_ID.eq(itemId), TREE_COMMENTS, false)) {
            if (c.parentId() == null) {
                roots.add(c);
            } else {
                children.computeIfAbsent(c.parentId(), k -> new ArrayList<>()).add(c);
            }
        }
        return branches(roots, children);
    }

    /**
     * Every comment on an article's items still in it, published or not, as each item's threads oldest first: one
     * query, however many items. Items without comments are absent.
     */
    public Map<Long, List<Branch>> articleThreads(long articleId) {
        Map<Long, List<OpenComment>> roots = new LinkedHashMap<>();
        Map<Long, List<OpenComment>> children = new LinkedHashMap<>();
        for (OpenComment c : comments(ITEM.ARTICLE_ID.eq(articleId).and(ITEM.RETIRED_AT.isNull()),
                ARTICLE_TREE_COMMENTS, false)) {
            (c.parentId() == null ? roots.computeIfAbsent(c.itemId(), k -> new ArrayList<>())
                    : children.computeIfAbsent(c.parentId(), k -> new ArrayList<>())).add(c);
        }
        Map<Long, List<Branch>> out = new LinkedHashMap<>();
        roots.forEach((item, level) -> out.put(item, branches(level, children)));
        return out;
    }

    /**
     * Every point of the community forecast of an article's predictions still in it, by item, oldest first: one
     * query (as {@code ForecastRepository.points} does for one item).
     */
    public Map<Long, List<CommunityPoint>> articlePoints(long articleId) {
        Map<Long, List<CommunityPoint>> out = new LinkedHashMap<>();
        db.dsl().select(FORECAST.ITEM_ID, FORECAST.CREATED_AT, FORECAST.COMMUNITY, FORECAST.FORECASTERS)
                .from(FORECAST).join(ITEM).on(ITEM.ID.eq(FORECAST.ITEM_ID))
                .where(ITEM.ARTICLE_ID.eq(articleId)).and(ITEM.RETIRED_AT.isNull()).and(FORECAST.COMMUNITY.isNotNull())
                .orderBy(FORECAST.ITEM_ID, FORECAST.CREATED_AT, FORECAST.ID)
                .forEach(r -> out.computeIfAbsent(r.value1(), k -> new ArrayList<>())
                        .add(new CommunityPoint(r.value2().toInstant(), r.value3(), r.value4())));
        return out;
    }

    private static List<Branch> branches(List<OpenComment> level, Map<Long, List<OpenComment>> children) {
        List<Branch> out = new ArrayList<>();
        for (OpenComment c : level) {
            out.add(new Branch(c, branches(children.getOrDefault(c.id(), List.of()), children)));
        }
        return out;
    }

    private List<OpenComment> comments(Condition where, int limit, boolean newestFirst) {
        var q = db.dsl().select(COMMENT.ID, COMMENT.ITEM_ID, COMMENT.PARENT_ID, COMMENT.SIDE, MEMBER.NAME,
                        MEMBER.DELETED_AT, COMMENT.BODY_HTML, COMMENT.BODY_SOURCE, COMMENT.CREATED_AT,
                        COMMENT.EDITED_AT, COMMENT.MODERATION_STATE, COMMENT.DELETED_AT, ITEM.STATEMENT)
                .from(COMMENT).join(MEMBER).on(MEMBER.ID.eq(COMMENT.AUTHOR_ID)).join(ITEM).on(ITEM.ID.eq(COMMENT.ITEM_ID))
                .where(where)
                .orderBy(newestFirst ? COMMENT.CREATED_AT.desc() : COMMENT.CREATED_AT.asc(),
                        newestFirst ? COMMENT.ID.desc() : COMMENT.ID.asc())
                .limit(limit);
        return q.fetch(r -> new OpenComment(r.value1(), r.value2(), r.value3(), r.value4(),
                r.value6() != null ? DELETED_MEMBER : r.value5(), r.value7(), r.value8(), r.value9(), r.value10(),
                "visible".equals(r.value11()) && r.value12() == null, r.value13()));
    }

    /** An item's tallies and community forecast: one query. */
    public Counts counts(long itemId) {
        return db.dsl().select(ITEM.AGREE_COUNT, ITEM.UNSURE_COUNT, ITEM.DISAGREE_COUNT, ITEM.COMMUNITY_FORECAST,
                        ITEM.FORECASTER_COUNT).from(ITEM).where(ITEM.ID.eq(itemId))
                .fetchOne(r -> new Counts(r.value1(), r.value2(), r.value3(), r.value4(), r.value5()));
    }

    /**
     * Every forecast on an unresolved prediction, by day and, within a day, by probability (so the order within a day
     * tells nothing of who came when): one query.
     */
    public List<UnresolvedForecast> unresolvedForecasts(long itemId) {
        List<UnresolvedForecast> out = new ArrayList<>();
        db.dsl().select(FORECAST.CREATED_AT, FORECAST.PROBABILITY).from(FORECAST).where(FORECAST.ITEM_ID.eq(itemId))
                .forEach(r -> out.add(new UnresolvedForecast(
                        r.value1().withOffsetSameInstant(ZoneOffset.UTC).toLocalDate(), r.value2())));
        out.sort(Comparator.comparing(UnresolvedForecast::day).thenComparingInt(UnresolvedForecast::probability));
        return out;
    }

    /**
     * Every forecast on a resolved prediction, oldest first, each forecaster under their pseudonym for this item: one
     * query.
     */
    public List<PublishedForecast> forecasts(long itemId) {
        return db.dsl().select(FORECAST.MEMBER_ID, FORECAST.PROBABILITY, FORECAST.RATIONALE, FORECAST.CREATED_AT)
                .from(FORECAST).where(FORECAST.ITEM_ID.eq(itemId)).orderBy(FORECAST.CREATED_AT, FORECAST.ID)
                .fetch(r -> new PublishedForecast(pseudonyms.of(itemId, r.value1()), r.value2(), r.value3(),
                        r.value4()));
    }
}
