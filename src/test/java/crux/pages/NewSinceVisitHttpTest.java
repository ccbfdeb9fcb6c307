package crux.pages;

import static crux.db.generated.Tables.COMMENT;
import static crux.db.generated.Tables.ITEM_VISIT;
import static crux.testing.TestClient.form;
import static org.assertj.core.api.Assertions.assertThat;

import crux.debate.DebateSeed;
import crux.debate.PostTokens;
import crux.testing.Seeded;
import crux.testing.TestApp;
import crux.testing.TestClient;
import crux.testing.Wait;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jooq.Record1;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * "New since your last visit": a member's item page marks what others posted since they last opened it, with a link
 * to the first; the front page and the article's index count it; none of it costs statements that grow with the data.
 */
class NewSinceVisitHttpTest {

    static TestApp app;

    @BeforeAll
    static void start() {
        app = TestApp.start(TestApp.defaultKind(), Map.of());
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    static long argue(TestClient c, long item, String body) {
        return id(c.submit("/about", "/items/" + item + "/arguments",
                form("side", "supports", "body", body, "token", PostTokens.next())));
    }

    static long reply(TestClient c, long comment, String body) {
        return id(c.submit("/about", "/comments/" + comment + "/replies",
                form("body", body, "token", PostTokens.next())));
    }

    static long id(TestClient.Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(302);
        return Long.parseLong(r.location().replaceAll(".*#comment-", ""));
    }

    static Document open(TestClient c, String path) {
        TestClient.Response r = c.get(path);
        assertThat(r.status()).as(path).isEqualTo(200);
        return r.html();
    }

    /** Opens the item page and waits until the visit it noted (without waiting itself) is stored. */
    static Document visit(TestClient c, String name, long item) {
        Document page = open(c, "/items/" + item);
        Long max = app.dsl().select(org.jooq.impl.DSL.max(COMMENT.ID)).from(COMMENT).where(COMMENT.ITEM_ID.eq(item))
                .fetchOne().value1();
        long newest = max == null ? 0 : max;
        long member = app.memberNamed(name).id();
        Wait.until("the visit is noted", Duration.ofSeconds(10), () -> {
            Record1<Long> seen = app.dsl().select(ITEM_VISIT.SEEN_COMMENT_ID).from(ITEM_VISIT)
                    .where(ITEM_VISIT.MEMBER_ID.eq(member)).and(ITEM_VISIT.ITEM_ID.eq(item)).fetchOne();
            return seen != null && seen.value1() >= newest;
        });
        return page;
    }

    static List<Long> marked(Document page) {
        List<Long> ids = new ArrayList<>();
        for (Element e : page.select("li.comment-item:has(> article .new-mark)")) {
            ids.add(Long.parseLong(e.id().replace("comment-", "")));
        }
        return ids;
    }

    @Test
    void commentsPostedByOthersSinceTheLastVisitAreMarkedCountedAndJumpedTo() {
        long item = app.claim(2);
        TestClient reader = app.member("ns-reader");
        TestClient other = app.member("ns-other");
        long before = argue(other, item, "Posted before the reader's first visit.");

        // a first visit marks nothing: everything would be new
        Document first = visit(reader, "ns-reader", item);
        assertThat(marked(first)).isEmpty();
        assertThat(first.select("#new-since")).isEmpty();

        long argument = argue(other, item, "A new argument.");
        long replyId = reply(other, before, "A new reply to the old argument.");
        argue(reader, item, "The reader's own argument is not new to them.");
        long hidden = argue(other, item, "A new argument a moderator hid.");
        app.dsl().update(COMMENT).set(COMMENT.MODERATION_STATE, "hidden").where(COMMENT.ID.eq(hidden)).execute();

        // the reader's stances (taken on the article page: opening the item would see the new comments), here and
        // on an item with nothing new, come in the same statement as the counts
        long quiet = app.claim(4);
        for (long on : new long[] {item, quiet}) {
            assertThat(reader.submit(Seeded.ARTICLE, "/items/" + on + "/stance", form("stance", "disagree")).status())
                    .isEqualTo(303);
        }

        // the front page and the article's index count them for the reader, and for nobody else
        app.app().dropCaches();
        Document front = open(reader, "/");
        assertThat(front.select(".article-new").text()).isEqualTo("2 new comments since your last visit");
        assertThat(open(app.client(), "/").select(".article-new")).isEmpty();
        assertThat(open(other, "/").select(".article-new")).isEmpty();
        Document index = open(reader, Seeded.ARTICLE);
        Element count = index.selectFirst("#entry-body-" + item + " .new-count");
        assertThat(count).isNotNull();
        assertThat(count.text()).isEqualTo("2 new comments since your last visit");
        assertThat(count.attr("href")).isEqualTo("/items/" + item + "#new-since");
        assertThat(index.select(".new-count")).hasSize(1);
        for (long on : new long[] {item, quiet}) {
            assertThat(index.select("#entry-body-" + on + " button[aria-pressed=true]").text()).isEqualTo("Disagree");
        }
        assertThat(index.select("[id^=entry-body-] button[aria-pressed=true]")).as("no stance on another item")
                .hasSize(2);
        assertThat(app.warmStatements(reader, Seeded.ARTICLE)).as("the session; stances and new comments").isEqualTo(2);
        assertThat(open(app.client(), Seeded.ARTICLE).select(".new-count")).isEmpty();

        // the item page marks both in words, and links to the oldest
        Document page = visit(reader, "ns-reader", item);
        assertThat(marked(page)).containsExactlyInAnyOrder(argument, replyId);
        assertThat(page.selectFirst("#comment-" + argument + " .new-mark").text()).isEqualTo("New since your last visit");
        Element since = page.selectFirst("#new-since");
        assertThat(since.text()).startsWith("2 new comments since your last visit");
        String jump = since.selectFirst("a").attr("href");
        assertThat(since.selectFirst("a").text()).isEqualTo("Jump to the first new");
        assertThat(jump).startsWith("/items/" + item + "?").endsWith("#comment-" + argument).contains("since=" + before);
        assertThat(page.select("#comment-" + argument)).hasSize(1);

        // seen now: nothing is new on the next visit, nor counted
        assertThat(marked(open(reader, "/items/" + item))).isEmpty();
        app.app().dropCaches();
        assertThat(open(reader, "/").select(".article-new")).isEmpty();
        assertThat(open(reader, Seeded.ARTICLE).select(".new-count")).isEmpty();
        // the jump link keeps the marks of the visit it was shown on
        assertThat(marked(open(reader, jump.replaceAll("#.*", "")))).containsExactlyInAnyOrder(argument, replyId);
        // a visitor sees no marks, and a made-up mark is ignored
        assertThat(marked(open(app.client(), "/items/" + item + "?since=0"))).isEmpty();
        assertThat(open(reader, "/items/" + item + "?since=abc").select("#new-since")).isEmpty();
    }

    @Test
    void statementsStayTheSameAsTheThreadAndTheNewCommentsGrow() {
        long item = app.claim(3);
        TestClient reader = app.member("ns-counter");
        app.member("ns-writer");
        long other = app.memberNamed("ns-writer").id();
        DebateSeed.seed(app.dsl(), item, List.of(other), 4, 1, 21);
        visit(reader, "ns-counter", item);
        DebateSeed.seed(app.dsl(), item, List.of(other), 3, 1, 22);
        int[] few = counts(reader, item);
        assertThat(marked(open(reader, "/items/" + item + "?since=0"))).isNotEmpty();
        visit(reader, "ns-counter", item);
        DebateSeed.seed(app.dsl(), item, List.of(other), 400, 5, 23);
        int[] many = counts(reader, item);
        assertThat(many).as("statements of the front page, the article page and the item page, with 3 new comments"
                + " and with 400").containsExactly(few);
    }

    /** Statements of the front page, the article page and the item page, each read from the database. */
    static int[] counts(TestClient c, long item) {
        int[] out = new int[3];
        String[] paths = {"/", Seeded.ARTICLE, "/items/" + item + "?since=0"};
        for (int i = 0; i < paths.length; i++) {
            app.app().dropCaches();
            TestClient.Response r = c.get(paths[i]);
            assertThat(r.status()).isEqualTo(200);
            out[i] = Integer.parseInt(r.header("X-Sql-Statements").orElseThrow());
        }
        return out;
    }
}
