package crux.forecasts;

import static crux.db.generated.Tables.FORECAST;
import static crux.db.generated.Tables.ITEM_STANCE;
import static crux.testing.TestClient.form;
import static org.assertj.core.api.Assertions.assertThat;

import crux.testing.Seeded;
import crux.testing.TestApp;
import crux.testing.TestClient;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Privacy matches vote-first: nobody but the member sees their stances, or their forecasts on a prediction until it
 * resolves; then those forecasts become public on the item page and the profile. Checked for another member and an
 * anonymous visitor on every page and open-data address that could show them, and for the member themself.
 */
class PrivacyHttpTest {

    static final String NAME = "privpaula";
    static final String REASON = "Paula's-own-reason-about-chips";

    static TestApp app;
    static TestClient paula;
    static TestClient other;
    static long claim;
    static long prediction;
    static String stored;

    @BeforeAll
    static void start() {
        app = TestApp.start();
        claim = app.claim(2);
        prediction = app.prediction(2);
        paula = app.member(NAME);
        other = app.member("privotto");
        TestClient third = app.member("privthea");
        assertThat(paula.submit("/items/" + claim, "/items/" + claim + "/stance", form("stance", "disagree")).status())
                .isEqualTo(303);
        forecast(paula, 23, REASON);
        forecast(other, 61, "");
        forecast(third, 82, "");
        stored = openRows();
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    static void forecast(TestClient who, int p, String rationale) {
        assertThat(who.submit("/items/" + prediction, "/items/" + prediction + "/forecast",
                form("probability", Integer.toString(p), "rationale", rationale)).status()).isEqualTo(303);
    }

    static List<TestClient> others() {
        return List.of(other, app.client());
    }

    @Test
    void othersSeeNoStanceAndNoOpenForecastOnTheProfile() {
        for (TestClient viewer : others()) {
            Document page = viewer.get("/users/" + NAME).html();
            assertThat(page.select("main h1").text()).isEqualTo(NAME);
            assertThat(page.select("#stances-title, [id^=stance-], .stance-tag")).isEmpty();
            assertThat(page.select("#forecast-" + prediction)).isEmpty();
            assertThat(page.select("main").text()).doesNotContain("23 %").doesNotContain(REASON)
                    .doesNotContain("Disagree");
            assertThat(page.select("#forecasts-title ~ .empty-state").text())
                    .isEqualTo("No forecasts on resolved predictions yet.");
        }
    }

    @Test
    void othersSeeOnlyTheAggregateAndNamelessReasonsOnAnOpenPrediction() {
        for (TestClient viewer : others()) {
            for (String path : List.of("/items/" + prediction, "/items/" + prediction + "/live/forecast")) {
                Document page = viewer.get(path).html();
                assertThat(page.select(".community-count").text()).isEqualTo("from 3 forecasters");
                assertThat(page.select(".forecast-list")).isEmpty();
                // the other member sees their own forecast, and only theirs
                assertThat(page.select(".forecast-mine strong").text()).isEqualTo(viewer == other ? "61 %" : "");
                assertThat(page.select("a[href^=/users/" + NAME + "]")).isEmpty();
                assertThat(page.select(".reason-list q").eachText()).containsExactly(REASON);
                assertThat(page.select(".reason-list").text()).doesNotContain("23").doesNotContain(NAME)
                        .doesNotContain(":");
                assertThat(page.text()).doesNotContain(NAME);
            }
            assertThat(viewer.get("/items/" + claim).body()).doesNotContain(NAME);
        }
    }

    @Test
    void openDataAndFeedsNameNobodyAndLinkNoUpdates() {
        for (TestClient viewer : others()) {
            for (String path : List.of("/items/" + prediction + ".json", Seeded.ARTICLE + ".json", "/feed.atom",
                    "/items/" + prediction + "/feed.atom", Seeded.ARTICLE + "/feed.atom", "/items/" + claim + ".json")) {
                TestClient.Response r = viewer.get(path);
                assertThat(r.status()).as(path).isEqualTo(200);
                assertThat(r.body()).as(path).doesNotContain(NAME).doesNotContain(REASON);
            }
            String csv = viewer.get("/items/" + prediction + "/forecasts.csv").body();
            String day = LocalDate.now(ZoneOffset.UTC).toString();
            assertThat(csv.split("\r\n")).containsExactly("day,probability", day + ",23", day + ",61", day + ",82");
        }
    }

    @Test
    void theMemberSeesTheirOwnStanceAndForecastEverywhere() {
        Document profile = paula.get("/users/" + NAME).html();
        assertThat(profile.select("#stance-" + claim + " .stance-tag").text()).isEqualTo("Disagree");
        assertThat(profile.select("#forecast-" + prediction + " .activity-value strong").text()).isEqualTo("23 %");
        assertThat(profile.select("#forecast-" + prediction + " .activity-reason").text()).isEqualTo(REASON);
        Document item = paula.get("/items/" + prediction).html();
        assertThat(item.select(".forecast-mine strong").text()).isEqualTo("23 %");
        assertThat(paula.get("/items/" + claim).html().select("#stance-" + claim + "-disagree").attr("aria-pressed"))
                .isEqualTo("true");
    }

    @Test
    void onceResolvedTheForecastsArePublicOnTheItemAndTheProfileButStancesStayPrivate() {
        // a member and a prediction of this test's own, so that the open prediction's tests see nothing resolved
        String name = "privrosa";
        String reason = "Rosa's-own-reason-about-fabs";
        long resolved = app.prediction(3);
        TestClient rosa = app.member(name);
        assertThat(rosa.submit("/items/" + claim, "/items/" + claim + "/stance", form("stance", "agree")).status())
                .isEqualTo(303);
        for (var f : List.of(Map.entry(rosa, reason), Map.entry(app.member("privrhea"), ""),
                Map.entry(app.member("privruth"), ""))) {
            assertThat(f.getKey().submit("/items/" + resolved, "/items/" + resolved + "/forecast",
                    form("probability", f.getValue().isEmpty() ? "70" : "27", "rationale", f.getValue())).status())
                    .isEqualTo(303);
        }
        Map<String, List<String>> before = app.snapshot(FORECAST, ITEM_STANCE);
        TestClient mod = app.member("privmod", "moderator");
        assertThat(mod.submit("/items/" + resolved, "/mod/items/" + resolved + "/resolve",
                form("outcome", "yes", "note", "It happened.", "source", "https://example.org/", "early", "confirmed"))
                .status()).isEqualTo(303);
        for (TestClient viewer : others()) {
            Document item = viewer.get("/items/" + resolved).html();
            assertThat(item.select(".reason-list")).isEmpty();
            assertThat(item.select(".forecast-list li").eachText()).hasSize(3)
                    .anySatisfy(li -> assertThat(li).contains("27 %").contains(name).contains(reason));
            assertThat(item.select(".forecast-list a[href=/users/" + name + "]")).hasSize(1);

            Document profile = viewer.get("/users/" + name).html();
            assertThat(profile.select("#forecast-" + resolved + " .activity-value strong").text()).isEqualTo("27 %");
            assertThat(profile.select("#forecast-" + resolved + " .activity-reason").text()).isEqualTo(reason);
            assertThat(profile.select("#score-" + resolved)).hasSize(1);
            assertThat(profile.select("#stances-title, [id^=stance-]")).isEmpty();

            String csv = viewer.get("/items/" + resolved + "/forecasts.csv").body();
            assertThat(csv).startsWith("forecaster,probability,rationale,created_at\r\n").contains(reason)
                    .doesNotContain(name);
        }
        // what is shown changed; nothing stored did
        assertThat(app.snapshot(FORECAST, ITEM_STANCE)).isEqualTo(before);
    }

    @Test
    void lookingStoresNothing() {
        for (TestClient viewer : List.of(other, app.client(), paula)) {
            viewer.get("/users/" + NAME);
            viewer.get("/items/" + prediction);
            viewer.get("/items/" + prediction + "/forecasts.csv");
        }
        assertThat(openRows()).isEqualTo(stored);
    }

    /** The open prediction's forecasts and Paula's stance, as stored. */
    static String openRows() {
        return app.dsl().selectFrom(FORECAST).where(FORECAST.ITEM_ID.eq(prediction)).orderBy(FORECAST.ID).fetch()
                .formatCSV() + app.dsl().selectFrom(ITEM_STANCE).where(ITEM_STANCE.MEMBER_ID.eq(
                        app.memberNamed(NAME).id())).fetch().formatCSV();
    }
}
