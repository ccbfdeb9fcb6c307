package crux.forecasts;

import static crux.db.generated.Tables.FORECAST;
import static crux.db.generated.Tables.FORECAST_LATEST;
import static crux.db.generated.Tables.ITEM;
import static crux.testing.Refusals.assertRefused;
import static crux.testing.TestClient.form;
import static org.assertj.core.api.Assertions.assertThat;

import crux.testing.Html;
import crux.testing.TestApp;
import crux.testing.TestClient;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The forecast form's slider over HTTP, as a browser without JavaScript uses it: where it starts (your latest
 * forecast, else the community's, else 50), that it alone posts a forecast, and that a typed number counts over it.
 * One prediction per test, so each starts with nobody's forecast on it.
 */
class ForecastSliderHttpTest {

    static TestApp app;

    @BeforeAll
    static void start() {
        app = TestApp.start();
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    static Element slider(TestClient who, long item) {
        return who.get("/items/" + item).html().selectFirst("#forecast form input[type=range]");
    }

    static String mine(TestClient who, long item) {
        return who.get("/items/" + item).html().select(".forecast-mine strong").text();
    }

    static Map<String, List<String>> forecastWrites() {
        Map<String, List<String>> rows = new TreeMap<>(app.snapshot(FORECAST, FORECAST_LATEST));
        rows.put("item forecasts", app.dsl().select(ITEM.ID, ITEM.COMMUNITY_FORECAST, ITEM.FORECASTER_COUNT)
                .from(ITEM).orderBy(ITEM.ID).fetch().map(r -> r.intoList().toString()));
        return rows;
    }

    @Test
    void theSliderIsLabelledFrom1To99AndTheNumberFieldStartsEmpty() {
        long item = app.prediction(1);
        Document page = app.member("ana").get("/items/" + item).html();
        Element range = page.selectFirst("#forecast form input[type=range]");
        assertThat(range).isNotNull();
        assertThat(range.attr("name")).isEqualTo("probability-slider");
        assertThat(range.attr("min")).isEqualTo("1");
        assertThat(range.attr("max")).isEqualTo("99");
        assertThat(range.attr("step")).isEqualTo("1");
        assertThat(range.attr("data-linked")).isEqualTo("probability");
        assertThat(page.select("label[for=" + range.id() + "]").text()).isEqualTo("How likely is it to resolve YES?");
        assertThat(range.attr("aria-describedby")).isEqualTo("probability-hint");
        // without JavaScript an empty box leaves the slider in charge; the script fills it from the slider
        assertThat(page.selectFirst("#forecast form input[name=probability]").attr("value")).isEmpty();
        assertThat(page.select("#probability-ticks option").eachAttr("value"))
                .containsExactly("10", "20", "30", "40", "50", "60", "70", "80", "90");
    }

    @Test
    void theSliderStartsAtYourLatestElseTheCommunityElseFifty() {
        long item = app.prediction(2);
        TestClient fay = app.member("fay");
        TestClient ben = app.member("ben");
        TestClient cy = app.member("cy");
        assertThat(slider(fay, item).attr("value")).as("nobody has forecast").isEqualTo("50");

        assertThat(ben.submit("/items/" + item, "/items/" + item + "/forecast",
                form("probability-slider", "37", "rationale", "")).status()).isEqualTo(303);
        assertThat(slider(ben, item).attr("value")).as("ben's own").isEqualTo("37");
        assertThat(slider(fay, item).attr("value")).as("the community's: ben's alone").isEqualTo("37");

        cy.submit("/items/" + item, "/items/" + item + "/forecast", form("probability", "80"));
        // two forecasters, unweighted: the median of 37 and 80 is 58.5, which the slider rounds to 59
        assertThat(Html.text(fay.get("/items/" + item).html(), ".community-number")).isEqualTo("58.5 %");
        assertThat(slider(fay, item).attr("value")).isEqualTo("59");
        assertThat(slider(ben, item).attr("value")).isEqualTo("37");
        assertThat(slider(cy, item).attr("value")).isEqualTo("80");
    }

    @Test
    void theSliderAlonePostsAForecastAndATypedNumberCountsOverIt() {
        long item = app.prediction(3);
        TestClient dee = app.member("dee");
        // a browser without JavaScript sends the empty box too
        assertThat(dee.submit("/items/" + item, "/items/" + item + "/forecast",
                form("probability", "", "probability-slider", "23", "rationale", "")).status()).isEqualTo(303);
        assertThat(mine(dee, item)).isEqualTo("23 %");
        assertThat(dee.submit("/items/" + item, "/items/" + item + "/forecast",
                form("probability", "64", "probability-slider", "23", "rationale", "")).status()).isEqualTo(303);
        assertThat(mine(dee, item)).isEqualTo("64 %");
        assertThat(slider(dee, item).attr("value")).isEqualTo("64");
    }

    @Test
    void aBadSliderOrTypedValueIsRefusedAndNothingIsStored() {
        long item = app.prediction(4);
        TestClient eve = app.member("eve");
        var before = forecastWrites();
        TestClient.Response certain = eve.submit("/items/" + item, "/items/" + item + "/forecast",
                form("probability", "", "probability-slider", "100"));
        assertRefused(certain, 422, "Choose from 1 to 99 %: 0 and 100 % mean certainty, and a certain forecast that"
                + " turns out wrong scores minus infinity.");
        assertThat(certain.html().selectFirst("#forecast form input[type=range]").attr("value"))
                .as("an impossible slider value starts it where it would have").isEqualTo("50");
        // a typed mistake is not silently replaced by the slider's value; the slider keeps where it was put
        TestClient.Response typo = eve.submit("/items/" + item, "/items/" + item + "/forecast",
                form("probability", "4o", "probability-slider", "40"));
        assertRefused(typo, 422, "Enter a whole number of per cent from 1 to 99, like 70 (no decimals, no % sign).");
        assertThat(typo.html().selectFirst("#forecast form input[name=probability]").attr("value")).isEqualTo("4o");
        assertThat(typo.html().selectFirst("#forecast form input[type=range]").attr("value")).isEqualTo("40");
        assertRefused(eve.submit("/items/" + item, "/items/" + item + "/forecast", form("probability-slider", "")),
                422, "Enter a whole number of per cent from 1 to 99, like 70 (no decimals, no % sign).");
        assertThat(forecastWrites()).isEqualTo(before);
    }
}
