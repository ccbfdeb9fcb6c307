package crux.moderation;

import static crux.db.generated.Tables.ARTICLE;
import static crux.db.generated.Tables.ARTICLE_REVISION;
import static crux.db.generated.Tables.ITEM;
import static crux.db.generated.Tables.MODERATION_LOG;
import static crux.testing.Refusals.assertRefused;
import static crux.testing.TestClient.form;
import static org.assertj.core.api.Assertions.assertThat;

import crux.article.ArticleRepository;
import crux.debate.PostTokens;
import crux.markdown.XssCorpus;
import crux.testing.Seeded;
import crux.testing.TestApp;
import crux.testing.TestClient;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.Record;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Moderators publish articles pasted as Markdown, edit them (history kept, items never orphaned), retire and restore
 * them; every refusal stores nothing, and every action is one public log entry.
 */
class ArticlePublishingHttpTest {

    static final String MARKDOWN = """
            Chips are the new oil, and the race for them is on.

            ## What the exporters expect

            Officials expect *demand* to double by 2030, according to [the survey](https://example.org/survey).

            - Fabs take five years to build.
            - Subsidies keep rising.

            > Nobody wins a subsidy race, said the minister.
            """;

    static TestApp app;
    static TestClient mod;

    @BeforeAll
    static void start() {
        app = TestApp.start();
        mod = app.member("modmira", "moderator");
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    static Map<String, String> article(String title, String markdown, String... overrides) {
        Map<String, String> f = new LinkedHashMap<>(form("title", title, "authors", "Ada Writer",
                "publisher", "The Chip Weekly", "publishedOn", "2025-04-01",
                "sourceUrl", "https://example.org/chips", "quoted", "The minister\nThe article's author",
                "markdown", markdown, "reason", "a new article to debate"));
        for (int i = 0; i < overrides.length; i += 2) {
            f.put(overrides[i], overrides[i + 1]);
        }
        return f;
    }

    static String publish(String title, String markdown) {
        TestClient.Response r = mod.submit("/mod/articles/new", "/mod/articles", article(title, markdown));
        assertThat(r.status()).as(r.html().select("main").text()).isEqualTo(302);
        return r.location();
    }

    static Record stored(String path) {
        return app.dsl().selectFrom(ARTICLE).where(ARTICLE.SLUG.eq(path.substring("/articles/".length()))).fetchOne();
    }

    static Map<String, String> editForm(String path) {
        Document page = mod.get("/mod/articles/" + path.substring("/articles/".length()) + "/edit").html();
        Map<String, String> f = new LinkedHashMap<>();
        for (Element e : page.select("form[action^=/mod/articles] input[name], form[action^=/mod/articles] textarea[name]")) {
            f.put(e.attr("name"), e.tagName().equals("textarea") ? e.wholeText() : e.val());
        }
        f.remove("_csrf");
        f.put("reason", "fix a typo");
        return f;
    }

    static TestClient.Response edit(String path, Map<String, String> f) {
        String slug = path.substring("/articles/".length());
        return mod.submit("/mod/articles/" + slug + "/edit", "/mod/articles/" + slug + "/edit", f);
    }

    static long anchor(String path, String quote, String kind) {
        Map<String, String> f = new LinkedHashMap<>(form("article", path.substring("/articles/".length()),
                "quote", quote, "occurrence", "1", "kind", kind, "statement", "Statement about " + quote,
                "assertedBy", "The minister", "reason", "anchor"));
        if (kind.equals("prediction")) {
            f.putAll(form("criteria", "Demand doubles", "resolveBy", LocalDate.now().plusYears(2).toString(),
                    "implied", "80", "wording", "expect"));
        }
        TestClient.Response r = mod.submit("/mod/items/new?article=" + path.substring("/articles/".length()),
                "/mod/items", f);
        assertThat(r.status()).as(r.html().select(".field-error").text()).isEqualTo(302);
        return Long.parseLong(r.location().substring("/items/".length()));
    }

    @Test
    void aPublishedArticleHasItsPageTextAndLogEntry() {
        int logs = app.count(MODERATION_LOG);
        String path = publish("Chips & the new oil", MARKDOWN);
        assertThat(path).isEqualTo("/articles/chips-the-new-oil");
        Record a = stored(path);
        assertThat(a.get(ARTICLE.FORMAT)).isEqualTo("markdown");
        assertThat(a.get(ARTICLE.MARKDOWN)).isEqualTo(MARKDOWN.strip());
        assertThat(a.get(ARTICLE.BODY)).contains("What the exporters expect").doesNotContain("##");

        Document page = app.client().get(path).html();
        assertThat(page.select("h1").text()).isEqualTo("Chips & the new oil");
        assertThat(page.select(".byline").text()).contains("Ada Writer").contains("The Chip Weekly")
                .contains("1 April 2025");
        assertThat(page.select("article h2").text()).contains("What the exporters expect");
        assertThat(page.select("article li").eachText()).contains("Fabs take five years to build.");
        assertThat(page.select("article blockquote").text()).contains("Nobody wins a subsidy race");
        assertThat(page.select("article a[href=https://example.org/survey]")).isNotEmpty();

        assertThat(app.count(MODERATION_LOG)).isEqualTo(logs + 1);
        var entry = app.dsl().selectFrom(MODERATION_LOG).orderBy(MODERATION_LOG.ID.desc()).limit(1).fetchOne();
        assertThat(entry.getAction()).isEqualTo("publish_article");
        assertThat(entry.getTargetKind()).isEqualTo("article");
        assertThat(entry.getTargetId()).isEqualTo(a.get(ARTICLE.ID));
        assertThat(app.client().get("/mod/log").html().select("a[href=" + path + "]").text())
                .contains("Chips & the new oil");
        // listed on the front page at once
        assertThat(app.client().get("/").html().select("a[href=" + path + "]")).isNotEmpty();

        // the same title again gets its own address
        assertThat(publish("Chips & the new oil", MARKDOWN)).isEqualTo("/articles/chips-the-new-oil-2");
    }

    @Test
    void membersAndStrangersCannotPublish() {
        TestClient member = app.member("plainpia");
        var before = app.snapshot();
        assertRefused(member.submit("/", "/mod/articles", article("Mine", MARKDOWN)), 403,
                "This page is for moderators.");
        assertThat(member.get("/mod/articles/new").status()).isEqualTo(403);
        assertThat(app.client().post("/mod/articles", article("Mine", MARKDOWN)).status()).isEqualTo(403);
        TestClient.Response anonymous = app.client().get("/mod/articles/new");
        assertThat(anonymous.status()).isIn(302, 303, 401, 403);
        assertThat(app.snapshotWithoutCounters()).isEqualTo(withoutCounters(before));
    }

    static Map<String, List<String>> withoutCounters(Map<String, List<String>> snapshot) {
        Map<String, List<String>> s = new LinkedHashMap<>(snapshot);
        s.keySet().removeIf(k -> k.equalsIgnoreCase("rate_counter"));
        return s;
    }

    @Test
    void badFieldsReShowTheFormAndStoreNothing() {
        var before = app.snapshot();
        TestClient.Response r = mod.submit("/mod/articles/new", "/mod/articles", article("  ", "   ",
                "publisher", "", "publishedOn", "2025-13-01", "sourceUrl", "javascript:alert(1)", "quoted", "\n \n",
                "reason", ""));
        assertThat(r.status()).isEqualTo(422);
        Document page = r.html();
        for (String field : List.of("title", "publisher", "publishedOn", "sourceUrl", "quoted", "markdown",
                "reason")) {
            assertThat(page.select("#" + field + "-error")).as(field).hasSize(1);
        }
        assertThat(page.select("#authors").val()).isEqualTo("Ada Writer");
        assertThat(page.select("#sourceUrl").val()).isEqualTo("javascript:alert(1)");

        r = mod.submit("/mod/articles/new", "/mod/articles", article("x".repeat(301), MARKDOWN,
                "publishedOn", LocalDate.now().plusDays(10).toString(), "sourceUrl", "ftp://example.org/x",
                "markdown", "\u202e\u200b"));
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.html().select("#title-error").text()).contains("300");
        assertThat(r.html().select("#publishedOn-error").text()).contains("between");
        assertThat(r.html().select("#sourceUrl-error").text()).contains("http");
        assertThat(r.html().select("#markdown-error").text()).contains("no words");
        assertThat(app.snapshot()).isEqualTo(before);
    }

