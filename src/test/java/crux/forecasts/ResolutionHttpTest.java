package crux.forecasts;

import static crux.db.generated.Tables.FORECAST;
import static crux.db.generated.Tables.FORECAST_SCORE;
import static crux.db.generated.Tables.ITEM;
import static crux.db.generated.Tables.MODERATION_LOG;
import static crux.db.generated.Tables.NOTIFICATION;
import static crux.db.generated.Tables.RESOLUTION;
import static crux.testing.TestClient.form;
import static org.assertj.core.api.Assertions.assertThat;

import crux.core.ScoreFormat;
import crux.testing.TestApp;
import crux.testing.TestClient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Moderators resolve and reopen predictions once, logged, with forecasters notified of their scores. */
class ResolutionHttpTest {

    static TestApp app;
    static TestClient mod;
    static TestClient mod2;

    @BeforeAll
    static void start() {
        app = TestApp.start();
        mod = app.member("resolvemod", "moderator");
        mod2 = app.member("othermod", "moderator");
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    static String status(long id) {
        return app.dsl().select(ITEM.STATUS).from(ITEM).where(ITEM.ID.eq(id)).fetchOne().value1();
    }

    static TestClient.Response resolve(TestClient who, long id, String outcome, String note, String source) {
        return who.submit("/items/" + id, "/mod/items/" + id + "/resolve",
                form("outcome", outcome, "note", note, "source", source));
    }

    @ParameterizedTest
    @CsvSource(value = {
            "yes, '', https://example.org/report",
            "yes, 'It happened', ''",
            "no, 'It did not', ftp://example.org/x",
            "no, 'It did not', javascript:alert(1)",
            "no, 'It did not', https://",
            "no, 'It did not', 'https://exa mple.org'",
            "maybe, 'Unclear', https://example.org",
            "'', 'Unclear', https://example.org"})
    void badResolutionsAreRefusedAndNothingIsStored(String outcome, String note, String source) {
        int logs = app.count(MODERATION_LOG);
        assertThat(resolve(mod, 27, outcome, note, source).status()).isEqualTo(422);
        assertThat(status(27)).isEqualTo("open");
        assertThat(app.count(RESOLUTION)).isZero();
        assertThat(app.count(MODERATION_LOG)).isEqualTo(logs);
    }

    @Test
    void onlyModeratorsResolveAndOnlyPredictions() {
        TestClient member = app.member("notamod");
        int logs = app.count(MODERATION_LOG);
        assertThat(resolve(member, 27, "yes", "n", "https://example.org").status()).isEqualTo(403);
        assertThat(app.client().post("/mod/items/27/resolve", form("outcome", "yes")).status()).isEqualTo(403);
        assertThat(resolve(mod, 3, "yes", "n", "https://example.org").status()).isEqualTo(422);
        assertThat(resolve(mod, 424242, "yes", "n", "https://example.org").status()).isEqualTo(404);
        assertThat(status(27)).isEqualTo("open");
        assertThat(app.count(MODERATION_LOG)).isEqualTo(logs);
    }

    @Test
    void aResolutionScoresEveryForecasterLogsAndNotifiesAndClosesForecasting() {
        TestClient fox = app.member("fox");
        TestClient gil = app.member("gil");
        fox.submit("/items/4", "/items/4/forecast", form("probability", "20"));
        gil.submit("/items/4", "/items/4/forecast", form("probability", "60"));
        fox.submit("/items/4", "/items/4/forecast", form("probability", "75", "rationale", "changed my mind"));
        // the moderator forecasts too, and is not notified about their own resolution
        mod.submit("/items/4", "/items/4/forecast", form("probability", "50"));
        int logs = app.count(MODERATION_LOG);
        int notices = app.count(NOTIFICATION);

        TestClient.Response r = resolve(mod, 4, "yes", "Thirty-five Chinese open models in the window.",
                "https://huggingface.co/models?sort=trending");
        assertThat(r.status()).isEqualTo(303);
        assertThat(r.location()).isEqualTo("/items/4#forecast");
        assertThat(status(4)).isEqualTo("resolved_yes");
        assertThat(app.count(MODERATION_LOG)).isEqualTo(logs + 1);
        assertThat(app.dsl().select(MODERATION_LOG.ACTION, MODERATION_LOG.REASON).from(MODERATION_LOG)
                .orderBy(MODERATION_LOG.ID.desc()).limit(1).fetchOne().value2()).startsWith("Resolved YES: Thirty-five");
        assertThat(app.count(NOTIFICATION)).isEqualTo(notices + 2);
        assertThat(app.dsl().fetchCount(FORECAST_SCORE, FORECAST_SCORE.ITEM_ID.eq(4L))).isEqualTo(3);

        // each score equals Scoring computed here from the stored rows
        Instant opened = app.dsl().select(ITEM.CREATED_AT).from(ITEM).where(ITEM.ID.eq(4L)).fetchOne().value1().toInstant();
        Instant closed = app.dsl().select(RESOLUTION.RESOLVED_AT).from(RESOLUTION).where(RESOLUTION.ITEM_ID.eq(4L))
                .fetchOne().value1().toInstant();
        long foxId = app.memberNamed("fox").id();
        Score expected = Scoring.member(Outcome.YES, opened, closed, forecastsOf(4, foxId)).orElseThrow();
        var summary = app.dsl().select(NOTIFICATION.SUMMARY, NOTIFICATION.KIND, NOTIFICATION.URL).from(NOTIFICATION)
                .where(NOTIFICATION.MEMBER_ID.eq(foxId)).fetchOne();
        assertThat(summary.value2()).isEqualTo("resolution");
        assertThat(summary.value3()).isEqualTo("/items/4#forecast");
        assertThat(summary.value1()).startsWith("Resolved YES — your score: log " + ScoreFormat.log(expected.logScore())
                + ", Brier " + ScoreFormat.brier(expected.brier()));

        Document page = fox.get("/items/4").html();
        assertThat(page.select(".resolution-outcome").text()).startsWith("Resolved YES");
        assertThat(page.select(".resolution-source a").attr("href")).isEqualTo("https://huggingface.co/models?sort=trending");
        assertThat(page.select(".score-mine td").first().text()).isEqualTo(ScoreFormat.log(expected.logScore()));
        assertThat(page.select("#forecast form")).isEmpty();

        int forecasts = app.count(FORECAST);
        assertThat(gil.submit("/items/4", "/items/4/forecast", form("probability", "80")).status()).isEqualTo(409);
        assertThat(app.count(FORECAST)).isEqualTo(forecasts);
        // a second resolution is a conflict, and changes nothing
        assertThat(resolve(mod2, 4, "no", "No", "https://example.org").status()).isEqualTo(409);
        assertThat(status(4)).isEqualTo("resolved_yes");
        assertThat(app.count(MODERATION_LOG)).isEqualTo(logs + 1);
    }

    static List<Forecast> forecastsOf(long itemId, long memberId) {
        return app.dsl().select(FORECAST.MEMBER_ID, FORECAST.CREATED_AT, FORECAST.PROBABILITY).from(FORECAST)
                .where(FORECAST.ITEM_ID.eq(itemId)).and(FORECAST.MEMBER_ID.eq(memberId))
                .fetch(r -> new Forecast(r.value1(), r.value2().toInstant(), r.value3()));
    }

    @Test
    void twoModeratorsRacingOneWinsTheOtherGetsAConflict() throws Exception {
        app.member("racer").submit("/items/25", "/items/25/forecast", form("probability", "30"));
        String t1 = mod.csrf("/items/25");
        String t2 = mod2.csrf("/items/25");
        int logs = app.count(MODERATION_LOG);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch go = new CountDownLatch(1);
            Future<TestClient.Response> a = pool.submit(() -> {
                go.await();
                return mod.post("/mod/items/25/resolve", form("outcome", "yes", "note", "up", "source", "https://a.example", "_csrf", t1));
            });
            Future<TestClient.Response> b = pool.submit(() -> {
                go.await();
                return mod2.post("/mod/items/25/resolve", form("outcome", "no", "note", "down", "source", "https://b.example", "_csrf", t2));
            });
            go.countDown();
            List<Integer> statuses = new ArrayList<>(List.of(a.get().status(), b.get().status()));
            assertThat(statuses).containsExactlyInAnyOrder(303, 409);
            TestClient.Response loser = a.get().status() == 409 ? a.get() : b.get();
            assertThat(loser.html().select("h1").text()).isEqualTo("Conflict");
            assertThat(loser.html().select("main p").text()).contains("already been resolved");
        } finally {
            pool.shutdownNow();
        }
        assertThat(app.dsl().fetchCount(RESOLUTION, RESOLUTION.ITEM_ID.eq(25L))).isEqualTo(1);
        assertThat(app.count(MODERATION_LOG)).isEqualTo(logs + 1);
        assertThat(app.dsl().fetchCount(FORECAST_SCORE, FORECAST_SCORE.ITEM_ID.eq(25L))).isEqualTo(1);
    }

