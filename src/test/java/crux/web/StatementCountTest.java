package crux.web;

import static crux.testing.TestClient.form;
import static org.assertj.core.api.Assertions.assertThat;

import crux.testing.Seeded;
import crux.testing.TestApp;
import crux.testing.TestClient;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * SQL statements per page stay the same as data grows (X-Sql-Statements): a page's queries are set-based,
 * never one per item, voter or forecast. Measured with a little data (just enough that every part of every page
 * shows: camps, a resolved prediction, scores) and again with several times more.
 */
class StatementCountTest {

    static List<String> pages;
    /** The first seven claims, on which every member takes a stance. */
    static List<Long> voted;
    /** Predictions forecast by every added member; the second and third are resolved along the way. */
    static List<Long> open;

    static TestApp app;
    static TestClient watcher;
    static TestClient mod;
    static int members;

    @BeforeAll
    static void start() {
        app = TestApp.start();
        pages = List.of("/", Seeded.ARTICLE, "/items/" + app.claim(1), "/items/" + app.prediction(1), "/items/" + app.prediction(2),
                "/leaderboard", "/common-ground", "/users/watcher");
        voted = app.items("claim").subList(0, 7);
        open = List.of(app.prediction(1), app.prediction(2), app.prediction(3));
        mod = app.member("countmod", "moderator");
        watcher = app.member("watcher");
        vote(watcher, 0);
        forecast(watcher, app.prediction(1), 60);
        forecast(watcher, app.prediction(2), 40);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    static void vote(TestClient m, int seed) {
        for (int i = 0; i < voted.size(); i++) {
            String stance = (i + seed) % 3 == 0 ? "agree" : (i + seed) % 3 == 1 ? "disagree" : "unsure";
            assertThat(m.submit("/items/" + app.claim(1), "/items/" + voted.get(i) + "/stance", form("stance", stance)).status()).isEqualTo(303);
        }
    }

    static void forecast(TestClient m, long item, int p) {
        assertThat(m.submit("/items/" + item, "/items/" + item + "/forecast", form("probability", Integer.toString(p)))
                .status()).isEqualTo(303);
    }

    static void addMembers(int count) {
        for (int i = 0; i < count; i++) {
            TestClient m = app.member("m" + members++);
            vote(m, members);
            for (long item : open) {
                forecast(m, item, 5 + (members * 7 + (int) item) % 90);
            }
        }
    }

    static void resolve(long item, String outcome) {
        assertThat(mod.submit("/items/" + item, "/mod/items/" + item + "/resolve",
                form("outcome", outcome, "note", "n", "source", "https://example.org", "early", "confirmed")).status()).isEqualTo(303);
    }

    static Map<String, Integer> measure(TestClient client) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String path : pages) {
            if (path.equals("/") || path.startsWith("/articles/")) {
                // the front page and article pages keep their rendering and shared data in memory, filled or not
                // depending on what came before: measure a rendering from the database every time, as
                // PageStatementCountTest does, not the cache's state (which leaves the item pages after them cold too)
                app.app().dropCaches();
            }
            app.forgetKeptSessions(); // the session read afresh, as when it was not read a moment before
            TestClient.Response r = client.get(path);
            assertThat(r.status()).as(path).isEqualTo(200);
            counts.put(path, Integer.parseInt(r.header("X-Sql-Statements").orElseThrow()));
        }
        return counts;
    }

    @Test
    void statementsPerPageDoNotGrowWithData() {
        addMembers(6);
        resolve(app.prediction(2), "no");
        app.app().camps().runNow().orElseThrow();
        Map<String, Integer> littleAnon = measure(app.client());
        Map<String, Integer> littleMember = measure(watcher);

        open = List.of(app.prediction(1), app.prediction(3), app.prediction(5));
        addMembers(30);
        resolve(app.prediction(3), "yes");
        app.app().camps().runNow().orElseThrow();
        Map<String, Integer> muchAnon = measure(app.client());
        Map<String, Integer> muchMember = measure(watcher);

        System.out.println("SQL statements per page (anonymous): " + littleAnon + " -> " + muchAnon);
        System.out.println("SQL statements per page (member):    " + littleMember + " -> " + muchMember);
        assertThat(muchAnon).isEqualTo(littleAnon);
        assertThat(muchMember).isEqualTo(littleMember);
        // and small in absolute terms, read cold (a resolved prediction seen by a forecaster is the most: its forecast
        // section reads the points, the distribution, the recent updates, the camps' forecasts and the arguments to
        // credit as everyone sees them, then the viewer's own, each a small indexed query; its thread is read as
        // everyone sees it and then the viewer's own part, so that a warm view reads only the viewer's parts)
        assertThat(muchMember.values()).allMatch(n -> n <= 17);
    }
}
