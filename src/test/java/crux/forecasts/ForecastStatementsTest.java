package crux.forecasts;

import static crux.testing.TestClient.form;
import static org.assertj.core.api.Assertions.assertThat;

import crux.db.WriteBudget;
import crux.testing.TestApp;
import crux.testing.TestClient;
import java.time.Clock;
import java.util.List;
import org.jooq.SQLDialect;
import org.junit.jupiter.api.Test;

/**
 * A forecast POST and the prediction's page need the same SQL statements (X-Sql-Statements) with 10 forecasts on the
 * item as with 2,000: nothing replays or lists every forecast, and the POST does not even read every forecaster's
 * latest forecast while its instance holds them in memory (one statement more when another instance changed them).
 */
class ForecastStatementsTest {

    /**
     * Session, rate limit, item, the item row locked; then the forecast (with the community point after it), the
     * member's latest and the item's counters written. The member's previous forecast and everyone's latest come from
     * memory (reading them took two more before), and the point is no row of its own (one more before). PostgreSQL
     * writes the forecast, the latest and the counters in one statement.
     */
    static int postStatements(TestApp app) {
        return app.app().database().dialect() == SQLDialect.POSTGRES ? 4 : 6;
    }

    @Test
    void forecastAndPageStatementsDoNotGrowWithForecasts() {
        try (TestApp app = TestApp.start()) {
            TestClient watcher = app.member("watcher");
            long item = app.prediction(1);
            ForecastRepository repository = new ForecastRepository(app.app().database(), Clock.systemUTC());
            long[] members = ForecastStoreTest.members(app.dsl(), 2_000);
            add(repository, item, members, 0, 10);
            // the watcher's first forecast also follows the item, and the app reads the latest forecasts into memory
            measure(app, item, watcher, 30);
            List<Integer> few = measure(app, item, watcher, 40);
            // made through another repository, as by another instance: the app's copy is stale, brought up to date once
            // (one statement: the rows changed since)
            add(repository, item, members, 10, 2_000);
            List<Integer> stale = measure(app, item, watcher, 50);
            List<Integer> many = measure(app, item, watcher, 60);
            System.out.println("SQL statements (forecast POST, page anonymous, page member): " + few + " -> " + stale
                    + " -> " + many);
            assertThat(many).isEqualTo(few);
            assertThat(few.get(0)).isEqualTo(postStatements(app));
            assertThat(stale.get(0)).isEqualTo(postStatements(app) + 1);
            ForecastStoreTest.assertStoredEqualsReplay(app.dsl(), item);
        }
    }

    private static void add(ForecastRepository repository, long item, long[] members, int from, int to) {
        for (int i = from; i < to; i++) {
            repository.add(WriteBudget.FREE, members[i], item, 1 + (i * 37) % 99, i % 3 == 0 ? "because " + i : null);
        }
    }

    private static List<Integer> measure(TestApp app, long item, TestClient watcher, int probability) {
        TestClient.Response post = watcher.submit("/items/" + item, "/items/" + item + "/forecast",
                form("probability", Integer.toString(probability)));
        assertThat(post.status()).isEqualTo(303);
        TestClient.Response anonymous = app.client().get("/items/" + item);
        TestClient.Response member = watcher.get("/items/" + item);
        assertThat(anonymous.status()).isEqualTo(200);
        assertThat(member.body()).contains(probability + " %");
        return List.of(statements(post), statements(anonymous), statements(member));
    }

    private static int statements(TestClient.Response r) {
        return Integer.parseInt(r.header("X-Sql-Statements").orElseThrow());
    }
}
