package crux.pages;

import static crux.db.generated.Tables.ARTICLE;
import static crux.db.generated.Tables.ITEM;
import static crux.testing.TestClient.form;
import static org.assertj.core.api.Assertions.assertThat;

import crux.article.ArticleActivity;
import crux.testing.MutableClock;
import crux.testing.Seeded;
import crux.testing.TestApp;
import crux.testing.TestClient;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The front page lists the articles, newest activity first, a page at a time; each article has its own page. */
class FrontPageHttpTest {

    static TestApp app;

    @BeforeAll
    static void start() {
        app = TestApp.start();
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    /** An article stored as a moderator's publishing would store it, with activity as the job would count it. */
    static long article(String slug, String title, OffsetDateTime lastActivity, boolean retired) {
        return app.dsl().insertInto(ARTICLE)
                .set(ARTICLE.SLUG, slug).set(ARTICLE.TITLE, title).set(ARTICLE.AUTHORS, "A. Writer")
                .set(ARTICLE.PUBLISHER, "The Paper").set(ARTICLE.PUBLISHED_ON, LocalDate.of(2026, 1, 2))
                .set(ARTICLE.FORMAT, "markdown").set(ARTICLE.MARKDOWN, "Some *text*.").set(ARTICLE.BODY, "Some text.")
                .set(ARTICLE.LAST_ACTIVITY_AT, lastActivity)
                .set(ARTICLE.RETIRED_AT, retired ? OffsetDateTime.now(ZoneOffset.UTC) : null)
                .set(ARTICLE.RETIRE_REASON, retired ? "a duplicate of another article" : null)
                .returningResult(ARTICLE.ID).fetchOne().value1();
    }

    @Test
    void theFirstArticleIsListedWithItsCountsAndLivesAtItsSlug() {
        long first = app.dsl().select(ARTICLE.ID).from(ARTICLE).where(ARTICLE.SLUG.eq(Seeded.ARTICLE_SLUG))
                .fetchOne().value1();
        int items = app.dsl().fetchCount(ITEM, ITEM.ARTICLE_ID.eq(first).and(ITEM.RETIRED_AT.isNull()));
        int open = app.dsl().fetchCount(ITEM, ITEM.ARTICLE_ID.eq(first).and(ITEM.RETIRED_AT.isNull())
                .and(ITEM.KIND.eq("prediction")).and(ITEM.STATUS.eq("open")));
        app.app().dropCaches();
        Document front = app.client().get("/").html();
        Element card = card(front, Seeded.ARTICLE);
        assertThat(card.select(".article-stats li").eachText()).startsWith(items + " items",
                open + " open predictions");
        assertThat(front.select("article a.passage")).as("the front page is not the article").isEmpty();
        Document page = app.client().get(Seeded.ARTICLE).html();
        assertThat(page.select("h1").text()).isEqualTo("Is China About To Disrupt U.S. Tech? Insights from Balaji Srinivasan");
        assertThat(page.select(".article-footer a").eachAttr("href")).contains(
                Seeded.ARTICLE + "/feed.atom", Seeded.ARTICLE + ".json");
    }

    @Test
    void participantsAndRecentActionsAreCountedFromTheRows() {
        long claim = app.claim(2);
        TestClient ann = app.member(app.uniqueName("fp-ann"));
        TestClient bob = app.member(app.uniqueName("fp-bob"));
        int before = app.app().activity().count().values().stream().mapToInt(ArticleActivity.Numbers::participants)
                .sum();
        ann.submit("/items/" + claim, "/items/" + claim + "/stance", form("stance", "agree"));
        ann.submit("/items/" + claim, "/items/" + claim + "/stance", form("stance", "disagree"));
        bob.submit("/items/" + claim, "/items/" + claim + "/stance", form("stance", "unsure"));
        var numbers = app.app().activity().refresh();
        long first = app.dsl().select(ARTICLE.ID).from(ARTICLE).where(ARTICLE.SLUG.eq(Seeded.ARTICLE_SLUG))
                .fetchOne().value1();
        // two members took part; ann's second stance replaced her first (one row, one action)
        assertThat(numbers.values().stream().mapToInt(ArticleActivity.Numbers::participants).sum())
                .isEqualTo(before + 2);
        ArticleActivity.Numbers mine = numbers.get(first);
        assertThat(mine.lastActivity()).isAfter(OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(1));
        app.app().dropCaches();
        Element card = card(app.client().get("/").html(), Seeded.ARTICLE);
        assertThat(card.select(".article-stats li").eachText()).contains(
                mine.participants() + (mine.participants() == 1 ? " participant" : " participants"),
                mine.recentActions() + " actions in the last 7 days");
        assertThat(app.dsl().select(ARTICLE.PARTICIPANT_COUNT).from(ARTICLE).where(ARTICLE.ID.eq(first)).fetchOne()
                .value1()).isEqualTo(mine.participants());
    }

    @Test
    void theJobCountsAgainOnlyAfterANewActionOrOnceTheCountIsOld() {
        long claim = app.claim(3);
        long first = app.dsl().select(ARTICLE.ID).from(ARTICLE).where(ARTICLE.SLUG.eq(Seeded.ARTICLE_SLUG))
                .fetchOne().value1();
        MutableClock clock = MutableClock.atNow();
        ArticleActivity activity = new ArticleActivity(app.app().database(), clock);
        assertThat(activity.refreshIfChanged()).as("nothing counted yet").isTrue();
        assertThat(activity.refreshIfChanged()).as("nothing added").isFalse();
        clock.advance(ArticleActivity.RECOUNT_AT_LEAST_EVERY.minusSeconds(1));
        assertThat(activity.refreshIfChanged()).as("nothing added, the count still young").isFalse();
        // a new stance is counted at the next run, and the numbers stored
        TestClient cat = app.member(app.uniqueName("fp-cat"));
        int before = participants(first);
        cat.submit("/items/" + claim, "/items/" + claim + "/stance", form("stance", "agree"));
        assertThat(activity.refreshIfChanged()).as("a stance was added").isTrue();
        assertThat(participants(first)).isEqualTo(before + 1);
        assertThat(activity.refreshIfChanged()).isFalse();
        // actions age out of the week and rows can go without a new one: an old count is made again regardless
        clock.advance(ArticleActivity.RECOUNT_AT_LEAST_EVERY);
        assertThat(activity.refreshIfChanged()).as("the count is old").isTrue();
        assertThat(activity.refreshIfChanged()).isFalse();
    }

    static int participants(long article) {
        return app.dsl().select(ARTICLE.PARTICIPANT_COUNT).from(ARTICLE).where(ARTICLE.ID.eq(article)).fetchOne()
                .value1();
    }

    @Test
    void newestActivityComesFirstRetiredArticlesAreNotListedAndPagesGoOn() {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).plusDays(1); // ahead of anything the tests do
        article("fp-quiet", "A quiet article", now.minusDays(30), false);
        article("fp-busy", "A busy article", now, false);
        article("fp-retired", "A retired article", now.plusHours(1), true);
        for (int i = 0; i < FrontPageHandlers.PER_PAGE; i++) {
            article("fp-filler-" + i, "Filler " + i, now.minusDays(10).minusMinutes(i), false);
        }
        app.app().dropCaches();
        Document first = app.client().get("/").html();
        List<String> titles = first.select(".article-card-title a").eachText();
        // the seeded article comes among them once another test has counted its activity (just now)
        assertThat(titles).hasSize(FrontPageHandlers.PER_PAGE).startsWith("A busy article");
        assertThat(titles.stream().filter(t -> t.startsWith("Filler "))).startsWith("Filler 0", "Filler 1");
        assertThat(titles).doesNotContain("A retired article", "A quiet article");
        assertThat(first.select("nav.pager a[rel=next]").attr("href")).isEqualTo("/?page=2");
        assertThat(first.select("nav.pager a[rel=prev]")).isEmpty();

        Document second = app.client().get("/?page=2").html();
        assertThat(second.select(".article-card-title a").eachText()).contains("A quiet article")
                .doesNotContain("A busy article", "A retired article");
        assertThat(second.select("nav.pager a[rel=prev]").attr("href")).isEqualTo("/?page=1");

        // a retired article's page stays, with a notice; it is simply not listed
        Document retired = app.client().get("/articles/fp-retired").html();
        assertThat(retired.select(".notice--retired").text()).startsWith("This article has been retired")
                .contains("a duplicate of another article");
        assertThat(app.client().get("/articles/fp-busy").html().select("h1").text()).isEqualTo("A busy article");
    }

    @Test
    void unknownArticlesAndOddPageNumbersAreHandled() {
        assertThat(app.client().get("/articles/no-such-article").status()).isEqualTo(404);
        assertThat(app.client().get("/articles/%F0%9F%92%A5").status()).isEqualTo(404);
        for (String odd : List.of("/?page=-1", "/?page=abc", "/?page=99999999999", "/?page=%00")) {
            assertThat(app.client().get(odd).status()).as(odd).isEqualTo(200);
        }
        assertThat(app.client().get("/?page=5000").html().select(".empty").text()).isEqualTo("No articles yet.");
    }

    private static Element card(Document front, String href) {
        Element link = front.selectFirst(".article-card-title a[href=" + href + "]");
        assertThat(link).as("a card linking to " + href).isNotNull();
        return link.closest(".article-card");
    }
}
