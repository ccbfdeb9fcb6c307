package crux.forecasts;

import crux.article.ArticleRepository;
import crux.article.Item;
import crux.article.ItemPages;
import crux.web.Flash;
import crux.web.Forms;
import crux.web.Gate;
import crux.web.HttpError;
import crux.web.Htmx;
import crux.web.Ids;
import crux.web.Paths;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Making a forecast, and the leaderboard. */
public final class ForecastHandlers {

    /** Fewer resolved predictions than this say more about luck than skill: such members are listed, not ranked. */
    public static final int MIN_SCORED_PREDICTIONS = 3;

    /** The leaderboard: ranked members, those still below the minimum, and the article against the crowd. */
    public record LeaderboardPage(List<ScoreRepository.Standing> ranked, List<ScoreRepository.Standing> unranked,
                                  int minimum, Scorecard scorecard) {
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
    private final ItemPages pages;

    public ForecastHandlers(ArticleRepository articles, ForecastRepository forecasts, ScoreRepository scores, ItemPages pages) {
        this.articles = articles;
        this.forecasts = forecasts;
        this.scores = scores;
        this.pages = pages;
    }

    public void forecast(Context ctx) {
        Item item = articles.item(Ids.parse(ctx.pathParam("id"))).orElseThrow(HttpError::notFound);
        long member = Gate.member(ctx).id();
        forecasts.checkOpen(item);
        String rawProbability = Forms.text(ctx, "probability");
        String rawRationale = Forms.text(ctx, "rationale");
        ForecastInput.Probability probability = ForecastInput.probability(rawProbability);
        Optional<String> rationale = ForecastInput.rationale(rawRationale);
        Forms.Builder form = new Forms.Builder().value("probability", rawProbability).value("rationale", rawRationale);
        if (!probability.valid()) {
            form.error("probability", probability.error());
        }
        if (rationale.isEmpty()) {
            form.error("rationale", ForecastInput.RATIONALE_MESSAGE);
        }
        if (form.hasErrors()) {
            ctx.status(422);
            respond(ctx, item, form.build(), null);
            return;
        }
        // checked again under the item's lock: a resolution may have landed since
        forecasts.add(member, item.id(), probability.value(), rationale.get());
        String message = "Saved: your forecast is " + probability.value() + " %.";
        if (Htmx.isRequest(ctx)) {
            respond(ctx, item, Forms.State.empty(), message);
        } else {
            Flash.set(ctx, message);
            Htmx.seeOther(ctx, Htmx.returnPath(ctx, Paths.INSTANCE.item(item.id()) + "#forecast"));
        }
    }

    private void respond(Context ctx, Item item, Forms.State form, String message) {
        if (Htmx.isRequest(ctx)) {
            ctx.render("forecasts/panel-fragment", Map.of("panel", pages.forecastPanel(ctx, item, form, message)));
        } else {
            ctx.render("article/item", Map.of("page", pages.page(ctx, item, false, form, null)));
        }
    }

    public void leaderboard(Context ctx) {
        List<ScoreRepository.Standing> all = scores.standings();
        ctx.render("forecasts/leaderboard", Map.of("page", new LeaderboardPage(
                all.stream().filter(s -> s.predictions() >= MIN_SCORED_PREDICTIONS).toList(),
                all.stream().filter(s -> s.predictions() < MIN_SCORED_PREDICTIONS).toList(),
                MIN_SCORED_PREDICTIONS, Scorecard.of(scores.resolved()))));
    }
}
