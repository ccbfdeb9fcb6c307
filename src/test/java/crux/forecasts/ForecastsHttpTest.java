package crux.forecasts;

import static crux.db.generated.Tables.FORECAST;
import static crux.db.generated.Tables.FORECAST_LATEST;
import static crux.db.generated.Tables.ITEM;
import static crux.db.generated.Tables.ITEM_FOLLOW;
import static crux.db.generated.Tables.NOTIFICATION;
import static crux.testing.TestClient.form;
import static crux.testing.Refusals.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import crux.testing.Html;
import crux.testing.Seeded;
import crux.testing.TestApp;
import crux.testing.TestClient;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Forecasts on predictions over HTTP: the form, every refusal (nothing stored), the community forecast and charts. */
class ForecastsHttpTest {

    /** Prediction items of the seeded article (V2). */
    static long nearly;
    static long margins;
    static long headwinds;
    static long chinaFirms;
    static long claim;

    static TestApp app;
    static TestClient ana;

    @BeforeAll
    static void start() {
        app = TestApp.start();
        nearly = app.prediction(1);
        margins = app.prediction(2);
        headwinds = app.prediction(3);
        chinaFirms = app.prediction(4);
        claim = app.claim(3);
        ana = app.member("ana");
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    static int forecasts(long itemId) {
        return app.dsl().fetchCount(FORECAST, FORECAST.ITEM_ID.eq(itemId));
    }

    /**
     * Everything a forecast writes: its row, the member's latest, the follow a first forecast adds, the notices a move
     * sends, and the items' community forecasts and counters. A refused forecast leaves all of it as it was.
     */
    static Map<String, List<String>> forecastWrites() {
        Map<String, List<String>> rows = new TreeMap<>(app.snapshot(FORECAST, FORECAST_LATEST, ITEM_FOLLOW, NOTIFICATION));
        rows.put("item forecasts", app.dsl().select(ITEM.ID, ITEM.COMMUNITY_FORECAST, ITEM.FORECASTER_COUNT,
                ITEM.FORECAST_VERSION).from(ITEM).orderBy(ITEM.ID).fetch().map(r -> r.intoList().toString()));
        return rows;
    }

    @Test
    void theFormIsANumberFieldFrom1To99WithALabel() {
        Document page = ana.get("/items/" + nearly).html();
        Element input = page.selectFirst("#forecast form input[name=probability]");
        assertThat(input).isNotNull();
        assertThat(input.attr("type")).isEqualTo("number");
        assertThat(input.attr("min")).isEqualTo("1");
        assertThat(input.attr("max")).isEqualTo("99");
        assertThat(input.attr("step")).isEqualTo("1");
        assertThat(page.select("label[for=probability]").text()).contains("%");
        assertThat(page.select("label[for=rationale]").text()).contains("optional");
        assertThat(page.selectFirst("input[name=rationale]").attr("maxlength")).isEqualTo("200");
        assertThat(page.select("#forecast form").attr("hx-post")).isEqualTo("/items/" + nearly + "/forecast");
        assertThat(page.select("#forecast-body").attr("aria-live")).isEqualTo("polite");
        // anonymous readers are told to sign in; claims have no forecast section
        assertThat(app.client().get("/items/" + nearly).html().select("#forecast form")).isEmpty();
        assertThat(app.client().get("/items/" + claim).html().select("#forecast")).isEmpty();
    }

    @Test
    void everyUpdateIsKeptAndTheLatestCounts() {
        TestClient ben = app.member("ben");
        TestClient.Response r = ben.submit("/items/" + margins, "/items/" + margins + "/forecast",
                form("probability", "30", "rationale", "margins are sticky", "return", "/items/" + margins + "#forecast"));
        assertThat(r.status()).isEqualTo(303);
        assertThat(r.location()).isEqualTo("/items/" + margins + "#forecast");
        ben.submit("/items/" + margins, "/items/" + margins + "/forecast", form("probability", "70", "rationale", ""));
        TestClient cy = app.member("cy");
        cy.submit("/items/" + margins, "/items/" + margins + "/forecast", form("probability", "90"));
        assertThat(forecasts(margins)).isEqualTo(3);

        Document page = ben.get("/items/" + margins).html();
        // two forecasters' latest: 70 and 90, unweighted median 80
        assertThat(page.select(".community-number").text()).isEqualTo("80 %");
        assertThat(page.select(".community-count").text()).isEqualTo("from 2 forecasters");
        assertThat(page.select(".forecast-mine strong").text()).isEqualTo("70 %");
        // unresolved: the reason shows without its forecaster, probability or time of day; nobody is listed by name
        assertThat(page.select(".reason-list q").eachText()).containsExactly("margins are sticky");
        assertThat(page.select(".reason-list").text()).doesNotContain("ben").doesNotContain("30 %");
        assertThat(page.select(".forecast-list")).isEmpty();
        assertThat(page.select("svg.chart-histogram title").first().text()).isEqualTo("Distribution of current forecasts");
        assertThat(page.select("svg.chart-history")).hasSize(1);
        assertThat(page.select("svg.chart-histogram").outerHtml()).doesNotContain("style=").doesNotContain("<script");
        assertThat(page.select("details.chart-data table")).hasSize(2);
        assertThat(page.select("details.chart-data").first().select("tbody tr")).hasSize(10);

        Double stored = app.dsl().select(ITEM.COMMUNITY_FORECAST).from(ITEM).where(ITEM.ID.eq(margins)).fetchOne().value1();
        assertThat(stored).isEqualTo(80.0);
        assertThat(app.client().get(Seeded.ARTICLE).html().select("#standing-" + margins).text()).startsWith("80 % likely · 2 forecasters");
    }

    @ParameterizedTest
    @ValueSource(strings = {"50.5", "50%", "NaN", "1e309", "", "   ", "-5", "-0", "+50", "999",
            "99999999999999999999", "1,5", "0x10", "fifty", "\u0665\u0660", "50 %", "Infinity", "5e1"})
    void invalidProbabilitiesAreRefusedAndNothingIsStored(String probability) {
        refusedProbability(probability, "Enter a whole number of per cent from 1 to 99, like 70 (no decimals, no % sign).");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "100"})
    void certaintyIsRefusedWithItsOwnReasonAndNothingIsStored(String probability) {
        refusedProbability(probability, "Choose from 1 to 99 %: 0 and 100 % mean certainty, and a certain forecast that"
                + " turns out wrong scores minus infinity.");
    }

