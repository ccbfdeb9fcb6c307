package crux.search;

import static crux.db.generated.Tables.ARTICLE;
import static crux.db.generated.Tables.COMMENT;
import static crux.db.generated.Tables.ITEM;
import static crux.db.generated.Tables.MEMBER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import crux.testing.TestDatabases;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link SearchContract} on PostgreSQL (when CRUX_TEST_POSTGRES_URL is set): its own full-text search, its results
 * kept by the version of what is searched (migration V78, {@link KeptSearches}).
 */
class SearchPostgresTest extends SearchContract {

    @BeforeAll
    static void startPostgres() {
        assumeTrue(TestDatabases.postgresBase() != null, "CRUX_TEST_POSTGRES_URL is not set");
        start("postgres");
    }

    private static long version() {
        OptionalLong v = new PostgresSearchRepository(app.app().database()).version();
        assertThat(v).as("nothing is being committed").isPresent();
        return v.getAsLong();
    }

    @Test
    void theVersionMovesWithWhatIsSearchedOrShownAndNotWithTalliesVotesOrActivity() {
        long item = SearchData.articleWithClaim(dsl(), "search-version-article", "The tundra warms slowly");
        long argument = argue(author, claim, "Permafrost thaws first.");
        long before = version();
        dsl().update(ITEM).set(ITEM.AGREE_COUNT, ITEM.AGREE_COUNT.plus(1)).set(ITEM.FORECASTER_COUNT, 3)
                .where(ITEM.ID.eq(item)).execute();
        dsl().update(COMMENT).set(COMMENT.UPS, 5).set(COMMENT.REPLY_COUNT, 2).where(COMMENT.ID.eq(argument)).execute();
        dsl().update(ARTICLE).set(ARTICLE.PARTICIPANT_COUNT, 9).where(ARTICLE.SLUG.eq("search-version-article"))
                .execute();
        assertThat(version()).as("tallies, votes and activity are not searched").isEqualTo(before);
        for (Runnable change : List.<Runnable>of(
                () -> dsl().update(ITEM).set(ITEM.STATEMENT, "The tundra warms fast").where(ITEM.ID.eq(item)).execute(),
                () -> dsl().update(COMMENT).set(COMMENT.MODERATION_STATE, "hidden").where(COMMENT.ID.eq(argument))
                        .execute(),
                () -> dsl().update(ARTICLE).set(ARTICLE.RETIRED_AT, OffsetDateTime.now())
                        .where(ARTICLE.SLUG.eq("search-version-article")).execute(),
                () -> dsl().update(MEMBER).set(MEMBER.NAME, "quillfeather2").where(MEMBER.NAME.eq("quillfeather"))
                        .execute(),
                () -> dsl().update(MEMBER).set(MEMBER.NAME, "quillfeather").where(MEMBER.NAME.eq("quillfeather2"))
                        .execute(),
                () -> argue(author, claim, "Another argument moves it too."),
                () -> dsl().deleteFrom(COMMENT).where(COMMENT.ID.eq(SearchData.arguments(dsl(), claim,
                        app.memberNamed("quillfeather").id(), List.of("soon gone")).get(0))).execute())) {
            long was = version();
            change.run();
            assertThat(version()).isGreaterThan(was);
        }
    }

    @Test
    void whileAChangeIsBeingCommittedTheVersionIsUnknownAndAfterwardsItHasMoved() throws Exception {
        long item = SearchData.articleWithClaim(dsl(), "search-uncommitted-article", "The glacier retreats");
        PostgresSearchRepository search = new PostgresSearchRepository(app.app().database());
        long before = version();
        try (Connection c = DriverManager.getConnection(app.databaseUrl())) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.executeUpdate("UPDATE item SET statement = 'The glacier advances' WHERE id = " + item);
            }
            assertThat(search.version()).as("a change not yet committed: results read now may miss it").isEmpty();
            c.commit();
            long committed = version();
            assertThat(committed).isGreaterThan(before);
            try (Statement s = c.createStatement()) {
                s.executeUpdate("UPDATE item SET statement = 'The glacier melts' WHERE id = " + item);
            }
            c.rollback();
        }
        assertThat(search.version()).as("a change rolled back: unknown until the next change commits").isEmpty();
        dsl().update(ITEM).set(ITEM.STATEMENT, "The glacier stays").where(ITEM.ID.eq(item)).execute();
        assertThat(version()).isPositive();
    }

    @Test
    void aPopularSearchIsAnsweredFromKeptResultsUntilSomethingSearchedChanges() {
        String statement = "The caldera rumbles before dawn";
        long item = SearchData.articleWithClaim(dsl(), "search-kept-article", statement);
        int ran = statements(get(visitor, "caldera"));
        assertThat(found(visitor, "caldera")).containsExactly("/items/" + item);
        assertThat(statements(get(visitor, "caldera"))).as("kept: the version read, not the search")
                .isEqualTo(ran - 1);
        // the same search after a change: run again, and the retired item is gone from it
        dsl().update(ITEM).set(ITEM.RETIRED_AT, OffsetDateTime.now()).where(ITEM.ID.eq(item)).execute();
        assertThat(statements(get(visitor, "caldera"))).isEqualTo(ran);
        assertThat(found(visitor, "caldera")).isEmpty();
    }

    private static int statements(crux.testing.TestClient.Response r) {
        assertThat(r.status()).isEqualTo(200);
        return Integer.parseInt(r.header("X-Sql-Statements").orElseThrow());
    }
}
