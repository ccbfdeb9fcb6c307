package crux.forecasts;

import static crux.db.generated.Tables.FORECAST;
import static crux.db.generated.Tables.ITEM;
import static crux.testing.TestClient.form;
import static org.assertj.core.api.Assertions.assertThat;

import crux.testing.TestApp;
import crux.testing.TestClient;
import java.time.LocalDate;
import java.util.Map;
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
    static final long NEARLY = 4;
    static final long MARGINS = 14;
    static final long HEADWINDS = 22;
    static final long CHINA_FIRMS = 23;
    static final long CLAIM = 3;

    static TestApp app;
    static TestClient ana;

    @BeforeAll
    static void start() {
        app = TestApp.start();
        ana = app.member("ana");
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    static int forecasts(long itemId) {
        return app.dsl().fetchCount(FORECAST, FORECAST.ITEM_ID.eq(itemId));
    }

    @Test
    void theFormIsANumberFieldFrom1To99WithALabel() {
        Document page = ana.get("/items/" + NEARLY).html();
        Element input = page.selectFirst("#forecast form input[name=probability]");
        assertThat(input).isNotNull();
        assertThat(input.attr("type")).isEqualTo("number");
        assertThat(input.attr("min")).isEqualTo("1");
        assertThat(input.attr("max")).isEqualTo("99");
        assertThat(input.attr("step")).isEqualTo("1");
        assertThat(page.select("label[for=probability]").text()).contains("%");
        assertThat(page.select("label[for=rationale]").text()).contains("optional");
        assertThat(page.selectFirst("input[name=rationale]").attr("maxlength")).isEqualTo("200");
        assertThat(page.select("#forecast form").attr("hx-post")).isEqualTo("/items/" + NEARLY + "/forecast");
        assertThat(page.select("#forecast-body").attr("aria-live")).isEqualTo("polite");
        // anonymous readers are told to sign in; claims have no forecast section
        assertThat(app.client().get("/items/" + NEARLY).html().select("#forecast form")).isEmpty();
        assertThat(app.client().get("/items/" + CLAIM).html().select("#forecast")).isEmpty();
    }

    @Test
    void everyUpdateIsKeptAndTheLatestCounts() {
        TestClient ben = app.member("ben");
        TestClient.Response r = ben.submit("/items/" + MARGINS, "/items/" + MARGINS + "/forecast",
                form("probability", "30", "rationale", "margins are sticky", "return", "/items/" + MARGINS + "#forecast"));
        assertThat(r.status()).isEqualTo(303);
        assertThat(r.location()).isEqualTo("/items/" + MARGINS + "#forecast");
        ben.submit("/items/" + MARGINS, "/items/" + MARGINS + "/forecast", form("probability", "70", "rationale", ""));
        TestClient cy = app.member("cy");
        cy.submit("/items/" + MARGINS, "/items/" + MARGINS + "/forecast", form("probability", "90"));
        assertThat(forecasts(MARGINS)).isEqualTo(3);

        Document page = ben.get("/items/" + MARGINS).html();
        // two forecasters' latest: 70 and 90, unweighted median 80
        assertThat(page.select(".community-number").text()).isEqualTo("80 %");
        assertThat(page.select(".community-count").text()).isEqualTo("from 2 forecasters");
        assertThat(page.select(".forecast-mine strong").text()).isEqualTo("70 %");
        assertThat(page.select(".forecast-list q").eachText()).contains("margins are sticky");
        assertThat(page.select("svg.chart-histogram title").first().text()).isEqualTo("Distribution of current forecasts");
        assertThat(page.select("svg.chart-history")).hasSize(1);
        assertThat(page.select("svg.chart-histogram").outerHtml()).doesNotContain("style=").doesNotContain("<script");
        assertThat(page.select("details.chart-data table")).hasSize(2);
        assertThat(page.select("details.chart-data").first().select("tbody tr")).hasSize(10);

        Double stored = app.dsl().select(ITEM.COMMUNITY_FORECAST).from(ITEM).where(ITEM.ID.eq(MARGINS)).fetchOne().value1();
        assertThat(stored).isEqualTo(80.0);
        assertThat(app.client().get("/").html().select("#standing-" + MARGINS).text()).startsWith("80 % likely · 2 forecasters");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "100", "50.5", "50%", "NaN", "1e309", "", "   ", "-5", "-0", "+50", "999",
            "99999999999999999999", "1,5", "0x10", "fifty", "\u0665\u0660", "50 %", "Infinity", "5e1"})
    void invalidProbabilitiesAreRefusedAndNothingIsStored(String probability) {
        int before = forecasts(HEADWINDS);
        TestClient.Response r = ana.submit("/items/" + HEADWINDS, "/items/" + HEADWINDS + "/forecast",
                form("probability", probability, "rationale", "why not"));
        assertThat(r.status()).isEqualTo(422);
        Document page = r.html();
        assertThat(page.select("#probability-error").text()).contains("1").contains("99");
        assertThat(page.select("#probability").attr("aria-invalid")).isEqualTo("true");
        assertThat(page.select("#rationale").attr("value")).isEqualTo("why not");
        assertThat(forecasts(HEADWINDS)).isEqualTo(before);
    }

    @Test
    void certaintyIsExplained() {
        TestClient.Response r = ana.submit("/items/" + HEADWINDS, "/items/" + HEADWINDS + "/forecast", form("probability", "100"));
        assertThat(r.html().select("#probability-error").text()).contains("certain");
    }

    @ParameterizedTest
    @ValueSource(strings = {"line one\nline two", "tab\there", "x"})
    void rationalesAreOneLineOfAtMost200Characters(String rationale) {
        String text = rationale.equals("x") ? "x".repeat(201) : rationale;
        int before = forecasts(HEADWINDS);
        TestClient.Response r = ana.submit("/items/" + HEADWINDS, "/items/" + HEADWINDS + "/forecast",
                form("probability", "40", "rationale", text));
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.html().select("#rationale-error").text()).contains("one line").contains("200");
        assertThat(forecasts(HEADWINDS)).isEqualTo(before);
        assertThat(ana.submit("/items/" + HEADWINDS, "/items/" + HEADWINDS + "/forecast",
                form("probability", "40", "rationale", "y".repeat(200))).status()).isEqualTo(303);
    }

    @Test
    void onlyOpenPredictionsBeforeTheirDateTakeForecasts() {
        int before = app.count(FORECAST);
        TestClient.Response claim = ana.submit("/items/" + CLAIM, "/items/" + CLAIM + "/forecast", form("probability", "50"));
        assertThat(claim.status()).isEqualTo(422);
        assertThat(claim.html().select("main p").text()).contains("Only predictions take forecasts");
        assertThat(ana.submit("/items/" + CLAIM, "/items/424242/forecast", form("probability", "50")).status()).isEqualTo(404);
        assertThat(app.client().post("/items/" + CHINA_FIRMS + "/forecast", form("probability", "50")).status()).isEqualTo(403);

        // closed by status, past its resolve-by date, resolved, annulled
        app.dsl().update(ITEM).set(ITEM.STATUS, "closed").where(ITEM.ID.eq(CHINA_FIRMS)).execute();
        assertThat(ana.submit("/items/" + CHINA_FIRMS, "/items/" + CHINA_FIRMS + "/forecast", form("probability", "50")).status())
                .isEqualTo(409);
        app.dsl().update(ITEM).set(ITEM.STATUS, "open").set(ITEM.RESOLVE_BY, LocalDate.now().minusDays(1))
                .where(ITEM.ID.eq(CHINA_FIRMS)).execute();
        TestClient.Response late = ana.submit("/items/" + CHINA_FIRMS, "/items/" + CHINA_FIRMS + "/forecast", form("probability", "50"));
        assertThat(late.status()).isEqualTo(409);
        assertThat(late.html().select("main p").text()).contains("closed at the end of its resolve-by date");
        assertThat(ana.get("/items/" + CHINA_FIRMS).html().select("#forecast form")).isEmpty();
        for (String status : new String[] {"resolved_yes", "resolved_no", "annulled"}) {
            app.dsl().update(ITEM).set(ITEM.STATUS, status).set(ITEM.RESOLVE_BY, LocalDate.now().plusYears(1))
                    .where(ITEM.ID.eq(CHINA_FIRMS)).execute();
            assertThat(ana.submit("/items/" + CHINA_FIRMS, "/items/" + CHINA_FIRMS + "/forecast", form("probability", "50"))
                    .status()).as(status).isEqualTo(409);
        }
        assertThat(app.count(FORECAST)).isEqualTo(before);
    }

    @Test
    void withHtmxTheForecastSectionIsSwappedInPlaceErrorsIncluded() {
        TestClient dee = app.member("dee");
        String token = dee.csrf("/items/" + NEARLY);
        Map<String, String> htmx = Map.of("Origin", dee.base(), "HX-Request", "true");
        TestClient.Response ok = dee.post("/items/" + NEARLY + "/forecast", form("probability", "65", "_csrf", token), htmx);
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.body()).doesNotContain("<main");
        assertThat(ok.html().select(".status-line").text()).isEqualTo("Saved: your forecast is 65 %.");
        assertThat(ok.html().select(".community-number").text()).isNotBlank();
        TestClient.Response bad = dee.post("/items/" + NEARLY + "/forecast", form("probability", "150", "_csrf", token), htmx);
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.body()).doesNotContain("<main");
        assertThat(bad.html().select("#probability-error").text()).isNotBlank();
    }
}
