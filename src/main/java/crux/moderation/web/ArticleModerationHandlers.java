package crux.moderation.web;

import crux.article.Article;
import crux.article.ArticleRepository;
import crux.article.LineDiff;
import crux.moderation.ArticleModerationRepository;
import crux.moderation.ArticleModerationRepository.Revision;
import crux.moderation.ArticleModerationRepository.Stranded;
import crux.web.Flash;
import crux.web.Forms;
import crux.web.Gate;
import crux.web.HttpError;
import crux.web.Paths;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Moderators publish, edit, retire and restore articles; everyone reads an article's revision history. */
public final class ArticleModerationHandlers {

    /**
     * The publish form ({@code article} null) or the edit form of an article. {@code stranded} lists the items a
     * refused edit would have left without their passage or speaker.
     */
    public record ArticleFormPage(Article article, Forms.State form, List<Stranded> stranded) {
        /** A plain-text article (the first one) keeps its text: only its details and quoted people are edited. */
        public boolean textEditable() {
            return article == null || article.format() == Article.Format.MARKDOWN;
        }
    }

    /** One replaced version and what changed in its text to the version after it. */
    public record HistoryEntry(Revision revision, List<LineDiff.Line> diff) {
    }

    /** An article's public revision history, newest first. */
    public record HistoryPage(Article article, List<HistoryEntry> revisions) {
    }

    private final ArticleRepository articles;
    private final ArticleModerationRepository repository;
    private final Clock clock;

    public ArticleModerationHandlers(ArticleRepository articles, ArticleModerationRepository repository, Clock clock) {
        this.articles = articles;
        this.repository = repository;
        this.clock = clock;
    }

    public void newForm(Context ctx) {
        ctx.render("moderation/article-form", Map.of("page", new ArticleFormPage(null, Forms.State.empty(), List.of())));
    }

    public void publish(Context ctx) {
        ArticleForm.Read form = ArticleForm.read(ctx, clock, true);
        if (!form.state().valid()) {
            ctx.status(422);
            ctx.render("moderation/article-form", Map.of("page", new ArticleFormPage(null, form.state(), List.of())));
            return;
        }
        String slug = repository.publish(Gate.budget(ctx), Gate.member(ctx), form.details(), form.reason());
        Flash.set(ctx, "The article is published. Add its items from its passages.");
        ctx.redirect(Paths.INSTANCE.article(slug));
    }

    public void editForm(Context ctx) {
        Article article = article(ctx);
        ctx.render("moderation/article-form", Map.of("page",
                new ArticleFormPage(article, ArticleForm.of(article), List.of())));
    }

    public void edit(Context ctx) {
        Article article = article(ctx);
        ArticleFormPage page = new ArticleFormPage(article, Forms.State.empty(), List.of());
        ArticleForm.Read form = ArticleForm.read(ctx, clock, page.textEditable());
        int basedOn;
        try {
            basedOn = Integer.parseInt(Forms.text(ctx, "revision").strip());
        } catch (NumberFormatException e) {
            throw new HttpError(400, "This form does not say which version of the article it edits. "
                    + "Reload the edit form and try again.");
        }
        if (!form.state().valid()) {
            ctx.status(422);
            ctx.render("moderation/article-form", Map.of("page", new ArticleFormPage(article, form.state(), List.of())));
            return;
        }
        int moved;
        try {
            moved = repository.edit(Gate.budget(ctx), Gate.member(ctx), article.id(), basedOn, form.details(),
                    form.reason());
        } catch (ArticleModerationRepository.Strands e) {
            ctx.status(422);
            ctx.render("moderation/article-form", Map.of("page",
                    new ArticleFormPage(article, form.state(), e.items())));
            return;
        }
        Flash.set(ctx, moved == 0 ? "The article has been updated; the earlier version is kept in its history."
                : "The article has been updated; " + moved + " item passage(s) moved and were re-anchored.");
        ctx.redirect(Paths.INSTANCE.article(article.slug()));
    }

    public void retire(Context ctx) {
        Article article = article(ctx);
        repository.retire(Gate.budget(ctx), Gate.member(ctx), article, ModerationHandlers.reason(ctx));
        Flash.set(ctx, "The article has been retired: it is no longer listed, and its page says so.");
        ctx.redirect(Paths.INSTANCE.article(article.slug()));
    }

    public void restore(Context ctx) {
        Article article = article(ctx);
        repository.restore(Gate.budget(ctx), Gate.member(ctx), article, ModerationHandlers.reason(ctx));
        Flash.set(ctx, "The article has been restored to the front page.");
        ctx.redirect(Paths.INSTANCE.article(article.slug()));
    }

    public void history(Context ctx) {
        Article article = article(ctx);
        List<Revision> revisions = repository.history(article.id());
        List<HistoryEntry> entries = new ArrayList<>();
        String after = article.body();
        for (Revision r : revisions) { // newest first: each one's text is compared with the version that replaced it
            entries.add(new HistoryEntry(r, LineDiff.diff(r.body(), after)));
            after = r.body();
        }
        ctx.render("article/history", Map.of("page", new HistoryPage(article, entries)));
    }

    private Article article(Context ctx) {
        return articles.bySlug(ctx.pathParam("slug")).orElseThrow(HttpError::notFound);
    }
}