    @Test
    void anItemAnchoredInANewArticleTakesStancesForecastsAndArguments() {
        String path = publish("Anchors in a second article", MARKDOWN);
        long claim = anchor(path, "Fabs take five years to build.", "claim");
        long prediction = anchor(path, "Officials expect demand to double by 2030", "prediction");
        Document page = app.client().get(path).html();
        assertThat(page.select("a.passage[href=/items/" + claim + "]").text()).isEqualTo("Fabs take five years to build.");
        assertThat(page.select("a.passage[href=/items/" + prediction + "]").text())
                .isEqualTo("Officials expect demand to double by 2030");

        TestClient member = app.member("votingvic");
        assertThat(member.submit("/items/" + claim, "/items/" + claim + "/stance", form("stance", "agree")).status())
                .isIn(302, 303);
        assertThat(member.submit("/items/" + prediction, "/items/" + prediction + "/forecast",
                form("probability", "70", "rationale", "fabs are slow")).status()).isIn(302, 303);
        TestClient.Response argued = member.submit("/items/" + claim, "/items/" + claim + "/arguments",
                form("side", "supports", "body", "TSMC Arizona took years.", "token", PostTokens.next()));
        assertThat(argued.status()).isEqualTo(302);
        assertThat(app.dsl().selectFrom(ITEM).where(ITEM.ID.eq(claim)).fetchOne().getAgreeCount()).isEqualTo(1);
        assertThat(member.get("/items/" + claim).html().text())
                .contains("TSMC Arizona took years.");
    }

