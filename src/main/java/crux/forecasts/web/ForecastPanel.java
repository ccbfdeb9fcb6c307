package crux.forecasts.web;

import crux.core.ScoreFormat;
import crux.debate.MindChangeRepository;
import crux.stances.CampForecasts;
import crux.forecasts.Chart;
import crux.forecasts.ForecastInput;
import crux.forecasts.ForecastRepository;
import crux.forecasts.ResolutionRepository;
import crux.forecasts.Score;
import crux.forecasts.ScoreRepository;
import crux.web.Forms;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The forecast section of a prediction's page: the community forecast (big), its forecaster count, the member's
 * form, the charts with their data tables, and once resolved, how, the scores and the recent forecasts by name. Until it
 * resolves, others' forecasts show only in aggregate: the charts, and the reasons given without who gave them or what
 * probability came with them.
 *
 * @param open        the prediction takes forecasts now
 * @param closesAt    the end of the resolve-by date: forecasting closes then at the latest
 * @param community   the community forecast in %, or null before the first forecast
 * @param mine        the viewer's latest forecast, or null
 * @param recent      the newest updates with their forecasters: empty until the prediction resolves
 * @param reasons     the newest rationales without forecaster or probability: empty once it resolves
 * @param resolution  how it resolved, or null while unresolved
 * @param article     the article's score on it, or null (unresolved, annulled, or no implied probability)
 * @param myScore     the viewer's stored score, or null
 * @param retiredArticle the prediction's article is retired: it takes no forecasts whatever its dates say
 */
public record ForecastPanel(long itemId, boolean open, Instant closesAt, Double community, int forecasters,
                            ForecastRepository.Update mine, List<ForecastRepository.Update> recent,
                            List<ForecastRepository.Reason> reasons, Chart histogram,
                            Chart history, Forms.State form, boolean signedIn, boolean canWrite, String returnPath,
                            String message, ScoreRepository.Resolved resolution, Score article, Score myScore,
                            List<MindChangeRepository.CreditOption> creditOptions, boolean retiredArticle,
                            CampForecasts byCamp) {

    /**
     * The same panel without its two charts: what its kept rendering is found by, the charts being kept on their own
     * ({@link ChartFragments}) and written into it per view.
     */
    public ForecastPanel withoutCharts() {
        return new ForecastPanel(itemId, open, closesAt, community, forecasters, mine, recent, reasons, null, null, form,
                signedIn, canWrite, returnPath, message, resolution, article, myScore, creditOptions, retiredArticle,
                byCamp);
    }

    /**
     * The same panel with the viewer's own forecast reduced to its probability (all the panel shows of it besides the
     * forecast's own line, which its kept rendering leaves as a hole): what members with the same forecast share.
     */
    public ForecastPanel withMineAsProbability() {
        ForecastRepository.Update probability = mine == null ? null
                : new ForecastRepository.Update(0, "", mine.probability(), null, null);
        return new ForecastPanel(itemId, open, closesAt, community, forecasters, probability, recent, reasons, histogram,
                history, form, signedIn, canWrite, returnPath, message, resolution, article, myScore, creditOptions,
                retiredArticle, byCamp);
    }

    /** How many recent updates (or reasons) the page lists: enough to see reasons move, few enough to scan. */
    public static final int RECENT = 8;
    /**
     * The form's number field. Without JavaScript it starts empty, so a typed number is always what the member meant;
     * left empty, the slider ({@link #SLIDER_FIELD}) gives the forecast. With JavaScript the two move together.
     */
    public static final String NUMBER_FIELD = "probability";
    /** The form's slider, pre-set to {@link #sliderValue()}. */
    public static final String SLIDER_FIELD = "probability-slider";
    /** Where the slider starts for someone with no forecast of their own and no community forecast to start from. */
    public static final int NEUTRAL = 50;

    /**
     * The probability a member sent: the number they typed, or the slider's when they typed none (the slider alone
     * works without JavaScript).
     */
    public static String sent(String typed, String slider) {
        return typed == null || typed.isBlank() ? slider : typed;
    }

    /**
     * Where the slider starts: what the member just sent (a refused form keeps it), else their latest forecast, else
     * the community forecast rounded (shown to everyone on the page), else {@link #NEUTRAL}.
     */
    public int sliderValue() {
        ForecastInput.Probability sent = ForecastInput.probability(form.value(SLIDER_FIELD));
        if (sent.valid()) {
            return sent.value();
        }
        if (mine != null) {
            return mine.probability();
        }
        return community == null ? NEUTRAL : (int) Math.round(community);
    }

    /** The last day forecasts are taken (UTC): the resolve-by date. */
    public LocalDate closesOn() {
        return closesAt.minusSeconds(1).atOffset(ZoneOffset.UTC).toLocalDate();
    }

    public String communityText() {
        return community == null ? null : ScoreFormat.forecast(community);
    }

    public String forecastersText() {
        return forecasters == 1 ? "1 forecaster" : forecasters + " forecasters";
    }

    public String action() {
        return "/items/" + itemId + "/forecast";
    }

    public int maxRationale() {
        return ForecastInput.MAX_RATIONALE;
    }

    public String log(Score s) {
        return ScoreFormat.log(s.logScore());
    }

    public String brier(Score s) {
        return ScoreFormat.brier(s.brier());
    }

    public String coverage(Score s) {
        return ScoreFormat.percent(s.coverage());
    }

    public String percent(Double value) {
        return value == null ? "—" : ScoreFormat.forecast(value);
    }

    public String outcomeLabel() {
        return resolution == null ? null : ResolutionRepository.label(resolution.outcome());
    }

    public String outcomeCode() {
        return resolution == null ? null : ResolutionRepository.code(resolution.outcome());
    }
}
