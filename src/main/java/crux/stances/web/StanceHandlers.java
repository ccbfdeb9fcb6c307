package crux.stances.web;

import crux.accounts.Member;
import crux.article.Article;
import crux.article.ArticleRepository;
import crux.article.Item;
import crux.core.Stance;
import crux.debate.MindChangeRepository;
import crux.live.EventBus;
import crux.live.LiveEvent;
import crux.stances.CommonGround;
import crux.stances.StanceRepository;
import crux.web.Flash;
import crux.web.Forms;
import crux.web.Gate;
import crux.web.Htmx;
import crux.web.HttpError;
import crux.web.Ids;
import crux.web.Paths;
import io.javalin.http.Context;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/** Taking, changing and withdrawing a stance; and the common-ground view. */
public final class StanceHandlers {

    /** The button value that withdraws a stance. */
    static final String WITHDRAW = "withdraw";

    private final ArticleRepository articles;
    private final StanceRepository stances;
    private final StancePanelBuilder panels;
    private final CommonGround commonGround;
    private final MindChangeRepository mindChanges;
    private final EventBus bus;

    public StanceHandlers(ArticleRepository articles, StanceRepository stances, StancePanelBuilder panels,
            CommonGround commonGround,
                          MindChangeRepository mindChanges, EventBus bus) {
        this.mindChanges = mindChanges;
        this.bus = bus;
        this.articles = articles;
        this.stances = stances;
        this.panels = panels;
        this.commonGround = commonGround;
    }

    public void stance(Context ctx) {
        long itemId = Ids.parse(ctx.pathParam("id"));
        Member member = Gate.member(ctx);
        String choice = Forms.text(ctx, "stance");
        Stance stance = null;
        String creditMessage = null;
        articles.refuseIfArticleRetired(itemId);
        // an unknown item (404) or a retired one (409) is refused by the write itself, in its transaction
        if (choice.equals(WITHDRAW)) {
            stances.withdraw(Gate.budget(ctx), member.id(), itemId);
        } else {
            stance = StanceRepository.fromCode(choice).orElseThrow(() ->
                    new HttpError(422, "Choose agree, unsure or disagree (or withdraw your stance)."));
            Optional<Long> credit = MindChangeRepository.parseCredit(ctx.formParam(MindChangeRepository.FIELD));
            AtomicReference<MindChangeRepository.Result> credited = new AtomicReference<>();
            stances.set(Gate.budget(ctx), member.id(), itemId, stance, credit.isEmpty() ? null : (tx, from, to, at) ->
                    credited.set(mindChanges.credit(tx, member.id(), itemId, credit.get(),
                            MindChangeRepository.Change.stance(from, to, at))));
            if (credit.isPresent()) {
                creditMessage = credited.get() == null
                        ? "No argument was credited: your stance did not change."
                        : MindChangeRepository.message(credited.get());
            }
        }
        bus.publish(new LiveEvent(itemId, LiveEvent.Kind.TALLY));
        String back = Htmx.returnPath(ctx, Paths.INSTANCE.item(itemId) + "#stance");
        String message = StancePanel.saved(stance) + (creditMessage == null ? "" : " " + creditMessage);
        if (!Htmx.isRequest(ctx)) {
            Flash.set(ctx, message);
            Htmx.seeOther(ctx, back);
            return;
        }
        Item item = articles.item(itemId).orElseThrow(HttpError::notFound);
        if (IndexEntry.fromArticlePage(back)) {
            ctx.render("article/entry-fragment", Map.of("entry", panels.entry(item, Gate.viewer(ctx)), "message",
                    message));
        } else {
            ctx.render("stances/panel-fragment", Map.of("panel", panels.panel(item, Gate.viewer(ctx), false, message)));
        }
    }

    /** An article's common ground, over its own camps. */
    public void articleCommonGround(Context ctx) {
        commonGround(ctx, articles.bySlug(ctx.pathParam("slug")).orElseThrow(HttpError::notFound));
    }

    /**
     * {@code /common-ground}, linked before there were many articles: the first article's common ground, which is what
     * it always showed.
     */
    public void commonGround(Context ctx) {
        commonGround(ctx, articles.first());
    }

    private void commonGround(Context ctx, Article article) {
        Member viewer = Gate.viewer(ctx);
        ctx.render("stances/common-ground", Map.of("page", commonGround.forArticle(article.id(),
                viewer == null ? null : viewer.id()), "article", article, "articles", articles.all()));
    }
}