    @Test
    void aWrongResolutionIsReopenedWithAReasonAndItsScoresWithdrawn() {
        TestClient hal = app.member("hal");
        hal.submit("/items/22", "/items/22/forecast", form("probability", "40"));
        assertThat(resolve(mod, 22, "no", "IGV beat QQQ", "https://example.org/igv").status()).isEqualTo(303);
        assertThat(app.dsl().fetchCount(FORECAST_SCORE, FORECAST_SCORE.ITEM_ID.eq(22L))).isEqualTo(1);
        int logs = app.count(MODERATION_LOG);

        assertThat(mod.submit("/items/22", "/mod/items/22/reopen", form("reason", " ")).status()).isEqualTo(422);
        assertThat(app.member("reopener").submit("/items/22", "/mod/items/22/reopen", form("reason", "x")).status())
                .isEqualTo(403);
        assertThat(status(22)).isEqualTo("resolved_no");
        assertThat(app.count(MODERATION_LOG)).isEqualTo(logs);

        assertThat(mod.submit("/items/22", "/mod/items/22/reopen", form("reason", "Wrong data source")).status()).isEqualTo(303);
        assertThat(status(22)).isEqualTo("open");
        assertThat(app.dsl().fetchCount(FORECAST_SCORE, FORECAST_SCORE.ITEM_ID.eq(22L))).isZero();
        assertThat(app.dsl().fetchCount(RESOLUTION, RESOLUTION.ITEM_ID.eq(22L))).isZero();
        assertThat(app.count(MODERATION_LOG)).isEqualTo(logs + 1);
        assertThat(app.dsl().fetchCount(NOTIFICATION, NOTIFICATION.MEMBER_ID.eq(app.memberNamed("hal").id())
                .and(NOTIFICATION.SUMMARY.startsWith("Reopened")))).isEqualTo(1);
        assertThat(hal.submit("/items/22", "/items/22/forecast", form("probability", "45")).status()).isEqualTo(303);
        // reopening what is open is a conflict
        assertThat(mod.submit("/items/22", "/mod/items/22/reopen", form("reason", "again")).status()).isEqualTo(409);
    }

