package crux.article;

import static crux.testing.Refusals.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import crux.testing.Html;
import crux.testing.Seeded;
import crux.testing.TestApp;
import crux.testing.TestClient;
import crux.web.Fragments;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The article, item and about pages over real HTTP. */
class ArticlePagesHttpTest {

    static TestApp app;
    static TestClient client;

    @BeforeAll
    static void start() {
        app = TestApp.start();
        client = app.client();
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void theArticlePageLinksEveryPassageToItsItem() {
        TestClient.Response r = client.get(Seeded.ARTICLE);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Type")).get().asString().startsWith("text/html");
        Document doc = r.html();
        assertThat(doc.select("h1").text()).isEqualTo("Is China About To Disrupt U.S. Tech? Insights from Balaji Srinivasan");
        Set<String> links = new LinkedHashSet<>();
        for (Element a : doc.select("article a.passage")) {
            links.add(a.attr("href"));
        }
        assertThat(links).hasSizeBetween(20, 30).allMatch(h -> h.matches("/items/\\d+"));
        // the full text is there
        assertThat(doc.select("article").text()).contains("Srinivasan concludes with a cautious observation")
                .contains("China, AI, Technology, Investment, Nvidia");
        // an index of items grouped by kind
        assertThat(doc.select(".item-index h3").eachText())
                .anyMatch(t -> t.startsWith("Claims")).anyMatch(t -> t.startsWith("Predictions"))
                .anyMatch(t -> t.startsWith("Recommendations"));
    }

    /**
     * The article page is assembled from fragments rendered once for many members (Fragments): each
     * member's forms must carry their own token, the index line their own pressed stance, and a passage's split
     * show only to those who voted on it.
     */
    @Test
    void sharedFragmentsCarryEachMembersOwnTokenAndStance() {
        TestClient ada = app.member("frag-ada");
        TestClient bo = app.member("frag-bo");
        Document before = ada.get(Seeded.ARTICLE).html();
        long item = Long.parseLong(before.selectFirst(".index-list li").id().substring("entry-".length()));
        assertThat(Html.text(before, "#standing-" + item)).isEqualTo("0 voters");
        assertThat(ada.post("/items/" + item + "/stance", TestClient.form("stance", "agree", "_csrf", ada.csrf("/")),
                Map.of("Origin", ada.base())).status()).isEqualTo(303);

        for (TestClient member : List.of(ada, bo)) {
            Document page = member.get(Seeded.ARTICLE).html();
            String token = page.selectFirst("meta[name=csrf-token]").attr("content");
            assertThat(page.select("input[name=_csrf]")).hasSizeGreaterThan(20)
                    .allSatisfy(input -> assertThat(input.val()).isEqualTo(token));
            assertThat(page.html()).doesNotContain(Fragments.CSRF_SLOT).doesNotContain("<!--slot:");
        }
        Document adas = ada.get(Seeded.ARTICLE).html();
        Document bos = bo.get(Seeded.ARTICLE).html();
        assertThat(adas.select("#entry-" + item + " button[aria-pressed=true]").text()).isEqualTo("Agree");
        assertThat(bos.select("#entry-" + item + " button[aria-pressed=true]")).isEmpty();
        assertThat(Html.text(adas, "#standing-" + item)).isEqualTo("1 voter · 100 % agree · 0 % disagree");
        assertThat(Html.text(bos, "#standing-" + item)).isEqualTo("1 voter");
        assertThat(Html.text(client.get(Seeded.ARTICLE).html(), "#standing-" + item)).isEqualTo("1 voter");
    }

    @Test
    void everyLinkedItemPageAnswersAndShowsItsPassage() {
        Document article = client.get(Seeded.ARTICLE).html();
        for (Element a : article.select("article a.passage[id]")) {
            String href = a.attr("href");
            TestClient.Response r = client.get(href);
            assertThat(r.status()).as(href).isEqualTo(200);
            Document item = r.html();
            String passage = item.select("blockquote.context mark").text();
            assertThat(passage).as("passage on %s", href).isNotBlank();
            assertThat(a.text()).as("highlight for %s is part of its passage", href).isEqualTo(passage);
            assertThat(item.select("blockquote.context").text()).contains(passage);
            var stored = app.dsl().fetchSingle(crux.db.generated.Tables.ITEM,
                    crux.db.generated.Tables.ITEM.ID.eq(Long.parseLong(href.substring("/items/".length()))));
            assertThat(item.select(".badge").text()).as(href)
                    .isEqualTo(Map.of("claim", "Claim", "prediction", "Prediction", "recommendation", "Recommendation")
                            .get(stored.getKind()));
            assertThat(item.select(".item-kind strong").text()).as(href).isEqualTo(stored.getAssertedBy());
        }
    }

    @Test
    void predictionPagesShowResolutionCriteriaAndDate() {
        Document article = client.get(Seeded.ARTICLE).html();
        Element prediction = article.selectFirst("article a.passage--prediction");
        assertThat(prediction).isNotNull();
        Document item = client.get(prediction.attr("href")).html();
        assertThat(item.select("#resolution-title").text()).contains("resolves");
        assertThat(item.select(".facts dt").eachText()).contains("Criteria", "Resolve by");
        // the seeded criteria are whole sentences: the page must not put "Resolves YES if" before them again
        assertThat(item.select(".facts dd").first().text()).startsWith("Resolves YES if").doesNotContain("if Resolves");
        assertThat(item.select(".facts time").attr("datetime")).matches("\\d{4}-\\d{2}-\\d{2}");
    }

    @Test
    void claimPagesHaveNoResolutionSection() {
        Document article = client.get(Seeded.ARTICLE).html();
        Element claim = article.selectFirst("article a.passage--claim");
        Document item = client.get(claim.attr("href")).html();
        assertThat(item.select("#resolution-title")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/items/999999", "/items/abc", "/items/-1", "/items/0", "/items/1.5",
            "/items/99999999999999999999999", "/nope", "/items/1/../../etc/passwd"})
    void unknownOrMalformedAddressesGetAFriendly404(String path) {
        TestClient.Response r = client.get(path);
        assertRefused(r, 404, "There is nothing at this address. It may have been mistyped, or the thing it pointed to no longer exists.");
        assertThat(r.body()).doesNotContainIgnoringCase("exception").doesNotContain("java.").doesNotContain("crux.web").doesNotContain("crux.db")
                .doesNotContainIgnoringCase("select ").doesNotContain("at io.").doesNotContainIgnoringCase("jetty")
                .doesNotContainIgnoringCase("javalin");
        assertThat(Html.text(r.html(), "h1")).isEqualTo("Page not found");
        assertThat(r.html().select("a[href=/]")).isNotEmpty();
    }

    /** Jetty refuses a NUL in the path before Crux sees it: its own short 400 page, with no stack trace. */
    @Test
    void aNulInThePathIsABadRequest() {
        TestClient.Response r = client.get("/items/%00");
        assertRefused(r, 400, "Error 400 Bad Request HTTP ERROR 400 Bad Request URI: /badMessage STATUS: 400 MESSAGE: Bad Request");
        assertThat(r.html().title()).isEqualTo("Error 400 Bad Request");
        assertThat(r.body()).doesNotContainIgnoringCase("exception").doesNotContain("java.").doesNotContain("at org.");
    }

    @Test
    void errorPagesShowTheRequestIdThatIsInTheLog() {
        TestClient.Response r = client.get("/items/424242");
        String id = r.header("X-Request-Id").orElseThrow();
        assertThat(id).matches("[0-9a-f]{16}");
        assertThat(r.html().select(".request-id code").text()).isEqualTo(id);
    }

    @Test
    void aboutPageExplainsCrux() {
        TestClient.Response r = client.get("/about");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.html().select("h1").text()).isEqualTo("About Crux");
        assertThat(r.html().select("h2").eachText()).contains("How it works");
    }

