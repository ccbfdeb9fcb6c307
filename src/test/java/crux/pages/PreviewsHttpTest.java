package crux.pages;

import static crux.db.generated.Tables.ARTICLE;
import static crux.db.generated.Tables.ITEM;
import static crux.testing.TestClient.form;
import static org.assertj.core.api.Assertions.assertThat;

import crux.testing.Seeded;
import crux.testing.TestApp;
import crux.testing.TestClient;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilderFactory;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Links that preview well: every page has a title and description of its own, item and article pages carry Open Graph
 * and Twitter card tags and a canonical link on the public address, and robots.txt and sitemap.xml are served.
 */
class PreviewsHttpTest {

    static final String BASE = "https://crux.example";
    /** Markup, quotes, an ampersand and a non-ASCII quote mark: everything an attribute must escape. */
    static final String ODD = "Tom & \"Jerry\" <b>bold</b> say 'hi' — ’quoted’ <script>alert(1)</script>";

    static TestApp app;
    static TestClient member;
    static long oddItem;

    @BeforeAll
    static void start() {
        app = TestApp.start(TestApp.defaultKind(), Map.of("CRUX_BASE_URL", BASE + "/"));
        member = app.member("pv-member");
        TestClient mod = app.member("pv-mod", "moderator");
        oddItem = app.claim(6);
        String statement = app.dsl().select(ITEM.STATEMENT).from(ITEM).where(ITEM.ID.eq(oddItem)).fetchSingle().value1();
        TestClient.Response r = mod.submit("/about", "/mod/items/" + oddItem + "/edit",
                form("previous", statement, "statement", ODD, "reason", "to test escaping"));
        assertThat(r.status()).as(r.body()).isIn(302, 303);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    static Document page(TestClient c, String path) {
        TestClient.Response r = c.get(path);
        assertThat(r.status()).as(path).isEqualTo(200);
        return r.html();
    }

    static String meta(Document d, String query) {
        assertThat(d.select(query)).as(query).hasSize(1);
        return d.selectFirst(query).attr("content");
    }

    @Test
    void everyPageHasATitleAndADescriptionOfItsOwn() {
        long item = app.claim(1);
        Map<String, TestClient> pages = new LinkedHashMap<>();
        for (String path : List.of("/", "/about", "/leaderboard", "/common-ground", "/mod/log", "/login", "/register",
                Seeded.ARTICLE, Seeded.ARTICLE + "/history", "/items/" + item, "/users/pv-member")) {
            pages.put(path, app.client());
        }
        pages.put("/settings", member);
        pages.put("/inbox", member);
        Set<String> titles = new HashSet<>();
        Set<String> descriptions = new HashSet<>();
        for (var e : pages.entrySet()) {
            Document d = page(e.getValue(), e.getKey());
            assertThat(d.select("head > title")).as(e.getKey()).hasSize(1);
            String description = meta(d, "head > meta[name=description]");
            assertThat(description).as(e.getKey()).isNotBlank().hasSizeLessThanOrEqualTo(200);
            assertThat(titles.add(d.title())).as("title of %s is its own: %s", e.getKey(), d.title()).isTrue();
            assertThat(descriptions.add(description)).as("description of %s is its own", e.getKey()).isTrue();
        }
        // a page nobody wrote a description for still has the site's, not none
        assertThat(meta(app.client().get("/items/999999").html(), "head > meta[name=description]")).isNotBlank();
    }

    @Test
    void itemPagesCarryPreviewTagsWithOddTextEscaped() {
        TestClient.Response r = app.client().get("/items/" + oddItem);
        assertThat(r.status()).isEqualTo(200);
        Document d = r.html();
        String url = BASE + "/items/" + oddItem;
        assertThat(d.title()).isEqualTo(ODD + " — Crux");
        assertThat(meta(d, "meta[property=og:title]")).isEqualTo(ODD);
        assertThat(meta(d, "meta[name=twitter:title]")).isEqualTo(ODD);
        assertThat(meta(d, "meta[property=og:url]")).isEqualTo(url);
        assertThat(d.select("link[rel=canonical]").attr("href")).isEqualTo(url);
        assertThat(meta(d, "meta[property=og:site_name]")).isEqualTo("Crux");
        assertThat(meta(d, "meta[property=og:type]")).isEqualTo("article");
        assertThat(meta(d, "meta[name=twitter:card]")).isEqualTo("summary");
        String description = meta(d, "meta[name=description]");
        assertThat(description).startsWith("Claim in “").contains("Tom & \"Jerry\" <b>bold</b>");
        assertThat(meta(d, "meta[property=og:description]")).isEqualTo(description);
        assertThat(meta(d, "meta[name=twitter:description]")).isEqualTo(description);
        // the markup arrived as text: no element was made of it, in the head or anywhere
        assertThat(r.body()).doesNotContain("<b>bold</b>").doesNotContain("<script>alert(1)");
        assertThat(d.select("head b, head script:not([src])")).isEmpty();
    }

    @Test
    void articlePagesCarryPreviewTagsForVisitorsAndMembersAlike() {
        String title = app.dsl().select(ARTICLE.TITLE).from(ARTICLE).where(ARTICLE.SLUG.eq(Seeded.ARTICLE_SLUG))
                .fetchSingle().value1();
        for (TestClient c : List.of(app.client(), member)) {
            Document d = page(c, Seeded.ARTICLE);
            assertThat(meta(d, "meta[property=og:title]")).isEqualTo(title);
            assertThat(meta(d, "meta[property=og:url]")).isEqualTo(BASE + Seeded.ARTICLE);
            assertThat(d.select("link[rel=canonical]").attr("href")).isEqualTo(BASE + Seeded.ARTICLE);
            assertThat(meta(d, "meta[name=description]")).startsWith(title).contains("claims, predictions");
            assertThat(meta(d, "meta[name=twitter:card]")).isEqualTo("summary");
        }
    }

    @Test
    void robotsAllowsPublicPagesAndDisallowsPrivateAndPostOnlyPaths() {
        TestClient.Response r = app.client().get("/robots.txt");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Type")).get().asString().startsWith("text/plain");
        assertThat(r.header("Cache-Control")).get().asString().contains("max-age=");
        List<String> lines = r.body().lines().toList();
        assertThat(lines).contains("User-agent: *", "Allow: /", "Allow: /mod/log", "Disallow: /mod",
                "Disallow: /settings", "Disallow: /inbox", "Disallow: /items/*/stance$", "Disallow: /logout$",
                "Disallow: /comments/*/vote$", "Disallow: /preview$", "Sitemap: " + BASE + "/sitemap.xml");
        // no rule shuts out a public page: a disallowed pattern (with * as any text) matching none of them
        List<String> disallowed = lines.stream().filter(l -> l.startsWith("Disallow: "))
                .map(l -> l.substring("Disallow: ".length())).toList();
        for (String path : List.of("/", "/about", Seeded.ARTICLE, "/items/" + oddItem, "/comments/1", "/users/pv-member",
                "/leaderboard", "/feed.atom", "/login", "/register")) {
            for (String rule : disallowed) {
                String regex = java.util.regex.Pattern.quote(rule.replace("$", "")).replace("*", "\\E[^?]*\\Q")
                        + (rule.endsWith("$") ? "$" : ".*");
                assertThat(path.matches(regex)).as("%s disallowed by %s", path, rule).isFalse();
            }
        }
    }

    @Test
    void theSitemapIsValidXmlListingEveryArticleAndItemTheIndexLinksTo() throws Exception {
        // a retired article is not offered to search engines
        app.dsl().insertInto(ARTICLE).set(ARTICLE.TITLE, "A retired article").set(ARTICLE.PUBLISHER, "P")
                .set(ARTICLE.PUBLISHED_ON, java.time.LocalDate.now())
                .set(ARTICLE.BODY, "Retired text.").set(ARTICLE.SLUG, "a-retired-article").set(ARTICLE.AUTHORS, "A")
                .set(ARTICLE.QUOTED, "").set(ARTICLE.RETIRED_AT, OffsetDateTime.now()).set(ARTICLE.RETIRE_REASON, "old")
                .execute();
        app.app().dropCaches();
        TestClient.Response r = app.client().get("/sitemap.xml");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Type")).get().asString().startsWith("application/xml");
        assertThat(r.header("Cache-Control")).get().asString().contains("max-age=");
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        org.w3c.dom.Document xml = f.newDocumentBuilder()
                .parse(new ByteArrayInputStream(r.body().getBytes(StandardCharsets.UTF_8)));
        Element root = xml.getDocumentElement();
        assertThat(root.getLocalName()).isEqualTo("urlset");
        assertThat(root.getNamespaceURI()).isEqualTo("http://www.sitemaps.org/schemas/sitemap/0.9");
        Set<String> listed = new TreeSet<>();
        NodeList urls = root.getElementsByTagNameNS(root.getNamespaceURI(), "url");
        for (int i = 0; i < urls.getLength(); i++) {
            Element url = (Element) urls.item(i);
            listed.add(url.getElementsByTagNameNS(root.getNamespaceURI(), "loc").item(0).getTextContent());
            NodeList lastmod = url.getElementsByTagNameNS(root.getNamespaceURI(), "lastmod");
            if (lastmod.getLength() > 0) {
                OffsetDateTime.parse(lastmod.item(0).getTextContent()); // W3C datetime, or this throws
            }
        }
        // what a visitor finds: the articles on the front page, and the items each article page links to
        Set<String> found = new TreeSet<>();
        found.add(BASE + "/");
        List<String> articles = new ArrayList<>();
        page(app.client(), "/").select("main a[href^=/articles/]").forEach(a -> {
            String href = a.attr("href").replaceAll("[#?].*", "");
            if (href.matches("/articles/[^/.]+")) {
                articles.add(href);
            }
        });
        assertThat(articles).isNotEmpty();
        for (String article : articles) {
            found.add(BASE + article);
            page(app.client(), article).select("main a[href^=/items/]").forEach(a ->
                    found.add(BASE + a.attr("href").replaceAll("[#?].*", "")));
        }
        assertThat(listed).isEqualTo(found);
        assertThat(listed).noneMatch(u -> u.contains("a-retired-article"));
        assertThat(r.body()).contains("<lastmod>");
    }
}
