package crux.search;

import static crux.db.generated.Tables.COMMENT;
import static crux.db.generated.Tables.ITEM;
import static crux.db.generated.Tables.MEMBER;
import static crux.testing.TestClient.form;
import static org.assertj.core.api.Assertions.assertThat;

import crux.debate.PostTokens;
import crux.testing.TestApp;
import crux.testing.TestClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.jooq.DSLContext;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Search as readers and moderators use it, through {@code GET /search}: the same tests for both engines (the
 * subclasses start Crux on H2, with Lucene, and on PostgreSQL). Each test uses words of its own, so they share one
 * app in any order.
 */
abstract class SearchContract {

    static TestApp app;
    static TestClient visitor;
    static TestClient author;
    static TestClient moderator;
    static long claim;
    static String firstSlug;

    static void start(String kind) {
        app = TestApp.start(kind);
        visitor = app.client();
        author = app.member("quillfeather");
        moderator = app.member("searchmod", "moderator");
        claim = app.claim(1);
        firstSlug = app.dsl().select(crux.db.generated.Tables.ARTICLE.SLUG).from(crux.db.generated.Tables.ARTICLE)
                .orderBy(crux.db.generated.Tables.ARTICLE.ID).limit(1).fetchOne().value1();
    }

    @AfterAll
    static void stop() {
        if (app != null) { // null when the engine's database is not there (PostgreSQL not set up): skipped
            app.close();
        }
    }

    static DSLContext dsl() {
        return app.dsl();
    }

    static TestClient.Response get(TestClient c, String q, String... filters) {
        StringBuilder path = new StringBuilder("/search?q=").append(URLEncoder.encode(q, StandardCharsets.UTF_8));
        for (int i = 0; i < filters.length; i += 2) {
            path.append('&').append(filters[i]).append('=').append(URLEncoder.encode(filters[i + 1], StandardCharsets.UTF_8));
        }
        return c.get(path.toString());
    }

    static Document search(TestClient c, String q, String... filters) {
        TestClient.Response r = get(c, q, filters);
        assertThat(r.status()).as("search for %s", q).isEqualTo(200);
        return r.html();
    }

    /** The results' links, best first. */
    static List<String> found(TestClient c, String q, String... filters) {
        return search(c, q, filters).select(".search-result .search-title").eachAttr("href");
    }

    private static final Pattern ANCHOR = Pattern.compile("#comment-(\\d+)$");

    static long argue(TestClient c, long itemId, String body) {
        app.resetLimits();
        TestClient.Response r = c.submit("/about", "/items/" + itemId + "/arguments",
                form("side", "supports", "body", body, "token", PostTokens.next()));
        assertThat(r.status()).as("posting %s", body).isEqualTo(302);
        Matcher m = ANCHOR.matcher(r.location());
        assertThat(m.find()).isTrue();
        return Long.parseLong(m.group(1));
    }

    static String comment(long id) {
        return "/comments/" + id;
    }

    static void moderate(long commentId, String action) {
        TestClient.Response r = moderator.submit("/mod", "/mod/comments/" + commentId + "/" + action,
                form("reason", "search test"));
        assertThat(r.status()).as(action).isBetween(300, 399);
    }

    /** Words of at least {@code min} letters from {@code text}, the first {@code n}. */
    static String words(String text, int min, int n) {
        return String.join(" ", Arrays.stream(text.split("[^\\p{L}]+")).filter(w -> w.length() >= min).limit(n).toList());
    }

    @Test
    void aRareWordInANewArgumentIsFoundAndMarked() {
        long id = argue(author, claim, "The zymurgical angle matters here, whatever **they** say.");
        Document page = search(visitor, "zymurgical");
        assertThat(page.select(".search-result .search-title").eachAttr("href")).containsExactly(comment(id));
        assertThat(page.select(".search-snippet mark").eachText()).containsExactly("zymurgical");
        assertThat(page.select(".search-snippet").text()).contains("The zymurgical angle matters here");
        assertThat(page.select(".search-context a").attr("href")).isEqualTo("/items/" + claim);
    }

