package crux.forecasts.web;

import crux.accounts.Member;
import crux.article.ArticleRepository;
import crux.article.Item;
import crux.debate.MindChangeRepository;
import crux.stances.CampForecasts;
import crux.stances.CampRepository;
import crux.forecasts.Charts;
import crux.forecasts.CommunityPoint;
import crux.forecasts.ForecastRepository;
import crux.forecasts.Score;
import crux.forecasts.ScoreRepository;
import crux.forecasts.Scorecard;
import crux.web.Forms;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * Builds the forecast section of a prediction's page from what is stored as forecasts arrive (the latest forecasts,
 * the community points), so a page view replays nothing: three to six queries.
 */
public final class ForecastPanelBuilder {

    private final ForecastRepository forecasts;
    private final ScoreRepository scores;
    private final Clock clock;

    private final MindChangeRepository mindChanges;

    private final ArticleRepository articles;

    private final CampRepository camps;

    public ForecastPanelBuilder(ArticleRepository articles, ForecastRepository forecasts, ScoreRepository scores,
            CampRepository camps, MindChangeRepository mindChanges, Clock clock) {
        this.articles = articles;
        this.camps = camps;
        this.mindChanges = mindChanges;
        this.forecasts = forecasts;
        this.scores = scores;
        this.clock = clock;
    }

    /** The community forecast per camp of the item's article, as the camp job last stored it: two queries. */
    private CampForecasts byCamp(Item item) {
        List<CampRepository.CampInfo> all = camps.camps(item.articleId());
        return all.isEmpty() ? CampForecasts.none() : CampForecasts.of(all, camps.itemStat(item.id()), item.status());
    }

    /** The section for a prediction; {@code viewer} may be null. */
    public ForecastPanel panel(Item item, Member viewer, Forms.State form, String message) {
        Instant now = clock.instant();
        List<CommunityPoint> history = forecasts.points(item.id());
        CommunityPoint current = history.isEmpty() ? null : history.get(history.size() - 1);
        ScoreRepository.Resolved resolution = item.resolved() ? scores.resolution(item.id()).orElse(null) : null;
        Instant until = resolution != null ? resolution.resolvedAt().toInstant()
                : now.isBefore(item.forecastsCloseAt()) ? now : item.forecastsCloseAt();
        ForecastRepository.Update mine = viewer == null ? null : forecasts.latest(item.id(), viewer.id()).orElse(null);
        // who forecast what becomes public only with the resolution; until then, reasons without names or numbers
        List<ForecastRepository.Update> recent = item.resolved()
                ? forecasts.recent(item.id(), ForecastPanel.RECENT) : List.of();
        List<ForecastRepository.Reason> reasons = !item.resolved()
                ? forecasts.recentReasons(item.id(), ForecastPanel.RECENT) : List.of();
        Score myScore = resolution != null && viewer != null ? scores.score(item.id(), viewer.id()).orElse(null) : null;
        boolean retiredArticle = articles.inRetiredArticle(item);
        boolean open = item.takesForecasts(now) && !retiredArticle;
        return new ForecastPanel(item.id(), open, item.forecastsCloseAt(),
                current == null ? null : current.value(), current == null ? 0 : current.forecasters(), mine, recent,
                reasons,
                Charts.histogramOfCounts(forecasts.distribution(item.id()), current == null ? null : current.value(),
                        mine == null ? null : mine.probability()),
                Charts.history(history, until),
                form, viewer != null, viewer != null && viewer.canWrite(OffsetDateTime.now(clock)),
                "/items/" + item.id() + "#forecast", message, resolution,
                resolution == null ? null : Scorecard.articleScore(resolution).orElse(null), myScore,
                mine != null && viewer.canWrite(OffsetDateTime.now(clock)) && open
                        ? mindChanges.options(item.id()) : List.of(), retiredArticle, byCamp(item));
    }
}
