package crux.debate;

import static crux.db.generated.Tables.COMMENT;
import static crux.testing.TestClient.form;
import static org.assertj.core.api.Assertions.assertThat;

import crux.markdown.XssCorpus;
import crux.testing.Html;
import crux.testing.Refusals;
import crux.testing.TestApp;
import crux.testing.TestClient;
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Writing in the debate over HTTP: the Preview button (no JavaScript) and the live preview endpoint store nothing and
 * show only sanitised HTML; @name links to members who exist; every refused form (422, duplicate, 429) comes back
 * with what was typed.
 */
class WritingHttpTest {

    static TestApp app;
    static long item;

    @BeforeAll
    static void start() {
        app = TestApp.start();
        item = app.claim(3);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void thePreviewButtonShowsTheArgumentRenderedAboveTheTextKeptAndStoresNothing() {
        TestClient c = app.member("previewer");
        var before = app.snapshot();
        TestClient.Response r = c.submit("/about", "/items/" + item + "/arguments",
                form("side", "opposes", "body", "It is **not** so.\n\n> a quote", "token", PostTokens.next(),
                        "preview", "1"));
        assertThat(r.status()).isEqualTo(200);
        Document page = r.html();
        Element preview = page.getElementById("argument-preview");
        assertThat(preview).isNotNull();
        assertThat(preview.hasAttr("hidden")).isFalse();
        assertThat(preview.select(".preview-body strong").text()).isEqualTo("not");
        assertThat(preview.select(".preview-body blockquote").text()).isEqualTo("a quote");
        assertThat(page.getElementById("argument-body").text()).isEqualTo("It is **not** so.\n\n> a quote");
        assertThat(page.select("input[name=side][value=opposes]").hasAttr("checked")).isTrue();
        assertThat(page.select("details.argue").hasAttr("open")).isTrue();
        assertThat(page.select(".field-error")).isEmpty();
        assertThat(app.snapshot()).isEqualTo(before);
    }

    @Test
    void aPageWithoutAPreviewHasItsPlaceHiddenAndAMarkdownHintByTheBox() {
        Document page = app.member("hintreader").get("/items/" + item).html();
        assertThat(page.getElementById("argument-preview").hasAttr("hidden")).isTrue();
        assertThat(page.getElementById("argument-body").attr("aria-describedby")).isEqualTo("argument-body-hint");
        assertThat(page.getElementById("argument-body-hint").text()).contains("Markdown works", "@name");
    }

    @Test
    void replyAndEditPreviewsStoreNothingEither() {
        TestClient c = app.member("replypreviewer");
        long argument = Debates.argueId(c, item, "supports", "An argument to answer, said once.");
        var before = app.snapshot();
        TestClient.Response reply = c.submit("/about", "/comments/" + argument + "/replies",
                form("body", "A *reply*", "token", PostTokens.next(), "preview", "1"));
        assertThat(reply.status()).isEqualTo(200);
        Document page = reply.html();
        assertThat(page.select("#reply-body-" + argument + "-preview .preview-body em").text()).isEqualTo("reply");
        assertThat(page.getElementById("reply-body-" + argument).text()).isEqualTo("A *reply*");
        assertThat(page.getElementById("reply-body-" + argument + "-hint")).isNotNull();

        TestClient.Response edit = c.submit("/about", "/comments/" + argument + "/edit",
                form("body", "Changed to **this**", "preview", "1"));
        assertThat(edit.status()).isEqualTo(200);
        assertThat(edit.html().select("#edit-preview .preview-body strong").text()).isEqualTo("this");
        assertThat(edit.html().getElementById("edit-body").text()).isEqualTo("Changed to **this**");
        assertThat(app.snapshot()).isEqualTo(before);
    }

    @Test
    void previewingNothingOrTooMuchSaysSoAndStoresNothing() {
        TestClient c = app.member("emptypreviewer");
        var before = app.snapshot();
        Document empty = c.submit("/about", "/items/" + item + "/arguments",
                form("side", "", "body", "  ", "token", PostTokens.next(), "preview", "1")).html();
        assertThat(empty.select("#argument-preview .preview-body").text()).isEqualTo("Nothing to preview yet.");
        TestClient.Response tooLong = c.submit("/about", "/items/" + item + "/arguments",
                form("side", "supports", "body", "x".repeat(CommentForm.MAX_LENGTH + 1), "token", PostTokens.next(),
                        "preview", "1"));
        assertThat(tooLong.status()).isEqualTo(200);
        assertThat(Refusals.message(tooLong)).isEqualTo("Keep it under 10,000 characters (this is 10,001).");
        assertThat(app.snapshot()).isEqualTo(before);
    }

    @Test
    void theLivePreviewAnswersTheRenderedFragmentOnlyToMembersWithTheFormToken() {
        TestClient c = app.member("livepreviewer");
        var before = app.snapshot();
        TestClient.Response r = c.submit("/about", "/preview", form("body", "Say **it**"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body().strip()).isEqualTo("<p>Say <strong>it</strong></p>");
        assertThat(r.header("Cache-Control")).contains("no-store");

        TestClient.Response tooLong = c.submit("/about", "/preview", form("body", "y".repeat(CommentForm.MAX_LENGTH + 1)));
        Refusals.assertRefused(tooLong, 422, "Keep it under 10,000 characters (this is 10,001).");
        // without the CSRF token, and for a visitor, nothing is rendered
        assertThat(c.post("/preview", form("body", "x"), Map.of("Origin", c.base())).status()).isEqualTo(403);
        TestClient visitor = app.client();
        assertThat(visitor.post("/preview", form("body", "x"), Map.of("Origin", visitor.base())).status())
                .isIn(302, 303, 401, 403);
        assertThat(app.snapshot()).isEqualTo(before);
    }

    @Test
    void theXssCorpusThroughBothPreviewsGivesOnlyAllowListedMarkup() throws Exception {
        TestClient c = app.member("hostilepreviewer");
        var before = app.snapshot();
        List<XssCorpus.Payload> corpus = XssCorpus.load();
        int rendered = 0;
        for (int i = 0; i < corpus.size(); i++) {
            String source = corpus.get(i).source();
            TestClient.Response live = c.submit("/about", "/preview", form("body", source));
            if (live.status() == 200) {
                Element body = org.jsoup.Jsoup.parseBodyFragment(live.body()).body();
                DebateXssHttpTest.check(body);
                rendered++;
            } else {
                assertThat(live.status()).as("payload %s", i).isEqualTo(422);
            }
            if (i % 10 == 0) {
                Document page = c.submit("/about", "/items/" + item + "/arguments", form("side", "supports", "body",
                        source, "token", PostTokens.next(), "preview", "1")).html();
                for (Element body : page.select(".preview-body")) {
                    DebateXssHttpTest.check(body);
                }
                Html.assertNoScriptAnywhere(page);
            }
        }
        assertThat(rendered).isGreaterThan(corpus.size() * 9 / 10);
        assertThat(app.snapshot()).isEqualTo(before);
    }

    @Test
    void aMentionOfAMemberLinksToTheirPageAndAnUnknownNameStaysText() {
        app.member("Mentionee");
        TestClient c = app.member("mentioner");
        long id = Debates.argueId(c, item, "question", "What does @mentionee think? And @nobody-here? `@mentionee` "
                + "and [@mentionee](https://example.org) stay as written.");
        Element body = app.client().get("/items/" + item).html().selectFirst("#comment-" + id + " .comment-body");
        assertThat(body.select("a[href=/users/Mentionee]")).hasSize(1);
        assertThat(body.selectFirst("a[href=/users/Mentionee]").text()).isEqualTo("@mentionee");
        assertThat(body.text()).contains("@nobody-here");
        assertThat(body.select("a")).hasSize(2); // the mention and the link written, nothing for code or @nobody-here
        assertThat(body.select("code").text()).isEqualTo("@mentionee");
        // the preview links it the same way
        TestClient.Response live = c.submit("/about", "/preview", form("body", "Hi @MENTIONEE"));
        assertThat(live.body()).contains("<a href=\"/users/Mentionee\"");
    }

    @Test
    void aRefusedArgumentComesBackWithItsTextForValidationAndDuplicates() {
        TestClient c = app.member("refusedwriter");
        var before = app.snapshot();
        TestClient.Response noSide = Debates.argue(c, item, "", "My words, kept.");
        Refusals.assertRefused(noSide, 422, "Choose whether your argument supports, opposes or questions the item.");
        assertThat(noSide.html().getElementById("argument-body").text()).isEqualTo("My words, kept.");
        assertThat(app.snapshot()).isEqualTo(before);

        Debates.argueId(c, item, "supports", "Said twice by mistake.");
        int stored = app.count(COMMENT);
        TestClient.Response twice = Debates.argue(c, item, "supports", "Said twice by mistake.");
        Refusals.assertRefusedMatching(twice, 422, "You posted these exact words a few minutes ago\\..*");
        assertThat(twice.html().getElementById("argument-body").text()).isEqualTo("Said twice by mistake.");
        assertThat(app.count(COMMENT)).isEqualTo(stored);
    }

    @Test
    void overThePostingLimitArgumentsAndRepliesComeBackWithTheirTextAnd429() {
        TestClient c = app.member("fastwriter");
        long first = 0;
        for (int i = 0; i < CommentWriteRepository.POSTING.max(); i++) {
            long id = Debates.argueId(c, item, "supports", "Point number " + i + ".");
            first = first == 0 ? id : first;
        }
        var before = app.snapshot();
        TestClient.Response argument = Debates.argue(c, item, "opposes", "One point too many.");
        Refusals.assertRefusedMatching(argument, 429, "You have posted 10 comments in the last 10 minutes\\..*");
        assertThat(argument.header("Retry-After")).isPresent();
        assertThat(argument.html().getElementById("argument-body").text()).isEqualTo("One point too many.");
        assertThat(argument.html().select("input[name=side][value=opposes]").hasAttr("checked")).isTrue();

        TestClient.Response reply = Debates.reply(c, first, "A reply too many.");
        Refusals.assertRefusedMatching(reply, 429, "You have posted 10 comments in the last 10 minutes\\..*");
        assertThat(reply.html().getElementById("reply-body-" + first).text()).isEqualTo("A reply too many.");

        TestClient.Response inline = Debates.htmx(c, "/comments/" + first + "/replies",
                form("body", "An inline reply too many.", "token", PostTokens.next()));
        assertThat(inline.status()).isEqualTo(429);
        assertThat(inline.html().getElementById("reply-body-" + first).text()).isEqualTo("An inline reply too many.");
        assertThat(app.snapshot()).isEqualTo(before);
    }

    @Test
    void overTheWriteBudgetAnEditComesBackWithItsText() {
        try (TestApp small = TestApp.start("h2", Map.of("CRUX_WRITE_BUDGET", "2"))) {
            long claim = small.claim(3);
            TestClient c = small.member("budgetwriter");
            long id = Debates.argueId(c, claim, "supports", "First words.");
            assertThat(c.submit("/about", "/comments/" + id + "/edit", form("body", "Second words.")).status())
                    .isEqualTo(302);
            var before = small.snapshot();
            TestClient.Response edit = c.submit("/about", "/comments/" + id + "/edit", form("body", "Third words."));
            Refusals.assertRefused(edit, 429, "You have made a lot of changes in a short time. "
                    + "Please wait a few minutes and try again.");
            assertThat(edit.header("Retry-After")).isPresent();
            assertThat(edit.html().getElementById("edit-body").text()).isEqualTo("Third words.");
            TestClient.Response argument = Debates.argue(c, claim, "opposes", "Over budget.");
            assertThat(argument.status()).isEqualTo(429);
            assertThat(argument.html().getElementById("argument-body").text()).isEqualTo("Over budget.");
            assertThat(small.snapshot()).isEqualTo(before);
        }
    }
}