    @Test
    void anItemIsFoundByItsStatementItsResolutionCriteriaAndItsPassage() {
        var statement = dsl().select(ITEM.STATEMENT).from(ITEM).where(ITEM.ID.eq(claim)).fetchOne().value1();
        assertThat(found(visitor, words(statement, 5, 3), "kind", "items")).contains("/items/" + claim);
        long prediction = app.prediction(1);
        var criteria = dsl().select(ITEM.RESOLUTION_CRITERIA).from(ITEM).where(ITEM.ID.eq(prediction)).fetchOne().value1();
        assertThat(found(visitor, words(criteria, 6, 3), "kind", "items")).contains("/items/" + prediction);
        long second = app.claim(2);
        var quote = dsl().select(ITEM.QUOTE).from(ITEM).where(ITEM.ID.eq(second)).fetchOne().value1();
        assertThat(found(visitor, '"' + quote + '"', "kind", "items")).as("the whole passage as a phrase, stop words and all")
                .contains("/items/" + second);
    }

    @Test
    void quotesFindAPhraseAndAMinusLeavesAWordOut() {
        long rolls = argue(author, claim, "Velvet thunder rolls over the hills.");
        long curtains = argue(app.member("curtainer"), claim, "Thunder shook the velvet curtains.");
        assertThat(found(visitor, "velvet thunder")).containsExactlyInAnyOrder(comment(rolls), comment(curtains));
        assertThat(found(visitor, "\"velvet thunder\"")).containsExactly(comment(rolls));
        assertThat(found(visitor, "velvet -curtains")).containsExactly(comment(rolls));
        assertThat(found(visitor, "velvet -\"thunder rolls\"")).containsExactly(comment(curtains));
        assertThat(found(visitor, "-velvet")).as("only exclusions find nothing").isEmpty();
        assertThat(search(visitor, "-velvet").select(".empty-state").text()).contains("Nothing matches");
    }

    @Test
    void moreRelevantComesFirstAndNewerFirstAmongEquals() {
        long item = app.claim(3);
        List<Long> ids = SearchData.arguments(dsl(), item, app.memberNamed("quillfeather").id(), List.of(
                "heliotrope heliotrope heliotrope in the garden",
                "A long and winding remark about gardens and weather and soil where heliotrope appears just once",
                "identical marigold words", "identical marigold words"));
        assertThat(found(visitor, "heliotrope")).containsExactly(comment(ids.get(0)), comment(ids.get(1)));
        assertThat(found(visitor, "marigold")).as("newer first").containsExactly(comment(ids.get(3)), comment(ids.get(2)));
    }

    @Test
    void filtersNarrowByKindAndArticle() {
        long other = SearchData.articleWithClaim(dsl(), "search-second-article", "Quokkas thrive on remote islands");
        app.app().dropCaches();
        long argument = argue(author, claim, "Nobody mentioned the quokka sightings.");
        app.member("quokkafan");
        assertThat(found(visitor, "quokka")).containsExactlyInAnyOrder("/items/" + other, comment(argument));
        assertThat(found(visitor, "quokka", "kind", "items")).containsExactly("/items/" + other);
        assertThat(found(visitor, "quokka", "kind", "arguments")).containsExactly(comment(argument));
        assertThat(found(visitor, "quokka", "article", "search-second-article")).containsExactly("/items/" + other);
        assertThat(found(visitor, "quokka", "article", firstSlug)).containsExactly(comment(argument));
        assertThat(found(visitor, "quokkafan", "kind", "members")).containsExactly("/users/quokkafan");
        assertThat(found(visitor, "quokkafan", "kind", "arguments")).isEmpty();
        assertThat(found(visitor, "quokkafan", "article", firstSlug)).as("members belong to no article").isEmpty();
        assertThat(get(visitor, "quokka", "article", "no-such-article").status()).isEqualTo(404);
    }

    @Test
    void resultsComeInPagesOfTwenty() {
        List<String> bodies = IntStream.range(0, 25).mapToObj(i -> "pagination lantern number " + i).toList();
        List<Long> ids = SearchData.arguments(dsl(), app.claim(4), app.memberNamed("quillfeather").id(), bodies);
        Document first = search(visitor, "lantern");
        assertThat(first.select(".search-count").text()).startsWith("25 results");
        assertThat(first.select(".pager span").text()).isEqualTo("Page 1 of 2");
        List<String> one = first.select(".search-result .search-title").eachAttr("href");
        assertThat(one).hasSize(20);
        Document second = search(visitor, first.select(".pager a[rel=next]").attr("href").replaceAll(".*q=", "")
                .replaceAll("&.*", ""), "page", "2");
        List<String> two = second.select(".search-result .search-title").eachAttr("href");
        assertThat(two).hasSize(5);
        Set<String> all = new HashSet<>(one);
        all.addAll(two);
        assertThat(all).containsExactlyInAnyOrderElementsOf(ids.stream().map(SearchContract::comment).toList());
        assertThat(found(visitor, "lantern", "page", "3")).isEmpty();
        assertThat(get(visitor, "lantern", "page", "51").status()).isEqualTo(400);
    }

