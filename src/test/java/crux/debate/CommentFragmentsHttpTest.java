package crux.debate;

import static crux.testing.TestClient.form;
import static org.assertj.core.api.Assertions.assertThat;

import crux.testing.TestApp;
import crux.testing.TestClient;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Comments on an item page are rendered once per state they are shown in and kept ({@code CommentFragments}): each
 * viewer still sees their own forms and token in them, and a vote, an edit or a moderator's action shows at once.
 */
class CommentFragmentsHttpTest {

    static TestApp app;
    static long claim;
    static TestClient author;
    static TestClient reader;
    static TestClient moderator;

    @BeforeAll
    static void start() {
        app = TestApp.start();
        claim = app.claim(4);
        author = app.member("keptauthor");
        reader = app.member("keptreader");
        moderator = app.member("keptmod", "moderator");
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    static Element comment(TestClient c, long id) {
        Document page = c.get("/items/" + claim).html();
        Element li = page.getElementById("comment-" + id);
        assertThat(li).as("comment %s on the page", id).isNotNull();
        return li;
    }

    static String token(TestClient c) {
        return c.get("/items/" + claim).html().select("meta[name=csrf-token]").attr("content");
    }

    @Test
    void eachViewerSeesTheirOwnFormsInAKeptComment() {
        long argument = Debates.argueId(author, claim, "supports", "Kept argument about tariffs");
        long reply = Debates.replyId(reader, argument, "Kept reply about tariffs");

        for (int i = 0; i < 2; i++) { // the second time from what was kept
            Element asReader = comment(reader, argument);
            assertThat(asReader.select("> article .comment-body").text()).isEqualTo("Kept argument about tariffs");
            assertThat(asReader.select("> article form.vote-form input[name=_csrf]").attr("value"))
                    .as("the reader's own token").isEqualTo(token(reader)).isNotEmpty();
            assertThat(asReader.select("> article .flag-box")).hasSize(1);
            assertThat(asReader.select("> article a[href$=/edit]")).isEmpty();
            assertThat(asReader.select("> article .mod-box")).isEmpty();
            assertThat(asReader.select("#comment-" + reply + " .comment-body").text())
                    .as("the reply in its place").isEqualTo("Kept reply about tariffs");

            Element asAuthor = comment(author, argument);
            assertThat(asAuthor.select("> article a[href$=/edit]")).hasSize(1);
            assertThat(asAuthor.select("> article .flag-box")).isEmpty();
            assertThat(asAuthor.select("> article .delete-confirm input[name=_csrf]").attr("value"))
                    .isEqualTo(token(author)).isNotEqualTo(token(reader));

            assertThat(comment(moderator, argument).select("> article .mod-box")).hasSize(1);
            Element asVisitor = comment(app.client(), argument);
            assertThat(asVisitor.select("form")).as("no forms for visitors").isEmpty();
        }
    }

    @Test
    void aVoteAnEditAndAHidingShowAtOnce() {
        long argument = Debates.argueId(author, claim, "opposes", "Kept argument about shipping");
        assertThat(comment(reader, argument).select("> article .vote--up .count").text()).isEqualTo("0");

        Debates.vote(reader, argument, "up");
        Element voted = comment(reader, argument);
        assertThat(voted.select("> article .vote--up").attr("aria-pressed")).isEqualTo("true");
        assertThat(voted.select("> article .vote--up .count").text()).isEqualTo("1");
        assertThat(comment(author, argument).select("> article .tally").text()).contains("1 up");

        assertThat(author.submit("/comments/" + argument + "/edit", "/comments/" + argument + "/edit",
                form("body", "Kept argument about freight")).status()).isEqualTo(302);
        assertThat(comment(reader, argument).select("> article .comment-body").text())
                .isEqualTo("Kept argument about freight");

        assertThat(moderator.submit("/items/" + claim, "/mod/comments/" + argument + "/hide",
                form("reason", "test of kept comments")).status()).isBetween(300, 399);
        assertThat(comment(reader, argument).select("> article .comment-body--moderated").text())
                .startsWith("This comment was hidden by a moderator");
        assertThat(comment(author, argument).select("> article .comment-body--moderated").text())
                .endsWith("Only you can see it.");
    }

    /**
     * The thread as a visitor sees it is kept and shared by every viewer; each member's own part (their votes, the
     * words of their own hidden comment) is applied to it per view. A visitor reads the thread first each time here,
     * so the members' pages come from what the visitor's view kept.
     */
    @Test
    void eachMembersOwnPartIsAppliedToTheSharedThread() {
        long argument = Debates.argueId(author, claim, "supports", "Shared argument about chip exports");
        Debates.vote(reader, argument, "down");

        // ?view=procon: not the anonymous page cache, so the visitor's view reads (and keeps) the shared thread
        Element asVisitor = app.client().get("/items/" + claim + "?view=procon").html().getElementById("comment-" + argument);
        assertThat(asVisitor.select("form")).isEmpty();
        assertThat(asVisitor.select(".comment-body").text()).isEqualTo("Shared argument about chip exports");
        assertThat(comment(reader, argument).select("> article .vote--down").attr("aria-pressed")).isEqualTo("true");
        assertThat(comment(moderator, argument).select("> article .vote--down").attr("aria-pressed"))
                .as("the reader's vote is not the moderator's").isEqualTo("false");

        assertThat(moderator.submit("/items/" + claim, "/mod/comments/" + argument + "/hide",
                form("reason", "test of the shared thread")).status()).isBetween(300, 399);
        Element hidden = app.client().get("/items/" + claim + "?view=procon").html().getElementById("comment-" + argument);
        assertThat(hidden.text()).doesNotContain("chip exports");
        assertThat(comment(reader, argument).text()).as("others do not read a hidden comment")
                .doesNotContain("chip exports");
        Element asAuthor = comment(author, argument);
        assertThat(asAuthor.select("> article .comment-body--moderated").text()).endsWith("Only you can see it.");
        assertThat(asAuthor.select("> article div.comment-body").text()).isEqualTo("Shared argument about chip exports");
        assertThat(comment(reader, argument).select("> article .vote--down").attr("aria-pressed"))
                .as("the reader's vote still theirs on the hidden comment").isEqualTo("true");
    }
}
