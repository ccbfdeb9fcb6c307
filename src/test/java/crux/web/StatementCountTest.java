package crux.web;

import static crux.testing.TestClient.form;
import static org.assertj.core.api.Assertions.assertThat;

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

    static final List<String> PAGES = List.of("/", "/items/1", "/items/4", "/items/14", "/leaderboard",
            "/common-ground", "/users/watcher");
    static final long[] VOTED = {1, 2, 3, 5, 6, 7, 8};
    /** Predictions forecast by every added member; 14 and 22 are resolved along the way. */
    static long[] OPEN = {4, 14, 22};

    static TestApp app;
    static TestClient watcher;
    static TestClient mod;
    static int members;

    @BeforeAll
    static void start() {
        app = TestApp.start();
        mod = app.member("countmod", "moderator");
        watcher = app.member("watcher");
        vote(watcher, 0);
        forecast(watcher, 4, 60);
        forecast(watcher, 14, 40);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    static void vote(TestClient m, int seed) {
        for (int i = 0; i < VOTED.length; i++) {
            String stance = (i + seed) % 3 == 0 ? "agree" : (i + seed) % 3 == 1 ? "disagree" : "unsure";
            assertThat(m.submit("/items/1", "/items/" + VOTED[i] + "/stance", form("stance", stance)).status()).isEqualTo(303);
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
            for (long item : OPEN) {
                forecast(m, item, 5 + (members * 7 + (int) item) % 90);
            }
        }
    }

    static void resolve(long item, String outcome) {
        assertThat(mod.submit("/items/" + item, "/mod/items/" + item + "/resolve",
                form("outcome", outcome, "note", "n", "source", "https://example.org")).status()).isEqualTo(303);
    }

    static Map<String, Integer> measure(TestClient client) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String path : PAGES) {
            TestClient.Response r = client.get(path);
            assertThat(r.status()).as(path).isEqualTo(200);
            counts.put(path, Integer.parseInt(r.header("X-Sql-Statements").orElseThrow()));
        }
        return counts;
    }

    @Test
    void statementsPerPageDoNotGrowWithData() {
        addMembers(6);
        resolve(14, "no");
        app.app().camps().runNow().orElseThrow();
        Map<String, Integer> littleAnon = measure(app.client());
        Map<String, Integer> littleMember = measure(watcher);

        OPEN = new long[] {4, 22, 25};
        addMembers(30);
        resolve(22, "yes");
        app.app().camps().runNow().orElseThrow();
        Map<String, Integer> muchAnon = measure(app.client());
        Map<String, Integer> muchMember = measure(watcher);

        System.out.println("SQL statements per page (anonymous): " + littleAnon + " -> " + muchAnon);
        System.out.println("SQL statements per page (member):    " + littleMember + " -> " + muchMember);
        assertThat(muchAnon).isEqualTo(littleAnon);
        assertThat(muchMember).isEqualTo(littleMember);
        // and small in absolute terms (a resolved prediction seen by a forecaster is the most: its forecast section
        // reads the points, the distribution, the recent updates and the viewer's own, each a small indexed query)
        assertThat(muchMember.values()).allMatch(n -> n <= 15);
    }
}
