package crux.opendata;

import static crux.db.generated.Tables.COMMENT;
import static crux.testing.TestClient.form;
import static crux.testing.Refusals.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import crux.debate.PostTokens;
import crux.testing.TestApp;
import crux.testing.TestClient;
import java.io.StringReader;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Atom feeds, an item as JSON and forecasts as CSV: shapes, and that nothing hidden or private leaks. */
class OpenDataHttpTest {

    static TestApp app;
    static TestClient ada;
    static TestClient ben;
    static long visible;
    static long reply;

    @BeforeAll
    static void start() {
        app = TestApp.start("h2", Map.of("CRUX_BASE_URL", "https://crux.example/"));
        ada = app.member("feedada");
        ben = app.member("feedben");
        visible = argue(ada, app.claim(3), "A visible argument with <b>bold</b> **markdown**.");
        reply = id(ben.submit("/about", "/comments/" + visible + "/replies",
                form("body", "A visible reply.", "token", PostTokens.next())));
        for (String state : List.of("hidden", "pending", "removed", "deleted")) {
            long id = argue(ben, app.claim(3), "SECRET-" + state + " argument that must not be published.");
            if (state.equals("deleted")) {
                app.dsl().update(COMMENT).set(COMMENT.DELETED_AT, OffsetDateTime.now()).where(COMMENT.ID.eq(id)).execute();
            } else {
                app.dsl().update(COMMENT).set(COMMENT.MODERATION_STATE, state).where(COMMENT.ID.eq(id)).execute();
            }
        }
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    static long id(TestClient.Response r) {
        assertThat(r.status()).isEqualTo(302);
        return Long.parseLong(r.location().replaceAll(".*#comment-", ""));
    }

    static long argue(TestClient c, long item, String body) {
        return id(c.submit("/about", "/items/" + item + "/arguments",
                form("side", "supports", "body", body, "token", PostTokens.next())));
    }

    static SyndFeed feed(String path) throws Exception {
        TestClient.Response r = app.client().get(path);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Type")).get().asString().startsWith("application/atom+xml");
        assertThat(r.body()).contains("http://www.w3.org/2005/Atom");
        return new SyndFeedInput().build(new StringReader(r.body()));
    }

    @Test
    void theSiteFeedListsVisibleArgumentsAndRepliesNewestFirst() throws Exception {
        SyndFeed feed = feed("/feed.atom");
        assertThat(feed.getFeedType()).isEqualTo("atom_1.0");
        assertThat(feed.getUri()).isEqualTo("https://crux.example/feed.atom");
        List<String> links = feed.getEntries().stream().map(SyndEntry::getLink).toList();
        assertThat(links).containsExactly("https://crux.example/comments/" + reply,
                "https://crux.example/comments/" + visible);
        SyndEntry argument = feed.getEntries().get(1);
        assertThat(argument.getUri()).isEqualTo("https://crux.example/comments/" + visible);
        assertThat(argument.getAuthor()).isEqualTo("feedada");
        assertThat(argument.getUpdatedDate()).isNotNull();
        assertThat(argument.getContents().get(0).getType()).isEqualTo("html");
        assertThat(argument.getContents().get(0).getValue()).contains("<strong>markdown</strong>")
                .doesNotContain("<b>");
        assertThat(app.client().get("/feed.atom").body()).doesNotContain("SECRET");
    }

    @Test
    void theItemFeedHasOnlyThatItemsVisibleArguments() throws Exception {
        SyndFeed feed = feed("/items/" + app.claim(3) + "/feed.atom");
        assertThat(feed.getEntries()).hasSize(2);
        assertThat(app.client().get("/items/" + app.claim(3) + "/feed.atom").body()).doesNotContain("SECRET");
        assertThat(feed("/items/" + app.prediction(1) + "/feed.atom").getEntries()).isEmpty();
        assertRefused(app.client().get("/items/999999/feed.atom"), 404, "There is nothing at this address. It may have been mistyped, or the thing it pointed to no longer exists.");
    }

    @Test
    void aResolutionIsAnEntryOfItsItemsFeed() throws Exception {
        TestClient mod = app.member("feedmod", "moderator");
        mod.submit("/items/" + app.prediction(5), "/mod/items/" + app.prediction(5) + "/resolve", form("outcome", "no", "note", "Did not happen.",
                "source", "https://example.org/", "early", "confirmed"));
        SyndFeed feed = feed("/items/" + app.prediction(5) + "/feed.atom");
        assertThat(feed.getEntries()).anySatisfy(e -> {
            assertThat(e.getUri()).isEqualTo("https://crux.example/items/" + app.prediction(5) + "#resolution");
            assertThat(e.getTitle()).startsWith("Resolved NO");
        });
    }

    @Test
    void itemPagesLinkTheirFeed() {
        Document page = app.client().get("/items/" + app.claim(3)).html();
        assertThat(page.select("link[rel=alternate][type=application/atom+xml][href=/items/" + app.claim(3) + "/feed.atom]")).hasSize(1);
        assertThat(page.select("link[rel=alternate][href=/feed.atom]")).hasSize(1);
        assertThat(page.select("#follow a[href=/items/" + app.claim(3) + "/feed.atom]").text()).isEqualTo("Atom feed");
    }

    @Test
    void anItemAsJsonHasItsAnchorTalliesAndTreeWithPlaceholders() throws Exception {
        ada.submit("/items/" + app.claim(3), "/items/" + app.claim(3) + "/stance", form("stance", "agree"));
        TestClient.Response r = app.client().get("/items/" + app.claim(3) + ".json");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Type")).get().asString().startsWith("application/json");
        JsonNode j = new ObjectMapper().readTree(r.body());
        assertThat(j.get("id").asLong()).isEqualTo(app.claim(3));
        assertThat(j.get("kind").asText()).isEqualTo("claim");
        assertThat(j.get("statement").asText()).isEqualTo("China's strategy with open-source AI is to commoditise AI technologies.");
        assertThat(j.get("assertedBy").asText()).isEqualTo("Balaji Srinivasan");
        JsonNode passage = j.get("passage");
        assertThat(passage.get("end").asInt() - passage.get("start").asInt())
                .isEqualTo(passage.get("quote").asText().length());
        assertThat(j.get("tallies").get("agree").asInt()).isEqualTo(1);
        JsonNode args = j.get("arguments");
        assertThat(args).hasSize(5);
        assertThat(args.get(0).get("author").asText()).isEqualTo("feedada");
        assertThat(args.get(0).get("replies").get(0).get("bodyHtml").asText()).contains("A visible reply.");
        for (int i = 1; i < 5; i++) {
            assertThat(args.get(i).get("placeholder").asBoolean()).isTrue();
            assertThat(args.get(i).get("author").isNull()).isTrue();
            assertThat(args.get(i).get("bodyHtml").isNull()).isTrue();
        }
        assertThat(r.body()).doesNotContain("SECRET").doesNotContain("password").doesNotContain("email");
        assertRefused(app.client().get("/items/999999.json"), 404, "There is nothing at this address. It may have been mistyped, or the thing it pointed to no longer exists.");
    }

    @Test
    void aPredictionAsJsonHasItsCommunityHistory() throws Exception {
        ada.submit("/items/" + app.prediction(2), "/items/" + app.prediction(2) + "/forecast", form("probability", "30", "rationale", ""));
        ben.submit("/items/" + app.prediction(2), "/items/" + app.prediction(2) + "/forecast", form("probability", "60", "rationale", ""));
        JsonNode j = new ObjectMapper().readTree(app.client().get("/items/" + app.prediction(2) + ".json").body());
        assertThat(j.get("kind").asText()).isEqualTo("prediction");
        assertThat(j.get("communityForecast").get("history").size()).isGreaterThanOrEqualTo(2);
        assertThat(j.get("communityForecast").get("forecasters").asInt()).isEqualTo(2);
    }

    @Test
    void forecastsAsCsvAreAnonymousWhileOpenAndPseudonymousOnceResolvedAndGuardedAgainstFormulas() {
        ada.submit("/items/" + app.prediction(3), "/items/" + app.prediction(3) + "/forecast", form("probability", "30", "rationale", "=HYPERLINK(\"x\",\"y\")"));
        ada.submit("/items/" + app.prediction(3), "/items/" + app.prediction(3) + "/forecast", form("probability", "35", "rationale", "a, \"quoted\" reason"));
        ben.submit("/items/" + app.prediction(3), "/items/" + app.prediction(3) + "/forecast", form("probability", "70", "rationale", ""));
        TestClient.Response r = app.client().get("/items/" + app.prediction(3) + "/forecasts.csv");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Type")).get().asString().startsWith("text/csv");
        assertThat(r.header("Content-Disposition")).get().asString().startsWith("attachment");
        // unresolved: each update's day and probability only, ordered by them, not by who came when
        String day = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();
        assertThat(r.body().split("\r\n")).containsExactly("day,probability", day + ",30", day + ",35", day + ",70");

        TestClient mod = app.member("csvmod", "moderator");
        assertThat(mod.submit("/items/" + app.prediction(3), "/mod/items/" + app.prediction(3) + "/resolve",
                form("outcome", "no", "note", "It did not happen.", "source", "https://example.org/", "early", "confirmed")).status()).isEqualTo(303);
        String[] lines = app.client().get("/items/" + app.prediction(3) + "/forecasts.csv").body().split("\r\n");
        assertThat(lines[0]).isEqualTo("forecaster,probability,rationale,created_at");
        assertThat(lines).hasSize(4);
        String adaName = lines[1].split(",")[0];
        assertThat(adaName).matches("forecaster-[0-9a-f]{10}");
        assertThat(lines[1]).contains(",\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\",");
        assertThat(lines[2]).startsWith(adaName + ",35,\"a, \"\"quoted\"\" reason\",");
        assertThat(lines[3].split(",")[0]).matches("forecaster-[0-9a-f]{10}").isNotEqualTo(adaName);
        assertThat(String.join("\n", lines)).doesNotContain("feedada").doesNotContain("feedben");
        // another resolved item, another pseudonym for the same member
        ada.submit("/items/" + app.prediction(4), "/items/" + app.prediction(4) + "/forecast", form("probability", "30", "rationale", ""));
        assertThat(mod.submit("/items/" + app.prediction(4), "/mod/items/" + app.prediction(4) + "/resolve",
                form("outcome", "yes", "note", "It happened.", "source", "https://example.org/", "early", "confirmed")).status()).isEqualTo(303);
        String other = app.client().get("/items/" + app.prediction(4) + "/forecasts.csv").body().split("\r\n")[1].split(",")[0];
        assertThat(other).matches("forecaster-[0-9a-f]{10}").isNotEqualTo(adaName);
        assertRefused(app.client().get("/items/" + app.claim(3) + "/forecasts.csv"), 404, "There is nothing at this address. It may have been mistyped, or the thing it pointed to no longer exists.");
    }

    @Test
    void csvCells() {
        assertThat(Csv.row(List.of("=1+1", "+x", "-2", "@a", "plain", "a\"b", "x,y"))).isEqualTo(
                "'=1+1,'+x,'-2,'@a,plain,\"a\"\"b\",\"x,y\"\r\n");
    }
}