    @Test
    void editsKeepHistoryReAnchorMovedPassagesAndRefuseStaleOrOrphaningOnes() {
        String path = publish("Edits keep history", MARKDOWN);
        long fabs = anchor(path, "Fabs take five years to build.", "claim");
        Record a = stored(path);
        int start = app.dsl().select(ITEM.QUOTE_START).from(ITEM).where(ITEM.ID.eq(fabs)).fetchOne().value1();

        // an edit that moves the passage: re-anchored in the same transaction, and the log says so
        Map<String, String> f = editForm(path);
        assertThat(f.get("revision")).isEqualTo("1");
        f.put("markdown", "A new opening paragraph, added later.\n\n" + f.get("markdown"));
        f.put("title", "Edits keep history (updated)");
        TestClient.Response ok = edit(path, f);
        assertThat(ok.status()).as(ok.html().select("main").text()).isEqualTo(302);
        assertThat(ok.location()).isEqualTo(path);
        int moved = app.dsl().select(ITEM.QUOTE_START).from(ITEM).where(ITEM.ID.eq(fabs)).fetchOne().value1();
        assertThat(moved).isGreaterThan(start);
        assertThat(stored(path).get(ARTICLE.BODY).startsWith("Fabs take five years to build.", moved)).isTrue();
        assertThat(stored(path).get(ARTICLE.REVISION)).isEqualTo(2);
        assertThat(app.dsl().fetchCount(ARTICLE_REVISION, ARTICLE_REVISION.ARTICLE_ID.eq(a.get(ARTICLE.ID))))
                .isEqualTo(1);
        var entry = app.dsl().selectFrom(MODERATION_LOG).orderBy(MODERATION_LOG.ID.desc()).limit(1).fetchOne();
        assertThat(entry.getAction()).isEqualTo("edit_article");
        assertThat(entry.getReason()).contains("fix a typo").contains("re-anchored").contains("#" + fabs);
        Document page = app.client().get(path).html();
        assertThat(page.select("h1").text()).isEqualTo("Edits keep history (updated)");
        assertThat(page.select("a.passage[href=/items/" + fabs + "]").text()).isEqualTo("Fabs take five years to build.");

        // the public history lists the replaced version with its editor, reason and the changed lines
        Document history = app.client().get(path + "/history").html();
        assertThat(history.select("section.revision")).hasSize(1);
        assertThat(history.select("section.revision").text()).contains("Edits keep history").contains("modmira")
                .contains("fix a typo");
        assertThat(history.select("ins").text()).contains("A new opening paragraph, added later.");

        // a stale form (based on revision 1) is a conflict: nothing stored
        var before = app.snapshot();
        f.put("title", "A late edit");
        assertRefused(edit(path, f), 409, "Someone else edited this article while you were editing it. "
                + "Reload the edit form to start from the current version.");
        assertThat(app.snapshot()).isEqualTo(before);

        // an edit that removes an item's words is refused with the item listed: nothing stored
        Map<String, String> orphaning = editForm(path);
        orphaning.put("markdown", orphaning.get("markdown").replace("Fabs take five years to build.", "Fabs are slow."));
        TestClient.Response refused = edit(path, orphaning);
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.html().select(".stranded a[href=/items/" + fabs + "]").text())
                .isEqualTo("Statement about Fabs take five years to build.");
        assertThat(refused.html().select(".stranded").text()).contains("no longer be in the text");
        assertThat(app.snapshot()).isEqualTo(before);

