package crux.pages;

import crux.accounts.Member;
import crux.accounts.SessionRepository;
import crux.article.Article;
import crux.article.ArticleMarkdown;
import crux.article.ArticleRepository;
import crux.article.ArticleText;
import crux.article.Item;
import crux.article.ItemKind;
import crux.article.Standing;
import crux.core.Stance;
import crux.db.Database;
import crux.debate.web.CommentFragments;
import crux.debate.web.DebateView;
import crux.forecasts.web.ChartFragments;
import crux.moderation.ItemModerationRepository;
import crux.stances.web.StancePanel;
import crux.forecasts.ScoreRepository;
import crux.forecasts.Scorecard;
import crux.stances.web.IndexEntry;
import crux.web.Flash;
import crux.web.Forms;
import crux.web.Fragments;
import crux.web.Gate;
import crux.web.HttpError;
import crux.web.Ids;
import crux.web.Site;
import crux.web.Viewer;
import crux.web.Views;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The article page, item pages and the about page. */
public final class ArticleHandlers {

    /**
     * What the article page shows: the text with each passage's standing, the index of items with stance buttons,
     * and the article's own scorecard once predictions resolve.
     */
    public record ArticlePage(Article article, String text, String index, int itemCount, Scorecard scorecard) {
    }

    /** The part of the article page that is the same for every viewer: read once per change, not per request. */
    public record Shared(Items items, Map<Long, Standing> standings, Scorecard scorecard) {
    }

    /** The article text depends on the article and its items' passages only: rendered once per such version. */
    private record TextKey(Article article, Items items) {

        // by hand: the article's own hash and equality go over its whole text; the one kept in memory is the same
        // object from view to view, and its id stands for it in the hash
        @Override
        public boolean equals(Object other) {
            return other instanceof TextKey k && items.equals(k.items)
                    && (article == k.article || article.equals(k.article));
        }

        @Override
        public int hashCode() {
            return Long.hashCode(article.id()) * 31 + items.hash();
        }
    }

    /** The index's frame (kinds, counts, one slot per item) depends on the items only. */
    private record IndexKey(Items items) {
    }

    /**
     * An article's items as the keys above hold them, hashed once when read ({@link Shared}) rather than on every view:
     * hashing dozens of items per view was a tenth of a signed-in article page's CPU.
     */
    public record Items(List<Item> list, int hash) {

        static Items of(List<Item> list) {
            return new Items(List.copyOf(list), list.hashCode());
        }

