package crux.stances;

import static crux.db.generated.Tables.ITEM;
import static crux.db.generated.Tables.ITEM_STANCE;
import static crux.testing.TestClient.form;
import static org.assertj.core.api.Assertions.assertThat;

import crux.core.Tally;
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
        TestClient.Response r = ann.submit("/items/1", "/items/1/stance", form("stance", "agree", "return", "/items/1#stance"));
        assertThat(r.status()).isEqualTo(303);
        assertThat(r.location()).isEqualTo("/items/1#stance");
        assertThat(rows(1)).isEqualTo(1);
        assertThat(counters(1)).isEqualTo(new Tally(1, 0, 0));

        ann.submit("/items/1", "/items/1/stance", form("stance", "disagree"));
        assertThat(rows(1)).isEqualTo(1);
        assertThat(counters(1)).isEqualTo(new Tally(0, 0, 1));
        assertThat(app.dsl().select(ITEM_STANCE.PREVIOUS_STANCE).from(ITEM_STANCE).where(ITEM_STANCE.ITEM_ID.eq(1L))
                .fetchOne().value1()).isEqualTo("agree");

        // the same stance again changes nothing
        ann.submit("/items/1", "/items/1/stance", form("stance", "disagree"));
        assertThat(counters(1)).isEqualTo(new Tally(0, 0, 1));

        Document page = ann.get("/items/1").html();
        assertThat(page.select("#stance-1-disagree").attr("aria-pressed")).isEqualTo("true");
        assertThat(page.select("#stance-1-agree").attr("aria-pressed")).isEqualTo("false");

        ann.submit("/items/1", "/items/1/stance", form("stance", "withdraw"));
        assertThat(rows(1)).isZero();
        assertThat(counters(1)).isEqualTo(Tally.NONE);
        // withdrawing what is not there is harmless
        assertThat(ann.submit("/items/1", "/items/1/stance", form("stance", "withdraw")).status()).isEqualTo(303);
        assertThat(counters(1)).isEqualTo(Tally.NONE);
    }

    @Test
    void refusalsStoreNothing() {
        TestClient bob = app.member("bob");
        int before = app.count(ITEM_STANCE);
        assertThat(bob.submit("/items/2", "/items/2/stance", form("stance", "maybe")).status()).isEqualTo(422);
        assertThat(bob.submit("/items/2", "/items/2/stance", form()).status()).isEqualTo(422);
        assertThat(bob.submit("/items/2", "/items/424242/stance", form("stance", "agree")).status()).isEqualTo(404);
        assertThat(bob.submit("/items/2", "/items/424242/stance", form("stance", "withdraw")).status()).isEqualTo(404);
        assertThat(bob.submit("/items/2", "/items/abc/stance", form("stance", "agree")).status()).isEqualTo(404);
        // without the form's token, or from another site
        assertThat(bob.post("/items/2/stance", form("stance", "agree")).status()).isEqualTo(403);
        assertThat(bob.post("/items/2/stance", form("stance", "agree", "_csrf", bob.csrf("/items/2")),
                Map.of("Origin", "https://evil.example")).status()).isEqualTo(403);
        // anonymous
        TestClient anon = app.client();
        assertThat(anon.post("/items/2/stance", form("stance", "agree")).status()).isEqualTo(403);
        // a GET does not vote
        assertThat(bob.get("/items/2/stance").status()).isIn(404, 405);
        assertThat(app.count(ITEM_STANCE)).isEqualTo(before);
        assertThat(counters(2)).isEqualTo(Tally.NONE);
    }

    @Test
    void aRetiredItemTakesNoStances() {
        TestClient mod = app.member("retiremod", "moderator");
        TestClient cat = app.member("cat");
        assertThat(cat.submit("/items/20", "/items/20/stance", form("stance", "agree")).status()).isEqualTo(303);
        assertThat(mod.submit("/items/20", "/mod/items/20/retire", form("reason", "duplicate")).status()).isEqualTo(302);
        int before = app.count(ITEM_STANCE);
        assertThat(cat.submit("/items/20", "/items/20/stance", form("stance", "disagree")).status()).isEqualTo(409);
        assertThat(cat.submit("/items/20", "/items/20/stance", form("stance", "withdraw")).status()).isEqualTo(409);
        TestClient.Response again = cat.submit("/items/20", "/items/20/stance", form("stance", "agree"));
        assertThat(again.status()).as("the same stance again is not 'saved' either").isEqualTo(409);
        assertThat(again.html().select("main").text()).contains("retired");
        assertThat(app.member("newcomer").submit("/items/2", "/items/20/stance", form("stance", "unsure")).status())
                .isEqualTo(409);
        assertThat(app.count(ITEM_STANCE)).isEqualTo(before);
        assertThat(counters(20)).isEqualTo(new Tally(1, 0, 0));
        assertThat(cat.get("/items/20").html().select("form.stance-form")).isEmpty();
    }

    @Test
    void theReturnPathBringsAPlainBrowserBackToTheSameSpotButNeverElsewhere() {
        TestClient dan = app.member("dan");
        assertThat(dan.submit("/", "/items/5/stance", form("stance", "agree", "return", "/#passage-5")).location())
                .isEqualTo("/#passage-5");
        for (String evil : new String[] {"https://evil.example/", "//evil.example", "/\\evil", "javascript:alert(1)"}) {
            assertThat(dan.submit("/", "/items/5/stance", form("stance", "unsure", "return", evil)).location())
                    .as(evil).isEqualTo("/items/5#stance");
        }
    }

    @Test
    void withHtmxTheUpdatedFragmentComesBackInsteadOfARedirect() {
        TestClient eve = app.member("eve");
        String token = eve.csrf("/items/6");
        TestClient.Response r = eve.post("/items/6/stance", form("stance", "agree", "return", "/items/6#stance", "_csrf", token),
                Map.of("Origin", eve.base(), "HX-Request", "true"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).doesNotContain("<html").doesNotContain("<main");
        Document fragment = r.html();
        assertThat(fragment.select("#stance-6-agree").attr("aria-pressed")).isEqualTo("true");
        assertThat(fragment.select(".status-line").text()).isEqualTo("Saved: you agree.");
        assertThat(fragment.select(".split")).hasSize(1);

        // from the article page: the index entry, plus the standing beside the passage swapped out of band
        TestClient.Response fromArticle = eve.post("/items/7/stance", form("stance", "disagree", "return", "/#passage-7",
                "_csrf", token), Map.of("Origin", eve.base(), "HX-Request", "true"));
        assertThat(fromArticle.status()).isEqualTo(200);
        Document entry = fromArticle.html();
        assertThat(entry.select("#entry-7-disagree").attr("aria-pressed")).isEqualTo("true");
        assertThat(entry.select("#standing-7[hx-swap-oob=true]").text()).contains("1 voter").contains("100 % disagree");
    }

    @Test
    void theSplitStaysHiddenUntilTheViewerVotesOrAsksForResults() {
        TestClient fay = app.member("fay");
        TestClient gus = app.member("gus");
        fay.submit("/items/8", "/items/8/stance", form("stance", "agree"));
        fay.submit("/items/9", "/items/9/stance", form("stance", "agree"));

        Document before = gus.get("/items/8").html();
        assertThat(before.select(".voters").text()).isEqualTo("1 person has taken a stance.");
        assertThat(before.select(".split")).isEmpty();
        assertThat(before.select("a.show-results").attr("href")).isEqualTo("/items/8?results=show#stance");

        Document chosen = gus.get("/items/8?results=show").html();
        assertThat(chosen.select(".split .split-legend--agree").text()).startsWith("100 % agree");

        TestClient anon = app.client();
        assertThat(anon.get("/items/8").html().select(".split")).isEmpty();
        assertThat(anon.get("/items/8").html().select(".voters").text()).contains("1 person");
        assertThat(anon.get("/items/8?results=show").html().select(".split")).hasSize(1);

        gus.submit("/items/8", "/items/8/stance", form("stance", "disagree"));
        Document after = gus.get("/items/8").html();
        assertThat(after.select(".voters").text()).isEqualTo("2 people have taken a stance.");
        assertThat(after.select(".split-legend--agree").text()).startsWith("50 % agree");
        assertThat(after.select(".split-legend--disagree").text()).startsWith("50 % disagree");

        // the article page: voter counts beside every passage, the split only where the viewer voted
        Document article = gus.get("/").html();
        assertThat(article.select("#standing-8").text()).isEqualTo("2 voters · 50 % agree · 50 % disagree");
        assertThat(article.select("#standing-9").text()).isEqualTo("1 voter");
        assertThat(article.select("#entry-8-disagree").attr("aria-pressed")).isEqualTo("true");
        assertThat(app.client().get("/").html().select("#standing-8").text()).isEqualTo("2 voters");
    }

    @Test
    void predictionsShowTheCommunityForecastBesideTheirPassage() {
        Document article = app.client().get("/").html();
        assertThat(article.select("#standing-4").text()).startsWith("no forecasts yet · ");
        assertThat(article.select("article .standing")).hasSizeGreaterThanOrEqualTo(20);
    }
}