    @Test
    void anAnnulledPredictionScoresNothing() {
        TestClient ivy = app.member("ivy");
        ivy.submit("/items/23", "/items/23/forecast", form("probability", "40"));
        assertThat(resolve(mod, 23, "annulled", "The index was discontinued.", "").status()).isEqualTo(303);
        assertThat(status(23)).isEqualTo("annulled");
        assertThat(app.dsl().fetchCount(FORECAST_SCORE, FORECAST_SCORE.ITEM_ID.eq(23L))).isZero();
        assertThat(app.dsl().select(NOTIFICATION.SUMMARY).from(NOTIFICATION)
                .where(NOTIFICATION.MEMBER_ID.eq(app.memberNamed("ivy").id())).fetchOne().value1())
                .startsWith("Annulled, so it is not scored");
        assertThat(ivy.get("/items/23").html().select(".resolution-outcome").text()).startsWith("Annulled");
    }

    @Test
    void theImpliedProbabilityIsSetByModeratorsLoggedAndSettledOnceResolved() {
        int logs = app.count(MODERATION_LOG);
        assertThat(mod.submit("/items/27", "/mod/items/27/implied", form("implied", "150", "wording", "will likely",
                "reason", "r")).status()).isEqualTo(422);
        assertThat(mod.submit("/items/27", "/mod/items/27/implied", form("implied", "75", "wording", " ",
                "reason", "r")).status()).isEqualTo(422);
        assertThat(mod.submit("/items/27", "/mod/items/27/implied", form("implied", "75", "wording", "will likely",
                "reason", "")).status()).isEqualTo(422);
        assertThat(app.member("impliedmember").submit("/items/27", "/mod/items/27/implied", form("implied", "75",
                "wording", "will likely", "reason", "r")).status()).isEqualTo(403);
        assertThat(app.count(MODERATION_LOG)).isEqualTo(logs);

        assertThat(mod.submit("/items/27", "/mod/items/27/implied", form("implied", "75", "wording", "will likely",
                "reason", "\u201cwill likely\u201d reads as three in four")).status()).isEqualTo(303);
        assertThat(app.count(MODERATION_LOG)).isEqualTo(logs + 1);
        Document page = app.client().get("/items/27").html();
        assertThat(page.select(".facts").text()).contains("The article implies 75 %").contains("will likely");
    }

    @Test
    void resolvedPredictionsRefuseImpliedChanges() {
        app.dsl().update(ITEM).set(ITEM.STATUS, "resolved_no").where(ITEM.ID.eq(14L)).execute();
        int logs = app.count(MODERATION_LOG);
        assertThat(mod.submit("/items/14", "/mod/items/14/implied", form("implied", "10", "wording", "w", "reason", "r"))
                .status()).isEqualTo(409);
        assertThat(app.count(MODERATION_LOG)).isEqualTo(logs);
        app.dsl().update(ITEM).set(ITEM.STATUS, "open").where(ITEM.ID.eq(14L)).execute();
    }

    @Test
    void theModeratorToolsOfferResolveOrReopen() {
        Document open = mod.get("/items/27").html();
        assertThat(open.select("#resolve-form input[name=outcome]")).hasSize(3);
        assertThat(open.select("#implied-form input[name=implied]").attr("type")).isEqualTo("number");
        assertThat(app.member("toolless").get("/items/27").html().select("#resolve-form")).isEmpty();
    }
}
