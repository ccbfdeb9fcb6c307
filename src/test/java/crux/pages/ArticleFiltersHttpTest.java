package crux.pages;

import static crux.db.generated.Tables.MODERATION_LOG;
import static crux.testing.TestClient.form;
import static org.assertj.core.api.Assertions.assertThat;

import crux.debate.PostTokens;
import crux.testing.Articles;
import crux.testing.Seeded;
import crux.testing.TestApp;
import crux.testing.TestClient;
import java.util.ArrayList;
import java.util.List;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The leaderboard and the moderation log span every article, and narrow to one with {@code ?article={slug}}: scores
 * on that article's predictions only, log rows about it, its items or comments on them.
 */
class ArticleFiltersHttpTest {

    static final String SLUG = "af-second";

    static TestApp app;
    static TestClient mod;
    static List<Long> secondPredictions = new ArrayList<>();
    static long secondComment;
    static long firstComment;

    @BeforeAll
    static void start() {
        app = TestApp.start();
        mod = app.member("af-mod", "moderator");
        List<String> sentences = List.of("Solar panels will cover half of all new roofs by 2030.",
                "Electric ferries will outnumber diesel ones on short routes.",
                "Heat pumps will outsell gas boilers in the north within five years.");
        Articles.insert(app, SLUG, "An article about energy", Articles.body(sentences));
        for (int i = 0; i < sentences.size(); i++) {
            secondPredictions.add(Articles.prediction(mod, SLUG, "Prediction " + i + " of the energy article.",
                    sentences.get(i)));
        }
        // on the second article only, and on the first article only: one forecaster each
        TestClient onSecond = app.member("af-second-forecaster");
        TestClient onFirst = app.member("af-first-forecaster");
        List<Long> firstPredictions = List.of(app.prediction(1), app.prediction(2), app.prediction(3));
        for (int i = 0; i < 3; i++) {
            forecast(onSecond, secondPredictions.get(i), 80);
            forecast(onFirst, firstPredictions.get(i), 30);
        }
        for (int i = 0; i < 3; i++) {
            resolve(secondPredictions.get(i), "yes");
            resolve(firstPredictions.get(i), "no");
        }
        secondComment = argue(onSecond, secondPredictions.get(0));
        firstComment = argue(onFirst, app.claim(1));
        for (long c : List.of(secondComment, firstComment)) {
            assertThat(mod.submit("/about", "/mod/comments/" + c + "/hide", form("reason", "hidden for the test"))
                    .status()).isIn(302, 303);
        }
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    static void forecast(TestClient c, long item, int p) {
        assertThat(c.submit("/about", "/items/" + item + "/forecast", form("probability", Integer.toString(p))).status())
                .isEqualTo(303);
    }

    static void resolve(long item, String outcome) {
        assertThat(mod.submit("/about", "/mod/items/" + item + "/resolve",
                form("outcome", outcome, "note", "as it turned out", "source", "https://example.org", "early", "confirmed")).status())
                .isEqualTo(303);
    }

    static long argue(TestClient c, long item) {
        TestClient.Response r = c.submit("/about", "/items/" + item + "/arguments",
                form("side", "supports", "body", "An argument to hide.", "token", PostTokens.next()));
        assertThat(r.status()).isEqualTo(302);
        return Long.parseLong(r.location().replaceAll(".*#comment-", ""));
    }

    static List<String> ranked(Document page) {
        return page.select(".ranked-table tbody th a").eachText();
    }

    @Test
    void theLeaderboardSpansEveryArticleOrScoresOneArticlesPredictionsOnly() {
        Document all = app.client().get("/leaderboard").html();
        assertThat(ranked(all)).contains("af-second-forecaster", "af-first-forecaster");
        assertThat(all.select("#filter-article option").eachAttr("value")).contains("", SLUG, Seeded.ARTICLE_SLUG);

        Document second = app.client().get("/leaderboard?article=" + SLUG).html();
        assertThat(ranked(second)).containsExactly("af-second-forecaster");
        assertThat(second.select("#filter-article option[selected]").attr("value")).isEqualTo(SLUG);
        // the crowd against this article: its three predictions, none of the first article's
        assertThat(second.select("#crowd-summary td").first().text()).isEqualTo("3");
        assertThat(second.select(".record-table tbody th a").eachAttr("href")).containsExactlyInAnyOrderElementsOf(
                secondPredictions.stream().map(id -> "/items/" + id).toList());

        Document first = app.client().get("/leaderboard?article=" + Seeded.ARTICLE_SLUG).html();
        assertThat(ranked(first)).contains("af-first-forecaster").doesNotContain("af-second-forecaster");
    }

    @Test
    void theLogNarrowsToRowsAboutOneArticleItsItemsAndTheirComments() {
        Document second = app.client().get("/mod/log?article=" + SLUG).html();
        List<String> targets = second.select(".log-table tbody td:nth-child(4) a").eachAttr("href");
        List<String> expected = new ArrayList<>();
        secondPredictions.forEach(id -> expected.add("/items/" + id));
        assertThat(targets).contains("/comments/" + secondComment).containsAll(expected)
                .doesNotContain("/comments/" + firstComment, "/items/" + app.prediction(1));
        // add_item and resolve for each prediction, and the hidden comment
        assertThat(targets).hasSize(2 * secondPredictions.size() + 1);
        assertThat(second.select("#filter-article option[selected]").attr("value")).isEqualTo(SLUG);

        Document first = app.client().get("/mod/log?article=" + Seeded.ARTICLE_SLUG).html();
        assertThat(first.select(".log-table tbody td:nth-child(4) a").eachAttr("href"))
                .contains("/comments/" + firstComment, "/items/" + app.prediction(1))
                .doesNotContain("/comments/" + secondComment, "/items/" + secondPredictions.get(0));

        Document all = app.client().get("/mod/log").html();
        assertThat(all.select(".log-table tbody tr")).hasSize(Math.min(app.count(MODERATION_LOG), 50));
    }

    @Test
    void unknownArticlesInAFilterAreNotFound() {
        for (String path : List.of("/leaderboard?article=no-such-article", "/mod/log?article=no-such-article",
                "/leaderboard?article=%00", "/mod/log?article=%F0%9F%92%A5&page=2")) {
            assertThat(app.client().get(path).status()).as(path).isEqualTo(404);
        }
        // an empty choice is "all articles"
        assertThat(app.client().get("/leaderboard?article=").status()).isEqualTo(200);
        assertThat(app.client().get("/mod/log?article=&action=").status()).isEqualTo(200);
    }
}
