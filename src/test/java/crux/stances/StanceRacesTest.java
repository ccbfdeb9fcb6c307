package crux.stances;

import static crux.db.generated.Tables.ITEM;
import static crux.db.generated.Tables.ITEM_STANCE;
import static crux.testing.TestClient.form;
import static org.assertj.core.api.Assertions.assertThat;

import crux.core.Tally;
import crux.testing.TestApp;
import crux.testing.TestClient;
import crux.testing.TestDatabases;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jooq.impl.DSL;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Stances stay exact under concurrent clicks, on H2 and on PostgreSQL: one row per member and item, tallies equal
 * to the rows, and no request fails with a server error.
 */
public class StanceRacesTest {

    /** Enough simultaneous clicks to collide many times on two cores, few enough to stay quick. */
    static final int CLICKS = 16;
    static final int MEMBERS = 50;
    static final String[] STANCES = {"agree", "unsure", "disagree"};

    static List<String> kinds() {
        return TestDatabases.kinds();
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void simultaneousClicksFromOneSessionLeaveOneStance(String kind) throws Exception {
        try (TestApp app = TestApp.start(kind)) {
            try {
                TestClient member = app.member("clicker");
                String token = member.csrf("/items/" + app.claim(3));
                List<Callable<Integer>> clicks = new ArrayList<>();
                for (int i = 0; i < CLICKS; i++) {
                    String stance = STANCES[i % STANCES.length];
                    clicks.add(() -> member.post("/items/" + app.claim(3) + "/stance", form("stance", stance, "_csrf", token)).status());
                }
                assertThat(together(clicks)).allMatch(s -> s == 303);
                assertThat(app.dsl().fetchCount(ITEM_STANCE, ITEM_STANCE.ITEM_ID.eq(app.claim(3)))).isEqualTo(1);
                assertTalliesEqualRows(app);
                assertThat(app.dsl().select(ITEM.AGREE_COUNT.plus(ITEM.UNSURE_COUNT).plus(ITEM.DISAGREE_COUNT))
                        .from(ITEM).where(ITEM.ID.eq(app.claim(3))).fetchOne().value1()).isEqualTo(1);
            } finally {
                TestDatabases.drop(app.databaseUrl());
            }
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void fiftyMembersVotingAtOnceLeaveTalliesEqualToTheRows(String kind) throws Exception {
        try (TestApp app = TestApp.start(kind)) {
            try {
                List<TestClient> members = new ArrayList<>();
                List<String> tokens = new ArrayList<>();
                for (int i = 0; i < MEMBERS; i++) {
                    TestClient m = app.member("voter" + i);
                    members.add(m);
                    tokens.add(m.csrf("/items/" + app.claim(3)));
                }
                // each votes on item 3, then changes their mind, all at once: both inserts and updates collide
                for (int round = 0; round < 2; round++) {
                    List<Callable<Integer>> votes = new ArrayList<>();
                    for (int i = 0; i < MEMBERS; i++) {
                        TestClient m = members.get(i);
                        String token = tokens.get(i);
                        String stance = STANCES[(i + round) % STANCES.length];
                        votes.add(() -> m.post("/items/" + app.claim(3) + "/stance", form("stance", stance, "_csrf", token)).status());
                    }
                    assertThat(together(votes)).allMatch(s -> s == 303);
                    assertTalliesEqualRows(app);
                }
                assertThat(app.dsl().fetchCount(ITEM_STANCE, ITEM_STANCE.ITEM_ID.eq(app.claim(3)))).isEqualTo(MEMBERS);
                Tally t = app.dsl().select(ITEM.AGREE_COUNT, ITEM.UNSURE_COUNT, ITEM.DISAGREE_COUNT).from(ITEM)
                        .where(ITEM.ID.eq(app.claim(3))).fetchOne(r -> new Tally(r.value1(), r.value2(), r.value3()));
                assertThat(t.voters()).isEqualTo(MEMBERS);
                assertThat(app.client().get("/items/" + app.claim(3)).html().select(".voters").text())
                        .isEqualTo(MEMBERS + " people have taken a stance.");
            } finally {
                TestDatabases.drop(app.databaseUrl());
            }
        }
    }

    /** Every item's counters equal a count of its rows. */
    static void assertTalliesEqualRows(TestApp app) {
        var counted = app.dsl().select(ITEM_STANCE.ITEM_ID,
                        DSL.count().filterWhere(ITEM_STANCE.STANCE.eq("agree")),
                        DSL.count().filterWhere(ITEM_STANCE.STANCE.eq("unsure")),
                        DSL.count().filterWhere(ITEM_STANCE.STANCE.eq("disagree")))
                .from(ITEM_STANCE).groupBy(ITEM_STANCE.ITEM_ID)
                .fetchMap(r -> r.value1(), r -> new Tally(r.value2(), r.value3(), r.value4()));
        Map<Long, Tally> kept = app.dsl().select(ITEM.ID, ITEM.AGREE_COUNT, ITEM.UNSURE_COUNT, ITEM.DISAGREE_COUNT)
                .from(ITEM).fetchMap(r -> r.value1(), r -> new Tally(r.value2(), r.value3(), r.value4()));
        kept.forEach((item, tally) -> assertThat(tally).as("item %d", item).isEqualTo(counted.getOrDefault(item, Tally.NONE)));
    }

    /** Runs the tasks on their own threads, released at the same instant by a latch; returns their results. */
    public static List<Integer> together(List<Callable<Integer>> tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        try {
            CountDownLatch ready = new CountDownLatch(tasks.size());
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Integer>> futures = new ArrayList<>();
            for (Callable<Integer> task : tasks) {
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    return task.call();
                }));
            }
            ready.await();
            go.countDown();
            List<Integer> results = new ArrayList<>();
            for (Future<Integer> f : futures) {
                results.add(f.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
