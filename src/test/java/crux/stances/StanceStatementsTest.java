package crux.stances;

import static crux.db.generated.Tables.MEMBER;
import static crux.testing.TestClient.form;
import static org.assertj.core.api.Assertions.assertThat;

import crux.core.Stance;
import crux.core.Tally;
import crux.db.WriteBudget;
import crux.testing.TestApp;
import crux.testing.TestClient;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.jooq.SQLDialect;
import org.junit.jupiter.api.Test;

/**
 * A stance POST needs the same SQL statements (X-Sql-Statements) with one stance on the item as with 1,000, and as
 * few as the database allows: nothing locks the item row first or reads the stance apart from writing it.
 */
class StanceStatementsTest {

    /**
     * A changed stance: the session, the write budget, the change (which hands back the stance it replaced) and the
     * tally, which PostgreSQL makes one statement. The same stance again: the session, the budget, the change that
     * changed nothing and what is there (a retired item still refuses it).
     */
    static int changeStatements(TestApp app) {
        return app.app().database().dialect() == SQLDialect.POSTGRES ? 3 : 4;
    }

    static final int SAME_STATEMENTS = 4;

    @Test
    void stanceStatementsAreFewAndDoNotGrowWithStances() {
        try (TestApp app = TestApp.start()) {
            TestClient watcher = app.member("watcher");
            long item = app.claim(1);
            assertThat(post(watcher, item, "agree")).isPositive(); // a first stance
            List<Integer> few = List.of(post(watcher, item, "disagree"), post(watcher, item, "disagree"));

            StanceRepository stances = new StanceRepository(app.app().database(), Clock.systemUTC());
            long[] members = members(app, 1_000);
            for (int i = 0; i < members.length; i++) {
                stances.set(WriteBudget.FREE, members[i], item, Stance.values()[i % 3]);
            }
            List<Integer> many = List.of(post(watcher, item, "unsure"), post(watcher, item, "unsure"));

            assertThat(many).isEqualTo(few).containsExactly(changeStatements(app), SAME_STATEMENTS);
            // each third of the members on each side, and the watcher unsure
            assertThat(stances.tally(item)).isEqualTo(new Tally(334, 334, 333));
            StanceRacesTest.assertTalliesEqualRows(app);
        }
    }

    private static int post(TestClient member, long item, String stance) {
        TestClient.Response r = member.submit("/items/" + item, "/items/" + item + "/stance", form("stance", stance));
        assertThat(r.status()).isEqualTo(303);
        return Integer.parseInt(r.header("X-Sql-Statements").orElseThrow());
    }

    private static long[] members(TestApp app, int count) {
        long[] ids = new long[count];
        for (int i = 0; i < count; i++) {
            ids[i] = app.dsl().insertInto(MEMBER).set(MEMBER.NAME, "voter" + i).set(MEMBER.NAME_KEY, "voter" + i)
                    .set(MEMBER.CREATED_AT, OffsetDateTime.now(ZoneOffset.UTC))
                    .returningResult(MEMBER.ID).fetchOne().value1();
        }
        return ids;
    }
}
