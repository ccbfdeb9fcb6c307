package crux.debate;

import static crux.db.generated.Tables.COMMENT;
import static org.assertj.core.api.Assertions.assertThat;

import crux.markdown.Markdown;
import crux.markdown.XssCorpus;
import crux.testing.Html;
import crux.testing.TestApp;
import crux.testing.TestClient;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every hostile payload of xss-corpus.txt, posted through HTTP as arguments, replies and edits, then read back from
 * the item, history and reply pages by a real HTML parser: the comment bodies hold only allow-listed markup, no
 * script, no event handler, no unsafe URL.
 */
class DebateXssHttpTest {

    static long item;
    private static final Set<String> ALLOWED = Set.of("p", "br", "em", "strong", "del", "code", "pre", "blockquote",
            "ul", "ol", "li", "hr", "h4", "h5", "h6", "a");

    static TestApp app;
    static List<XssCorpus.Payload> corpus;
    static final List<Long> ids = new ArrayList<>();
    /** Payloads whose words must show as plain text, by the id of their comment. */
    static final Map<Long, String> visible = new HashMap<>();

    @BeforeAll
    static void postTheCorpus() throws Exception {
        app = TestApp.start();
        item = app.claim(19);
        corpus = XssCorpus.load();
        TestClient member = null;
        long argument = 0;
        for (int i = 0; i < corpus.size(); i++) {
            // the posting limit is per member: a new member every few payloads
            if (i % CommentWriteRepository.POSTING.max() == 0) {
                member = app.member("hostile" + i);
            }
            String body = corpus.get(i).source();
            int stored = app.count(COMMENT);
            TestClient.Response r = i % 3 == 2 && argument != 0
                    ? Debates.reply(member, argument, body)
                    : Debates.argue(member, item, i % 2 == 0 ? "supports" : "opposes", body);
            if (r.status() == 422) {
                // invisible-only, over-long or repeated payloads are refused at the form, and nothing is stored
                assertThat(r.html().select(".field-error").text())
                        .matches("Write something\\.|Keep it under 10,000 characters \\(this is [\\d,]+\\)\\."
                                + "|You posted these exact words a few minutes ago\\. Say something new, or find your"
                                + " earlier comment in the thread\\.");
                assertThat(app.count(COMMENT)).as("payload %s", i).isEqualTo(stored);
                continue;
            }
            long id = Debates.id(r);
            ids.add(id);
            if (corpus.get(i).visible() != null) {
                visible.put(id, corpus.get(i).visible());
            }
            if (i % 3 == 0) {
                argument = id;
            }
        }
        assertThat(ids).hasSizeGreaterThan(corpus.size() * 9 / 10);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void everyPageShowingTheCommentsHoldsOnlyAllowListedMarkupInTheirBodies() {
        List<Document> pages = new ArrayList<>();
        int pageCount = (int) Math.ceil(app.dsl().fetchCount(COMMENT, COMMENT.ITEM_ID.eq(item).and(COMMENT.PARENT_ID.isNull()))
                / (double) ThreadTree.ARGUMENTS_PER_PAGE);
        for (int p = 1; p <= pageCount; p++) {
            pages.add(app.client().get("/items/" + item + "?page=" + p).html());
        }
        pages.add(app.client().get("/items/" + item + "?view=procon").html());
        int bodies = 0;
        for (Document page : pages) {
            for (Element body : page.select(".comment-body")) {
                bodies++;
                assertThat(body.attr("dir")).isEqualTo("auto");
                check(body);
            }
            Html.assertNoScriptAnywhere(page);
        }
        assertThat(bodies).isGreaterThanOrEqualTo(ids.size());
        assertThat(visible).hasSizeGreaterThanOrEqualTo(20);
        visible.forEach((id, text) -> {
            Element shown = pages.stream().map(p -> p.getElementById("comment-" + id)).filter(Objects::nonNull)
                    .findFirst().orElseThrow(() -> new AssertionError("comment " + id + " is on no page"));
            assertThat(shown.selectFirst(".comment-body").text()).as("comment %s", id).contains(text);
        });
    }

    @Test
    void theReplyAndHistoryPagesAreJustAsClean() {
        TestClient editor = app.member("hostileeditor");
        long id = Debates.argueId(editor, item, "question", "A plain start");
        int edits = 0;
        for (XssCorpus.Payload p : corpus.subList(0, 40)) {
            if (editor.submit("/about", "/comments/" + id + "/edit", TestClient.form("body", p.source())).status() == 302) {
                edits++;
            }
        }
        assertThat(edits).isGreaterThan(30);
        Document history = app.client().get("/comments/" + id + "/history").html();
        assertThat(history.select(".version .comment-body")).hasSizeGreaterThan(30);
        history.select(".comment-body").forEach(DebateXssHttpTest::check);
        Html.assertNoScriptAnywhere(history);
        for (long target : ids.subList(0, 20)) {
            Document reply = editor.get("/comments/" + target + "/reply").html();
            reply.select(".comment-body").forEach(DebateXssHttpTest::check);
            Html.assertNoScriptAnywhere(reply);
        }
    }

    static void check(Element body) {
        for (Element e : body.select("*")) {
            if (e == body) {
                continue;
            }
            assertThat(e.tagName()).as("element in %s", body.html()).isIn(ALLOWED);
            for (Attribute a : e.attributes()) {
                assertThat(a.getKey().toLowerCase(Locale.ROOT)).as("attribute in %s", body.html())
                        .doesNotStartWith("on").isIn("href", "rel", "start");
            }
        }
        for (Element a : body.select("a")) {
            String href = a.attr("href").replaceAll("[\\t\\n\\r]", "").strip().toLowerCase(Locale.ROOT);
            assertThat(href).as("href").matches("^(https?:|mailto:).*");
            assertThat(a.attr("rel")).isEqualTo(Markdown.LINK_REL);
        }
    }
}