    @Test
    void pagesUseOneLayoutWithSkipLinkAndLandmarks() {
        for (String path : new String[] {"/", "/about", "/items/" + app.claim(1), "/missing"}) {
            Document doc = client.get(path).html();
            assertThat(doc.select("a.skip-link[href=#main]")).as(path).hasSize(1);
            assertThat(doc.select("main#main")).as(path).hasSize(1);
            assertThat(doc.select("header nav[aria-label]")).as(path).hasSize(1);
            assertThat(doc.select("html").attr("lang")).isEqualTo("en");
            assertThat(doc.select("meta[name=viewport]")).hasSize(1);
            assertThat(doc.select("h1")).as(path).hasSize(1);
        }
    }

    @Test
    void staticFilesAndHtmxAreServed() {
        assertThat(client.get("/static/css/crux.css").status()).isEqualTo(200);
        TestClient.Response htmx = client.get("/webjars/htmx.org/2.0.10/dist/htmx.min.js");
        assertThat(htmx.status()).isEqualTo(200);
        assertThat(htmx.body()).contains("htmx").hasSizeGreaterThan(40_000);
        assertThat(htmx.header("Content-Type")).hasValue("text/javascript; charset=utf-8");
        assertThat(htmx.header("Cache-Control")).hasValue("public, max-age=31536000, immutable");
        assertThat(htmx.header("Set-Cookie")).as("no session for a script").isEmpty();
        String etag = htmx.header("ETag").orElseThrow();
        assertThat(etag).matches("\"[0-9a-f]{32}\"");

        TestClient.Response again = client.get("/webjars/htmx.org/2.0.10/dist/htmx.min.js", Map.of("If-None-Match", etag));
        assertThat(again.status()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
        TestClient.Response changed = client.get("/webjars/htmx.org/2.0.10/dist/htmx.min.js",
                Map.of("If-None-Match", "\"0000\""));
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.body()).isEqualTo(htmx.body());

        TestClient.Response head = client.send(HttpRequest.newBuilder(URI.create(
                client.base() + "/webjars/htmx.org/2.0.10/dist/htmx.min.js")).method("HEAD",
                HttpRequest.BodyPublishers.noBody()), "/webjars/htmx.org/2.0.10/dist/htmx.min.js");
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.header("ETag")).hasValue(etag);
        assertThat(head.body()).as("HEAD carries no body").isEmpty();

        // only that file: nothing else of the jar (or of any webjar) is served
        for (String other : new String[] {"/webjars/htmx.org/2.0.10/dist/htmx.js", "/webjars/htmx.org/2.0.10/package.json",
                "/webjars/htmx.org/2.0.9/dist/htmx.min.js", "/webjars/", "/webjars/htmx.org/2.0.10/dist/htmx.min.js/x",
                "/webjars/..%2F..%2Fcrux%2FApp.class", "/META-INF/MANIFEST.MF"}) {
            assertRefused(client.get(other), 404, "There is nothing at this address. It may have been mistyped, or the thing it pointed to no longer exists.");
        }
    }

    @Test
    void healthAnswersWhileTheDatabaseDoes() {
        TestClient.Response r = client.get("/healthz");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("ok\n");
    }

    @Test
    void wrongMethodIsRefusedWithAPage() {
        TestClient.Response r = client.post("/about", TestClient.form("x", "1"));
        assertThat(r.status()).isIn(403, 404, 405);
        assertThat(r.body()).doesNotContain("Exception");
    }
}
