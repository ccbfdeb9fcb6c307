package crux.opendata.web;

import static crux.core.TextHygiene.xml;

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
import crux.accounts.AccountRepository;
import crux.accounts.Member;
import crux.article.Article;
import crux.article.ArticleRepository;
import crux.article.Item;
import crux.article.Standing;
import crux.markdown.Markdown;
import crux.forecasts.CommunityPoint;
import crux.forecasts.ForecastRepository;
import crux.forecasts.ScoreRepository;
import crux.opendata.Csv;
import crux.opendata.OpenDataRepository;
import crux.opendata.OpenDataRepository.Branch;
import crux.opendata.OpenDataRepository.Counts;
import crux.opendata.OpenDataRepository.OpenComment;
import crux.opendata.OpenDataRepository.PublishedForecast;
import crux.opendata.OpenDataRepository.UnresolvedForecast;
import crux.web.HttpError;
import crux.web.Ids;
import crux.web.Paths;
import io.javalin.http.Context;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Date;
import java.util.List;
import java.util.function.Supplier;

/**
 * Open data: Atom feeds of arguments (site-wide and per item), an item as JSON, a prediction's forecasts as CSV.
 * Only visible, undeleted comments are published; hidden, pending, removed and deleted ones appear in the JSON tree
 * as placeholders without body or author, and nowhere else.
 */
public final class OpenDataHandlers {

    /** Entries in the site-wide feed. */
    public static final int FEED_ENTRIES = 50;
    /** Entries in one item's feed: a whole debate for any item seen so far, with a bound on the response. */
    static final int ITEM_FEED_ENTRIES = 500;

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

    /** An article as open data: its details and every item still in it, each as {@link ItemJson} gives it. */
    public record ArticleJson(String slug, String url, String title, String authors, String publisher,
                              String publishedOn, String sourceUrl, boolean retired, String feed, List<ItemJson> items) {
    }

    /** Arguments in one article's feed, beside every resolution of its predictions: a bound on the response. */
    static final int ARTICLE_FEED_ENTRIES = 200;

    /** Entries in one member's feed: their recent public arguments and replies. */
    static final int MEMBER_FEED_ENTRIES = 50;