    private static void refusedProbability(String probability, String message) {
        var before = forecastWrites();
        TestClient.Response r = ana.submit("/items/" + headwinds, "/items/" + headwinds + "/forecast",
                form("probability", probability, "rationale", "why not"));
        assertRefused(r, 422, message);
        Document page = r.html();
        assertThat(Html.text(page, "#probability-error")).isEqualTo(message);
        assertThat(page.select("#probability").attr("aria-invalid")).isEqualTo("true");
        assertThat(page.select("#rationale").attr("value")).isEqualTo("why not");
        assertThat(forecastWrites()).isEqualTo(before);
    }

    @Test
    void certaintyIsExplained() {
        TestClient.Response r = ana.submit("/items/" + headwinds, "/items/" + headwinds + "/forecast", form("probability", "100"));
        assertThat(r.html().select("#probability-error").text()).contains("certain");
    }

    @ParameterizedTest
    @ValueSource(strings = {"line one\nline two", "tab\there", "x"})
    void rationalesAreOneLineOfAtMost200Characters(String rationale) {
        String text = rationale.equals("x") ? "x".repeat(201) : rationale;
        var before = forecastWrites();
        TestClient.Response r = ana.submit("/items/" + headwinds, "/items/" + headwinds + "/forecast",
                form("probability", "40", "rationale", text));
        assertRefused(r, 422, "Keep the rationale to one line of at most 200 characters.");
        assertThat(Html.text(r.html(), "#rationale-error")).isEqualTo("Keep the rationale to one line of at most 200 characters.");
        assertThat(forecastWrites()).isEqualTo(before);
        assertThat(ana.submit("/items/" + headwinds, "/items/" + headwinds + "/forecast",
                form("probability", "40", "rationale", "y".repeat(200))).status()).isEqualTo(303);
    }