        // ... and so is one that removes the person an item is asserted by
        Map<String, String> unquoting = editForm(path);
        unquoting.put("quoted", "The article's author");
        refused = edit(path, unquoting);
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.html().select(".stranded").text()).contains("The minister");
        assertThat(app.snapshot()).isEqualTo(before);

        // the address never follows the title
        assertThat(stored(path).get(ARTICLE.SLUG)).isEqualTo("edits-keep-history");
    }

    @Test
    void theFirstArticlesDetailsAreEditableButNotItsText() {
        Map<String, String> f = editForm(Seeded.ARTICLE);
        assertThat(mod.get("/mod/articles/" + Seeded.ARTICLE_SLUG + "/edit").html().select("#markdown")).isEmpty();
        String body = app.dsl().select(ARTICLE.BODY).from(ARTICLE).where(ARTICLE.SLUG.eq(Seeded.ARTICLE_SLUG))
                .fetchOne().value1();
        f.put("publisher", "Balaji's newsletter");
        f.put("markdown", "ignored");
        TestClient.Response r = edit(Seeded.ARTICLE, f);
        assertThat(r.status()).as(r.html().select("main").text()).isEqualTo(302);
        var a = app.dsl().selectFrom(ARTICLE).where(ARTICLE.SLUG.eq(Seeded.ARTICLE_SLUG)).fetchOne();
        assertThat(a.getPublisher()).isEqualTo("Balaji's newsletter");
        assertThat(a.getBody()).isEqualTo(body);
        assertThat(a.getFormat()).isEqualTo("text");
    }

    @Test
    void retiredArticlesLeaveTheFrontPageKeepTheirPageAndComeBack() {
        String path = publish("Retire me", MARKDOWN);
        long claim = anchor(path, "Subsidies keep rising.", "claim");
        long prediction = anchor(path, "Fabs take five years to build.", "prediction");
        String slug = path.substring("/articles/".length());
        TestClient member = app.member("latelou");
        String item = "/items/" + claim;
        TestClient.Response argued = member.submit(item, item + "/arguments",
                form("side", "supports", "body", "Before the retirement.", "token", PostTokens.next()));
        assertThat(argued.status()).isEqualTo(302);
        long argument = Long.parseLong(argued.location().replaceAll(".*#comment-", ""));
        assertThat(mod.submit(path, "/mod/articles/" + slug + "/retire", form("reason", "off topic")).status())
                .isEqualTo(302);
        assertThat(app.client().get("/").html().select("a[href=" + path + "]")).isEmpty();
        TestClient.Response page = app.client().get(path);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.html().select(".notice--retired").text()).contains("retired").contains("off topic");
        assertThat(member.get(path).html().select("form[action=" + item + "/stance]")).isEmpty();

        // its items are kept to be read: no form offers a write, and every write is refused with nothing stored
        Document itemPage = member.get(item).html();
        assertThat(itemPage.select(".notice").text()).contains("The article this item comes from has been retired");
        assertThat(itemPage.select("form[action=" + item + "/stance]")).isEmpty();
        assertThat(itemPage.select("form[action=" + item + "/arguments]")).isEmpty();
        Document predictionPage = member.get("/items/" + prediction).html();
        assertThat(predictionPage.select("form[action=/items/" + prediction + "/forecast]")).isEmpty();
        assertThat(predictionPage.select("#forecast .notice").text()).contains("this article has been retired");
        var before = app.snapshot();
        assertRefused(mod.submit(path, "/mod/articles/" + slug + "/retire", form("reason", "again")), 409,
                "This article has already been retired.");
        String refused = ArticleRepository.RETIRED;
        assertRefused(member.submit(item, item + "/arguments",
                form("side", "supports", "body", "Too late.", "token", PostTokens.next())), 409, refused);
        assertRefused(member.submit(item, item + "/stance", form("stance", "agree")), 409, refused);
        assertRefused(member.submit(item, item + "/stance", form("stance", "withdraw")), 409, refused);
        assertRefused(member.submit("/items/" + prediction, "/items/" + prediction + "/forecast",
                form("probability", "30", "rationale", "Too late as well.")), 409, refused);
        assertRefused(member.submit("/items/" + prediction, "/items/" + prediction + "/forecast",
                form("probability", "", "rationale", "")), 409, refused);
        assertRefused(member.get("/comments/" + argument + "/reply"), 409, refused);
        assertRefused(member.submit(item, "/comments/" + argument + "/replies",
                form("body", "A late reply.", "token", PostTokens.next())), 409, refused);
        assertThat(app.snapshotWithoutCounters()).isEqualTo(withoutCounters(before));

        assertThat(mod.submit(path, "/mod/articles/" + slug + "/restore", form("reason", "back")).status())
                .isEqualTo(302);
        assertThat(app.client().get("/").html().select("a[href=" + path + "]")).isNotEmpty();
        assertThat(member.get(item).html().select("form[action=" + item + "/stance]")).isNotEmpty();
        assertThat(member.submit(item, item + "/stance", form("stance", "agree")).status()).isEqualTo(303);
        assertThat(member.submit("/items/" + prediction, "/items/" + prediction + "/forecast",
                form("probability", "30", "rationale", "Open again.")).status()).isEqualTo(303);
        assertThat(member.submit(item, "/comments/" + argument + "/replies",
                form("body", "Back again.", "token", PostTokens.next())).status()).isEqualTo(302);
        assertThat(app.dsl().select(MODERATION_LOG.ACTION).from(MODERATION_LOG)
                .where(MODERATION_LOG.TARGET_KIND.eq("article")).and(MODERATION_LOG.TARGET_ID.eq(stored(path)
                        .get(ARTICLE.ID))).orderBy(MODERATION_LOG.ID).fetch(MODERATION_LOG.ACTION))
                .containsExactly("publish_article", "retire_article", "restore_article");
    }

    @Test
    void theModeratorSeesPublishEditAndRetireLinks() {
        assertThat(mod.get("/mod").html().select("a[href=/mod/articles/new]")).isNotEmpty();
        Document page = mod.get(Seeded.ARTICLE).html();
        assertThat(page.select("a[href=/mod/articles/" + Seeded.ARTICLE_SLUG + "/edit]")).isNotEmpty();
        assertThat(page.select("form[action=/mod/articles/" + Seeded.ARTICLE_SLUG + "/retire]")).isNotEmpty();
        assertThat(app.client().get(Seeded.ARTICLE).html().select("a[href^=/mod/articles]")).isEmpty();
    }

    @Test
    void hostileTextInEveryFieldStaysText() throws Exception {
        List<XssCorpus.Payload> corpus = XssCorpus.load();
        StringBuilder markdown = new StringBuilder();
        List<String> paths = new ArrayList<>();
        int n = 0;
        for (XssCorpus.Payload p : corpus) {
            if (markdown.length() + p.source().length() < 100_000) {
                markdown.append(p.source()).append("\n\n");
            }
            String oneLine = p.source().replaceAll("\\s+", " ").strip();
            if (!oneLine.isEmpty() && oneLine.length() <= 100 && n++ < 40) {
                TestClient.Response r = mod.submit("/mod/articles/new", "/mod/articles", article(oneLine,
                        "Some text.", "authors", oneLine, "publisher", oneLine, "quoted", oneLine));
                if (r.status() == 302) {
                    paths.add(r.location());
                }
            }
        }
        paths.add(publish("The corpus as a body", markdown.toString()));
        assertThat(paths).hasSizeGreaterThan(10);
        for (String path : paths) {
            Document page = app.client().get(path).html();
            assertThat(page.select("script:not([src])")).as(path).isEmpty();
            assertThat(page.select("main iframe, main object, main embed, main style, main base, main meta"))
                    .as(path).isEmpty();
            for (Element e : page.select("main *")) {
                e.attributes().forEach(attr -> {
                    assertThat(attr.getKey()).as(path).doesNotStartWith("on");
                    if (attr.getKey().equals("href") || attr.getKey().equals("src")) {
                        assertThat(attr.getValue().strip().toLowerCase()).as(path)
                                .doesNotStartWith("javascript:").doesNotStartWith("data:").doesNotStartWith("vbscript:");
                    }
                });
            }
        }
        Document form = mod.get("/mod/articles/new").html();
        assertThat(form.select("script:not([src])")).isEmpty();
    }

    /**
     * An article written straight into the database (by another instance, or an operator) less than a second ago is
     * not yet among the articles this instance holds: its item's page and a stance on it are served all the same.
     */
    @Test
    void anArticleWrittenElsewhereJustNowServesItsItemsAtOnce() {
        long article = app.dsl().insertInto(ARTICLE).set(ARTICLE.TITLE, "Written elsewhere")
                .set(ARTICLE.PUBLISHER, "Crux tests").set(ARTICLE.PUBLISHED_ON, LocalDate.of(2026, 12, 1))
                .set(ARTICLE.BODY, "The whole text. Tides rise.").set(ARTICLE.SLUG, "written-elsewhere")
                .returning(ARTICLE.ID).fetchOne().getId();
        long item = app.dsl().insertInto(ITEM).set(ITEM.ARTICLE_ID, article).set(ITEM.POSITION, 1)
                .set(ITEM.KIND, "claim").set(ITEM.STATEMENT, "Tides rise.").set(ITEM.ASSERTED_BY, "The author")
                .set(ITEM.QUOTE, "Tides rise.").set(ITEM.QUOTE_START, 16).returning(ITEM.ID).fetchOne().getId();
        TestClient member = app.member("elsewherereader");
        TestClient.Response page = member.get("/items/" + item);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.html().select("h1").text()).contains("Tides rise.");
        assertThat(member.submit("/items/" + item, "/items/" + item + "/stance", form("stance", "agree")).status())
                .isEqualTo(303);
    }
}
