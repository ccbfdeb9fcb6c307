package crux.forecasts;

import static crux.testing.TestClient.form;
import static org.assertj.core.api.Assertions.assertThat;

import crux.stances.StanceRacesTest;
import crux.testing.TestApp;
import crux.testing.TestClient;
import crux.testing.TestDatabases;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Forecasts posted at once, first ones and updates alike, on H2 and on PostgreSQL: every one is stored, and the
 * latest forecasts, the community points and the item's counters still equal a full replay of the rows.
 */
class ForecastRacesTest {

    static final int MEMBERS = 16;

    static List<String> kinds() {
        return TestDatabases.kinds();
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void simultaneousForecastsKeepTheStoredCommunityExact(String kind) throws Exception {
        try (TestApp app = TestApp.start(kind)) {
            try {
                List<TestClient> members = new ArrayList<>();
                List<String> tokens = new ArrayList<>();
                for (int i = 0; i < MEMBERS; i++) {
                    TestClient m = app.member("racer" + i);
                    members.add(m);
                    tokens.add(m.csrf("/items/" + app.prediction(1)));
                }
                for (int round = 0; round < 2; round++) {
                    List<Callable<Integer>> posts = new ArrayList<>();
                    for (int i = 0; i < MEMBERS; i++) {
                        TestClient m = members.get(i);
                        String token = tokens.get(i);
                        String p = Integer.toString(5 + (i * 13 + round * 41) % 90);
                        posts.add(() -> m.post("/items/" + app.prediction(1) + "/forecast", form("probability", p, "_csrf", token)).status());
                    }
                    assertThat(StanceRacesTest.together(posts)).allMatch(s -> s == 303);
                }
                assertThat(ForecastRepository.forecasts(app.dsl(), app.prediction(1))).hasSize(2 * MEMBERS);
                // each forecast found the copy the one before it put back before committing: the rows were read once
                String metrics = app.client().get("/metrics").body();
                assertThat(metrics).containsPattern("(?m)^crux_forecast_copy_reloads_total 1\\.0$");
                assertThat(metrics).containsPattern("crux_grouped_writes_total [1-9]");
                ForecastStoreTest.assertStoredEqualsReplay(app.dsl(), app.prediction(1));
            } finally {
                TestDatabases.drop(app.databaseUrl());
            }
        }
    }
}
