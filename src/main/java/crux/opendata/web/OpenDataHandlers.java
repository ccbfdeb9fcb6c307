package crux.opendata.web;

import static crux.db.generated.Tables.COMMENT;
import static crux.db.generated.Tables.FORECAST;
import static crux.db.generated.Tables.ITEM;
import static crux.db.generated.Tables.MEMBER;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndContentImpl;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndEntryImpl;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndFeedImpl;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedOutput;
import crux.article.ArticleRepository;
import crux.article.Item;
import crux.db.Database;
import crux.debate.CommentWriteRepository;
import crux.debate.Markdown;
import crux.forecasts.CommunityPoint;
import crux.forecasts.ForecastRepository;
import crux.forecasts.ScoreRepository;
import crux.opendata.Csv;
import crux.opendata.PseudonymRepository;
import crux.web.HttpError;
import crux.web.Ids;
import io.javalin.http.Context;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jooq.Condition;
import org.jooq.Record;

/**
 * Open data: Atom feeds of arguments (site-wide and per item), an item as JSON, a prediction's forecasts as CSV.
 * Only visible, undeleted comments are published; hidden, pending, removed and deleted ones appear in the JSON tree
 * as placeholders without body or author, and nowhere else.
 */
public final class OpenDataHandlers {

    /** Entries in the site-wide feed. */
    public static final int FEED_ENTRIES = 50;
    static final String DELETED_MEMBER = "[deleted member]";

    /** A comment as open data shows it. */
    record CommentRow(long id, long itemId, Long parentId, String side, String author, String bodyHtml,
            String bodySource,
                      OffsetDateTime createdAt, OffsetDateTime editedAt, boolean published, String itemStatement) {
    }

    public record Anchor(String quote, int start, int end) {
    }

    public record Tallies(int agree, int unsure, int disagree) {
    }

    public record Point(String at, double value, int forecasters) {
    }

    public record Community(Double current, int forecasters, List<Point> history) {
    }

    public record Resolution(String outcome, String resolvedAt, String note, String source) {
    }

    /** An argument or reply; a placeholder (not visible) has no author, body or side. */
    public record Argument(long id, String url, String side, String author, String bodyHtml, String createdAt,
                           String editedAt, boolean placeholder, List<Argument> replies) {
    }

    public record ItemJson(long id, String url, String statement, String kind, String assertedBy, Anchor passage,
                           String status, Tallies tallies, Community communityForecast, Resolution resolution,
                           List<Argument> arguments) {
    }

