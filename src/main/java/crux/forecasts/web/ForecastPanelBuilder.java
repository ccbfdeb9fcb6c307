package crux.forecasts.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import crux.accounts.Member;
import crux.article.ArticleRepository;
import crux.article.Item;
import crux.debate.MindChangeRepository;
import crux.stances.CampForecasts;
import crux.stances.CampRepository;
import crux.forecasts.Chart;
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
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

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

    /**
     * What a prediction's section shows alike to everyone: the community forecast and its history (drawn as a chart up
     * to the moment this was read), the distribution of forecasts, the resolution, and the recent updates or reasons.
     * With thousands of forecasters it is most of the section's work: pages keep it until something on it changes
     * ({@code crux.pages.ItemPageBuilder}). The camps' forecasts are in it too, as the camps job last stored them:
     * the job changes them without an event, so they show a run's results once the kept section ages out (within
     * the page caches' {@code MAX_AGE}); and the arguments a forecaster may credit with changing their mind.
     */
    public record Shared(long itemId, CommunityPoint current, ScoreRepository.Resolved resolution,
                         List<ForecastRepository.Update> recent, List<ForecastRepository.Reason> reasons,
                         int[] distribution, Chart history, boolean retiredArticle,
                         Map<Integer, Chart> histograms, CampForecasts byCamp,
                         List<MindChangeRepository.CreditOption> creditOptions) {

        /** The histogram with the viewer's own forecast marked ({@code mine}, null for none): 101 variants at most. */
        Chart histogram(Integer mine) {
            return histograms.computeIfAbsent(mine == null ? -1 : mine, m -> Charts.histogramOfCounts(distribution,
                    current == null ? null : current.value(), mine));
        }
    }

    /** What every viewer's section of {@code item} starts from, read now. */
    public Shared shared(Item item) {
        Instant now = clock.instant();
        List<CommunityPoint> history = forecasts.points(item.id());
        CommunityPoint current = history.isEmpty() ? null : history.get(history.size() - 1);
        ScoreRepository.Resolved resolution = item.resolved() ? scores.resolution(item.id()).orElse(null) : null;
        // drawn up to the minute, not the instant: the same line for a minute, so its kept rendering serves it
        Instant until = resolution != null ? resolution.resolvedAt().toInstant()
                : now.isBefore(item.forecastsCloseAt()) ? now.truncatedTo(ChronoUnit.MINUTES) : item.forecastsCloseAt();
        // who forecast what becomes public only with the resolution; until then, reasons without names or numbers
        List<ForecastRepository.Update> recent = item.resolved()
                ? forecasts.recent(item.id(), ForecastPanel.RECENT) : List.of();
        List<ForecastRepository.Reason> reasons = !item.resolved()
                ? forecasts.recentReasons(item.id(), ForecastPanel.RECENT) : List.of();
        int[] distribution = forecasts.distribution(item.id());
        CampForecasts byCamp = byCamp(item);
        List<MindChangeRepository.CreditOption> options = mindChanges.options(item.id());
        Shared before = previous.getIfPresent(item.id());
        if (before != null) {
            // what did not change is the same object as before: kept renderings are found by keys holding these
            // parts, and a key per member holding its own copies of them (read again every second) filled the heap
            recent = same(before.recent(), recent);
            reasons = same(before.reasons(), reasons);
            byCamp = same(before.byCamp(), byCamp);
            options = same(before.creditOptions(), options);
        }
        boolean sameDistribution = before != null && Arrays.equals(before.distribution(), distribution)
                && Objects.equals(before.current(), current);
        Shared read = new Shared(item.id(), current, resolution, recent, reasons,
                sameDistribution ? before.distribution() : distribution, Charts.history(history, until),
                articles.inRetiredArticle(item), sameDistribution ? before.histograms() : new ConcurrentHashMap<>(),
                byCamp, options);
        previous.put(item.id(), read);
        return read;
    }

    private static <T> T same(T before, T now) {
        return before.equals(now) ? before : now;
    }

    /** Each prediction's last shared section read, for {@link #shared} to reuse what has not changed. */
    private final Cache<Long, Shared> previous = Caffeine.newBuilder().maximumSize(256).build();

    /** The section for a prediction; {@code viewer} may be null. */
    public ForecastPanel panel(Item item, Member viewer, Forms.State form, String message) {
        return panel(item, viewer, form, message, shared(item));
    }

    /** The section for a prediction from what everyone's starts from ({@link #shared}, kept or read now). */
    public ForecastPanel panel(Item item, Member viewer, Forms.State form, String message, Shared shared) {
        return panel(item, viewer, form, message, shared,
                viewer == null ? Optional.empty() : forecasts.latest(item.id(), viewer.id()));
    }

    /**
     * As {@link #panel(Item, Member, Forms.State, String, Shared)}, with the viewer's latest forecast already read (by
     * a page that reads it with other things of theirs in one statement).
     */
    public ForecastPanel panel(Item item, Member viewer, Forms.State form, String message, Shared shared,
                               Optional<ForecastRepository.Update> latest) {
        Instant now = clock.instant();
        CommunityPoint current = shared.current();
        ScoreRepository.Resolved resolution = shared.resolution();
        ForecastRepository.Update mine = viewer == null ? null : latest.orElse(null);
        Score myScore = resolution != null && viewer != null ? scores.score(item.id(), viewer.id()).orElse(null) : null;
        boolean retiredArticle = shared.retiredArticle();
        boolean open = item.takesForecasts(now) && !retiredArticle;
        return new ForecastPanel(item.id(), open, item.forecastsCloseAt(),
                current == null ? null : current.value(), current == null ? 0 : current.forecasters(), mine,
                shared.recent(), shared.reasons(),
                shared.histogram(mine == null ? null : mine.probability()),
                shared.history(),
                form, viewer != null, viewer != null && viewer.canWrite(OffsetDateTime.now(clock)),
                "/items/" + item.id() + "#forecast", message, resolution,
                resolution == null ? null : Scorecard.articleScore(resolution).orElse(null), myScore,
                mine != null && viewer.canWrite(OffsetDateTime.now(clock)) && open
                        ? shared.creditOptions() : List.of(), retiredArticle, shared.byCamp());
    }
}