    @Test
    void onlyOpenPredictionsBeforeTheirDateTakeForecasts() {
        var before = forecastWrites();
        assertRefused(ana.submit("/items/" + claim, "/items/" + claim + "/forecast", form("probability", "50")), 422,
                "Only predictions take forecasts; on a claim, say whether you agree instead.");
        assertRefused(ana.submit("/items/" + claim, "/items/424242/forecast", form("probability", "50")), 404, "There is nothing at this address. It may have been mistyped, or the thing it pointed to no longer exists.");
        assertRefused(app.client().post("/items/" + chinaFirms + "/forecast", form("probability", "50")), 403, "This form has expired or did not come from Crux. Please reload the page and try again.");

        // closed by status, past its resolve-by date, resolved, annulled
        app.dsl().update(ITEM).set(ITEM.STATUS, "closed").where(ITEM.ID.eq(chinaFirms)).execute();
        assertRefused(ana.submit("/items/" + chinaFirms, "/items/" + chinaFirms + "/forecast", form("probability", "50")), 409, "Forecasting on this prediction is over: it has been closed. Nothing was saved.");
        LocalDate yesterday = LocalDate.now(java.time.ZoneOffset.UTC).minusDays(1);
        app.dsl().update(ITEM).set(ITEM.STATUS, "open").set(ITEM.RESOLVE_BY, yesterday)
                .where(ITEM.ID.eq(chinaFirms)).execute();
        TestClient.Response late = ana.submit("/items/" + chinaFirms, "/items/" + chinaFirms + "/forecast", form("probability", "50"));
        assertRefused(late, 409, "Forecasting on this prediction closed at the end of its resolve-by date, " + yesterday
                + ". Nothing was saved.");
        assertThat(late.html().select("main p").text()).contains("closed at the end of its resolve-by date");
        assertThat(ana.get("/items/" + chinaFirms).html().select("#forecast form")).isEmpty();
        for (String status : new String[] {"resolved_yes", "resolved_no", "annulled"}) {
            app.dsl().update(ITEM).set(ITEM.STATUS, status).set(ITEM.RESOLVE_BY, LocalDate.now().plusYears(1))
                    .where(ITEM.ID.eq(chinaFirms)).execute();
            assertRefused(ana.submit("/items/" + chinaFirms, "/items/" + chinaFirms + "/forecast", form("probability", "50"))
                    , 409, "Forecasting on this prediction is over: it has been resolved. Nothing was saved.");
        }
        assertThat(forecastWrites()).isEqualTo(before);
    }

    @Test
    void withHtmxTheForecastSectionIsSwappedInPlaceErrorsIncluded() {
        TestClient dee = app.member("dee");
        String token = dee.csrf("/items/" + nearly);
        Map<String, String> htmx = Map.of("Origin", dee.base(), "HX-Request", "true");
        TestClient.Response ok = dee.post("/items/" + nearly + "/forecast", form("probability", "65", "_csrf", token), htmx);
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.body()).doesNotContain("<main");
        assertThat(ok.html().select(".status-line").text()).isEqualTo("Saved: your forecast is 65 %.");
        // dee is the only forecaster on this prediction: the community forecast is hers
        assertThat(Html.text(ok.html(), ".community-number")).isEqualTo("65 %");
        var before = forecastWrites();
        TestClient.Response bad = dee.post("/items/" + nearly + "/forecast", form("probability", "150", "_csrf", token), htmx);
        assertRefused(bad, 422, "Enter a whole number of per cent from 1 to 99, like 70 (no decimals, no % sign).");
        assertThat(bad.body()).doesNotContain("<main");
        assertThat(Html.text(bad.html(), "#probability-error"))
                .isEqualTo("Enter a whole number of per cent from 1 to 99, like 70 (no decimals, no % sign).");
        assertThat(forecastWrites()).as("dee's first forecast stands alone").isEqualTo(before);
    }
}
