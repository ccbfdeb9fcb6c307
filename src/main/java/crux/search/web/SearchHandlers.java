package crux.search.web;

import crux.article.Article;
import crux.article.ArticleRepository;
import crux.core.TextHygiene;
import crux.search.SearchEngine;
import crux.search.SearchHit;
import crux.search.SearchKind;
import crux.search.SearchQuery;
import crux.search.SearchRequest;
import crux.search.SearchResults;
import crux.search.Snippets;
import crux.search.Words;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import crux.web.Flash;
import crux.web.Gate;
import crux.web.HttpError;
import crux.web.Paths;
import crux.web.Views;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/** {@code GET /search}: the search page, reached from the search field in every page's header. */
public final class SearchHandlers {

    /** One result line: where it links, what it is, its title and snippet as runs (matched words marked). */
    public record Result(String kind, String url, List<Snippets.Run> title, List<Snippets.Run> snippet,
                         String context, String contextUrl, String author, OffsetDateTime at, String state) {
    }

    /**
     * The page: the query as typed (shown escaped), its filters, and a page of results.
     *
     * @param error why the query was refused (the page is then answered 400), or null
     */
    public record SearchPage(String q, String kind, String article, List<Article> articles, List<SearchKind> kinds,
                             boolean searched, List<Result> results, int total, boolean capped, int page, int pages,
                             boolean moderator, String error) {

        public String pageUrl(int n) {
            return Paths.INSTANCE.search(q, kind, article, n);
        }

        public int first() {
            return (page - 1) * SearchRequest.PAGE_SIZE + 1;
        }

        public int last() {
            return first() + results.size() - 1;
        }
    }

    /**
     * A results page as a visitor without a session sees it, by everything it shows: the query and filters as typed,
     * the results as the database returned them this time (so a result hidden or edited since makes another key),
     * and the articles the filter lists. Popular searches are asked again and again, by readers and crawlers alike;
     * the search itself still runs (its statements are the page's), only the snippets and the rendering are kept.
     */
    private record Shown(String q, String kind, String article, int page, SearchResults found, List<Article> articles) {
    }

    /** The most bytes of rendered result pages kept (each is ~20 KB): the least recently asked go first. */
    static final long KEPT_BYTES = 4_000_000;

    private final SearchEngine engine;
    private final ArticleRepository articles;
    private final Views views;
    private final Cache<Shown, byte[]> shown = Caffeine.newBuilder().maximumWeight(KEPT_BYTES)
            .<Shown, byte[]>weigher((k, v) -> v.length).build();

    public SearchHandlers(SearchEngine engine, ArticleRepository articles, Views views) {
        this.engine = engine;
        this.articles = articles;
        this.views = views;
    }

    public void search(Context ctx) {
        String q = TextHygiene.clean(ctx.queryParam("q")).replace('\n', ' ').strip();
        SearchKind kind = SearchKind.parse(ctx.queryParam("kind")).orElse(null);
        String slug = ctx.queryParam("article");
        Article article = slug == null || slug.isEmpty() || slug.length() > 100 ? null
                : articles.bySlug(slug).orElseThrow(HttpError::notFound);
        int page = page(ctx.queryParam("page"));
        var session = Gate.session(ctx);
        boolean moderator = session != null && session.member() != null && session.member().moderator()
                && session.mfaPassed();
        String kindCode = kind == null ? "" : kind.code();
        String slugCode = article == null ? "" : article.slug();
        String error = q.length() > SearchQuery.MAX_CHARS
                ? "That search is too long: use at most " + SearchQuery.MAX_CHARS + " characters."
                : page > SearchRequest.MAX_PAGE ? "Only the first " + SearchRequest.MAX_PAGE
                        + " pages of results are shown: narrow the search instead." : null;
        if (error != null) {
            ctx.status(400);
            ctx.render("search/search", Map.of("page", new SearchPage(shown(q), kindCode, slugCode, articles.all(),
                    List.of(SearchKind.values()), false, List.of(), 0, false, 1, 1, moderator, error)));
            return;
        }
        SearchQuery query = SearchQuery.parse(q);
        SearchResults found = q.isEmpty() ? SearchResults.NONE : engine.search(new SearchRequest(query, kind,
                article == null ? null : article.id(), page, moderator));
        List<Article> all = articles.all();
        if (session == null && !Flash.pending(ctx)) {
            ctx.contentType("text/html; charset=utf-8");
            ctx.result(shown.get(new Shown(q, kindCode, slugCode, page, found, all),
                    k -> views.render("search/search", Map.of("page", page(q, query, kindCode, slugCode, all, found,
                            page, false)), ctx).getBytes(StandardCharsets.UTF_8)));
            return;
        }
        ctx.render("search/search", Map.of("page", page(q, query, kindCode, slugCode, all, found, page, moderator)));
    }

    private static SearchPage page(String q, SearchQuery query, String kindCode, String slugCode, List<Article> all,
                                   SearchResults found, int page, boolean moderator) {
        Words.Matcher matcher = Words.Matcher.of(query);
        List<Result> results = found.hits().stream().map(h -> result(h, matcher)).toList();
        return new SearchPage(q, kindCode, slugCode, all, List.of(SearchKind.values()), !q.isEmpty(), results,
                found.total(), found.capped(), page, found.pages(), moderator, null);
    }

    /** A refused query is shown (escaped) only as far as the limit: the rest is of no use to anyone. */
    private static String shown(String q) {
        return q.length() > SearchQuery.MAX_CHARS ? q.substring(0, SearchQuery.MAX_CHARS) : q;
    }

    static int page(String raw) {
        try {
            int p = raw == null || raw.isBlank() ? 1 : Integer.parseInt(raw.strip());
            return p < 1 ? 1 : p;
        } catch (NumberFormatException e) {
            return raw.strip().matches("\\d+") ? Integer.MAX_VALUE : 1;
        }
    }

    private static Result result(SearchHit h, Words.Matcher m) {
        Paths paths = Paths.INSTANCE;
        return switch (h.kind()) {
            case ITEMS -> new Result("Item", paths.item(h.id()), Snippets.whole(h.title(), m::english),
                    Snippets.excerpt(h.text(), m::english), h.articleTitle(), paths.article(h.articleSlug()), null,
                    h.createdAt(), h.state());
            case ARGUMENTS -> new Result(h.reply() ? "Reply" : "Argument", paths.comment(h.id()), List.of(),
                    Snippets.excerpt(h.text(), m::english), h.itemTitle(), paths.item(h.itemId()), h.author(),
                    h.createdAt(), h.state());
            case MEMBERS -> new Result("Member", paths.user(h.title()), Snippets.whole(h.title(), m::name), List.of(),
                    null, null, null, h.createdAt(), h.state());
        };
    }
}
