package crux.db;

import static org.assertj.core.api.Assertions.assertThat;

import crux.testing.TestDatabases;
import java.util.List;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The queries on every request's path find their rows through an index, never by reading a whole table: checked
 * with EXPLAIN on H2 (its plan names the index, or says tableScan) and on PostgreSQL when configured (with
 * sequential scans discouraged, so the plan shows whether an index is usable at all on a small test table).
 */
class HotPathIndexTest {

    /** A hot-path query and the index meant for it (H2's name, when we named it; documentation). */
    record Hot(String what, String sql, String h2Index) {
    }

    static final List<Hot> HOT = List.of(
            new Hot("session lookup by token hash", "SELECT * FROM member_session WHERE token_hash = 'abc'", "MEMBER_SESSION_TOKEN_UK"),
            new Hot("a debate thread by (item, path)", "SELECT id, path FROM comment WHERE item_id = 1 ORDER BY path", "COMMENT_ITEM_PATH_IX"),
            new Hot("a member's stances", "SELECT item_id, stance FROM item_stance WHERE member_id = 1", null),
            new Hot("forecasts on an item", "SELECT member_id, probability FROM forecast WHERE item_id = 1 ORDER BY created_at, id", "FORECAST_ITEM_IX"),
            new Hot("an item's community points (its chart)", "SELECT created_at, community, forecasters FROM forecast"
                    + " WHERE item_id = 1 AND community IS NOT NULL ORDER BY created_at, id", "FORECAST_ITEM_IX"),
            new Hot("a member's unread notifications", "SELECT COUNT(*) FROM notification WHERE member_id = 1 AND read_at IS NULL", "NOTIFICATION_MEMBER_IX"),
            new Hot("a rate counter by its key", "SELECT hits FROM rate_counter WHERE bucket = 'writes:1' AND window_start = 1", null));

    static List<String> kinds() {
        return TestDatabases.kinds();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void hotPathQueriesUseAnIndex(String kind) {
        String url = TestDatabases.fresh(kind);
        try (Database db = TestDatabases.open(url)) {
            DSLContext dsl = db.dsl();
            for (Hot hot : HOT) {
                String plan;
                if (kind.equals("postgres")) {
                    plan = dsl.transactionResult(tx -> {
                        tx.dsl().execute("SET LOCAL enable_seqscan = off");
                        return tx.dsl().fetch("EXPLAIN " + hot.sql()).stream()
                                .map(r -> r.get(0, String.class)).collect(Collectors.joining("\n"));
                    });
                    assertThat(plan).as(hot.what() + "\n" + plan).containsIgnoringCase("Index")
                            .doesNotContain("Seq Scan");
                } else {
                    plan = dsl.fetch("EXPLAIN " + hot.sql()).get(0).get(0, String.class);
                    // on empty tables H2 may pick another usable index (a foreign key's) than the one meant: any
                    // index lookup with the condition passes, a scan of the whole table does not
                    assertThat(plan).as(hot.what() + "\n" + plan).doesNotContain("tableScan")
                            .containsPattern("/\\* PUBLIC\\.\\w+: ");
                }
            }
        } finally {
            TestDatabases.drop(url);
        }
    }
}
