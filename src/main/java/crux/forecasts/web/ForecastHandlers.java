package crux.forecasts.web;

import crux.article.Article;
import crux.article.ArticleRepository;
import crux.article.Item;
import crux.core.ScoreFormat;
import crux.core.Target;
import crux.debate.MindChangeRepository;
import crux.forecasts.ForecastInput;
import crux.forecasts.ForecastRepository;
import crux.forecasts.ScoreRepository;
import crux.forecasts.Scorecard;
import crux.live.EventBus;
import crux.live.LiveEvent;
import crux.notifications.FollowRepository;
import crux.web.Flash;
import crux.web.Forms;
import crux.web.Gate;
import crux.web.Htmx;
import crux.web.HttpError;
import crux.web.Ids;
import crux.web.Paths;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/** Making a forecast, and the leaderboard. */
public final class ForecastHandlers {

    /** Fewer resolved predictions than this say more about luck than skill: such members are listed, not ranked. */
    public static final int MIN_SCORED_PREDICTIONS = 3;

    /**
     * The leaderboard: ranked members, those still below the minimum, and the articles against the crowd — over every
     * article, or over the one chosen ({@code article}, null for all) from {@code articles}.
     */
    public record LeaderboardPage(List<ScoreRepository.LeaderboardRow> ranked, List<ScoreRepository.LeaderboardRow> unranked,
                                  int minimum, Scorecard scorecard, List<Article> articles, Article article) {
        public String selected() {
            return article == null ? "" : article.slug();
        }

        public String log(double v) {
            return ScoreFormat.log(v);
        }

        public String brier(double v) {
            return ScoreFormat.brier(v);
        }

        public String percent(double v) {
            return ScoreFormat.percent(v);
        }
    }

    private final ArticleRepository articles;
    private final ForecastRepository forecasts;
    private final ScoreRepository scores;
    /** A move of the community forecast by at least this many points is news to the item's followers. */
    public static final double BIG_MOVE = 10.0;

    /**
     * Draws an item's whole page with the forecast form as given (refused, with what was typed). Item pages are
     * composed above the features, in {@code crux.pages}, so the forecasts are handed the way to draw one.
     */
    @FunctionalInterface
    public interface PageWithForecast {
        void render(Context ctx, Item item, Forms.State forecastForm);
    }

    private final ForecastPanelBuilder panels;
    private final PageWithForecast itemPage;
    private final MindChangeRepository mindChanges;
    private final FollowRepository follows;
    private final EventBus bus;

    public ForecastHandlers(ArticleRepository articles, ForecastRepository forecasts, ScoreRepository scores,
            ForecastPanelBuilder panels, PageWithForecast itemPage,
                            MindChangeRepository mindChanges, FollowRepository follows, EventBus bus) {
        this.mindChanges = mindChanges;
        this.follows = follows;
        this.bus = bus;
        this.articles = articles;
        this.forecasts = forecasts;
        this.scores = scores;
        this.panels = panels;
        this.itemPage = itemPage;
    }

    public void forecast(Context ctx) {
        long itemId = Ids.parse(ctx.pathParam("id"));
        long member = Gate.member(ctx).id();
        articles.refuseIfArticleRetired(itemId);
        String typed = Forms.text(ctx, ForecastPanel.NUMBER_FIELD);
        String slider = Forms.text(ctx, ForecastPanel.SLIDER_FIELD);
        String rawRationale = Forms.text(ctx, "rationale");
        ForecastInput.Probability probability = ForecastInput.probability(ForecastPanel.sent(typed, slider));
        Optional<String> rationale = ForecastInput.rationale(rawRationale);
        Forms.Builder form = new Forms.Builder().value(ForecastPanel.NUMBER_FIELD, typed)
                .value(ForecastPanel.SLIDER_FIELD, slider).value("rationale", rawRationale);
        if (!probability.valid()) {
            form.error(ForecastPanel.NUMBER_FIELD, probability.error());
        }
        if (rationale.isEmpty()) {
            form.error("rationale", ForecastInput.RATIONALE_MESSAGE);
        }
        if (form.hasErrors()) {
            Item item = articles.item(itemId).orElseThrow(HttpError::notFound);
            forecasts.checkOpen(item); // a closed prediction says so before the form's mistakes
            ctx.status(422);
            respond(ctx, item, form.build(), null);
            return;
        }
        // the item's existence (404), kind (422) and being open (409) are checked under its lock, in the write
        Optional<Long> credit = MindChangeRepository.parseCredit(ctx.formParam(MindChangeRepository.FIELD));
        AtomicReference<MindChangeRepository.Result> credited = new AtomicReference<>();
        forecasts.add(Gate.budget(ctx), member, itemId, probability.value(), rationale.get(),
                (tx, previous, now, forecastId, before, after) -> {
                    credited.set(null);
                    if (credit.isPresent() && previous != null && previous != now) {
                        credited.set(mindChanges.credit(tx, member, itemId, credit.get(),
                                MindChangeRepository.Change.forecast(previous, now, forecastId)));
                    }
                    if (bigMove(before, after)) {
                        follows.notifyFollowers(tx, itemId, member,
                                "The community forecast moved from " + Math.round(before == null ? 50 : before)
                                        + " % to " + Math.round(after) + " % on: " + articles.statement(tx, itemId),
                                Target.itemSection(itemId, "forecast"));
                    }
                });
        bus.publish(new LiveEvent(itemId, LiveEvent.Kind.FORECAST));
        String message = "Saved: your forecast is " + probability.value() + " %.";
        if (credit.isPresent()) {
            message += " " + (credited.get() == null
                    ? "No argument was credited: your forecast did not move."
                    : MindChangeRepository.message(credited.get()));
        }
        if (Htmx.isRequest(ctx)) {
            respond(ctx, articles.item(itemId).orElseThrow(HttpError::notFound), Forms.State.empty(), message);
        } else {
            Flash.set(ctx, message);
            Htmx.seeOther(ctx, Htmx.returnPath(ctx, Paths.INSTANCE.item(itemId) + "#forecast"));
        }
    }

    /** A move of at least {@link #BIG_MOVE} points; a first community forecast is not a move. */
    static boolean bigMove(Double before, Double after) {
        return before != null && after != null && Math.abs(after - before) >= BIG_MOVE - 1e-9;
    }

    private void respond(Context ctx, Item item, Forms.State form, String message) {
        if (Htmx.isRequest(ctx)) {
            ctx.render("forecasts/panel-fragment", Map.of("panel", panels.panel(item, Gate.viewer(ctx), form,
                    message)));
        } else {
            itemPage.render(ctx, item, form);
        }
    }

    /** Every article's predictions, or with {@code ?article={slug}} one article's (an unknown slug: 404). */
    public void leaderboard(Context ctx) {
        String slug = ctx.queryParam("article");
        Article article = slug == null || slug.isEmpty() ? null
                : articles.bySlug(slug).orElseThrow(HttpError::notFound);
        List<ScoreRepository.LeaderboardRow> all = article == null ? scores.standings()
                : scores.standingsIn(article.id());
        ctx.render("forecasts/leaderboard", Map.of("page", new LeaderboardPage(
                all.stream().filter(s -> s.predictions() >= MIN_SCORED_PREDICTIONS).toList(),
                all.stream().filter(s -> s.predictions() < MIN_SCORED_PREDICTIONS).toList(),
                MIN_SCORED_PREDICTIONS,
                Scorecard.of(article == null ? scores.resolved() : scores.resolvedIn(article.id())),
                articles.all(), article)));
    }
}