    @Test
    void hiddenPendingRemovedDeletedAndRetiredAreFoundOnlyByModeratorsAndMarked() {
        long shown = argue(author, claim, "ocelot in plain view");
        long hidden = argue(author, claim, "ocelot to be hidden");
        long removed = argue(author, claim, "ocelot to be removed");
        long pending = argue(author, claim, "ocelot awaiting review");
        long deleted = argue(author, claim, "ocelot to be deleted");
        moderate(hidden, "hide");
        moderate(removed, "remove");
        dsl().update(COMMENT).set(COMMENT.MODERATION_STATE, "pending").where(COMMENT.ID.eq(pending)).execute();
        assertThat(author.submit("/comments/" + deleted + "/edit", "/comments/" + deleted + "/delete", form()).status())
                .isEqualTo(302);
        long retired = SearchData.articleWithClaim(dsl(), "search-retired-article", "An ocelot claim retired later");
        dsl().update(ITEM).set(ITEM.RETIRED_AT, OffsetDateTime.now()).where(ITEM.ID.eq(retired)).execute();

        assertThat(found(visitor, "ocelot")).containsExactly(comment(shown));
        assertThat(found(author, "ocelot")).as("members, the author too").containsExactly(comment(shown));
        Document mod = search(moderator, "ocelot");
        assertThat(mod.select(".search-result .search-title").eachAttr("href")).containsExactlyInAnyOrder(
                comment(shown), comment(hidden), comment(removed), comment(pending), "/items/" + retired);
        assertThat(mod.select(".search-state").eachText())
                .containsExactlyInAnyOrder("hidden", "removed", "pending review", "retired");

        moderate(hidden, "restore");
        assertThat(found(visitor, "ocelot")).containsExactlyInAnyOrder(comment(shown), comment(hidden));
    }

    @Test
    void aBannedMembersArgumentsStayFoundAsOnTheirItemAndADeletedMemberIsNot() {
        long tusk = argue(app.member("narwhalist"), claim, "narwhal tusks are teeth");
        app.member("vanishedone");
        dsl().update(MEMBER).set(MEMBER.BANNED_AT, OffsetDateTime.now()).where(MEMBER.NAME.eq("narwhalist")).execute();
        dsl().update(MEMBER).set(MEMBER.DELETED_AT, OffsetDateTime.now()).where(MEMBER.NAME.eq("vanishedone")).execute();
        assertThat(found(visitor, "narwhal")).containsExactly(comment(tusk));
        assertThat(visitor.get(comment(tusk)).status()).as("its permalink answers too").isBetween(200, 399);
        assertThat(found(visitor, "narwhalist")).containsExactly("/users/narwhalist");
        assertThat(found(visitor, "vanishedone")).isEmpty();
    }

    @Test
    void editsAndDeletionsCountAtOnce() {
        long id = argue(author, claim, "A kestrel hovers above the field.");
        assertThat(found(visitor, "kestrel")).containsExactly(comment(id));
        assertThat(author.submit("/comments/" + id + "/edit", "/comments/" + id + "/edit",
                form("body", "A harrier hovers above the field.")).status()).isEqualTo(302);
        assertThat(found(visitor, "kestrel")).isEmpty();
        assertThat(found(visitor, "harrier")).containsExactly(comment(id));
        assertThat(author.submit("/comments/" + id + "/edit", "/comments/" + id + "/delete", form()).status())
                .isEqualTo(302);
        assertThat(found(visitor, "harrier")).isEmpty();
        var statement = "The archipelago economy grows slowly";
        long item = SearchData.articleWithClaim(dsl(), "search-edited-article", statement);
        assertThat(found(visitor, "archipelago")).containsExactly("/items/" + item);
        dsl().update(ITEM).set(ITEM.STATEMENT, "The peninsula economy grows slowly").where(ITEM.ID.eq(item)).execute();
        assertThat(found(visitor, "archipelago")).as("the quote still says it").containsExactly("/items/" + item);
        assertThat(found(visitor, "peninsula")).containsExactly("/items/" + item);
    }

