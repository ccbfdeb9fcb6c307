package crux.stances;

import static crux.db.generated.Tables.ITEM;
import static crux.db.generated.Tables.ITEM_STANCE;
import static crux.testing.TestClient.form;
import static crux.testing.Refusals.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import crux.core.Tally;
import crux.testing.Html;
import crux.testing.Seeded;
import crux.testing.TestApp;
import crux.testing.TestClient;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Taking, changing and withdrawing stances over HTTP; every refusal stores nothing. */
class StancesHttpTest {

    static TestApp app;

    @BeforeAll
    static void start() {
        app = TestApp.start();
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    static Tally counters(long itemId) {
        return app.dsl().select(ITEM.AGREE_COUNT, ITEM.UNSURE_COUNT, ITEM.DISAGREE_COUNT).from(ITEM)
                .where(ITEM.ID.eq(itemId)).fetchOne(r -> new Tally(r.value1(), r.value2(), r.value3()));
    }

    static int rows(long itemId) {
        return app.dsl().fetchCount(ITEM_STANCE, ITEM_STANCE.ITEM_ID.eq(itemId));
    }

    @Test
    void aMemberTakesChangesAndWithdrawsAStanceAndTheTallyFollows() {
        TestClient ann = app.member("ann");
        TestClient.Response r = ann.submit("/items/" + app.claim(1), "/items/" + app.claim(1) + "/stance", form("stance", "agree", "return", "/items/" + app.claim(1) + "#stance"));
        assertThat(r.status()).isEqualTo(303);
        assertThat(r.location()).isEqualTo("/items/" + app.claim(1) + "#stance");
        assertThat(rows(app.claim(1))).isEqualTo(1);
        assertThat(counters(app.claim(1))).isEqualTo(new Tally(1, 0, 0));

        ann.submit("/items/" + app.claim(1), "/items/" + app.claim(1) + "/stance", form("stance", "disagree"));
        assertThat(rows(app.claim(1))).isEqualTo(1);
        assertThat(counters(app.claim(1))).isEqualTo(new Tally(0, 0, 1));
        assertThat(app.dsl().select(ITEM_STANCE.PREVIOUS_STANCE).from(ITEM_STANCE).where(ITEM_STANCE.ITEM_ID.eq(app.claim(1)))
                .fetchOne().value1()).isEqualTo("agree");

        // the same stance again changes nothing
        ann.submit("/items/" + app.claim(1), "/items/" + app.claim(1) + "/stance", form("stance", "disagree"));
        assertThat(counters(app.claim(1))).isEqualTo(new Tally(0, 0, 1));

        Document page = ann.get("/items/" + app.claim(1)).html();
        assertThat(page.select("#stance-" + app.claim(1) + "-disagree").attr("aria-pressed")).isEqualTo("true");
        assertThat(page.select("#stance-" + app.claim(1) + "-agree").attr("aria-pressed")).isEqualTo("false");

        ann.submit("/items/" + app.claim(1), "/items/" + app.claim(1) + "/stance", form("stance", "withdraw"));
        assertThat(rows(app.claim(1))).isZero();
        assertThat(counters(app.claim(1))).isEqualTo(Tally.NONE);
        // withdrawing what is not there is harmless
        assertThat(ann.submit("/items/" + app.claim(1), "/items/" + app.claim(1) + "/stance", form("stance", "withdraw")).status()).isEqualTo(303);
        assertThat(counters(app.claim(1))).isEqualTo(Tally.NONE);
    }

    /** The tally a page shows is kept between views (StancePanelBuilder.Shared), and a stance shows at once. */
    @Test
    void anotherMembersStanceShowsOnTheNextViewOfAKeptTally() {
        long item = app.claim(3);
        TestClient watcher = app.member("tallywatcher");
        TestClient voter = app.member("tallyvoter");
        watcher.submit("/items/" + item, "/items/" + item + "/stance", form("stance", "unsure"));
        for (int i = 0; i < 2; i++) { // the second view from what was kept
            assertThat(watcher.get("/items/" + item).html().select("#stance-body .voters strong").text()).isEqualTo("1");
        }
        voter.submit("/items/" + item, "/items/" + item + "/stance", form("stance", "agree"));
        assertThat(watcher.get("/items/" + item).html().select("#stance-body .voters strong").text()).isEqualTo("2");
        voter.submit("/items/" + item, "/items/" + item + "/stance", form("stance", "withdraw"));
        assertThat(watcher.get("/items/" + item).html().select("#stance-body .voters strong").text()).isEqualTo("1");
    }

    @Test
    void refusalsStoreNothing() {
        TestClient bob = app.member("bob");
        int before = app.count(ITEM_STANCE);
        assertRefused(bob.submit("/items/" + app.claim(2), "/items/" + app.claim(2) + "/stance", form("stance", "maybe")), 422, "Choose agree, unsure or disagree (or withdraw your stance).");
        assertRefused(bob.submit("/items/" + app.claim(2), "/items/" + app.claim(2) + "/stance", form()), 422, "Choose agree, unsure or disagree (or withdraw your stance).");
        assertRefused(bob.submit("/items/" + app.claim(2), "/items/424242/stance", form("stance", "agree")), 404, "There is nothing at this address. It may have been mistyped, or the thing it pointed to no longer exists.");
        assertRefused(bob.submit("/items/" + app.claim(2), "/items/424242/stance", form("stance", "withdraw")), 404, "There is nothing at this address. It may have been mistyped, or the thing it pointed to no longer exists.");
        assertRefused(bob.submit("/items/" + app.claim(2), "/items/abc/stance", form("stance", "agree")), 404, "There is nothing at this address. It may have been mistyped, or the thing it pointed to no longer exists.");
        // without the form's token, or from another site
        assertRefused(bob.post("/items/" + app.claim(2) + "/stance", form("stance", "agree")), 403, "This form has expired or did not come from Crux. Please reload the page and try again.");
        assertRefused(bob.post("/items/" + app.claim(2) + "/stance", form("stance", "agree", "_csrf", bob.csrf("/items/" + app.claim(2))),
                Map.of("Origin", "https://evil.example")), 403, "This form was sent from another site and was refused.");
        // anonymous
        TestClient anon = app.client();
        assertRefused(anon.post("/items/" + app.claim(2) + "/stance", form("stance", "agree")), 403, "This form has expired or did not come from Crux. Please reload the page and try again.");
        // a GET does not vote
        assertThat(bob.get("/items/" + app.claim(2) + "/stance").status()).isIn(404, 405);
        assertThat(app.count(ITEM_STANCE)).isEqualTo(before);
        assertThat(counters(app.claim(2))).isEqualTo(Tally.NONE);
    }

    @Test
    void aRetiredItemTakesNoStances() {
        TestClient mod = app.member("retiremod", "moderator");
        TestClient cat = app.member("cat");
        assertThat(cat.submit("/items/" + app.claim(18), "/items/" + app.claim(18) + "/stance", form("stance", "agree")).status()).isEqualTo(303);
        assertThat(mod.submit("/items/" + app.claim(18), "/mod/items/" + app.claim(18) + "/retire", form("reason", "duplicate")).status()).isEqualTo(302);
        // a row count alone would miss cat's agree turned into a disagree
        var before = app.snapshot(ITEM_STANCE, ITEM);
        assertRefused(cat.submit("/items/" + app.claim(18), "/items/" + app.claim(18) + "/stance", form("stance", "disagree")), 409, "This item has been retired, so it no longer takes stances.");
        assertRefused(cat.submit("/items/" + app.claim(18), "/items/" + app.claim(18) + "/stance", form("stance", "withdraw")), 409, "This item has been retired, so it no longer takes stances.");
        TestClient.Response again = cat.submit("/items/" + app.claim(18), "/items/" + app.claim(18) + "/stance", form("stance", "agree"));
        assertRefused(again, 409, "This item has been retired, so it no longer takes stances.");
        assertThat(again.html().select("main").text()).contains("retired");
        assertRefused(app.member("newcomer").submit("/items/" + app.claim(2), "/items/" + app.claim(18) + "/stance", form("stance", "unsure")), 409, "This item has been retired, so it no longer takes stances.");
        assertThat(app.snapshot(ITEM_STANCE, ITEM)).isEqualTo(before);
        assertThat(counters(app.claim(18))).isEqualTo(new Tally(1, 0, 0));
        assertThat(cat.get("/items/" + app.claim(18)).html().select("form.stance-form")).isEmpty();
    }

    @Test
    void theReturnPathBringsAPlainBrowserBackToTheSameSpotButNeverElsewhere() {
        TestClient dan = app.member("dan");
        assertThat(dan.submit("/", "/items/" + app.claim(4) + "/stance", form("stance", "agree", "return", Seeded.ARTICLE + "#passage-" + app.claim(4))).location())
                .isEqualTo(Seeded.ARTICLE + "#passage-" + app.claim(4));
        for (String evil : new String[] {"https://evil.example/", "//evil.example", "/\\evil", "javascript:alert(1)"}) {
            assertThat(dan.submit("/", "/items/" + app.claim(4) + "/stance", form("stance", "unsure", "return", evil)).location())
                    .as(evil).isEqualTo("/items/" + app.claim(4) + "#stance");
        }
    }

    @Test
    void withHtmxTheUpdatedFragmentComesBackInsteadOfARedirect() {
        TestClient eve = app.member("eve");
        String token = eve.csrf("/items/" + app.claim(5));
        TestClient.Response r = eve.post("/items/" + app.claim(5) + "/stance", form("stance", "agree", "return", "/items/" + app.claim(5) + "#stance", "_csrf", token),
                Map.of("Origin", eve.base(), "HX-Request", "true"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).doesNotContain("<html").doesNotContain("<main");
        Document fragment = r.html();
        assertThat(fragment.select("#stance-" + app.claim(5) + "-agree").attr("aria-pressed")).isEqualTo("true");
        assertThat(fragment.select(".status-line").text()).isEqualTo("Saved: you agree.");
        assertThat(fragment.select(".split")).hasSize(1);

        // from the article page: the index entry, plus the standing beside the passage swapped out of band
        TestClient.Response fromArticle = eve.post("/items/" + app.claim(6) + "/stance", form("stance", "disagree", "return", Seeded.ARTICLE + "#passage-" + app.claim(6),
                "_csrf", token), Map.of("Origin", eve.base(), "HX-Request", "true"));
        assertThat(fromArticle.status()).isEqualTo(200);
        Document entry = fromArticle.html();
        assertThat(entry.select("#entry-" + app.claim(6) + "-disagree").attr("aria-pressed")).isEqualTo("true");
        assertThat(Html.text(entry, "#standing-" + app.claim(6) + "[hx-swap-oob=true]")).isEqualTo("1 voter · 0 % agree · 100 % disagree");
    }

    @Test
    void theSplitStaysHiddenUntilTheViewerVotesOrAsksForResults() {
        TestClient fay = app.member("fay");
        TestClient gus = app.member("gus");
        fay.submit("/items/" + app.claim(7), "/items/" + app.claim(7) + "/stance", form("stance", "agree"));
        fay.submit("/items/" + app.claim(8), "/items/" + app.claim(8) + "/stance", form("stance", "agree"));

        Document before = gus.get("/items/" + app.claim(7)).html();
        assertThat(before.select(".voters").text()).isEqualTo("1 person has taken a stance.");
        assertThat(before.select(".split")).isEmpty();
        assertThat(before.select("a.show-results").attr("href")).isEqualTo("/items/" + app.claim(7) + "?results=show#stance");

        Document chosen = gus.get("/items/" + app.claim(7) + "?results=show").html();
        assertThat(chosen.select(".split .split-legend--agree").text()).startsWith("100 % agree");

        TestClient anon = app.client();
        assertThat(anon.get("/items/" + app.claim(7)).html().select(".split")).isEmpty();
        assertThat(Html.text(anon.get("/items/" + app.claim(7)).html(), ".voters")).isEqualTo("1 person has taken a stance.");
        assertThat(anon.get("/items/" + app.claim(7) + "?results=show").html().select(".split")).hasSize(1);

        gus.submit("/items/" + app.claim(7), "/items/" + app.claim(7) + "/stance", form("stance", "disagree"));
        Document after = gus.get("/items/" + app.claim(7)).html();
        assertThat(after.select(".voters").text()).isEqualTo("2 people have taken a stance.");
        assertThat(after.select(".split-legend--agree").text()).startsWith("50 % agree");
        assertThat(after.select(".split-legend--disagree").text()).startsWith("50 % disagree");

        // the article page: voter counts beside every passage, the split only where the viewer voted
        Document article = gus.get(Seeded.ARTICLE).html();
        assertThat(article.select("#standing-" + app.claim(7)).text()).isEqualTo("2 voters · 50 % agree · 50 % disagree");
        assertThat(article.select("#standing-" + app.claim(8)).text()).isEqualTo("1 voter");
        assertThat(article.select("#entry-" + app.claim(7) + "-disagree").attr("aria-pressed")).isEqualTo("true");
        assertThat(app.client().get(Seeded.ARTICLE).html().select("#standing-" + app.claim(7)).text()).isEqualTo("2 voters");
    }

    @Test
    void predictionsShowTheCommunityForecastBesideTheirPassage() {
        Document article = app.client().get(Seeded.ARTICLE).html();
        assertThat(article.select("#standing-" + app.prediction(1)).text()).startsWith("no forecasts yet · ");
        assertThat(article.select("article .standing")).hasSizeGreaterThanOrEqualTo(20);
    }
}
