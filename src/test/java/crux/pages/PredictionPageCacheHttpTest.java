package crux.pages;

import static crux.testing.TestClient.form;
import static org.assertj.core.api.Assertions.assertThat;

import crux.testing.TestApp;
import crux.testing.TestClient;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A prediction's forecast section as everyone sees it (history chart, distribution, resolution) is read once per
 * change, not per page view: a second view costs fewer statements, and a forecast is on the next page at once.
 */
class PredictionPageCacheHttpTest {

    static TestApp app;
    static long prediction;
    static TestClient reader;
    static TestClient forecaster;

    @BeforeAll
    static void start() {
        app = TestApp.start();
        prediction = app.prediction(1);
        reader = app.member("cachereader");
        forecaster = app.member("cacheforecaster");
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    static int statements(TestClient c) {
        TestClient.Response r = c.get("/items/" + prediction);
        assertThat(r.status()).isEqualTo(200);
        return Integer.parseInt(r.header("X-Sql-Statements").orElseThrow());
    }

    static String forecasters(TestClient c) {
        Document page = c.get("/items/" + prediction).html();
        return page.select("#forecast .community-count, #forecast .community-empty").text();
    }

    @Test
    void theSharedSectionIsReadOncePerChangeAndAForecastShowsAtOnce() {
        app.everyEventHeard();
        app.app().dropCaches();
        int first = statements(reader);
        int second = statements(reader);
        assertThat(second).as("kept: the history, distribution and reasons are not read again").isLessThan(first);

        String before = forecasters(reader);
        assertThat(forecaster.submit("/items/" + prediction, "/items/" + prediction + "/forecast",
                form("probability", "70", "return", "/items/" + prediction + "#forecast")).status()).isEqualTo(303);
        String after = forecasters(reader);
        assertThat(after).as("the next page after a forecast shows it").isNotEqualTo(before).contains("1 forecaster");
        // on PostgreSQL the forecast's own event comes back through LISTEN a moment later and drops the section again
        app.everyEventHeard();
        forecasters(reader);
        assertThat(statements(reader)).as("read again once, then kept").isEqualTo(second);
    }

    static String histogram(TestClient c, long other) {
        return c.get("/items/" + other).html().select("#forecast svg.chart-histogram desc").text();
    }

    /** Another prediction than the first test's, whose forecaster count that test reads. */
    @Test
    void eachMemberSeesTheirOwnForecastMarkedOnTheKeptDistribution() {
        long other = app.prediction(2);
        TestClient low = app.member("cachelow");
        TestClient high = app.member("cachehigh");
        for (var m : java.util.Map.of(low, "23", high, "81").entrySet()) {
            assertThat(m.getKey().submit("/items/" + other, "/items/" + other + "/forecast",
                    form("probability", m.getValue(), "return", "/items/" + other)).status()).isEqualTo(303);
        }
        // each asks twice: the second view is drawn from the kept section, and still marks the viewer's own forecast
        for (int i = 0; i < 2; i++) {
            assertThat(histogram(low, other)).contains("Yours: 23 %.").doesNotContain("81 %");
            assertThat(histogram(high, other)).contains("Yours: 81 %.").doesNotContain("23 %");
            assertThat(histogram(reader, other)).doesNotContain("Yours");
            assertThat(histogram(app.client(), other)).doesNotContain("Yours");
        }
    }
}
