package crux.forecasts;

import crux.accounts.Member;
import crux.article.Item;
import crux.web.Forms;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalDouble;

/** Builds the forecast section of a prediction's page from its updates: one to three queries. */
public final class ForecastPanels {

    private final ForecastRepository forecasts;
    private final ScoreRepository scores;
    private final Clock clock;

    private final crux.debate.MindChanges mindChanges;

    public ForecastPanels(ForecastRepository forecasts, ScoreRepository scores, crux.debate.MindChanges mindChanges, Clock clock) {
        this.mindChanges = mindChanges;
        this.forecasts = forecasts;
        this.scores = scores;
        this.clock = clock;
    }

    /** The section for a prediction; {@code viewer} may be null. */
    public ForecastPanel panel(Item item, Member viewer, Forms.State form, String message) {
        Instant now = clock.instant();
        List<ForecastRepository.Update> updates = forecasts.updates(item.id());
        List<Forecast> all = updates.stream().map(ForecastRepository.Update::forecast).toList();
        List<Forecast> latest = CommunityForecast.latest(all);
        OptionalDouble community = CommunityForecast.of(latest);
        ScoreRepository.Resolved resolution = item.resolved() ? scores.resolution(item.id()).orElse(null) : null;
        Instant until = resolution != null ? resolution.resolvedAt().toInstant()
                : now.isBefore(item.forecastsCloseAt()) ? now : item.forecastsCloseAt();
        ForecastRepository.Update mine = null;
        if (viewer != null) {
            for (ForecastRepository.Update u : updates) {
                mine = u.memberId() == viewer.id() ? u : mine;
            }
        }
        List<ForecastRepository.Update> recent = new ArrayList<>(updates.subList(Math.max(0, updates.size() - ForecastPanel.RECENT), updates.size()));
        Collections.reverse(recent);
        Score myScore = resolution != null && viewer != null ? scores.score(item.id(), viewer.id()).orElse(null) : null;
        return new ForecastPanel(item.id(), item.takesForecasts(now), item.forecastsCloseAt(),
                community.isPresent() ? community.getAsDouble() : null, latest.size(), mine, recent,
                Charts.histogram(latest.stream().map(Forecast::probability).toList()),
                Charts.history(CommunityForecast.history(all), until),
                form, viewer != null, viewer != null && viewer.canWrite(OffsetDateTime.now(clock)),
                "/items/" + item.id() + "#forecast", message, resolution,
                resolution == null ? null : Scorecard.articleScore(resolution).orElse(null), myScore,
                mine != null && viewer.canWrite(OffsetDateTime.now(clock)) && item.takesForecasts(now)
                        ? mindChanges.options(item.id()) : List.of());
    }
}
