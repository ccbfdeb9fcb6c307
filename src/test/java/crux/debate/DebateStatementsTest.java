package crux.debate;

import static org.assertj.core.api.Assertions.assertThat;

import crux.testing.Html;
import crux.testing.TestApp;
import crux.testing.TestClient;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Performance by construction: an item page runs the same number of SQL statements for a thread of 10 comments
 * as for one of 2,000 (the whole thread is one query, the viewer's votes come with it), for visitors and members,
 * in both views, on every page.
 */
class DebateStatementsTest {

    static long smallDebate;
    static long largeDebate;

    static TestApp app;
    static TestClient member;

    @BeforeAll
    static void start() {
        app = TestApp.start();
        smallDebate = app.claim(17);
        largeDebate = app.claim(18);
        member = app.member("counter");
        List<Long> authors = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            app.member("author" + i);
            authors.add(app.memberNamed("author" + i).id());
        }
        DebateSeed.seed(app.dsl(), smallDebate, authors, 10, 4, 1);
        DebateSeed.seed(app.dsl(), largeDebate, authors, 2_000, 19, 2);
        // the member has voted in both threads, so their votes are part of what is fetched
        Debates.vote(member, firstArgument(smallDebate), "up");
        Debates.vote(member, firstArgument(largeDebate), "down");
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    private static long firstArgument(long itemId) {
        return app.dsl().select(crux.db.generated.Tables.COMMENT.ID).from(crux.db.generated.Tables.COMMENT)
                .where(crux.db.generated.Tables.COMMENT.ITEM_ID.eq(itemId))
                .and(crux.db.generated.Tables.COMMENT.PARENT_ID.isNull()).limit(1).fetchOne().value1();
    }

    private static int statements(TestClient client, String path) {
        TestClient.Response r = client.get(path);
        assertThat(r.status()).as(path).isEqualTo(200);
        return Integer.parseInt(r.header("X-Sql-Statements").orElseThrow());
    }

    /** A page's statements with nothing kept in memory (the first view after a change), then its next view's. */
    private static List<Integer> coldThenWarm(TestClient client, String path) {
        app.app().dropCaches();
        return List.of(statements(client, path), statements(client, path));
    }

    @Test
    void theItemPageCostsTheSameStatementsForTenAndForTwoThousandComments() {
        for (TestClient client : List.of(app.client(), member)) {
            for (String query : List.of("", "?sort=controversial", "?view=procon", "?page=3", "?view=procon&sort=new&page=2")) {
                List<Integer> small = coldThenWarm(client, "/items/" + smallDebate + query);
                List<Integer> large = coldThenWarm(client, "/items/" + largeDebate + query);
                assertThat(large).as("statements for %s, 10 vs 2,000 comments, cold then warm", query).isEqualTo(small);
                assertThat(large.get(0)).as("a handful for the whole page (session, item, stance, forecast, follow, debate), whatever the thread")
                        .isLessThanOrEqualTo(12);
            }
        }
    }

    @Test
    void aTwoThousandCommentPageSaysHowManyThereAreAndShowsOnePageOfArguments() {
        var page = member.get("/items/" + largeDebate).html();
        assertThat(page.select(".debate-counts").text()).isEqualTo("100 arguments, 2000 comments in all");
        assertThat(page.select("ol.thread > li.comment-item")).hasSize(ThreadTree.ARGUMENTS_PER_PAGE);
        assertThat(Html.text(page, ".pager span")).isEqualTo("Page 1 of 4");
        // deep replies start folded
        assertThat(page.select("details.fold:not([open])")).isNotEmpty();
        assertThat(page.select("details.fold[open]")).isNotEmpty();
    }

    @Test
    void thePermalinkAndThePostingPathsStayConstantToo() {
        long argument = firstArgument(largeDebate);
        int small = Integer.parseInt(app.client().get("/comments/" + firstArgument(smallDebate)).header("X-Sql-Statements").orElseThrow());
        int large = Integer.parseInt(app.client().get("/comments/" + argument).header("X-Sql-Statements").orElseThrow());
        assertThat(large).isEqualTo(small);
    }
}