    /** Markup, SQL, operators of both engines, odd Unicode: a page (or 400), the query shown as text. */
    static final List<String> HOSTILE = List.of(
            "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "'; DROP TABLE comment; --",
            "' OR 1=1 --", "a & b | !c <-> d:* ", "(((", ")))", "\"", "\"\"\"", "-", "--", "- - -", "!!", "*",
            "title:foo AND body:bar~2 OR baz^3", "foo* ?oo [a TO z] {a TO z} /regex/", "\\", "%", "%00", "or", "OR OR",
            "and not", "a\u0000b", "\u202Eevil\u202C", "\u2066isolate\u2069", "\u0007bell\u001b[31m", "\uFEFFbom",
            "𝕦𝕟𝕚𝕔𝕠𝕕𝕖 🚀 emoji", "ﬁ ligature", "İstanbul", "日本語のテキスト", "שלום עולם", "a".repeat(200),
            "word ".repeat(100), "\"" + "x ".repeat(300) + "\"", "-\"unterminated phrase");

    @Test
    void hostileQueriesGetAPageWithTheQueryShownAsText() {
        for (String q : HOSTILE) {
            TestClient.Response r = get(visitor, q);
            assertThat(r.status()).as("status for %s", q).isIn(200, 400);
            Document page = r.html();
            assertThat(page.select("script:not([src])")).as("no inline script for %s", q).isEmpty();
            assertThat(page.select("img[onerror]")).isEmpty();
            assertThat(page.select("main").html()).doesNotContain("<script>alert");
        }
        Document page = search(visitor, "<script>alert(1)</script>");
        assertThat(page.select("#search-q").val()).isEqualTo("<script>alert(1)</script>");
        assertThat(page.select("title").text()).contains("<script>alert(1)</script>");
        assertThat(page.select("#search-q").val()).doesNotContain("\u202E");
        TestClient.Response tooLong = get(visitor, "x".repeat(5_000));
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.html().select("[role=alert]").text()).contains("at most 500 characters");
        assertThat(get(visitor, "ok", "kind", "<b>", "page", "-3").status()).isEqualTo(200);
    }

    @Test
    void malformedPercentEncodingAndInvalidUtf8AreRefusedOrServedButNeverFail() throws IOException {
        for (String raw : List.of("q=%FF%FE", "q=%E0%A4", "q=%C0%AF", "q=%", "q=%G1", "q=%%%", "q=a%00b", "q=%ED%A0%80",
                "page=%FF", "kind=%FF&q=x", "article=%FF&q=x")) {
            int status = rawStatus("/search?" + raw);
            assertThat(status).as(raw).isBetween(200, 499);
        }
    }

    /** The status of a GET sent byte for byte as given: no HTTP client would send these. */
    static int rawStatus(String target) throws IOException {
        try (Socket s = new Socket("127.0.0.1", app.app().port())) {
            OutputStream out = s.getOutputStream();
            out.write(("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = s.getInputStream();
            String line = new String(in.readNBytes(12), StandardCharsets.ISO_8859_1);
            return Integer.parseInt(line.substring(9, 12));
        }
    }

    @Test
    void aSearchCostsTheSameStatementsForThirtyAndForTwoThousandArguments() {
        long item = app.claim(5);
        long authorId = app.memberNamed("quillfeather").id();
        SearchData.arguments(dsl(), item, authorId, IntStream.range(0, 30).mapToObj(i -> "abacus filler " + i).toList());
        List<Integer> small = statements();
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            many.add("abacus filler with more words " + i);
        }
        SearchData.arguments(dsl(), item, authorId, many);
        List<Integer> large = statements();
        assertThat(large).isEqualTo(small);
        assertThat(large).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(4));
    }

    /** Statements of a few searches (after one that brings an index up to date with what was just written). */
    private static List<Integer> statements() {
        get(visitor, "abacus");
        List<Integer> counts = new ArrayList<>();
        for (TestClient c : List.of(visitor, author)) {
            for (String[] q : List.of(new String[] {"abacus"}, new String[] {"abacus filler", "kind", "arguments"},
                    new String[] {"abacus", "page", "2"}, new String[] {"\"abacus filler\" -nothing", "article", firstSlug})) {
                app.forgetKeptSessions(); // the member's session read afresh, whatever came a moment before
                TestClient.Response r = get(c, q[0], Arrays.copyOfRange(q, 1, q.length));
                assertThat(r.status()).isEqualTo(200);
                counts.add(Integer.parseInt(r.header("X-Sql-Statements").orElseThrow()));
            }
        }
        return counts;
    }
}
