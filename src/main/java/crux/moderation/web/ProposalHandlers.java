package crux.moderation.web;

import crux.article.Article;
import crux.article.ArticleRepository;
import crux.article.ItemKind;
import crux.core.Conflict;
import crux.core.Invalid;
import crux.core.TextHygiene;
import crux.moderation.ItemModerationRepository;
import crux.moderation.ProposalRepository;
import crux.moderation.ProposalRepository.Proposal;
import crux.web.Flash;
import crux.web.Forms;
import crux.web.Gate;
import crux.web.HttpError;
import crux.web.Ids;
import crux.web.Paths;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/** Members propose items from a passage of an article; moderators review, accept (maybe reworded) or decline them. */
public final class ProposalHandlers {

    /** The propose page: the form, and the member's own proposals of this article with their status. */
    public record ProposePage(Article article, Forms.State form, List<ItemKind> kinds, List<Proposal> mine) {
    }

    /** A moderator's review of one proposal: the passage in context and the form that makes it an item. */
    public record ReviewPage(Proposal proposal, Article article, Passage passage, Forms.State form,
                             List<ItemKind> kinds, List<String> assertedBy) {
    }

    /** A quoted passage with some of the text around it. */
    public record Passage(String before, String quote, String after) {
        /** Characters of context shown on either side of the passage. */
        static final int AROUND = 160;

        public static Passage of(String body, int start, String quote) {
            int end = Math.min(body.length(), start + quote.length());
            int from = Math.max(0, start - AROUND);
            int to = Math.min(body.length(), end + AROUND);
            return new Passage((from > 0 ? "\u2026" : "") + body.substring(from, start), body.substring(start, end),
                    body.substring(end, to) + (to < body.length() ? "\u2026" : ""));
        }
    }

    /** A pending proposal in the moderators' queue. */
    public record QueueEntry(Proposal proposal, Article article, Passage passage) {
    }

    private final ArticleRepository articles;
    private final ProposalRepository proposals;
    private final Clock clock;

    public ProposalHandlers(ArticleRepository articles, ProposalRepository proposals, Clock clock) {
        this.articles = articles;
        this.proposals = proposals;
        this.clock = clock;
    }

    /** The form, prefilled from {@code ?quote=} and {@code ?occurrence=} when words were selected in the article. */
    public void proposeForm(Context ctx) {
        Article article = article(ctx);
        Forms.Builder form = new Forms.Builder();
        String quote = ctx.queryParam("quote");
        if (quote != null) {
            form.value("quote", TextHygiene.clean(quote.length() > 4000 ? quote.substring(0, 4000) : quote));
        }
        String occurrence = ctx.queryParam("occurrence");
        if (occurrence != null && occurrence.length() < 6) {
            form.value("occurrence", TextHygiene.clean(occurrence));
        }
        renderPropose(ctx, article, form);
    }

    public void propose(Context ctx) {
        Article article = article(ctx);
        Forms.Builder form = new Forms.Builder();
        for (String f : List.of("kind", "statement", "quote", "occurrence", "why")) {
            form.value(f, Forms.text(ctx, f));
        }
        ItemKind kind = ItemForm.kind(ctx, form);
        String statement = ItemForm.statement(ctx, form);
        String quote = Forms.text(ctx, "quote");
        int occurrence = ItemForm.parseInt(Forms.text(ctx, "occurrence"), 1);
        ItemForm.quote(article, quote, occurrence, form);
        String why = Forms.text(ctx, "why").strip();
        if (why.isEmpty() || why.length() > ProposalRepository.MAX_WHY) {
            form.error("why", "Say in a sentence or two why this is worth an item (up to "
                    + ProposalRepository.MAX_WHY + " characters).");
        }
        if (!form.hasErrors()) {
            try {
                proposals.propose(Gate.budget(ctx), Gate.member(ctx), article,
                        new ProposalRepository.Draft(kind, statement, quote, occurrence, why));
                Flash.set(ctx, "Thank you. Your proposal waits for a moderator; you will be told in your inbox.");
                ctx.redirect(Paths.INSTANCE.propose(article.slug()));
                return;
            } catch (Invalid e) {
                form.error("quote", e.getMessage());
            }
        }
        ctx.status(422);
        renderPropose(ctx, article, form);
    }

    private void renderPropose(Context ctx, Article article, Forms.Builder form) {
        ctx.render("moderation/propose", Map.of("page", new ProposePage(article, form.build(),
                List.of(ItemKind.values()), proposals.mine(Gate.member(ctx).id(), article.id()))));
    }

    /** The pending proposals for the queue, each with its article and its passage in context. */
    public List<QueueEntry> queue() {
        return proposals.pending().stream().map(p -> {
            Article a = articles.byId(p.articleId()).orElseThrow();
            return new QueueEntry(p, a, passage(a, p));
        }).toList();
    }

    public void review(Context ctx) {
        Proposal p = proposal(ctx);
        Forms.Builder form = new Forms.Builder().value("statement", p.statement()).value("kind", p.kind().code());
        renderReview(ctx, p, form);
    }

    public void accept(Context ctx) {
        Proposal p = proposal(ctx);
        if (!p.pending()) {
            throw new Conflict("This proposal has already been decided.");
        }
        Article article = articles.byId(p.articleId()).orElseThrow(HttpError::notFound);
        int occurrence = ItemModerationRepository.occurrences(article.body(), p.quote()).indexOf(p.quoteStart()) + 1;
        if (occurrence == 0) {
            throw new Conflict("The article has changed and the proposed passage is no longer where it was.");
        }
        Forms.Builder form = new Forms.Builder();
        ItemModerationRepository.Draft draft = ItemForm.read(ctx, article, p.quote(), occurrence, form, clock);
        if (draft == null) {
            ctx.status(422);
            renderReview(ctx, p, form);
            return;
        }
        long id = proposals.accept(Gate.budget(ctx), Gate.member(ctx), p, article, draft);
        Flash.set(ctx, "The proposal is accepted and the item added; " + p.proposer() + " is told.");
        ctx.redirect(Paths.INSTANCE.item(id));
    }

    public void decline(Context ctx) {
        Proposal p = proposal(ctx);
        String reason = ModerationHandlers.reason(ctx);
        if (!p.pending()) {
            throw new Conflict("This proposal has already been decided.");
        }
        Article article = articles.byId(p.articleId()).orElseThrow(HttpError::notFound);
        proposals.decline(Gate.budget(ctx), Gate.member(ctx), p, article, reason);
        Flash.set(ctx, "The proposal is declined; " + p.proposer() + " is told why.");
        ctx.redirect("/mod");
    }

    private void renderReview(Context ctx, Proposal p, Forms.Builder form) {
        Article article = articles.byId(p.articleId()).orElseThrow(HttpError::notFound);
        ctx.render("moderation/proposal", Map.of("page", new ReviewPage(p, article, passage(article, p), form.build(),
                List.of(ItemKind.values()), article.quoted())));
    }

    private static Passage passage(Article a, Proposal p) {
        String body = a.body();
        return p.quoteStart() + p.quote().length() <= body.length() && body.startsWith(p.quote(), p.quoteStart())
                ? Passage.of(body, p.quoteStart(), p.quote()) : new Passage("", p.quote(), "");
    }

    private Proposal proposal(Context ctx) {
        return proposals.byId(Ids.parse(ctx.pathParam("id"))).orElseThrow(HttpError::notFound);
    }

    private Article article(Context ctx) {
        String slug = ctx.pathParam("slug");
        return articles.bySlug(slug).orElseThrow(HttpError::notFound);
    }
}
