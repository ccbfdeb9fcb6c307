package crux.pages;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import crux.accounts.Member;
import crux.article.Article;
import crux.article.ArticleRepository;
import crux.article.ArticleText;
import crux.article.Item;
import crux.article.ItemKind;
import crux.db.Database;
import crux.debate.web.DebateView;
import crux.debate.web.DebateViewBuilder;
import crux.forecasts.web.ForecastPanel;
import crux.forecasts.web.ForecastPanelBuilder;
import crux.moderation.ItemModerationRepository;
import crux.moderation.ProposalRepository;
import crux.stances.web.StancePanel;
import crux.stances.web.StancePanelBuilder;
import crux.web.Forms;
import crux.web.Gate;
import io.javalin.http.Context;
import java.util.List;
import java.util.Optional;

/** Builds an item's page (and the pieces of it that in-place updates swap in) for the viewer of a request. */
public final class ItemPageBuilder {

    /** What an item page shows. {@code forecast} is null for claims and recommendations. */
    public record ItemPage(Item item, Article article, ArticleText.Line context,
            List<ItemModerationRepository.Revision> history,
                           StancePanel stance, ForecastPanel forecast, boolean moderator, boolean following,
                           DebateView debate, String proposedBy) {
    }

    private final ArticleRepository articles;
    private final ItemModerationRepository moderation;
    private final StancePanelBuilder stances;
    private final ForecastPanelBuilder forecasts;
    private final ViewerOfItem relations;
    private final DebateViewBuilder debates;
    private final ProposalRepository proposals;
    private final PageCaches<Long, ForecastPanelBuilder.Shared> forecastShared;
    private final PageCaches<Long, StancePanelBuilder.Shared> stanceShared;

    /** What an item's passage in context depends on: the article (its text) and where and what the item quotes. */
    private record ContextKey(Article article, long itemId, ItemKind kind, String quote, int quoteStart) {
    }

    /**
     * Each item's passage in context, cut from its article's laid-out text: laying out the whole article again was a
     * fifth of a signed-in item page's time. Items' passages are few (hundreds per article).
     */
    private final Cache<ContextKey, ArticleText.Line> contexts = Caffeine.newBuilder().maximumSize(4_000).build();

    /**
     * @param forecastShared each prediction's forecast section as everyone sees it (history chart, distribution,
     *                       camps), kept until something on it changes: with thousands of forecasters, reading and
     *                       drawing it was most of the page
     * @param stanceShared   each item's stance section as everyone sees it (tally, camps, arguments to credit), kept
     *                       until something on it changes: a member's view then reads only their own stance
     */
    public ItemPageBuilder(ArticleRepository articles, ItemModerationRepository moderation, StancePanelBuilder stances,
                     ForecastPanelBuilder forecasts, Database db,
                     DebateViewBuilder debates, ProposalRepository proposals,
                     PageCaches<Long, ForecastPanelBuilder.Shared> forecastShared,
                     PageCaches<Long, StancePanelBuilder.Shared> stanceShared) {
        this.forecastShared = forecastShared;
        this.stanceShared = stanceShared;
        this.proposals = proposals;
        this.relations = new ViewerOfItem(db);
        this.debates = debates;
        this.articles = articles;
        this.moderation = moderation;
        this.stances = stances;
        this.forecasts = forecasts;
    }

    /** The page; {@code debate} is built from the request when null. */
    public ItemPage page(Context ctx, Item item, boolean resultsChosen, Forms.State forecastForm, DebateView debate) {
        Member viewer = Gate.viewer(ctx);
        ViewerOfItem.Relation mine = viewer == null ? null : relations.of(viewer.id(), item.id(), item.isPrediction());
        Article article = articles.of(item);
        var session = Gate.session(ctx);
        return new ItemPage(item, article, contexts.get(new ContextKey(article, item.id(), item.kind(), item.quote(),
                        item.quoteStart()), k -> article.format() == Article.Format.MARKDOWN
                        ? ArticleText.context(articles.layout(article), item)
                        : ArticleText.context(article.body(), item)),
                // most items were never edited: their page reads no history
                item.revisions() == 0 ? List.of() : moderation.history(item.id()),
                stances.panel(item, viewer, mine == null ? null : mine.stance(), resultsChosen, null,
                        stanceShared(item)),
                item.isPrediction() ? forecasts.panel(item, viewer, forecastForm, null, forecastShared(item),
                        mine == null ? Optional.empty() : mine.forecast()) : null,
                viewer != null && viewer.moderator() && session.mfaPassed(),
                mine != null && mine.following(),
                debate != null ? debate : debates.visit(ctx, item, mine == null ? null : mine.debate()),
                // the member whose proposal it was: one query, for items that were proposed
                item.proposedBy() == null ? null : proposals.proposerName(item.proposedBy()).orElse(null));
    }

    /** The debate section as the viewer sees it (mode and sort from the query), for a live refresh. */
    public DebateView debate(Context ctx, Item item) {
        return debates.view(ctx, item, Forms.State.empty());
    }

    public StancePanel stancePanel(Context ctx, Item item, boolean resultsChosen) {
        return stances.panel(item, Gate.viewer(ctx), resultsChosen, null, stanceShared(item));
    }

    public StancePanel stancePanel(Context ctx, Item item, String message) {
        return stances.panel(item, Gate.viewer(ctx), false, message, stanceShared(item));
    }

    public ForecastPanel forecastPanel(Context ctx, Item item, Forms.State form, String message) {
        return forecasts.panel(item, Gate.viewer(ctx), form, message, forecastShared(item));
    }

    private StancePanelBuilder.Shared stanceShared(Item item) {
        return stanceShared.get(item.id(), () -> stances.shared(item));
    }

    private ForecastPanelBuilder.Shared forecastShared(Item item) {
        return forecastShared.get(item.id(), () -> forecasts.shared(item));
    }

}
