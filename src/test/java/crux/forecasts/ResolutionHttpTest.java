package crux.forecasts;

import static crux.db.generated.Tables.FORECAST;
import static crux.db.generated.Tables.FORECAST_SCORE;
import static crux.db.generated.Tables.ITEM;
import static crux.db.generated.Tables.MODERATION_LOG;
import static crux.db.generated.Tables.NOTIFICATION;
import static crux.db.generated.Tables.RESOLUTION;
import static crux.testing.TestClient.form;
import static crux.testing.Refusals.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import crux.core.ScoreFormat;
import crux.testing.Html;
import crux.testing.TestApp;
import crux.testing.TestClient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
    /** Each test resolves a prediction of its own, so none depends on what another resolved, annulled or reopened. */
    static long surge;
    static long margins;
    static long headwinds;
    static long firms;
    static long nvidia;
    /** Never resolved: the refusals and the implied-probability tests share it. */
    static long automate;
    static long commoditise;

    @BeforeAll
    static void start() {
        app = TestApp.start();
        mod = app.member("resolvemod", "moderator");
        mod2 = app.member("othermod", "moderator");
        surge = app.item("release a surge of open-source AI models");
        margins = app.item("Global profit margins for AI software");
        headwinds = app.item("will face headwinds");
        firms = app.item("Firms that use AI");
        nvidia = app.item("Nvidia will be the most vulnerable");
        automate = app.item("able to automate labour-intensive processes");
        commoditise = app.item("commoditise AI technologies");
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    static String status(long id) {
        return app.dsl().select(ITEM.STATUS).from(ITEM).where(ITEM.ID.eq(id)).fetchOne().value1();
    }

    /** What resolving or reopening writes: the item's status, the resolution, the scores, the log and the notices. */
    static Map<String, List<String>> resolutionWrites() {
        return app.snapshot(ITEM, RESOLUTION, FORECAST_SCORE, MODERATION_LOG, NOTIFICATION);
    }

    static TestClient.Response resolve(TestClient who, long id, String outcome, String note, String source) {
        return who.submit("/items/" + id, "/mod/items/" + id + "/resolve",
                form("outcome", outcome, "note", note, "source", source, "early", "confirmed"));
    }

    static final String NO_NOTE = "Write a resolution note saying what happened (up to 1000 characters).";
    static final String NO_SOURCE = "Give the source as a full http:// or https:// link (up to 500 characters), so anyone can check the outcome.";
    static final String NO_OUTCOME = "Choose how it resolved: YES, NO or annulled.";

    @ParameterizedTest
    @CsvSource(value = {
            "yes, '', https://example.org/report, '" + NO_NOTE + "'",
            "yes, 'It happened', '', '" + NO_SOURCE + "'",
            "no, 'It did not', ftp://example.org/x, '" + NO_SOURCE + "'",
            "no, 'It did not', javascript:alert(1), '" + NO_SOURCE + "'",
            "no, 'It did not', https://, '" + NO_SOURCE + "'",
            "no, 'It did not', 'https://exa mple.org', '" + NO_SOURCE + "'",
            "maybe, 'Unclear', https://example.org, '" + NO_OUTCOME + "'",
            "'', 'Unclear', https://example.org, '" + NO_OUTCOME + "'"})
    void badResolutionsAreRefusedAndNothingIsStored(String outcome, String note, String source, String message) {
        int logs = app.count(MODERATION_LOG);
        assertRefused(resolve(mod, automate, outcome, note, source), 422, message);
        assertThat(status(automate)).isEqualTo("open");
        assertThat(app.dsl().fetchCount(RESOLUTION, RESOLUTION.ITEM_ID.eq(automate))).isZero();
        assertThat(app.count(MODERATION_LOG)).isEqualTo(logs);
    }

    @Test
    void onlyModeratorsResolveAndOnlyPredictions() {
        TestClient member = app.member("notamod");
        int logs = app.count(MODERATION_LOG);
        assertRefused(resolve(member, automate, "yes", "n", "https://example.org"), 403, "This page is for moderators.");
        assertRefused(app.client().post("/mod/items/" + automate + "/resolve", form("outcome", "yes")), 403, "This form has expired or did not come from Crux. Please reload the page and try again.");
        TestClient.Response claim = resolve(mod, commoditise, "yes", "n", "https://example.org");
        assertRefused(claim, 422, "Only predictions are resolved; this item is a claim.");
        assertThat(Html.errorMessage(claim.html())).isEqualTo("Only predictions are resolved; this item is a claim.");
        assertThat(status(commoditise)).isEqualTo("open");
        assertRefused(resolve(mod, 424242, "yes", "n", "https://example.org"), 404, "There is nothing at this address. It may have been mistyped, or the thing it pointed to no longer exists.");
        assertThat(status(automate)).isEqualTo("open");
        assertThat(app.count(MODERATION_LOG)).isEqualTo(logs);
    }

    @Test
    void aResolutionScoresEveryForecasterLogsAndNotifiesAndClosesForecasting() {
        TestClient fox = app.member("fox");
        TestClient gil = app.member("gil");
        fox.submit("/items/" + surge, "/items/" + surge + "/forecast", form("probability", "20"));
        gil.submit("/items/" + surge, "/items/" + surge + "/forecast", form("probability", "60"));
        fox.submit("/items/" + surge, "/items/" + surge + "/forecast", form("probability", "75", "rationale", "changed my mind"));
        // the moderator forecasts too, and is not notified about their own resolution
        mod.submit("/items/" + surge, "/items/" + surge + "/forecast", form("probability", "50"));
        int logs = app.count(MODERATION_LOG);
        int notices = app.count(NOTIFICATION);

        TestClient.Response r = resolve(mod, surge, "yes", "Thirty-five Chinese open models in the window.",
                "https://huggingface.co/models?sort=trending");
        assertThat(r.status()).isEqualTo(303);
        assertThat(r.location()).isEqualTo("/items/" + surge + "#forecast");
        assertThat(status(surge)).isEqualTo("resolved_yes");
        assertThat(app.count(MODERATION_LOG)).isEqualTo(logs + 1);
        assertThat(app.dsl().select(MODERATION_LOG.ACTION, MODERATION_LOG.REASON).from(MODERATION_LOG)
                .orderBy(MODERATION_LOG.ID.desc()).limit(1).fetchOne().value2()).startsWith("Resolved YES: resolved ").contains("before its resolve-by date").contains("Thirty-five");
        assertThat(app.count(NOTIFICATION)).isEqualTo(notices + 2);
        assertThat(app.dsl().fetchCount(FORECAST_SCORE, FORECAST_SCORE.ITEM_ID.eq(surge))).isEqualTo(3);

        // each score equals Scoring computed here from the stored rows
        Instant opened = app.dsl().select(ITEM.CREATED_AT).from(ITEM).where(ITEM.ID.eq(surge)).fetchOne().value1().toInstant();
        Instant closed = app.dsl().select(RESOLUTION.RESOLVED_AT).from(RESOLUTION).where(RESOLUTION.ITEM_ID.eq(surge))
                .fetchOne().value1().toInstant();
        long foxId = app.memberNamed("fox").id();
        Score expected = Scoring.member(Outcome.YES, opened, closed, forecastsOf(surge, foxId)).orElseThrow();
        var summary = app.dsl().select(NOTIFICATION.SUMMARY, NOTIFICATION.KIND, NOTIFICATION.URL).from(NOTIFICATION)
                .where(NOTIFICATION.MEMBER_ID.eq(foxId)).fetchOne();
        assertThat(summary.value2()).isEqualTo("resolution");
        assertThat(summary.value3()).isEqualTo("/items/" + surge + "#forecast");
        assertThat(summary.value1()).startsWith("Resolved YES — your score: log " + ScoreFormat.log(expected.logScore())
                + ", Brier " + ScoreFormat.brier(expected.brier()));

        Document page = fox.get("/items/" + surge).html();
        assertThat(page.select(".resolution-outcome").text()).startsWith("Resolved YES");
        assertThat(page.select(".resolution-source a").attr("href")).isEqualTo("https://huggingface.co/models?sort=trending");
        assertThat(page.select(".score-mine td").first().text()).isEqualTo(ScoreFormat.log(expected.logScore()));
        assertThat(page.select("#forecast form")).isEmpty();

        int forecasts = app.count(FORECAST);
        assertRefused(gil.submit("/items/" + surge, "/items/" + surge + "/forecast", form("probability", "80")), 409, "Forecasting on this prediction is over: it has been resolved. Nothing was saved.");
        assertThat(app.count(FORECAST)).isEqualTo(forecasts);
        // a second resolution is a conflict, and changes nothing
        var resolved = resolutionWrites();
        assertRefused(resolve(mod2, surge, "no", "No", "https://example.org"), 409, "This prediction has already been resolved \u2014 perhaps by another moderator a moment ago. Reload it to see how; reopen it first if that resolution was wrong.");
        assertThat(status(surge)).isEqualTo("resolved_yes");
        assertThat(app.count(MODERATION_LOG)).isEqualTo(logs + 1);
        assertThat(resolutionWrites()).as("no second resolution, no rescoring, no notices").isEqualTo(resolved);
    }

    static List<Forecast> forecastsOf(long itemId, long memberId) {
        return app.dsl().select(FORECAST.MEMBER_ID, FORECAST.CREATED_AT, FORECAST.PROBABILITY).from(FORECAST)
                .where(FORECAST.ITEM_ID.eq(itemId)).and(FORECAST.MEMBER_ID.eq(memberId))
                .fetch(r -> new Forecast(r.value1(), r.value2().toInstant(), r.value3()));
    }

    @Test
    void twoModeratorsRacingOneWinsTheOtherGetsAConflict() throws Exception {
        app.member("racer").submit("/items/" + nvidia, "/items/" + nvidia + "/forecast", form("probability", "30"));
        String t1 = mod.csrf("/items/" + nvidia);
        String t2 = mod2.csrf("/items/" + nvidia);
        int logs = app.count(MODERATION_LOG);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch go = new CountDownLatch(1);
            Future<TestClient.Response> a = pool.submit(() -> {
                go.await();
                return mod.post("/mod/items/" + nvidia + "/resolve", form("outcome", "yes", "note", "up", "source", "https://a.example", "early", "confirmed", "_csrf", t1));
            });
            Future<TestClient.Response> b = pool.submit(() -> {
                go.await();
                return mod2.post("/mod/items/" + nvidia + "/resolve", form("outcome", "no", "note", "down", "source", "https://b.example", "early", "confirmed", "_csrf", t2));
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
        assertThat(app.dsl().fetchCount(RESOLUTION, RESOLUTION.ITEM_ID.eq(nvidia))).isEqualTo(1);
        assertThat(app.count(MODERATION_LOG)).isEqualTo(logs + 1);
        assertThat(app.dsl().fetchCount(FORECAST_SCORE, FORECAST_SCORE.ITEM_ID.eq(nvidia))).isEqualTo(1);
    }

    @Test
    void aWrongResolutionIsReopenedWithAReasonAndItsScoresWithdrawn() {
        TestClient hal = app.member("hal");
        hal.submit("/items/" + headwinds, "/items/" + headwinds + "/forecast", form("probability", "40"));
        assertThat(resolve(mod, headwinds, "no", "IGV beat QQQ", "https://example.org/igv").status()).isEqualTo(303);
        assertThat(app.dsl().fetchCount(FORECAST_SCORE, FORECAST_SCORE.ITEM_ID.eq(headwinds))).isEqualTo(1);
        int logs = app.count(MODERATION_LOG);

        assertRefused(mod.submit("/items/" + headwinds, "/mod/items/" + headwinds + "/reopen", form("reason", " ")), 422, "Say why the resolution was wrong (up to 1000 characters).");
        assertRefused(app.member("reopener").submit("/items/" + headwinds, "/mod/items/" + headwinds + "/reopen", form("reason", "x")), 403, "This page is for moderators.");
        assertThat(status(headwinds)).isEqualTo("resolved_no");
        assertThat(app.count(MODERATION_LOG)).isEqualTo(logs);

        assertThat(mod.submit("/items/" + headwinds, "/mod/items/" + headwinds + "/reopen", form("reason", "Wrong data source")).status()).isEqualTo(303);
        assertThat(status(headwinds)).isEqualTo("open");
        assertThat(app.dsl().fetchCount(FORECAST_SCORE, FORECAST_SCORE.ITEM_ID.eq(headwinds))).isZero();
        assertThat(app.dsl().fetchCount(RESOLUTION, RESOLUTION.ITEM_ID.eq(headwinds))).isZero();
        assertThat(app.count(MODERATION_LOG)).isEqualTo(logs + 1);
        assertThat(app.dsl().fetchCount(NOTIFICATION, NOTIFICATION.MEMBER_ID.eq(app.memberNamed("hal").id())
                .and(NOTIFICATION.SUMMARY.startsWith("Reopened")))).isEqualTo(1);
        assertThat(hal.submit("/items/" + headwinds, "/items/" + headwinds + "/forecast", form("probability", "45")).status()).isEqualTo(303);
        // reopening what is open is a conflict
        var reopened = resolutionWrites();
        assertRefused(mod.submit("/items/" + headwinds, "/mod/items/" + headwinds + "/reopen", form("reason", "again")), 409, "This prediction is not resolved \u2014 perhaps another moderator reopened it a moment ago. Reload it to see where it stands.");
        assertThat(resolutionWrites()).isEqualTo(reopened);
    }

    @Test
    void anAnnulledPredictionScoresNothing() {
        TestClient ivy = app.member("ivy");
        ivy.submit("/items/" + firms, "/items/" + firms + "/forecast", form("probability", "40"));
        assertThat(resolve(mod, firms, "annulled", "The index was discontinued.", "").status()).isEqualTo(303);
        assertThat(status(firms)).isEqualTo("annulled");
        assertThat(app.dsl().fetchCount(FORECAST_SCORE, FORECAST_SCORE.ITEM_ID.eq(firms))).isZero();
        assertThat(app.dsl().select(NOTIFICATION.SUMMARY).from(NOTIFICATION)
                .where(NOTIFICATION.MEMBER_ID.eq(app.memberNamed("ivy").id())).fetchOne().value1())
                .startsWith("Annulled, so it is not scored");
        assertThat(ivy.get("/items/" + firms).html().select(".resolution-outcome").text()).startsWith("Annulled");
    }

    @Test
    void theImpliedProbabilityIsSetByModeratorsLoggedAndSettledOnceResolved() {
        int logs = app.count(MODERATION_LOG);
        var before = app.snapshot(ITEM, MODERATION_LOG);
        String path = "/mod/items/" + automate + "/implied";
        TestClient.Response tooLikely = mod.submit("/items/" + automate, path, form("implied", "150", "wording", "will likely",
                "reason", "r"));
        assertRefused(tooLikely, 422, "The implied probability is a whole number from 1 to 99.");
        assertThat(Html.errorMessage(tooLikely.html())).isEqualTo("The implied probability is a whole number from 1 to 99.");
        TestClient.Response noWording = mod.submit("/items/" + automate, path, form("implied", "75", "wording", " ",
                "reason", "r"));
        assertRefused(noWording, 422, "Quote the article's words that imply it (up to 200 characters).");
        assertThat(Html.errorMessage(noWording.html())).isEqualTo("Quote the article's words that imply it (up to 200 characters).");
        TestClient.Response noReason = mod.submit("/items/" + automate, path, form("implied", "75", "wording", "will likely",
                "reason", ""));
        assertRefused(noReason, 422, "Give a reason for the public log (up to 1000 characters).");
        assertThat(Html.errorMessage(noReason.html())).isEqualTo("Give a reason for the public log (up to 1000 characters).");
        TestClient.Response member = app.member("impliedmember").submit("/items/" + automate, path, form("implied", "75",
                "wording", "will likely", "reason", "r"));
        assertRefused(member, 403, "This page is for moderators.");
        assertThat(Html.text(member.html(), "h1")).isEqualTo("Not allowed");
        assertThat(app.snapshot(ITEM, MODERATION_LOG)).isEqualTo(before);
        assertThat(app.count(MODERATION_LOG)).isEqualTo(logs);

        assertThat(mod.submit("/items/" + automate, "/mod/items/" + automate + "/implied", form("implied", "75", "wording", "will likely",
                "reason", "\u201cwill likely\u201d reads as three in four")).status()).isEqualTo(303);
        assertThat(app.count(MODERATION_LOG)).isEqualTo(logs + 1);
        Document page = app.client().get("/items/" + automate).html();
        assertThat(page.select(".facts dt:contains(The article implies) + dd").text()).isEqualTo("75 % (\u201cwill likely\u201d)");
    }

    @Test
    void resolvedPredictionsRefuseImpliedChanges() {
        app.dsl().update(ITEM).set(ITEM.STATUS, "resolved_no").where(ITEM.ID.eq(margins)).execute();
        var before = app.snapshot(ITEM, MODERATION_LOG);
        assertRefused(mod.submit("/items/" + margins, "/mod/items/" + margins + "/implied", form("implied", "10", "wording", "w", "reason", "r"))
                , 409, "This prediction has resolved, so what the article implied is settled. Reopen it first if the resolution was wrong.");
        assertThat(app.snapshot(ITEM, MODERATION_LOG)).as("the implied probability and wording stay").isEqualTo(before);
        app.dsl().update(ITEM).set(ITEM.STATUS, "open").where(ITEM.ID.eq(margins)).execute();
    }

    @Test
    void theModeratorToolsOfferResolveOrReopen() {
        Document open = mod.get("/items/" + automate).html();
        assertThat(open.select("#resolve-form input[name=outcome]")).hasSize(3);
        assertThat(open.select("#implied-form input[name=implied]").attr("type")).isEqualTo("number");
        assertThat(app.member("toolless").get("/items/" + automate).html().select("#resolve-form")).isEmpty();
    }
}