    private final OpenDataRepository openData;
    private final AccountRepository accounts;
    private final ArticleRepository articles;
    private final ForecastRepository forecasts;
    private final ScoreRepository scores;
    private final Supplier<String> baseUrl;
    private final ObjectMapper json = new ObjectMapper()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT);

    public OpenDataHandlers(OpenDataRepository openData, AccountRepository accounts, ArticleRepository articles,
                            ForecastRepository forecasts, ScoreRepository scores, Supplier<String> baseUrl) {
        this.accounts = accounts;
        this.openData = openData;
        this.articles = articles;
        this.forecasts = forecasts;
        this.scores = scores;
        this.baseUrl = baseUrl;
    }

    // ---- Atom

    /** The whole site's feed; {@code ?article={slug}} gives that article's feed, as at its own address. */
    public void siteFeed(Context ctx) throws FeedException {
        String slug = ctx.queryParam("article");
        if (slug != null && !slug.isEmpty()) {
            articleFeed(ctx, article(slug));
            return;
        }
        String base = baseUrl.get();
        List<OpenComment> rows = openData.recentArguments(FEED_ENTRIES);
        SyndFeed feed = feed(base + "/feed.atom", "Crux: recent arguments", base + "/", rows);
        for (OpenComment c : rows) {
            feed.getEntries().add(entry(base, c));
        }
        atom(ctx, feed);
    }

    public void itemFeed(Context ctx) throws FeedException {
        Item item = item(ctx);
        String base = baseUrl.get();
        List<OpenComment> rows = openData.itemArguments(item.id(), ITEM_FEED_ENTRIES);
        SyndFeed feed = feed(base + "/items/" + item.id() + "/feed.atom", "Crux: " + item.statement(),
                base + "/items/" + item.id(), rows);
        List<SyndEntry> entries = new ArrayList<>();
        if (item.resolved()) {
            scores.resolution(item.id()).ifPresent(r -> {
                SyndEntry e = resolutionEntry(base, item.id(), item.statement(), r);
                entries.add(e);
                if (feed.getPublishedDate() == null || feed.getPublishedDate().before(e.getUpdatedDate())) {
                    feed.setPublishedDate(e.getUpdatedDate());
                }
            });
        }
        for (OpenComment c : rows) {
            entries.add(entry(base, c));
        }
        feed.setEntries(entries);
        atom(ctx, feed);
    }

    /**
     * A member's feed: their newest published arguments and replies (never a hidden, pending, removed or deleted one,
     * and nothing of their stances or forecasts). 404 for a name that is not a live member's.
     */
    public void memberFeed(Context ctx) throws FeedException {
        String name = ctx.pathParam("name");
        Member member = (name.length() > 100 ? java.util.Optional.<Member>empty() : accounts.byName(name))
                .filter(m -> !m.deleted()).orElseThrow(HttpError::notFound);
        String base = baseUrl.get();
        List<OpenComment> rows = openData.memberArguments(member.id(), MEMBER_FEED_ENTRIES);
        SyndFeed feed = feed(base + Paths.INSTANCE.userFeed(member.name()), "Crux: arguments by " + member.name(),
                base + Paths.INSTANCE.user(member.name()), rows);
        for (OpenComment c : rows) {
            feed.getEntries().add(entry(base, c));
        }
        atom(ctx, feed);
    }

    /** An article's feed: new arguments on its items and the resolutions of its predictions, newest first. */
    public void articleFeed(Context ctx) throws FeedException {
        articleFeed(ctx, article(ctx.pathParam("slug")));
    }

    private void articleFeed(Context ctx, Article article) throws FeedException {
        String base = baseUrl.get();
        List<OpenComment> rows = openData.articleArguments(article.id(), ARTICLE_FEED_ENTRIES);
        SyndFeed feed = feed(base + Paths.INSTANCE.articleFeed(article.slug()), "Crux: " + article.title(),
                base + Paths.INSTANCE.article(article.slug()), rows);
        List<SyndEntry> entries = new ArrayList<>();
        for (ScoreRepository.Resolved r : scores.resolvedIn(article.id())) {
            SyndEntry e = resolutionEntry(base, r.itemId(), r.statement(), r);
            entries.add(e);
            if (feed.getPublishedDate().before(e.getUpdatedDate())) {
                feed.setPublishedDate(e.getUpdatedDate());
            }
        }
        for (OpenComment c : rows) {
            entries.add(entry(base, c));
        }
        entries.sort(Comparator.comparing(SyndEntry::getUpdatedDate).reversed());
        feed.setEntries(entries);
        atom(ctx, feed);
    }

    private static SyndEntry resolutionEntry(String base, long itemId, String statement, ScoreRepository.Resolved r) {
        SyndEntry e = new SyndEntryImpl();
        e.setUri(base + "/items/" + itemId + "#resolution");
        e.setLink(base + "/items/" + itemId + "#forecast");
        e.setTitle(xml("Resolved " + r.outcome().name() + ": " + statement));
        e.setAuthor(r.resolver() == null ? "Crux moderators" : xml(r.resolver()));
        Date at = Date.from(r.resolvedAt().toInstant());
        e.setUpdatedDate(at);
        e.setPublishedDate(at);
        SyndContent content = new SyndContentImpl();
        content.setType("text");
        content.setValue(r.note() == null ? "" : xml(r.note()));
        e.setContents(List.of(content));
        return e;
    }

    private static SyndFeed feed(String self, String title, String link, List<OpenComment> rows) {
        SyndFeed feed = new SyndFeedImpl();
        feed.setFeedType("atom_1.0");
        feed.setUri(self);
        feed.setTitle(xml(title));
        feed.setLink(link);
        feed.setAuthor("Crux");
        feed.setPublishedDate(rows.isEmpty() ? new Date(0) : Date.from(latest(rows).toInstant()));
        return feed;
    }

    private static OffsetDateTime latest(List<OpenComment> rows) {
        return rows.stream().map(OpenDataHandlers::updated).max(OffsetDateTime::compareTo).orElseThrow();
    }

    private static OffsetDateTime updated(OpenComment c) {
        return c.editedAt() != null && c.editedAt().isAfter(c.createdAt()) ? c.editedAt() : c.createdAt();
    }

    private static SyndEntry entry(String base, OpenComment c) {
        SyndEntry e = new SyndEntryImpl();
        String url = base + "/comments/" + c.id();
        e.setUri(url);
        e.setLink(url);
        String kind = c.parentId() == null ? (c.side() == null ? "Argument" : capital(c.side())) : "Reply";
        e.setTitle(xml(kind + " by " + c.author() + " on \u201c" + c.itemStatement() + "\u201d: "
                + Markdown.plainText(c.bodySource(), 80)));
        e.setAuthor(xml(c.author()));
        e.setPublishedDate(Date.from(c.createdAt().toInstant()));
        e.setUpdatedDate(Date.from(updated(c).toInstant()));
        SyndContent content = new SyndContentImpl();
        content.setType("html");
        content.setValue(xml(c.bodyHtml()));
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
        Counts counts = openData.counts(item.id());
        boolean prediction = item.isPrediction();
        return itemJson(baseUrl.get(), item, counts, prediction ? forecasts.points(item.id()) : List.of(),
                prediction && item.resolved() ? scores.resolution(item.id()).orElse(null) : null,
                openData.thread(item.id()));
    }

    /** One item from what was read for it (or for its whole article). */
    private static ItemJson itemJson(String base, Item item, Counts counts, List<CommunityPoint> points,
                                     ScoreRepository.Resolved resolved, List<Branch> thread) {
        Community community = null;
        Resolution resolution = null;
        if (item.isPrediction()) {
            List<Point> history = new ArrayList<>();
            for (CommunityPoint p : points) {
                history.add(new Point(p.at().toString(), p.value(), p.forecasters()));
            }
            community = new Community(counts.communityForecast(), counts.forecasters(), history);
            if (item.resolved() && resolved != null) {
                resolution = new Resolution(resolved.outcome().name().toLowerCase(), time(resolved.resolvedAt()),
                        resolved.note(), resolved.source());
            }
        }
        return new ItemJson(item.id(), base + "/items/" + item.id(), item.statement(), item.kind().name().toLowerCase(),
                item.assertedBy(), new Anchor(item.quote(), item.quoteStart(), item.quoteEnd()), item.status().code(),
                new Tallies(counts.agree(), counts.unsure(), counts.disagree()), community, resolution,
                tree(base, thread));
    }

    /**
     * An article's open data in one document: each item still in it as {@code /items/{id}.json} gives it. Four
     * queries, however many items and comments.
     */
    public void articleJson(Context ctx) throws Exception {
        String raw = ctx.pathParam("slug");
        Article article = article(raw.endsWith(".json") ? raw.substring(0, raw.length() - ".json".length()) : raw);
        ctx.contentType("application/json; charset=utf-8");
        ctx.result(json.writeValueAsString(articleJson(article)));
    }

    ArticleJson articleJson(Article article) {
        String base = baseUrl.get();
        ArticleRepository.Active active = articles.activeItemsAndStandings(article.id());
        Map<Long, List<CommunityPoint>> points = openData.articlePoints(article.id());
        Map<Long, ScoreRepository.Resolved> resolutions = new HashMap<>();
        scores.resolvedIn(article.id()).forEach(r -> resolutions.put(r.itemId(), r));
        Map<Long, List<Branch>> threads = openData.articleThreads(article.id());
        List<ItemJson> items = new ArrayList<>();
        for (Item item : active.items()) {
            Standing s = active.standings().getOrDefault(item.id(), Standing.none(item.id()));
            Counts counts = new Counts(s.tally().agree(), s.tally().unsure(), s.tally().disagree(), s.community(),
                    s.forecasters());
            items.add(itemJson(base, item, counts, points.getOrDefault(item.id(), List.of()),
                    resolutions.get(item.id()), threads.getOrDefault(item.id(), List.of())));
        }
        return new ArticleJson(article.slug(), base + Paths.INSTANCE.article(article.slug()), article.title(),
                article.authors(), article.publisher(),
                article.publishedOn() == null ? null : article.publishedOn().toString(), article.sourceUrl(),
                article.retired(), base + Paths.INSTANCE.articleFeed(article.slug()), items);
    }

    /** An article by its slug, retired ones included (their data stays published); 404 for any other. */
    private Article article(String slug) {
        return articles.bySlug(slug).orElseThrow(HttpError::notFound);
    }

    private static List<Argument> tree(String base, List<Branch> level) {
        List<Argument> out = new ArrayList<>();
        for (Branch branch : level) {
            OpenComment c = branch.comment();
            List<Argument> replies = tree(base, branch.replies());
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

    /**
     * A prediction's forecasts. Unresolved: {@code day,probability}, each update alone (no forecaster, no rationale,
     * no time of day), so none can be linked to a member or to their other updates. Resolved, when forecasts become
     * the forecasters' public record: {@code forecaster,probability,rationale,created_at} under per-item pseudonyms.
     */
    public void forecastsCsv(Context ctx) {
        Item item = item(ctx);
        if (!item.isPrediction()) {
            throw HttpError.notFound();
        }
        StringBuilder b;
        if (item.resolved()) {
            b = new StringBuilder(Csv.row(List.of("forecaster", "probability", "rationale", "created_at")));
            for (PublishedForecast f : openData.forecasts(item.id())) {
                b.append(Csv.row(Arrays.asList(f.forecaster(), Integer.toString(f.probability()), f.rationale(),
                        f.createdAt().toInstant().toString())));
            }
        } else {
            b = new StringBuilder(Csv.row(List.of("day", "probability")));
            for (UnresolvedForecast f : openData.unresolvedForecasts(item.id())) {
                b.append(Csv.row(List.of(f.day().toString(), Integer.toString(f.probability()))));
            }
        }
        ctx.contentType("text/csv; charset=utf-8");
        ctx.header("Content-Disposition", "attachment; filename=\"item-" + item.id() + "-forecasts.csv\"");
        ctx.result(b.toString());
    }

    private Item item(Context ctx) {
        return articles.item(Ids.parse(ctx.pathParam("id"))).orElseThrow(HttpError::notFound);
    }
}
