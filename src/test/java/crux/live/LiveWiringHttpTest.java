package crux.live;

import static crux.testing.TestClient.form;
import static crux.testing.Refusals.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import crux.debate.PostTokens;
import crux.testing.TestApp;
import crux.testing.TestClient;
import java.util.Iterator;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What the handlers publish after they commit, and the fragments a live page fetches again. */
class LiveWiringHttpTest {

    static TestApp app;

    @BeforeAll
    static void start() {
        app = TestApp.start();
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void anArgumentPostedOverHttpReachesAnOpenStream() throws Exception {
        Iterator<String> lines = LiveEventsTest.open(app, app.claim(3));
        LiveEventsTest.await("a subscriber", () -> app.app().events().subscriberCount() >= 1);
        TestClient other = app.member("liveposter");
        TestClient.Response r = other.submit("/about", "/items/" + app.claim(3) + "/arguments",
                form("side", "supports", "body", "Posted while someone watches.", "token", PostTokens.next()));
        assertThat(r.status()).isEqualTo(302);
        assertThat(LiveEventsTest.nextEvent(lines)).isEqualTo("argument");
        other.submit("/items/" + app.claim(3), "/items/" + app.claim(3) + "/stance", form("stance", "agree"));
        assertThat(LiveEventsTest.nextEvent(lines)).isEqualTo("tally");
    }

    @Test
    void aForecastIsPublished() throws Exception {
        Iterator<String> lines = LiveEventsTest.open(app, app.prediction(3));
        LiveEventsTest.await("a subscriber", () -> app.app().events().subscriberCount() >= 1);
        TestClient f = app.member("liveforecaster");
        f.submit("/items/" + app.prediction(3), "/items/" + app.prediction(3) + "/forecast", form("probability", "40", "rationale", ""));
        assertThat(LiveEventsTest.nextEvent(lines)).isEqualTo("forecast");
    }

    @Test
    void theRegionsComeBackAsTheViewerSeesThem() {
        TestClient voter = app.member("liveviewer");
        voter.submit("/items/" + app.prediction(1), "/items/" + app.prediction(1) + "/stance", form("stance", "agree"));
        Document page = app.client().get("/items/" + app.prediction(1)).html();
        assertThat(page.select("main").attr("data-live-item")).isEqualTo("4");

        Document anonymous = app.client().get("/items/" + app.prediction(1) + "/live/stance").html();
        assertThat(anonymous.select("#stance-body[aria-live=polite]")).hasSize(1);
        assertThat(anonymous.select(".split")).as("vote first: the split stays hidden").isEmpty();
        assertThat(anonymous.select(".results-hidden")).hasSize(1);
        assertThat(app.client().get("/items/" + app.prediction(1) + "/live/stance?results=show").html().select(".split")).hasSize(1);
        assertThat(voter.get("/items/" + app.prediction(1) + "/live/stance").html().select(".split")).hasSize(1);

        assertThat(app.client().get("/items/" + app.prediction(1) + "/live/forecast").html().select("#forecast-body[aria-live=polite]")).hasSize(1);
        assertRefused(app.client().get("/items/" + app.claim(3) + "/live/forecast"), 404, "There is nothing at this address. It may have been mistyped, or the thing it pointed to no longer exists.");

        voter.submit("/about", "/items/" + app.prediction(1) + "/arguments",
                form("side", "opposes", "body", "A fresh argument for the live debate.", "token", PostTokens.next()));
        Document debate = app.client().get("/items/" + app.prediction(1) + "/live/debate").html();
        assertThat(debate.select("section#debate")).hasSize(1);
        assertThat(debate.text()).contains("A fresh argument for the live debate.");
        assertRefused(app.client().get("/items/999999/live/debate"), 404, "There is nothing at this address. It may have been mistyped, or the thing it pointed to no longer exists.");
    }
}
