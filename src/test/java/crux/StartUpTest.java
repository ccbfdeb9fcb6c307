package crux;

import static crux.db.generated.Tables.ARTICLE;
import static crux.testing.TestClient.form;
import static org.assertj.core.api.Assertions.assertThat;

import crux.debate.PostTokens;
import crux.testing.Seeded;
import crux.testing.TestApp;
import crux.testing.TestClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What start-up does beside its main thread ({@link Starting}: the search index, the static files, the front page
 * rendered once) is finished before the first request, and keeps nothing that request should read afresh.
 */
class StartUpTest {

    @Test
    void theFrontPageRenderedAtStartIsNotWhatTheFirstVisitorGets() {
        // the activity job's first run a minute away, so that it does not recount over the change below
        try (TestApp app = TestApp.start("h2", Map.of("CRUX_JOBS_AFTER", "60"))) {
            // changed behind Crux's back after it started, before anyone asked for the front page
            app.dsl().update(ARTICLE).set(ARTICLE.PARTICIPANT_COUNT, 4321)
                    .where(ARTICLE.SLUG.eq(Seeded.ARTICLE_SLUG)).execute();

            TestClient.Response front = app.client().get("/");

            assertThat(front.status()).isEqualTo(200);
            assertThat(front.html().selectFirst(".article-card-title a[href=" + Seeded.ARTICLE + "]")
                    .closest(".article-card").select(".article-stats li").eachText()).contains("4321 participants");
        }
    }

    @Test
    void anIndexRebuiltAtStartHoldsEveryArgumentByTheFirstSearch(@TempDir Path dir) throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("crux") + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE";
        long argument;
        try (TestApp first = TestApp.startOn(url, Map.of())) {
            TestClient member = first.member("Searcher");
            long claim = Seeded.firstInText(member, "claim");
            TestClient.Response r = member.submit("/about", "/items/" + claim + "/arguments", form("side", "supports",
                    "body", "The axolotl argument, written before the index was lost.", "token", PostTokens.next()));
            assertThat(r.status()).isEqualTo(302);
            argument = Long.parseLong(r.location().replaceAll(".*#comment-", ""));
        }
        Path index = dir.resolve("crux-search");
        assertThat(index).isDirectory();
        try (Stream<Path> files = Files.walk(index)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }

        try (TestApp second = TestApp.startOn(url, Map.of())) {
            TestClient.Response found = second.client().get("/search?q=axolotl");

            assertThat(found.status()).isEqualTo(200);
            assertThat(found.html().select(".search-result .search-title").eachAttr("href"))
                    .containsExactly("/comments/" + argument);
        }
    }
}
