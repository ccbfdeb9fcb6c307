package crux.pages;

import crux.accounts.Member;
import crux.accounts.SessionRepository;
import crux.article.ArticleRepository;
import crux.debate.VisitRepository;
import crux.web.Flash;
import crux.web.Gate;
import crux.web.Site;
import crux.web.Views;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** The front page: every article that is not retired, newest activity first, a page at a time. */
public final class FrontPageHandlers {

    /** Articles per page of the front page. */
    public static final int PER_PAGE = 20;

    /**
     * What the front page shows; {@code fresh}: for a member, the comments posted on each article's items since they
     * last opened each of them, by article id.
     */
    public record FrontPage(ArticleRepository.Cards cards, int page, Map<Long, Integer> fresh) {
        public int fresh(long articleId) {
            return fresh.getOrDefault(articleId, 0);
        }

        public boolean hasPrevious() {
            return page > 1;
        }

        public String previous() {
            return "/?page=" + (page - 1);
        }

        public String next() {
            return "/?page=" + (page + 1);
        }
    }

    private final ArticleRepository articles;
    private final VisitRepository visits;
    private final Views views;
    private final PageCache<byte[]> anonymous;

    /** @param anonymous the first page as seen without a session, kept until something on it changes */
    public FrontPageHandlers(ArticleRepository articles, VisitRepository visits, Views views,
                             PageCache<byte[]> anonymous) {
        this.visits = visits;
        this.articles = articles;
        this.views = views;
        this.anonymous = anonymous;
    }

    /** One query for the list, whatever the number of articles, items and members. */
    public void front(Context ctx) {
        int page = pageNumber(ctx.queryParam("page"));
        SessionRepository.Session session = Gate.session(ctx);
        if (page == 1 && session == null && !Flash.pending(ctx)) {
            ctx.contentType("text/html; charset=utf-8");
            ctx.result(anonymous.get(() -> views.render("home", Map.of("page", page(1, null)), ctx)
                    .getBytes(StandardCharsets.UTF_8)));
            return;
        }
        ctx.render("home", Map.of("page", page(page, session == null ? null : session.member())));
    }

    /**
     * Renders the first page as a visitor sees it, and throws it away: run while Crux starts, so that the first
     * visitor's request finds the templates parsed and the classes of the query and the rendering loaded (the first
     * rendering in a JVM costs hundreds of milliseconds, later ones a few). Nothing is kept: what the first request
     * shows is read when it comes.
     */
    public void warm() {
        views.render("home", Map.of("page", page(1, null)), Site.VISITOR);
    }

    /** One query for the cards, and one more for a member's new comments. */
    private FrontPage page(int page, Member member) {
        return new FrontPage(articles.cards(page, PER_PAGE), page,
                member == null ? Map.of() : visits.newByArticle(member.id()));
    }

    /** A page number as typed: anything that is not one from 1 to 100,000 is the first page. */
    static int pageNumber(String raw) {
        try {
            int p = raw == null ? 1 : Integer.parseInt(raw.strip());
            return p < 1 || p > 100_000 ? 1 : p;
        } catch (NumberFormatException e) {
            return 1;
        }
    }
}
