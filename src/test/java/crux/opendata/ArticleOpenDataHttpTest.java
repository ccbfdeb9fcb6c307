package crux.opendata;

import static crux.db.generated.Tables.ARTICLE;
import static crux.db.generated.Tables.ITEM;
import static crux.testing.TestClient.form;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import crux.debate.PostTokens;
import crux.testing.Articles;
import crux.testing.Seeded;
import crux.testing.TestApp;
import crux.testing.TestClient;
import java.io.StringReader;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Each article's Atom feed and open data: only its own items, whatever the other articles hold. */
class ArticleOpenDataHttpTest {

    static final String SLUG = "aod-second";
    static final String SECOND = "/articles/" + SLUG;

    static TestApp app;
    static TestClient mod;
    static TestClient ada;
    static List<Long> claims;
    static long prediction;
    static long onSecond;
    static long onFirst;

    @BeforeAll
    static void start() {
        app = TestApp.start("h2", Map.of("CRUX_BASE_URL", "https://crux.example/"));
        mod = app.member("aod-mod", "moderator");
        ada = app.member("aod-ada");
        List<String> sentences = List.of("Rivers will carry more water this decade than the last.",
                "Cities that plant trees cool their streets by several degrees.",
                "Water prices will double in the dry regions before 2030.");
        claims = Articles.withClaims(app, mod, SLUG, "A second article", sentences.subList(0, 2));
        app.dsl().update(ARTICLE).set(ARTICLE.BODY, Articles.body(sentences)).where(ARTICLE.SLUG.eq(SLUG)).execute();
        app.app().dropCaches();
        prediction = Articles.prediction(mod, SLUG, "Water prices double in dry regions by 2030.", sentences.get(2));
        onSecond = argue(ada, claims.get(0), "An argument on the second article.");
        onFirst = argue(ada, app.claim(1), "An argument on the first article.");
        assertThat(ada.submit("/about", "/items/" + prediction + "/forecast", form("probability", "30")).status())
                .isEqualTo(303);
        assertThat(mod.submit("/about", "/mod/items/" + prediction + "/resolve",
                form("outcome", "no", "note", "prices held", "source", "https://example.org", "early", "confirmed")).status()).isEqualTo(303);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    static long argue(TestClient c, long item, String body) {
        TestClient.Response r = c.submit("/about", "/items/" + item + "/arguments",
                form("side", "supports", "body", body, "token", PostTokens.next()));
        assertThat(r.status()).isEqualTo(302);
        return Long.parseLong(r.location().replaceAll(".*#comment-", ""));
    }

    static SyndFeed feed(String path) throws Exception {
        TestClient.Response r = app.client().get(path);
        assertThat(r.status()).as(path).isEqualTo(200);
        assertThat(r.header("Content-Type")).get().asString().startsWith("application/atom+xml");
        return new SyndFeedInput().build(new StringReader(r.body()));
    }

    static JsonNode json(String path) throws Exception {
        TestClient.Response r = app.client().get(path);
        assertThat(r.status()).as(path).isEqualTo(200);
        assertThat(r.header("Content-Type")).get().asString().startsWith("application/json");
        return new ObjectMapper().readTree(r.body());
    }

    @Test
    void anArticlesFeedHoldsItsOwnItemsArgumentsAndResolutionsOnly() throws Exception {
        SyndFeed feed = feed(SECOND + "/feed.atom");
        assertThat(feed.getFeedType()).isEqualTo("atom_1.0");
        assertThat(feed.getUri()).isEqualTo("https://crux.example" + SECOND + "/feed.atom");
        assertThat(feed.getTitle()).isEqualTo("Crux: A second article");
        List<String> links = feed.getEntries().stream().map(SyndEntry::getLink).toList();
        // newest first: the resolution came after the argument
        assertThat(links).containsExactly("https://crux.example/items/" + prediction + "#forecast",
                "https://crux.example/comments/" + onSecond);
        assertThat(feed.getEntries().get(0).getTitle()).startsWith("Resolved NO: ");

        List<String> first = feed(Seeded.ARTICLE + "/feed.atom").getEntries().stream().map(SyndEntry::getLink).toList();
        assertThat(first).contains("https://crux.example/comments/" + onFirst)
                .doesNotContain("https://crux.example/comments/" + onSecond,
                        "https://crux.example/items/" + prediction + "#forecast");

        // the site feed spans every article, and filters to one by ?article
        List<String> site = feed("/feed.atom").getEntries().stream().map(SyndEntry::getLink).toList();
        assertThat(site).contains("https://crux.example/comments/" + onFirst, "https://crux.example/comments/" + onSecond);
        assertThat(feed("/feed.atom?article=" + SLUG).getEntries().stream().map(SyndEntry::getLink).toList())
                .isEqualTo(links);
    }

    @Test
    void anArticlesOpenDataIsOneDocumentOfExactlyItsItems() throws Exception {
        JsonNode doc = json(SECOND + ".json");
        assertThat(doc.get("slug").asText()).isEqualTo(SLUG);
        assertThat(doc.get("title").asText()).isEqualTo("A second article");
        assertThat(doc.get("url").asText()).isEqualTo("https://crux.example" + SECOND);
        assertThat(doc.get("feed").asText()).isEqualTo("https://crux.example" + SECOND + "/feed.atom");
        List<Long> ids = new ArrayList<>();
        doc.get("items").forEach(i -> ids.add(i.get("id").asLong()));
        assertThat(ids).containsExactly(claims.get(0), claims.get(1), prediction);

        // each item as its own open data gives it
        ObjectMapper mapper = new ObjectMapper();
        for (JsonNode item : doc.get("items")) {
            JsonNode alone = mapper.readTree(app.client().get("/items/" + item.get("id").asLong() + ".json").body());
            assertThat(item).isEqualTo(alone);
        }
        JsonNode p = doc.get("items").get(2);
        assertThat(p.get("resolution").get("outcome").asText()).isEqualTo("no");
        assertThat(p.get("communityForecast").get("history")).hasSize(1);
        assertThat(doc.get("items").get(0).get("arguments").get(0).get("id").asLong()).isEqualTo(onSecond);

        Set<Long> firstIds = new HashSet<>();
        json(Seeded.ARTICLE + ".json").get("items").forEach(i -> firstIds.add(i.get("id").asLong()));
        List<Long> expected = app.dsl().select(ITEM.ID).from(ITEM).join(ARTICLE).on(ARTICLE.ID.eq(ITEM.ARTICLE_ID))
                .where(ARTICLE.SLUG.eq(Seeded.ARTICLE_SLUG)).and(ITEM.RETIRED_AT.isNull()).fetch(ITEM.ID);
        assertThat(firstIds).containsExactlyInAnyOrderElementsOf(expected).doesNotContain(prediction, claims.get(0));
    }

    @Test
    void unknownOrOddSlugsAreNotFoundAndRetiredArticlesKeepTheirData() throws Exception {
        for (String path : List.of("/articles/no-such-article.json", "/articles/no-such-article/feed.atom",
                "/feed.atom?article=no-such-article", "/articles/%F0%9F%92%A5.json", "/articles/a.b.json",
                "/articles/.json", "/feed.atom?article=%00")) {
            assertThat(app.client().get(path).status()).as(path).isEqualTo(404);
        }
        // a NUL in the path itself is refused before routing
        assertThat(app.client().get("/articles/%00/feed.atom").status()).isIn(400, 404);
        long retired = Articles.insert(app, "aod-retired", "A retired article", "Nothing much happens here at all.");
        app.dsl().update(ARTICLE).set(ARTICLE.RETIRED_AT, OffsetDateTime.now()).where(ARTICLE.ID.eq(retired)).execute();
        app.app().dropCaches();
        assertThat(json("/articles/aod-retired.json").get("retired").asBoolean()).isTrue();
        assertThat(feed("/articles/aod-retired/feed.atom").getEntries()).isEmpty();
    }
}
