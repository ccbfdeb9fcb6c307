package crux.forecasts;

import static crux.db.generated.Tables.FORECAST;
import static crux.db.generated.Tables.ITEM;
import static crux.db.generated.Tables.RESOLUTION;
import static crux.testing.TestClient.form;
import static org.assertj.core.api.Assertions.assertThat;

import crux.core.ScoreFormat;
import crux.forecasts.web.ForecastHandlers;
import crux.testing.TestApp;
import crux.testing.TestClient;
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

    static final Map<Long, Outcome> OUTCOMES = Map.of(4L, Outcome.YES, 14L, Outcome.NO, 22L, Outcome.YES, 23L, Outcome.ANNULLED);

    static TestApp app;
    static TestClient mod;

    @BeforeAll
    static void start() throws Exception {
        app = TestApp.start();
        mod = app.member("scoremod", "moderator");
        TestClient ada = app.member("ada");
        TestClient bea = app.member("bea");
        TestClient cal = app.member("cal");
        forecast(ada, 4, 70);
        forecast(bea, 4, 30);
        forecast(ada, 14, 20);
        forecast(cal, 14, 60);
        Thread.sleep(20);
        forecast(ada, 4, 85);
        forecast(ada, 22, 55);
        forecast(bea, 22, 90);
        forecast(ada, 23, 50);
        forecast(cal, 22, 10);
        for (var e : OUTCOMES.entrySet()) {
            long id = e.getKey();
            String code = e.getValue().name().toLowerCase();
            TestClient.Response r = mod.submit("/items/" + id, "/mod/items/" + id + "/resolve",
                    form("outcome", code, "note", "checked", "source", e.getValue() == Outcome.ANNULLED ? "" : "https://example.org/" + id));
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

        Document articlePage = app.client().get("/").html();
        assertThat(articlePage.select(".scorecard").text()).contains("3 of its predictions have resolved");
        assertThat(articlePage.select(".scorecard-table tbody tr").get(0).select("td").eachText())
                .containsExactly(ScoreFormat.brier(meanBrier(article)), ScoreFormat.log(meanLog(article)));
        assertThat(articlePage.select(".scorecard-table tbody tr").get(1).select("td").eachText())
                .containsExactly(ScoreFormat.brier(meanBrier(crowd)), ScoreFormat.log(meanLog(crowd)));
    }

    @Test
    void aProfileShowsTheTrackRecordCalibrationForecastsAndStances() {
        TestClient ada = app.client();
        app.member("stancer").submit("/items/1", "/items/1/stance", form("stance", "unsure"));
        Document page = ada.get("/users/ada").html();
        List<Score> expected = scoresOf("ada");
        assertThat(page.select("#mean-log").text()).isEqualTo(ScoreFormat.log(meanLog(expected)));
        assertThat(page.select("#mean-brier").text()).isEqualTo(ScoreFormat.brier(meanBrier(expected)));
        assertThat(page.select(".record-table tbody tr")).hasSize(3);
        long adaId = app.memberNamed("ada").id();
        Score onFour = Scoring.member(Outcome.YES, opened(4), closed(4),
                updates(4).stream().filter(f -> f.memberId() == adaId).toList()).orElseThrow();
        assertThat(page.select("#score-4 .score-log").text()).isEqualTo(ScoreFormat.log(onFour.logScore()));
        assertThat(page.select("#score-4 td").get(1).text()).isEqualTo("85 %");
        assertThat(page.select("svg.chart-calibration")).hasSize(1);
        assertThat(page.select("svg.chart-calibration").outerHtml()).contains("Came true");
        assertThat(page.select("#forecast-4").text()).contains("85 %").contains("2 updates");
        assertThat(page.select("#forecasts-title + ul li")).hasSize(4);

        Document stancer = ada.get("/users/stancer").html();
        assertThat(stancer.select("#stance-1").text()).contains("Unsure");
        assertThat(stancer.select(".track-record .empty-state").text()).contains("No resolved predictions");
    }
}
