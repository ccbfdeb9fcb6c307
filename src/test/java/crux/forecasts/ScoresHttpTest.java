package crux.forecasts;

import static crux.db.generated.Tables.FORECAST;
import static crux.db.generated.Tables.ITEM;
import static crux.db.generated.Tables.RESOLUTION;
import static crux.testing.TestClient.form;
import static org.assertj.core.api.Assertions.assertThat;

import crux.core.ScoreFormat;
import crux.forecasts.web.ForecastHandlers;
import crux.testing.Html;
import crux.testing.MutableClock;
import crux.testing.Seeded;
import crux.testing.TestApp;
import crux.testing.TestClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The leaderboard, profiles and the article's scorecard show the scores that {@link Scoring} gives when computed
 * here, independently, from the stored forecasts and resolution times.
 */
class ScoresHttpTest {

    static Map<Long, Outcome> OUTCOMES;

    static TestApp app;
    static TestClient mod;
    static long surge;
    static long margins;
    static long headwinds;
    static long firms;
    static long first;

    @BeforeAll
    static void start() {
        MutableClock clock = MutableClock.atNow();
        app = TestApp.start(TestApp.defaultKind(), Map.of(), clock);
        surge = app.item("release a surge of open-source AI models");
        margins = app.item("Global profit margins for AI software");
        headwinds = app.item("will face headwinds");
        firms = app.item("Firms that use AI");
        first = app.items("claim").get(0);
        OUTCOMES = Map.of(surge, Outcome.YES, margins, Outcome.NO, headwinds, Outcome.YES, firms, Outcome.ANNULLED);
        // every forecast comes after the items were seeded, and every resolution after the forecasts
        clock.advance(Duration.ofMinutes(1));
        mod = app.member("scoremod", "moderator");
        TestClient ada = app.member("ada");
        TestClient bea = app.member("bea");
        TestClient cal = app.member("cal");
        forecast(ada, surge, 70);
        forecast(bea, surge, 30);
        forecast(ada, margins, 20);
        forecast(cal, margins, 60);
        // ada's update comes later than her first forecast, so it counts as an update with a time of its own
        clock.advance(Duration.ofHours(1));
        forecast(ada, surge, 85);
        forecast(ada, headwinds, 55);
        forecast(bea, headwinds, 90);
        forecast(ada, firms, 50);
        forecast(cal, headwinds, 10);
        clock.advance(Duration.ofMinutes(1));
        for (var e : OUTCOMES.entrySet()) {
            long id = e.getKey();
            String code = e.getValue().name().toLowerCase();
            TestClient.Response r = mod.submit("/items/" + id, "/mod/items/" + id + "/resolve",
                    form("outcome", code, "note", "checked", "source", e.getValue() == Outcome.ANNULLED ? "" : "https://example.org/" + id, "early", "confirmed"));
            assertThat(r.status()).isEqualTo(303);
        }
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    static void forecast(TestClient who, long item, int p) {
        assertThat(who.submit("/items/" + item, "/items/" + item + "/forecast", form("probability", Integer.toString(p)))
                .status()).isEqualTo(303);
    }

    static Instant opened(long item) {
        return app.dsl().select(ITEM.CREATED_AT).from(ITEM).where(ITEM.ID.eq(item)).fetchOne().value1().toInstant();
    }

    static Instant closed(long item) {
        return app.dsl().select(RESOLUTION.RESOLVED_AT).from(RESOLUTION).where(RESOLUTION.ITEM_ID.eq(item)).fetchOne()
                .value1().toInstant();
    }

    static List<Forecast> updates(long item) {
        return app.dsl().select(FORECAST.MEMBER_ID, FORECAST.CREATED_AT, FORECAST.PROBABILITY).from(FORECAST)
                .where(FORECAST.ITEM_ID.eq(item)).orderBy(FORECAST.CREATED_AT, FORECAST.ID)
                .fetch(r -> new Forecast(r.value1(), r.value2().toInstant(), r.value3()));
    }

    /** A member's scores on every scored prediction, computed here. */
    static List<Score> scoresOf(String name) {
        long id = app.memberNamed(name).id();
        List<Score> scores = new ArrayList<>();
        for (var e : OUTCOMES.entrySet()) {
            List<Forecast> mine = updates(e.getKey()).stream().filter(f -> f.memberId() == id).toList();
            if (!mine.isEmpty() && e.getValue() != Outcome.ANNULLED) {
                scores.add(Scoring.member(e.getValue(), opened(e.getKey()), closed(e.getKey()), mine).orElseThrow());
            }
        }
        return scores;
    }

    static double meanLog(List<Score> s) {
        return s.stream().mapToDouble(Score::logScore).average().orElseThrow();
    }

    static double meanBrier(List<Score> s) {
        return s.stream().mapToDouble(Score::brier).average().orElseThrow();
    }

    @Test
    void theLeaderboardRanksMembersWithEnoughResolvedPredictionsByMeanLogScore() {
        Document page = app.client().get("/leaderboard").html();
        assertThat(page.select(".hint").text()).contains("at least " + ForecastHandlers.MIN_SCORED_PREDICTIONS);
        var rows = page.select(".ranked-table tbody tr");
        // only ada has three scored predictions (the annulled one scores nothing)
        assertThat(rows).hasSize(1);
        Element ada = rows.get(0);
        List<Score> expected = scoresOf("ada");
        assertThat(expected).hasSize(3);
        assertThat(ada.select("td").eachText()).containsExactly("1", "3", ScoreFormat.log(meanLog(expected)),
                ScoreFormat.brier(meanBrier(expected)),
                ScoreFormat.percent(expected.stream().mapToDouble(Score::coverage).average().orElseThrow()));
        assertThat(page.select(".leaderboard section").first().select(".meta a").eachText()).containsExactlyInAnyOrder("bea", "cal");
    }

    @Test
    void theCrowdAndTheArticleAreScoredBesideEachOther() {
        List<Score> crowd = new ArrayList<>();
        List<Score> article = new ArrayList<>();
        for (var e : OUTCOMES.entrySet()) {
            if (e.getValue() == Outcome.ANNULLED) {
                continue;
            }
            long item = e.getKey();
            crowd.add(Scoring.crowd(e.getValue(), opened(item), closed(item), CommunityForecast.history(updates(item))).orElseThrow());
            int implied = app.dsl().select(ITEM.IMPLIED_PROBABILITY).from(ITEM).where(ITEM.ID.eq(item)).fetchOne().value1();
            article.add(Scoring.article(e.getValue(), opened(item), closed(item), implied).orElseThrow());
        }
        Document page = app.client().get("/leaderboard").html();
        assertThat(page.select("#crowd-summary td").eachText()).containsExactly("3", ScoreFormat.log(meanLog(crowd)),
                ScoreFormat.brier(meanBrier(crowd)));
        assertThat(page.select("#article-summary td").eachText()).containsExactly("3", ScoreFormat.log(meanLog(article)),
                ScoreFormat.brier(meanBrier(article)));
        assertThat(page.select(".record-table tbody tr")).hasSize(4);
        assertThat(page.select("svg.chart-calibration .chart-point")).isNotEmpty();

        Document articlePage = app.client().get(Seeded.ARTICLE).html();
        assertThat(Html.text(articlePage, ".scorecard > p strong")).isEqualTo("3");
        assertThat(articlePage.select(".scorecard > p").first().text()).startsWith("3 of its predictions have resolved.");
        assertThat(articlePage.select(".scorecard-table tbody tr").get(0).select("td").eachText())
                .containsExactly(ScoreFormat.brier(meanBrier(article)), ScoreFormat.log(meanLog(article)));
        assertThat(articlePage.select(".scorecard-table tbody tr").get(1).select("td").eachText())
                .containsExactly(ScoreFormat.brier(meanBrier(crowd)), ScoreFormat.log(meanLog(crowd)));
    }

    @Test
    void aProfileShowsTheTrackRecordCalibrationAndResolvedForecastsToAllButStancesOnlyToTheMember() {
        TestClient ada = app.client();
        TestClient stancerSelf = app.member("stancer");
        stancerSelf.submit("/items/" + first, "/items/" + first + "/stance", form("stance", "unsure"));
        Document page = ada.get("/users/ada").html();
        List<Score> expected = scoresOf("ada");
        assertThat(page.select("#mean-log").text()).isEqualTo(ScoreFormat.log(meanLog(expected)));
        assertThat(page.select("#mean-brier").text()).isEqualTo(ScoreFormat.brier(meanBrier(expected)));
        assertThat(page.select(".record-table tbody tr")).hasSize(3);
        long adaId = app.memberNamed("ada").id();
        Score onSurge = Scoring.member(Outcome.YES, opened(surge), closed(surge),
                updates(surge).stream().filter(f -> f.memberId() == adaId).toList()).orElseThrow();
        assertThat(page.select("#score-" + surge + " .score-log").text()).isEqualTo(ScoreFormat.log(onSurge.logScore()));
        assertThat(page.select("#score-" + surge + " td").get(1).text()).isEqualTo("85 %");
        assertThat(page.select("svg.chart-calibration")).hasSize(1);
        assertThat(page.select("svg.chart-calibration").outerHtml()).contains("Came true");
        assertThat(Html.text(page, "#forecast-" + surge + " .activity-value strong")).isEqualTo("85 %");
        assertThat(Html.text(page, "#forecast-" + surge + " .activity-value .meta")).startsWith("2 updates; community ");
        // all four of her predictions have resolved (one annulled), so her forecasts on them are public
        assertThat(page.select("#forecasts-title ~ ul li")).hasSize(4);

        // a stance is private: another visitor sees no stance section at all, the member sees theirs
        Document stancer = ada.get("/users/stancer").html();
        assertThat(stancer.select("#stances-title, #stance-" + first)).isEmpty();
        assertThat(stancer.select(".track-record .empty-state").text()).contains("No resolved predictions");
        Document own = stancerSelf.get("/users/stancer").html();
        assertThat(Html.text(own, "#stance-" + first + " .stance-tag")).isEqualTo("Unsure");
    }
}