        @Override
        public boolean equals(Object other) {
            return this == other || other instanceof Items i && hash == i.hash && list.equals(i.list);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    /** An item's line in the index, as a member in this state sees it (the CSRF token spliced in later). */
    private record BodyKey(Item item, Stance mine, boolean canVote, int fresh) {

        // Written out, as the keys below: every signed-in view looks one up per item, and the records' generated
        // methods (method-handle chains) were a fifth of the page's CPU.
        @Override
        public boolean equals(Object other) {
            return other instanceof BodyKey k && canVote == k.canVote && fresh == k.fresh && mine == k.mine
                    && item.equals(k.item);
        }

        @Override
        public int hashCode() {
            return ((item.hashCode() * 31 + Objects.hashCode(mine)) * 31 + Boolean.hashCode(canVote)) * 31 + fresh;
        }
    }

    /** A passage's standing beside it: the numbers, and whether the viewer has voted (the split shows). */
    private record StandingKey(Standing standing, boolean prediction, boolean split) {

        @Override
        public boolean equals(Object other) {
            return other instanceof StandingKey k && prediction == k.prediction && split == k.split
                    && standing.equals(k.standing);
        }

        @Override
        public int hashCode() {
            return (standing.hashCode() * 31 + Boolean.hashCode(prediction)) * 31 + Boolean.hashCode(split);
        }
    }

    private final ArticleRepository repository;
    private final ItemPageBuilder pages;
    private final ViewerOfArticle viewers;
    private final ScoreRepository scores;
    private final Clock clock;
    private final Views views;
    private final Fragments fragments;
    private final PageCaches<Long, byte[]> anonymous;
    private final PageCaches<Long, Shared> shared;
    private final PageCaches<Long, byte[]> anonymousItems;
    private final PageCaches<Long, Item> itemRows;
    private final CommentFragments comments;
    private final ChartFragments charts;

    /**
     * @param views     renders the anonymous article page into {@code anonymous}
     * @param fragments the parts of the article page that many viewers share, rendered once each
     * @param anonymous each article's page as seen without a session, kept until something on it changes
     * @param shared    what every viewer's page of an article starts from (items, standings, scorecard), likewise
     * @param anonymousItems each item's page as seen without a session and with no options chosen, likewise
     * @param itemRows  each item's row as its pages show it, likewise
     * @param comments  each comment of an item page's debate, rendered once per state it is shown in
     * @param charts    a prediction's charts on its page, each rendered once per chart
     */
    public ArticleHandlers(ArticleRepository repository, ItemPageBuilder pages, Database db,
                           ScoreRepository scores, Clock clock, Views views,
                           Fragments fragments, PageCaches<Long, byte[]> anonymous, PageCaches<Long, Shared> shared,
                           PageCaches<Long, byte[]> anonymousItems, PageCaches<Long, Item> itemRows,
                           CommentFragments comments, ChartFragments charts) {
        this.itemRows = itemRows;
        this.comments = comments;
        this.charts = charts;
        this.shared = shared;
        this.anonymousItems = anonymousItems;
        this.views = views;
        this.fragments = fragments;
        this.anonymous = anonymous;
        this.repository = repository;
        this.pages = pages;
        this.viewers = new ViewerOfArticle(db);
        this.scores = scores;
        this.clock = clock;
    }

    /**
     * A constant number of queries, however many items, voters and forecasts: all tallies in one, and for a member
     * their stances and the comments new since their last visit to each item in one.
     */
    public void article(Context ctx) {
        Article article = repository.bySlug(ctx.pathParam("slug")).orElseThrow(HttpError::notFound);
        SessionRepository.Session session = Gate.session(ctx);
        ctx.contentType("text/html; charset=utf-8");
        if (session == null && !Flash.pending(ctx)) {
            // everyone without a session sees the same page (no CSRF token, no flash, no own stances)
            ctx.result(anonymous.get(article.id(), () -> views.render("article/article",
                    Map.of("page", page(parts(article, null), null)), ctx).getBytes(StandardCharsets.UTF_8)));
            return;
        }
        Site site = (Site) views.site(ctx);
        Parts parts = parts(article, Gate.viewer(ctx));
        if (site.flash() != null || site.csrf() == null) {
            ctx.result(views.render("article/article", Map.of("page", page(parts, site.csrf())), site));
            return;
        }
        // the page in its layout, with holes for the menu, the text and the index: rendered once per (rights and zone,
        // scorecard), as the item page's frame is, and filled per request, the member's token written into its forms.
        // Not per member: 2,000 members' frames (~9 KB each) outgrew the fragments' memory and were rendered again
        // and again.
        ArticlePage holes = new ArticlePage(parts.article(), Fragments.marker("text", 0), Fragments.marker("index", 0),
                parts.itemCount(), parts.scorecard());
        Viewer viewer = site.viewer();
        Viewer frameViewer = frameViewer(viewer);
        Fragments.Slotted frame = fragments.slotted(new FrameKey(parts.article(), frameViewer, parts.itemCount(),
                        parts.scorecard()),
                "article/article", () -> Map.of("page", holes, "menuSlot", MENU),
                new Site(null, frameViewer, Fragments.CSRF_SLOT, null, 0));
        byte[] token = Fragments.token(site.csrf());
        Fragments.Out out = PAGE.get().reset(PAGE_KEPT_BYTES);
        frame.writeTo(out, token, (slot, o) -> {
            switch (slot.name()) {
                case "text" -> writeText(parts, o);
                case "menu" -> writeMenu(site, o, token);
                default -> writeIndex(parts, o, token);
            }
        });
        ctx.result(out.stream());
    }

    /**
     * Each request thread's buffer for the signed-in article page and the item page, reused from one page to the
     * next. A fresh ~70 KB array per page, then a copy of it for the response, were over half of what the article
     * page allocated (JFR, 2026-12-06) and set the pace of the young collections. Javalin sends a synchronous
     * handler's result on the same thread before the thread takes another request, so a buffer is never refilled
     * while it is being sent.
     */
    private static final ThreadLocal<Fragments.Out> PAGE = ThreadLocal.withInitial(() -> new Fragments.Out(96 * 1024));
    /**
     * A buffer that a longer page (a long debate's) grew past this is let go rather than kept by its thread: 48
     * threads each keeping the longest page they wrote would hold tens of megabytes of a 128 MB heap.
     */
    private static final int PAGE_KEPT_BYTES = 192 * 1024;

    /**
     * Everything the article page's layout and frame show besides the menu, the text and the index ({@code viewer}: a
     * {@link #frameViewer}).
     */
    private record FrameKey(Article article, Viewer viewer, int itemCount, Scorecard scorecard) {
    }

    /** The article page as one viewer sees it, before it is written out: which cached fragments, in which state. */
    private record Parts(Article article, Fragments.Slotted text, Fragments.Slotted index, Map<Long, IndexEntry> entries,
                         boolean canVote, int itemCount, Scorecard scorecard) {
    }

    /**
     * Built from cached fragments ({@link Fragments}): the text is rendered once per version of the article and its
     * items, each standing once per tally and each index line once per (item, stance, may vote); per request the
     * pieces are written out one after another, the viewer's CSRF token between them.
     */
    private Parts parts(Article article, Member viewer) {
        Shared now = shared.get(article.id(), () -> {
            ArticleRepository.Active active = repository.activeItemsAndStandings(article.id());
            return new Shared(sameAsBefore(article.id(), Items.of(active.items())), active.standings(),
                    Scorecard.of(scores.resolvedIn(article.id())));
        });
        List<Item> items = now.items().list();
        Map<Long, Standing> standings = now.standings();
        ViewerOfArticle.Relation relation = viewer == null ? null : viewers.of(viewer.id(), article.id());
        Map<Long, Stance> mine = relation == null ? Map.of() : relation.stances();
        Map<Long, Integer> fresh = relation == null ? Map.of() : relation.fresh();
        boolean canVote = viewer != null && viewer.canWrite(OffsetDateTime.now(clock)) && !article.retired();
        Map<Long, IndexEntry> entries = new LinkedHashMap<>();
        for (Item item : items) {
            entries.put(item.id(), new IndexEntry(item, article.slug(),
                    standings.getOrDefault(item.id(), Standing.none(item.id())),
                    mine.get(item.id()), canVote, fresh.getOrDefault(item.id(), 0)));
        }
        Fragments.Slotted text = fragments.slotted(new TextKey(article, now.items()), "article/one :: text",
                () -> Map.of("blocks", article.format() == Article.Format.MARKDOWN
                        ? ArticleText.blocks(ArticleMarkdown.layout(article.markdown()), items)
                        : ArticleText.blocks(article.body(), article.title(), items), "publisher",
                        article.publisher()));
        Fragments.Slotted index = fragments.slotted(new IndexKey(now.items()), "article/one :: index",
                () -> Map.of("index", byKind(entries)));
        return new Parts(article, text, index, entries, canVote, items.size(), now.scorecard());
    }

    /**
     * The items last read of each article: an unchanged list read again (the shared part is read afresh at least
     * once a second) is replaced by the one before, so that the kept fragments' keys, which hold it, compare by
     * identity rather than item by item. Comparing the article's items in full on each of a view's lookups was a
     * fifth of the signed-in article page's CPU (JFR).
     */
    private final Map<Long, Items> lastItems = new java.util.concurrent.ConcurrentHashMap<>();

    private Items sameAsBefore(long articleId, Items read) {
        Items before = lastItems.get(articleId);
        if (read.equals(before)) {
            return before;
        }
        lastItems.put(articleId, read);
        return read;
    }

    private static final byte[] SPACE = {' '};

    /** The article's text, each passage followed by its standing. */
    private void writeText(Parts parts, Fragments.Out out) {
        parts.text().writeTo(out, Fragments.token(null), (slot, o) -> {
            IndexEntry e = parts.entries().get(slot.id());
            if (e != null) {
                o.write(SPACE);
                fragments.html(new StandingKey(e.standing(), e.item().isPrediction(), e.showSplit()),
                        "article/one :: standing", Map.of("e", e)).writeTo(o, Fragments.token(null));
            }
        });
    }

    /** The index of items, each line with its stance buttons (forms carrying {@code token}). */
    private void writeIndex(Parts parts, Fragments.Out out, byte[] token) {
        parts.index().writeTo(out, token, (slot, o) -> {
            IndexEntry e = parts.entries().get(slot.id());
            fragments.html(new BodyKey(e.item(), e.mine(), parts.canVote(), e.fresh()), "article/one :: entry-body",
                    Map.of("e", e)).writeTo(o, token);
        });
    }

    /** The page for rendering whole (without a session, or with a message to show once). */
    private ArticlePage page(Parts parts, String csrf) {
        Fragments.Out text = new Fragments.Out(64 * 1024);
        writeText(parts, text);
        Fragments.Out index = new Fragments.Out(16 * 1024);
        writeIndex(parts, index, Fragments.token(csrf));
        return new ArticlePage(parts.article(), text.toString(), index.toString(), parts.itemCount(),
                parts.scorecard());
    }

    private static Map<ItemKind, List<IndexEntry>> byKind(Map<Long, IndexEntry> entries) {
        Map<ItemKind, List<IndexEntry>> index = new EnumMap<>(ItemKind.class);
        for (IndexEntry e : entries.values()) {
            index.computeIfAbsent(e.item().kind(), k -> new ArrayList<>()).add(e);
        }
        return index;
    }

    public void item(Context ctx) {
        long id = Ids.parse(ctx.pathParam("id"));
        if (Gate.session(ctx) == null && !Flash.pending(ctx) && ctx.queryParamMap().isEmpty()) {
            // most readers of an item arrive by a link, without a session or a chosen sort, page or view: they all see
            // the same page, rendered once per change (as the anonymous article page). Only items found are cached:
            // ids a visitor makes up never take a place
            byte[] page = anonymousItems.getFound(id,
                    () -> itemPage(ctx, itemOf(id), false, Forms.State.empty(), null).toByteArray());
            ctx.contentType("text/html; charset=utf-8");
            ctx.result(page);
            return;
        }
        renderItem(ctx, itemOf(id), null);
    }

    /**
     * An item as its pages show it, kept as the pages are (dropped by every item event and every write on this
     * instance, read again at least once a second): one statement fewer on each view. Writes read their item afresh
     * in their own transaction, so a kept row never decides what a write may do.
     */
    private Item itemOf(long id) {
        return itemRows.getFound(id, () -> repository.item(id).orElseThrow(HttpError::notFound));
    }

    /**
     * The item page in this thread's buffer: rendered with a marker for each comment, then written out with the
     * comments kept as UTF-8 in their places ({@link CommentFragments.Kept#writePage}).
     */
    private Fragments.Out itemPage(Context ctx, Item item, boolean results, Forms.State forecastForm,
                                   DebateView debate) {
        CommentFragments.Kept kept = comments.forPage(Gate.session(ctx));
        ChartFragments.Kept keptCharts = charts.forPage();
        StringBuilder html = pageText();
        views.render("article/item", Map.of("page", pages.page(ctx, item, results, forecastForm, debate),
                "feed", "/items/" + item.id() + "/feed.atom", "kept", kept, "keptCharts", keptCharts), ctx, html);
        Fragments.Out out = PAGE.get().reset(PAGE_KEPT_BYTES);
        kept.writePage(html, out, (slot, o) -> keptCharts.write(slot.id(), o));
        return out;
    }

    /**
     * A builder for an item page's text when it is rendered whole (a visitor's kept page, a page after a refused form):
     * sized for a page before its comments go in (~60,000 characters with 20 comments; comments are markers in it).
     * Not kept per thread: members' views no longer render whole pages, and 48 threads' builders would hold 6 MB of a
     * 128 MB heap.
     */
    private static StringBuilder pageText() {
        return new StringBuilder(PAGE_TEXT_CHARS);
    }

    private static final int PAGE_TEXT_CHARS = 64 * 1024;

    /** The item page with its debate as given (the debate handlers show a refused argument form in it), or built. */
    public void renderItem(Context ctx, Item item, DebateView debate) {
        boolean results = "show".equals(ctx.queryParam("results"));
        Site site = (Site) views.site(ctx);
        if (debate == null && site.viewer() != null && site.csrf() != null && site.flash() == null) {
            ctx.result(memberItemPage(ctx, site, item, results).stream());
            return;
        }
        ctx.result(itemPage(ctx, item, results, Forms.State.empty(), debate).stream());
    }

    /**
     * What the item page's frame shows: the item and its passage, its earlier wording, the follow button and the
     * moderator's tools, in the zone and with the rights of {@code viewer} (a member's {@link #frameViewer}).
     */
    private record ItemFrameKey(Item item, Article article, ArticleText.Line context,
                                List<ItemModerationRepository.Revision> history, boolean moderator, boolean following,
                                String proposedBy, Viewer viewer) {
    }

    /** The site menu as a member sees it: their name, roles and unread count (the CSRF token spliced in later). */
    private record MenuKey(Viewer viewer, int unread) {
    }

    /** The stance section as its viewer sees it: it reads nothing of the request but the token. */
    private record StanceKey(StancePanel panel) {
    }

    /** The markers of the frame's holes, filled per view ({@link #memberItemPage}). */
    public static final class Holes {
        private Holes() {
        }

        public String stance() {
            return Fragments.marker("stance", 0);
        }

        public String forecast() {
            return Fragments.marker("forecast", 0);
        }

        public String debate() {
            return Fragments.marker("debate", 0);
        }
    }

    private static final Holes HOLES = new Holes();
    private static final String MENU = Fragments.marker("menu", 0);
    private static final Fragments.Filler NOTHING = (slot, out) -> { };

    /**
     * A member's item page, assembled as the article page is: a frame kept per state of the item (its passage,
     * history, tools) with holes for the menu and the three sections, each filled per request. The menu is kept per
     * member, the stance section per state of the panel, the debate section around its comments per state of the
     * debate (its comments each kept, its form's one-time token written per view), and a prediction's forecast
     * section per state of the panel (the member's own forecast in it) and zone, its charts kept on their own.
     * Rendering the whole page in its layout through the template on every view was over 40 % of its CPU.
     */
    private Fragments.Out memberItemPage(Context ctx, Site site, Item item, boolean results) {
        ctx.contentType("text/html; charset=utf-8");
        ItemPageBuilder.ItemPage page = pages.page(ctx, item, results, Forms.State.empty(), null);
        Viewer viewer = site.viewer();
        Viewer frameViewer = frameViewer(viewer);
        ItemPageBuilder.ItemPage frame = new ItemPageBuilder.ItemPage(page.item(), page.article(), page.context(),
                page.history(), null, null, page.moderator(), page.following(), null, page.proposedBy());
        Fragments.Slotted kept = fragments.slotted(new ItemFrameKey(page.item(), page.article(), page.context(),
                        page.history(), page.moderator(), page.following(), page.proposedBy(), frameViewer),
                "article/item", () -> Map.of("page", frame, "holes", HOLES, "menuSlot", MENU,
                        "feed", "/items/" + item.id() + "/feed.atom"),
                new Site(null, frameViewer, Fragments.CSRF_SLOT, null, 0));
        CommentFragments.Kept keptComments = comments.forPage(Gate.session(ctx));
        Site panelSite = new Site(null, frameViewer, Fragments.CSRF_SLOT, null, 0);
        byte[] token = Fragments.token(site.csrf());
        Fragments.Out out = PAGE.get().reset(PAGE_KEPT_BYTES);
        kept.writeTo(out, token, (slot, o) -> {
            switch (slot.name()) {
                case "menu" -> writeMenu(site, o, token);
                case "stance" -> fragments.slotted(new StanceKey(page.stance()), "stances/panel-fragment",
                        () -> Map.of("panel", page.stance()), Site.RENDERING).writeTo(o, token, NOTHING);
                case "forecast" -> charts.writePanel(page.forecast(), viewer.zone(), panelSite, o, token);
                default -> keptComments.writeSection(page.debate(), o, token);
            }
        });
        return out;
    }

    /** The site menu as the member sees it, kept per member and unread count. */
    private void writeMenu(Site site, Fragments.Out out, byte[] token) {
        fragments.slotted(new MenuKey(site.viewer(), site.unread()), "layout :: menu", Map::of,
                new Site(null, site.viewer(), Fragments.CSRF_SLOT, null, site.unread())).writeTo(out, token, NOTHING);
    }

    /**
     * What of a member the frame of their page may show: their roles, rights and time zone, not who they are (the
     * menu with their name is its own piece), so that one frame serves every member alike.
     */
    private static Viewer frameViewer(Viewer v) {
        return new Viewer(0, "", v.role(), v.mfaPassed(), v.canWrite(), v.zone());
    }

    /** The item page with the forecast form as given (the forecast handlers show a refused forecast in it). */
    public void renderItemWithForecast(Context ctx, Item item, Forms.State forecastForm) {
        ctx.result(itemPage(ctx, item, false, forecastForm, null).stream());
    }

    /** Live refresh: the viewer's own stance section (the split still hidden until they vote). */
    public void liveStance(Context ctx) {
        Item item = liveItem(ctx);
        boolean results = "show".equals(ctx.queryParam("results"));
        ctx.header("Cache-Control", "no-store");
        ctx.render("live/regions", Map.of("region", "stance", "panel",
                pages.stancePanel(ctx, item, results)));
    }

    /** Live refresh: the forecast section of a prediction as the viewer sees it. */
    public void liveForecast(Context ctx) {
        Item item = liveItem(ctx);
        if (!item.isPrediction()) {
            throw HttpError.notFound();
        }
        ctx.header("Cache-Control", "no-store");
        ctx.render("live/regions", Map.of("region", "forecast", "panel",
                pages.forecastPanel(ctx, item, Forms.State.empty(), null)));
    }

    /** Live refresh: the debate section, in the mode and sort the viewer chose. */
    public void liveDebate(Context ctx) {
        Item item = liveItem(ctx);
        ctx.header("Cache-Control", "no-store");
        ctx.render("live/regions", Map.of("region", "debate", "debate", pages.debate(ctx, item)));
    }

    private Item liveItem(Context ctx) {
        return itemOf(Ids.parse(ctx.pathParam("id")));
    }

    public void about(Context ctx) {
        ctx.render("about", Map.of());
    }
}
