package crux.pages;

import static crux.testing.TestClient.form;
import static org.assertj.core.api.Assertions.assertThat;

import crux.testing.Seeded;
import crux.testing.TestApp;
import crux.testing.TestClient;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A member's article page is a frame kept for every member with the same rights alike, filled per request with their
 * menu, the text and their index ({@code ArticleHandlers#article}): each member still sees only their own name,
 * token and stances, a moderator their tools, and nothing of the assembly shows in the page.
 */
class MemberArticlePageHttpTest {

    static final String PAGE = "/articles/" + Seeded.ARTICLE_SLUG;
    static TestApp app;
    static long claim;

    @BeforeAll
    static void start() {
        app = TestApp.start();
        claim = app.claim(2);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    static Document page(TestClient c) {
        TestClient.Response r = c.get(PAGE);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Type").orElse("").replace(" ", "")).isEqualToIgnoringCase("text/html;charset=utf-8");
        return r.html();
    }

    static String pressed(Document page) {
        return page.select("#entry-body-" + claim + " button[aria-pressed=true]").text();
    }

    @Test
    void eachMemberSeesTheirOwnNameTokenAndStancesInTheKeptFrame() {
        TestClient ada = app.member("artframeada");
        TestClient bob = app.member("artframebob");
        assertThat(ada.submit(PAGE, "/items/" + claim + "/stance", form("stance", "agree")).status()).isEqualTo(303);
        for (int i = 0; i < 2; i++) { // the second time from what was kept
            Document asAda = page(ada);
            Document asBob = page(bob);
            // every form carries the viewer's own token: the menu's and each item's stance buttons
            KeptPages.eachSeesOnlyTheirOwn(asAda, "artframeada", asBob, "artframebob", 3);
            assertThat(asAda.select("#item-index form.stance-form")).hasSameSizeAs(asBob.select("#item-index form.stance-form"));
            assertThat(pressed(asAda)).isEqualTo("Agree");
            assertThat(pressed(asBob)).isEmpty();
        }
        // a change of the member's own stance shows at once on their next page, and only on theirs
        assertThat(bob.submit(PAGE, "/items/" + claim + "/stance", form("stance", "disagree")).status()).isEqualTo(303);
        assertThat(pressed(page(bob))).isEqualTo("Disagree");
        assertThat(pressed(page(ada))).isEqualTo("Agree");
    }

    @Test
    void aModeratorsFrameHasTheirToolsAndAMembersHasNone() {
        TestClient mod = app.member("artframemod", "moderator");
        TestClient member = app.member("artframemember");
        for (int i = 0; i < 2; i++) {
            Document asMod = page(mod);
            Document asMember = page(member);
            assertThat(asMod.select("a[href=/mod/items/new?article=" + Seeded.ARTICLE_SLUG + "]")).isNotEmpty();
            assertThat(asMember.select("a[href=/mod/items/new?article=" + Seeded.ARTICLE_SLUG + "]")).isEmpty();
            assertThat(asMod.select("details.mod-actions form")).hasSize(1);
            assertThat(asMember.select("details.mod-actions")).isEmpty();
            assertThat(asMod.select(".site-menu a[href=/mod]")).hasSize(1);
            assertThat(asMember.select(".site-menu a[href=/mod]")).isEmpty();
            assertThat(asMod.select(".site-menu a.me").text()).isEqualTo("artframemod");
        }
    }
}
