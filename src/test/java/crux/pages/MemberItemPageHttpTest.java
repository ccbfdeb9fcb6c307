package crux.pages;

import static crux.testing.TestClient.form;
import static org.assertj.core.api.Assertions.assertThat;

import crux.debate.PostTokens;
import crux.testing.TestApp;
import crux.testing.TestClient;
import crux.web.Fragments;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A member's item page is a frame kept for every member alike, filled per request with their menu, their stance
 * section and the sections rendered per view ({@code ArticleHandlers}): each member still sees only their own name,
 * token and stance, a moderator their tools, and nothing of the assembly shows in the page.
 */
class MemberItemPageHttpTest {

    static TestApp app;
    static long claim;
    static long prediction;

    @BeforeAll
    static void start() {
        app = TestApp.start();
        claim = app.claim(2);
        prediction = app.prediction(3);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    static Document page(TestClient c, long item) {
        TestClient.Response r = c.get("/items/" + item);
        assertThat(r.status()).isEqualTo(200);
        // a browser shows anything else as text
        assertThat(r.header("Content-Type").orElse("").replace(" ", "")).isEqualToIgnoringCase("text/html;charset=utf-8");
        return r.html();
    }

    static String pressed(Document page) {
        return page.select("#stance-body button[aria-pressed=true]").text();
    }

    @Test
    void eachMemberSeesTheirOwnNameTokenAndStanceInTheKeptFrame() {
        TestClient ada = app.member("frameada");
        TestClient bob = app.member("framebob");
        assertThat(ada.submit("/items/" + claim, "/items/" + claim + "/stance", form("stance", "agree")).status())
                .isEqualTo(303);
        for (int i = 0; i < 2; i++) { // the second time from what was kept
            for (long item : new long[] {claim, prediction}) {
                Document asAda = page(ada, item);
                Document asBob = page(bob, item);
                // every form carries the viewer's own token: the menu's, the stance section's, the follow button's
                KeptPages.eachSeesOnlyTheirOwn(asAda, "frameada", asBob, "framebob", 1);
                assertThat(asAda.select("#stance-body, #debate")).hasSize(2);
                assertThat(asAda.select("#forecast-body")).hasSize(item == prediction ? 1 : 0);
                if (item == prediction) {
                    assertThat(asAda.select("#forecast-body svg.chart-history")).hasSize(1);
                    assertThat(asAda.select("#forecast-body form.forecast-form")).hasSize(1);
                }
            }
            assertThat(pressed(page(ada, claim))).isEqualTo("Agree");
            assertThat(pressed(page(bob, claim))).isEmpty();
        }
        // a change of the member's own stance shows at once on their next page, and only on theirs
        assertThat(bob.submit("/items/" + claim, "/items/" + claim + "/stance", form("stance", "disagree")).status())
                .isEqualTo(303);
        assertThat(pressed(page(bob, claim))).isEqualTo("Disagree");
        assertThat(pressed(page(ada, claim))).isEqualTo("Agree");
    }

    /**
     * The forecast section is kept per probability, the viewer's own forecast a hole filled per member: two members
     * with the same forecast each see their own (its time), a third their other one, each in a panel set to theirs.
     */
    @Test
    void membersWithTheSameForecastEachSeeTheirOwnInTheSharedPanel() {
        TestClient ada = app.member("panelada");
        TestClient bob = app.member("panelbob");
        TestClient cy = app.member("panelcy");
        for (var f : java.util.Map.of(ada, "42", bob, "42", cy, "77").entrySet()) {
            assertThat(f.getKey().submit("/items/" + prediction, "/items/" + prediction + "/forecast",
                    form("probability", f.getValue())).status()).isEqualTo(303);
        }
        for (int i = 0; i < 2; i++) { // the second time from what was kept
            for (var viewer : java.util.Map.of(ada, "panelada", bob, "panelbob", cy, "panelcy").entrySet()) {
                Document page = page(viewer.getKey(), prediction);
                var stored = app.dsl().select(crux.db.generated.Tables.FORECAST_LATEST.PROBABILITY,
                                crux.db.generated.Tables.FORECAST_LATEST.CREATED_AT)
                        .from(crux.db.generated.Tables.FORECAST_LATEST)
                        .where(crux.db.generated.Tables.FORECAST_LATEST.ITEM_ID.eq(prediction))
                        .and(crux.db.generated.Tables.FORECAST_LATEST.MEMBER_ID.eq(app.memberNamed(viewer.getValue()).id()))
                        .fetchOne();
                assertThat(page.select(".forecast-mine")).hasSize(1);
                assertThat(page.select(".forecast-mine strong").text()).isEqualTo(stored.value1() + " %");
                assertThat(java.time.OffsetDateTime.parse(page.select(".forecast-mine time").attr("datetime"))
                        .toInstant()).as(viewer.getValue()).isEqualTo(stored.value2().toInstant());
                assertThat(page.select("#probability-slider").attr("value")).isEqualTo(stored.value1().toString());
                assertThat(page.select("#forecast-submit").text()).isEqualTo("Update forecast");
                assertThat(page.outerHtml()).doesNotContain(Fragments.marker("mine", 0));
            }
        }
    }

    /**
     * A member's view reads only what is theirs, each in as few statements as it can: the session, then their stance,
     * follow, part of the debate and on a prediction their forecast (one statement). The item's row is kept from the
     * view before. Each of the four combinations of stance and follow shows as it is stored, and still does when
     * the member has votes in the debate (a row of that statement each).
     */
    @Test
    void aMembersViewReadsTheirStanceAndFollowInOneStatementAndShowsBothAsStored() {
        long item = app.claim(6);
        TestClient ada = app.member("relada");
        assertThat(app.warmStatements(ada, "/items/" + item)).as("session; stance, follow and debate").isEqualTo(2);
        assertThat(app.warmStatements(ada, "/items/" + prediction)).as("the forecast in the same").isEqualTo(2);
        for (String stance : new String[] {"", "agree"}) {
            if (!stance.isEmpty()) {
                assertThat(ada.submit("/items/" + item, "/items/" + item + "/stance", form("stance", stance))
                        .status()).isEqualTo(303);
            }
            for (boolean follow : new boolean[] {false, true}) {
                assertThat(ada.submit("/items/" + item, "/items/" + item + (follow ? "/follow" : "/unfollow"), form())
                        .status()).isEqualTo(302);
                Document page = page(ada, item);
                assertThat(pressed(page)).as("stance %s, follow %s", stance, follow)
                        .isEqualTo(stance.isEmpty() ? "" : "Agree");
                assertThat(page.select("#follow .following").text()).isEqualTo(follow ? "Following" : "");
                assertThat(page.select("#follow button").text()).isEqualTo(follow ? "Unfollow" : "Follow this item");
                assertThat(app.warmStatements(ada, "/items/" + item)).isEqualTo(2);
            }
        }
        TestClient bob = app.member("relbob");
        long[] arguments = new long[2];
        for (int i = 0; i < 2; i++) {
            TestClient.Response argued = bob.submit("/items/" + item, "/items/" + item + "/arguments",
                    form("side", "supports", "body", "Relation argument " + i, "token", PostTokens.next()));
            assertThat(argued.status()).isEqualTo(302);
            arguments[i] = Long.parseLong(argued.location().replaceAll(".*#comment-", ""));
        }
        assertThat(ada.submit("/items/" + item, "/comments/" + arguments[0] + "/vote", form("vote", "up")).status())
                .isEqualTo(302);
        assertThat(ada.submit("/items/" + item, "/comments/" + arguments[1] + "/vote", form("vote", "down")).status())
                .isEqualTo(302);
        for (int i = 0; i < 2; i++) { // the second time with the thread kept
            Document withVotes = page(ada, item);
            assertThat(pressed(withVotes)).isEqualTo("Agree");
            assertThat(withVotes.select("#follow .following").text()).isEqualTo("Following");
            assertThat(withVotes.select("#comment-" + arguments[0] + " > article .vote--up").attr("aria-pressed"))
                    .isEqualTo("true");
            assertThat(withVotes.select("#comment-" + arguments[1] + " > article .vote--down").attr("aria-pressed"))
                    .isEqualTo("true");
            assertThat(withVotes.select("#comment-" + arguments[1] + " > article .vote--up").attr("aria-pressed"))
                    .isEqualTo("false");
        }
        assertThat(app.warmStatements(ada, "/items/" + item)).isEqualTo(2);
        // another member's stance, follow and votes are not the viewer's
        Document asCy = page(app.member("relcy"), item);
        assertThat(asCy.select("#comment-" + arguments[0] + " > article .vote--up").attr("aria-pressed"))
                .isEqualTo("false");
        assertThat(asCy.select("#comment-" + arguments[1] + " > article .vote--down").attr("aria-pressed"))
                .isEqualTo("false");
        Document asBob = page(bob, item);
        assertThat(pressed(asBob)).isEmpty();
        assertThat(asBob.select("#follow button").text()).isEqualTo("Follow this item");
    }

    @Test
    void aModeratorsFrameHasTheirToolsAndAMembersHasNone() {
        TestClient mod = app.member("framemod", "moderator");
        TestClient member = app.member("framemember");
        for (int i = 0; i < 2; i++) {
            assertThat(page(mod, claim).select("details.mod-tools form")).isNotEmpty();
            assertThat(page(member, claim).select("details.mod-tools")).isEmpty();
            assertThat(page(mod, claim).select(".site-menu a[href=/mod]")).hasSize(1);
            assertThat(page(member, claim).select(".site-menu a[href=/mod]")).isEmpty();
        }
    }

    @Test
    void theFollowButtonIsEachMembersOwn() {
        TestClient follower = app.member("framefollower");
        TestClient other = app.member("frameother");
        String before = page(other, claim).select("form[action$=/follow] button, form[action$=/unfollow] button").text();
        assertThat(follower.submit("/items/" + claim, "/items/" + claim + "/follow", form()).status()).isBetween(302, 303);
        String after = page(follower, claim).select("form[action$=/follow] button, form[action$=/unfollow] button")
                .text();
        assertThat(after).isNotEqualTo(before);
        assertThat(page(other, claim).select("form[action$=/follow] button, form[action$=/unfollow] button").text())
                .isEqualTo(before);
    }

    @Test
    void theKeptDebateSectionGivesEachViewItsOwnTokenAndTakesAnArgumentOnce() {
        TestClient ada = app.member("frameargue");
        java.util.Set<String> tokens = new java.util.HashSet<>();
        for (int i = 0; i < 3; i++) {
            tokens.add(page(ada, claim).select("#argument-form input[name=token]").attr("value"));
        }
        assertThat(tokens).hasSize(3).doesNotContain("");
        String token = page(ada, claim).select("#argument-form input[name=token]").attr("value");
        var argument = form("side", "supports", "body", "An argument from a kept form", "token", token);
        assertThat(ada.submit("/items/" + claim, "/items/" + claim + "/arguments", argument).status()).isEqualTo(302);
        // the same form sent again (a double click, a replay) adds nothing
        ada.submit("/items/" + claim, "/items/" + claim + "/arguments", argument);
        Document after = page(ada, claim);
        assertThat(after.select("#debate .comment-body").eachText())
                .filteredOn(t -> t.equals("An argument from a kept form")).hasSize(1);
        // the counts around the kept comments moved with it, for another member too
        assertThat(page(app.member("framecounter"), claim).select("#debate .debate-counts").text())
                .isEqualTo(after.select("#debate .debate-counts").text());
    }
}
