package crux.moderation;

import static crux.db.generated.Tables.COMMENT;
import static crux.db.generated.Tables.MODERATION_LOG;
import static crux.db.generated.Tables.NOTIFICATION;
import static crux.testing.Refusals.assertRefused;
import static crux.testing.TestClient.form;
import static org.assertj.core.api.Assertions.assertThat;

import crux.debate.PostTokens;
import crux.testing.Seeded;
import crux.testing.TestApp;
import crux.testing.TestClient;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jooq.Record;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Moderators act on comments where they read them: each comment in the thread carries pin/unpin (arguments only),
 * hide/restore and remove, each asking for a reason, and the answer comes back to the comment. Nobody else sees them.
 */
class ThreadModerationHttpTest {

    static final Pattern ANCHOR = Pattern.compile("#comment-(\\d+)$");
    static TestApp app;
    static TestClient mod;

    @BeforeAll
    static void start() {
        app = TestApp.start();
        mod = app.member("tmodtess", "moderator");
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @BeforeEach
    void freshLimits() {
        app.resetLimits();
    }

    static TestClient member() {
        return app.member(app.uniqueName("tm") + "x");
    }

    static long posted(TestClient.Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(302);
        Matcher m = ANCHOR.matcher(r.location());
        assertThat(m.find()).isTrue();
        return Long.parseLong(m.group(1));
    }

    static long argue(TestClient c, long item, String body) {
        return posted(c.submit("/about", "/items/" + item + "/arguments",
                form("side", "supports", "body", body, "token", PostTokens.next())));
    }

    static long reply(TestClient c, long parent, String body) {
        return posted(c.submit("/about", "/comments/" + parent + "/replies",
                form("body", body, "token", PostTokens.next())));
    }

    /** Submits the thread's own form for {@code action} on the comment, as the page gives it (reason, return). */
    static TestClient.Response act(TestClient who, long item, long comment, String action, String reason) {
        Element box = box(mod.get("/items/" + item).html(), comment);
        assertThat(box).as("the moderator's controls on comment %d", comment).isNotNull();
        Element button = box.selectFirst("button[formaction='/mod/comments/" + comment + "/" + action + "']");
        assertThat(button).as("a %s button on comment %d", action, comment).isNotNull();
        String back = box.selectFirst("input[name=return]").val();
        return who.submit("/items/" + item, button.attr("formaction"), form("reason", reason, "return", back));
    }

    static Element box(Document page, long comment) {
        return page.selectFirst("#comment-" + comment + " > article .mod-box");
    }

    static Record comment(long id) {
        return app.dsl().selectFrom(COMMENT).where(COMMENT.ID.eq(id)).fetchOne();
    }

    @Test
    void moderatorsSeeControlsOnEveryCommentAndNobodyElseDoes() {
        long item = app.claim(2);
        TestClient author = member();
        long argument = argue(author, item, "An argument to moderate in place.");
        long answer = reply(member(), argument, "A reply to moderate in place.");

        Document page = mod.get("/items/" + item).html();
        Element onArgument = box(page, argument);
        assertThat(onArgument.select("summary").text()).isEqualTo("Moderate");
        assertThat(onArgument.select("label").text()).isEqualTo("Reason (public log; told to the author)");
        assertThat(onArgument.selectFirst("input[name=reason]").hasAttr("required")).isTrue();
        assertThat(onArgument.select(".mod-buttons button").eachText()).containsExactly("Pin", "Hide", "Remove");
        assertThat(onArgument.selectFirst("input[name=return]").val()).isEqualTo("/comments/" + argument);
        // a reply cannot be pinned, so it is not offered
        assertThat(box(page, answer).select(".mod-buttons button").eachText()).containsExactly("Hide", "Remove");
        // Enter in the reason field picks no action: the form's first (default) button is disabled
        assertThat(onArgument.selectFirst("form button").hasAttr("disabled")).isTrue();

        for (TestClient other : new TestClient[] {author, member(), app.client()}) {
            Document seen = other.get("/items/" + item).html();
            assertThat(seen.select(".mod-box")).isEmpty();
            assertThat(seen.select("[formaction^='/mod/'], form[action^='/mod/comments']")).isEmpty();
        }
        // the pro/con view carries them too
        assertThat(box(mod.get("/items/" + item + "?view=procon").html(), argument)).isNotNull();
    }

    @Test
    void pinAndUnpinFromTheThreadComeBackToTheArgument() {
        long item = app.claim(3);
        long argument = argue(member(), item, "Pin this one from where it stands.");
        int logs = app.count(MODERATION_LOG);

        TestClient.Response r = act(mod, item, argument, "pin", "The clearest case for the claim");
        assertThat(r.status()).isEqualTo(302);
        assertThat(r.location()).isEqualTo("/comments/" + argument);
        assertThat(comment(argument).get(COMMENT.PINNED)).isTrue();
        assertThat(app.count(MODERATION_LOG)).isEqualTo(logs + 1);
        // the permalink lands on the thread at the comment, with the flash saying what was done
        TestClient.Response landing = mod.get(r.location());
        assertThat(landing.location()).endsWith("#comment-" + argument);
        Document page = mod.get(landing.location().replaceAll("#.*", "")).html();
        assertThat(page.select(".flash").text()).contains("The argument is pinned.");
        assertThat(page.select("#comment-" + argument + " .pin").text()).isEqualTo("Pinned");
        assertThat(box(page, argument).select(".mod-buttons button").eachText()).containsExactly("Unpin", "Hide", "Remove");

        assertThat(act(mod, item, argument, "unpin", "Superseded").status()).isEqualTo(302);
        assertThat(comment(argument).get(COMMENT.PINNED)).isFalse();
        assertThat(app.count(MODERATION_LOG)).isEqualTo(logs + 2);
    }

    @Test
    void hideThenRestoreThenRemoveFromTheThread() {
        long item = app.claim(4);
        TestClient author = member();
        long argument = argue(author, item, "Words a moderator must still be able to read.");
        int notices = app.count(NOTIFICATION);

        assertThat(act(mod, item, argument, "hide", "Off topic here").status()).isEqualTo(302);
        assertThat(comment(argument).get(COMMENT.MODERATION_STATE)).isEqualTo("hidden");
        assertThat(app.count(NOTIFICATION)).isEqualTo(notices + 1);
        Document modPage = mod.get("/items/" + item).html();
        assertThat(modPage.select("#comment-" + argument + " > article").text())
                .contains("hidden by a moderator: Off topic here");
        // hidden, it can be restored (its words are in the queue and the author's view, not the thread)
        assertThat(box(modPage, argument).select(".mod-buttons button").eachText()).containsExactly("Pin", "Restore", "Remove");
        assertThat(member().get("/items/" + item).html().select("#comment-" + argument).text())
                .doesNotContain("Words a moderator must still be able to read.");

        assertThat(act(mod, item, argument, "restore", "On topic after all").status()).isEqualTo(302);
        assertThat(comment(argument).get(COMMENT.MODERATION_STATE)).isEqualTo("visible");

        assertThat(act(mod, item, argument, "remove", "Personal details").status()).isEqualTo(302);
        assertThat(comment(argument).get(COMMENT.MODERATION_STATE)).isEqualTo("removed");
        // nothing is left to act on once removed
        assertThat(box(mod.get("/items/" + item).html(), argument)).isNull();
    }

    @Test
    void aReasonIsRequiredAndTheReturnIsOnlyAPathOnCrux() {
        long item = app.claim(5);
        long argument = argue(member(), item, "Moderated without a reason? No.");
        var before = app.snapshot(COMMENT, MODERATION_LOG, NOTIFICATION);
        for (String action : new String[] {"pin", "hide", "remove"}) {
            assertRefused(act(mod, item, argument, action, "  "), 422,
                    "Please give a reason: it is shown in the public log and to the member affected.");
        }
        assertThat(app.snapshot(COMMENT, MODERATION_LOG, NOTIFICATION)).isEqualTo(before);

        // an address elsewhere is not followed: the answer goes to the queue instead
        TestClient.Response r = mod.submit("/items/" + item, "/mod/comments/" + argument + "/hide",
                form("reason", "spam", "return", "https://evil.example/"));
        assertThat(r.status()).isEqualTo(302);
        assertThat(r.location()).isEqualTo("/mod");
    }

    @Test
    void membersAndVisitorsAreRefusedAndNothingIsStored() {
        long item = app.claim(6);
        TestClient author = member();
        long argument = argue(author, item, "Members cannot moderate this.");
        TestClient other = member();
        var before = app.snapshot(COMMENT, MODERATION_LOG, NOTIFICATION);
        for (String action : new String[] {"pin", "unpin", "hide", "restore", "remove"}) {
            String path = "/mod/comments/" + argument + "/" + action;
            var fields = form("reason", "because", "return", "/comments/" + argument);
            assertRefused(other.submit("/items/" + item, path, fields), 403, "This page is for moderators.");
            assertRefused(author.submit("/items/" + item, path, fields), 403, "This page is for moderators.");
            // a moderator's request without the form's token
            assertRefused(mod.post(path, fields), 403,
                    "This form has expired or did not come from Crux. Please reload the page and try again.");
        }
        assertThat(app.snapshot(COMMENT, MODERATION_LOG, NOTIFICATION)).isEqualTo(before);
    }

    @Test
    void theQueueLinksToAddingAnItemToEachArticle() {
        Document queue = mod.get("/mod").html();
        Element link = queue.selectFirst("a[href='/mod/items/new?article=" + Seeded.ARTICLE_SLUG + "']");
        assertThat(link).isNotNull();
        assertThat(link.text()).isEqualTo("Add an item");
        assertThat(mod.get(link.attr("href")).status()).isEqualTo(200);
        // the article page's footer links there too, for moderators only
        assertThat(mod.get(Seeded.ARTICLE).html()
                .select("footer a[href='/mod/items/new?article=" + Seeded.ARTICLE_SLUG + "']")).hasSize(1);
        assertThat(member().get(Seeded.ARTICLE).html()
                .select("a[href^='/mod/items/new']")).isEmpty();
    }
}