    private final Database db;
    private final ArticleRepository articles;
    private final ScoreRepository scores;
    private final PseudonymRepository pseudonyms;
    private final Supplier<String> baseUrl;
    private final ObjectMapper json = new ObjectMapper()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT);

    public OpenDataHandlers(Database db, ArticleRepository articles, ScoreRepository scores,
            PseudonymRepository pseudonyms,
                            Supplier<String> baseUrl) {
        this.db = db;
        this.articles = articles;
        this.scores = scores;
        this.pseudonyms = pseudonyms;
        this.baseUrl = baseUrl;
    }

    /** Comments that may be published: visible and not deleted. */
    static Condition published() {
        return COMMENT.MODERATION_STATE.eq("visible").and(COMMENT.DELETED_AT.isNull());
    }

    private List<CommentRow> comments(Condition where, int limit, boolean newestFirst) {
        var q = db.dsl().select(COMMENT.ID, COMMENT.ITEM_ID, COMMENT.PARENT_ID, COMMENT.SIDE, MEMBER.NAME,
                        MEMBER.DELETED_AT, COMMENT.BODY_HTML, COMMENT.BODY_SOURCE, COMMENT.CREATED_AT,
                        COMMENT.EDITED_AT, COMMENT.MODERATION_STATE, COMMENT.DELETED_AT, ITEM.STATEMENT)
                .from(COMMENT).join(MEMBER).on(MEMBER.ID.eq(COMMENT.AUTHOR_ID)).join(ITEM).on(ITEM.ID.eq(COMMENT.ITEM_ID))
                .where(where)
                .orderBy(newestFirst ? COMMENT.CREATED_AT.desc() : COMMENT.CREATED_AT.asc(),
                        newestFirst ? COMMENT.ID.desc() : COMMENT.ID.asc())
                .limit(limit);
        return q.fetch(r -> new CommentRow(r.value1(), r.value2(), r.value3(), r.value4(),
                r.value6() != null ? DELETED_MEMBER : r.value5(), r.value7(), r.value8(), r.value9(), r.value10(),
                "visible".equals(r.value11()) && r.value12() == null, r.value13()));
    }

    // ---- Atom

    public void siteFeed(Context ctx) throws FeedException {
        String base = baseUrl.get();
        List<CommentRow> rows = comments(published().and(ITEM.RETIRED_AT.isNull()), FEED_ENTRIES, true);
        SyndFeed feed = feed(base + "/feed.atom", "Crux: recent arguments", base + "/", rows);
        for (CommentRow c : rows) {
            feed.getEntries().add(entry(base, c));
        }
        atom(ctx, feed);
    }

    public void itemFeed(Context ctx) throws FeedException {
        Item item = item(ctx);
        String base = baseUrl.get();
        List<CommentRow> rows = comments(published().and(COMMENT.ITEM_ID.eq(item.id())), 500, true);
        SyndFeed feed = feed(base + "/items/" + item.id() + "/feed.atom", "Crux: " + item.statement(),
                base + "/items/" + item.id(), rows);
        List<SyndEntry> entries = new ArrayList<>();
        if (item.resolved()) {
            scores.resolution(item.id()).ifPresent(r -> {
                SyndEntry e = new SyndEntryImpl();
                e.setUri(base + "/items/" + item.id() + "#resolution");
                e.setLink(base + "/items/" + item.id() + "#forecast");
                e.setTitle("Resolved " + r.outcome().name() + ": " + item.statement());
                e.setAuthor(r.resolver() == null ? "Crux moderators" : r.resolver());
                Date at = Date.from(r.resolvedAt().toInstant());
                e.setUpdatedDate(at);
                e.setPublishedDate(at);
                SyndContent content = new SyndContentImpl();
                content.setType("text");
                content.setValue(r.note() == null ? "" : r.note());
                e.setContents(List.of(content));
                entries.add(e);
                if (feed.getPublishedDate() == null || feed.getPublishedDate().before(at)) {
                    feed.setPublishedDate(at);
                }
            });
        }
        for (CommentRow c : rows) {
            entries.add(entry(base, c));
        }
        feed.setEntries(entries);
        atom(ctx, feed);
    }

    private static SyndFeed feed(String self, String title, String link, List<CommentRow> rows) {
        SyndFeed feed = new SyndFeedImpl();
        feed.setFeedType("atom_1.0");
        feed.setUri(self);
        feed.setTitle(title);
        feed.setLink(link);
        feed.setAuthor("Crux");
        feed.setPublishedDate(rows.isEmpty() ? new Date(0) : Date.from(latest(rows).toInstant()));
        return feed;
    }

    private static OffsetDateTime latest(List<CommentRow> rows) {
        return rows.stream().map(OpenDataHandlers::updated).max(OffsetDateTime::compareTo).orElseThrow();
    }

    private static OffsetDateTime updated(CommentRow c) {
        return c.editedAt() != null && c.editedAt().isAfter(c.createdAt()) ? c.editedAt() : c.createdAt();
    }

    private static SyndEntry entry(String base, CommentRow c) {
        SyndEntry e = new SyndEntryImpl();
        String url = base + "/comments/" + c.id();
        e.setUri(url);
        e.setLink(url);
        String kind = c.parentId() == null ? (c.side() == null ? "Argument" : capital(c.side())) : "Reply";
        e.setTitle(kind + " by " + c.author() + " on \u201c" + c.itemStatement() + "\u201d: "
                + Markdown.plainText(c.bodySource(), 80));
        e.setAuthor(c.author());
        e.setPublishedDate(Date.from(c.createdAt().toInstant()));
        e.setUpdatedDate(Date.from(updated(c).toInstant()));
        SyndContent content = new SyndContentImpl();
        content.setType("html");
        content.setValue(c.bodyHtml());
        e.setContents(List.of(content));
        return e;
    }

    private static String capital(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static void atom(Context ctx, SyndFeed feed) throws FeedException {
        ctx.contentType("application/atom+xml; charset=utf-8");
        ctx.result(new SyndFeedOutput().outputString(feed));
    }

    // ---- JSON

    public void itemJson(Context ctx) throws Exception {
        String raw = ctx.pathParam("id");
        long id = Ids.parse(raw.endsWith(".json") ? raw.substring(0, raw.length() - ".json".length()) : raw);
        Item item = articles.item(id).orElseThrow(HttpError::notFound);
        ctx.contentType("application/json; charset=utf-8");
        ctx.result(json.writeValueAsString(itemJson(item)));
    }

    ItemJson itemJson(Item item) {
        String base = baseUrl.get();
        var counts = db.dsl().select(ITEM.AGREE_COUNT, ITEM.UNSURE_COUNT, ITEM.DISAGREE_COUNT, ITEM.COMMUNITY_FORECAST,
                ITEM.FORECASTER_COUNT).from(ITEM).where(ITEM.ID.eq(item.id())).fetchOne();
        Community community = null;
        Resolution resolution = null;
        if (item.isPrediction()) {
            List<Point> history = new ArrayList<>();
            for (CommunityPoint p : ForecastRepository.points(db.dsl(), item.id())) {
                history.add(new Point(p.at().toString(), p.value(), p.forecasters()));
            }
            community = new Community(counts.value4(), counts.value5(), history);
            if (item.resolved()) {
                resolution = scores.resolution(item.id()).map(r -> new Resolution(r.outcome().name().toLowerCase(),
                        time(r.resolvedAt()), r.note(), r.source())).orElse(null);
            }
        }
        List<CommentRow> rows = comments(COMMENT.ITEM_ID.eq(item.id()), 10_000, false);
        Map<Long, List<CommentRow>> children = new LinkedHashMap<>();
        List<CommentRow> roots = new ArrayList<>();
        for (CommentRow c : rows) {
            if (c.parentId() == null) {
                roots.add(c);
            } else {
                children.computeIfAbsent(c.parentId(), k -> new ArrayList<>()).add(c);
            }
        }
        return new ItemJson(item.id(), base + "/items/" + item.id(), item.statement(), item.kind().name().toLowerCase(),
                item.assertedBy(), new Anchor(item.quote(), item.quoteStart(), item.quoteEnd()), item.status().code(),
                new Tallies(counts.value1(), counts.value2(), counts.value3()), community, resolution,
                tree(base, roots, children));
    }

    private static List<Argument> tree(String base, List<CommentRow> level, Map<Long, List<CommentRow>> children) {
        List<Argument> out = new ArrayList<>();
        for (CommentRow c : level) {
            List<Argument> replies = tree(base, children.getOrDefault(c.id(), List.of()), children);
            out.add(c.published()
                    ? new Argument(c.id(), base + "/comments/" + c.id(), c.side(), c.author(), c.bodyHtml(),
                            time(c.createdAt()), time(c.editedAt()), false, replies)
                    : new Argument(c.id(), null, null, null, null, time(c.createdAt()), null, true, replies));
        }
        return out;
    }

    static String time(OffsetDateTime t) {
        return t == null ? null : t.toInstant().toString();
    }

    // ---- CSV

    public void forecastsCsv(Context ctx) {
        Item item = item(ctx);
        if (!item.isPrediction()) {
            throw HttpError.notFound();
        }
        StringBuilder b = new StringBuilder(Csv.row(List.of("forecaster", "probability", "rationale", "created_at")));
        for (Record r : db.dsl().select(FORECAST.MEMBER_ID, FORECAST.PROBABILITY, FORECAST.RATIONALE,
                FORECAST.CREATED_AT)
                .from(FORECAST).where(FORECAST.ITEM_ID.eq(item.id())).orderBy(FORECAST.CREATED_AT,
                        FORECAST.ID).fetch()) {
            b.append(Csv.row(Arrays.asList(pseudonyms.of(item.id(), r.get(FORECAST.MEMBER_ID)),
                    Integer.toString(r.get(FORECAST.PROBABILITY)), r.get(FORECAST.RATIONALE),
                    r.get(FORECAST.CREATED_AT).toInstant().toString())));
        }
        ctx.contentType("text/csv; charset=utf-8");
        ctx.header("Content-Disposition", "attachment; filename=\"item-" + item.id() + "-forecasts.csv\"");
        ctx.result(b.toString());
    }

    private Item item(Context ctx) {
        return articles.item(Ids.parse(ctx.pathParam("id"))).orElseThrow(HttpError::notFound);
    }
}
