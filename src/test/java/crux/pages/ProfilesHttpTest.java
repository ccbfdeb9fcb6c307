package crux.pages;

import static crux.db.generated.Tables.COMMENT;
import static crux.db.generated.Tables.ITEM;
import static crux.db.generated.Tables.ITEM_PROPOSAL;
import static crux.db.generated.Tables.MEMBER;
import static crux.testing.Refusals.assertRefused;
import static crux.testing.TestClient.form;
import static org.assertj.core.api.Assertions.assertThat;

import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import crux.debate.DebateSeed;
import crux.debate.PostTokens;
import crux.testing.TestApp;
import crux.testing.TestClient;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A member's profile lists what they wrote (newest first, paged, each linking to its place), their proposals and their
 * bio, and their public arguments have an Atom feed; none of it shows others what is hidden or private.
 */
class ProfilesHttpTest {

    static TestApp app;
    static TestClient writer;
    static TestClient reader;
    static long claim;
    static long stanceClaim;
    static long openPrediction;
    static long argument;
    static long reply;
    static final List<Long> withheld = new ArrayList<>();

    @BeforeAll
    static void start() {
        app = TestApp.start(TestApp.defaultKind(), Map.of("CRUX_BASE_URL", "https://crux.example/"));
        writer = app.member("pf-writer");
        reader = app.member("pf-reader");
        claim = app.claim(2);
        stanceClaim = app.claim(5);
        openPrediction = app.prediction(1);
        argument = id(writer.submit("/about", "/items/" + claim + "/arguments",
                form("side", "opposes", "body", "The writer's *first* argument.", "token", PostTokens.next())));
        long others = id(reader.submit("/about", "/items/" + claim + "/arguments",
                form("side", "supports", "body", "The reader's argument.", "token", PostTokens.next())));
        reply = id(writer.submit("/about", "/comments/" + others + "/replies",
                form("body", "The writer's reply to the reader.", "token", PostTokens.next())));
        for (String state : List.of("hidden", "pending", "removed", "deleted")) {
            long id = id(writer.submit("/about", "/items/" + claim + "/arguments",
                    form("side", "supports", "body", "WITHHELD-" + state + " argument.", "token", PostTokens.next())));
            withheld.add(id);
            if (state.equals("deleted")) {
                app.dsl().update(COMMENT).set(COMMENT.DELETED_AT, OffsetDateTime.now()).where(COMMENT.ID.eq(id)).execute();
            } else {
                app.dsl().update(COMMENT).set(COMMENT.MODERATION_STATE, state).where(COMMENT.ID.eq(id)).execute();
            }
        }
        // private things the profile must not show others: a stance, a forecast on an open prediction
        ok(writer.submit("/about", "/items/" + stanceClaim + "/stance", form("stance", "disagree")));
        ok(writer.submit("/about", "/items/" + openPrediction + "/forecast", form("probability", "37")));
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    static long id(TestClient.Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(302);
        return Long.parseLong(r.location().replaceAll(".*#comment-", ""));
    }

    static void ok(TestClient.Response r) {
        assertThat(r.status()).as(r.uri()).isIn(302, 303);
    }

    static Document profile(TestClient c, String path) {
        TestClient.Response r = c.get(path);
        assertThat(r.status()).as(path).isEqualTo(200);
        return r.html();
    }

    static String statement(long item) {
        return app.dsl().select(ITEM.STATEMENT).from(ITEM).where(ITEM.ID.eq(item)).fetchSingle().value1();
    }

    @Test
    void othersSeeTheArgumentsAndRepliesNewestFirstEachLinkingToItsPlace() {
        for (TestClient viewer : List.of(app.client(), reader)) {
            Document page = profile(viewer, "/users/pf-writer");
            List<Element> rows = page.select("#comments li");
            assertThat(rows).extracting(e -> e.id()).containsExactly("authored-" + reply, "authored-" + argument);
            assertThat(rows.get(0).select(".badge").first().text()).isEqualTo("Reply");
            assertThat(rows.get(1).select(".badge").first().text()).isEqualTo("Opposes");
            // the excerpt is plain text of the Markdown; the link goes to the permalink, which finds its page
            assertThat(rows.get(1).select(".authored-excerpt").text()).isEqualTo("The writer's first argument.");
            assertThat(rows.get(1).select("a").first().attr("href")).isEqualTo("/comments/" + argument);
            assertThat(rows.get(1).select("a").first().text()).isEqualTo(statement(claim));
            assertThat(viewer.get("/comments/" + argument).location()).endsWith("#comment-" + argument);
            assertThat(page.text()).doesNotContain("WITHHELD");
        }
    }

    @Test
    void theAuthorAloneSeesTheirHiddenAndPendingCommentsMarkedSo() {
        Document own = profile(writer, "/users/pf-writer");
        assertThat(own.text()).contains("WITHHELD-hidden", "WITHHELD-pending", "Hidden by a moderator: only you see it",
                "Awaiting review: only you see it", "Removed by a moderator").doesNotContain("WITHHELD-deleted",
                "WITHHELD-removed");
        assertThat(own.select("#authored-" + withheld.get(3))).isEmpty();
    }

    @Test
    void theProfileShowsNoStanceAndNoForecastOnAnOpenPredictionToOthers() {
        String text = profile(reader, "/users/pf-writer").text();
        assertThat(text).doesNotContain(statement(stanceClaim)).doesNotContain(statement(openPrediction))
                .doesNotContain("37 %").doesNotContain("Your stances");
        String own = profile(writer, "/users/pf-writer").text();
        assertThat(own).contains(statement(stanceClaim), statement(openPrediction), "37 %");
    }

    @Test
    void manyCommentsArePagedTwentyAtATimeAndTheStatementsStayTheSame() {
        TestClient pager = app.member("pf-pager");
        long pagerId = app.memberNamed("pf-pager").id();
        DebateSeed.seed(app.dsl(), app.claim(3), List.of(pagerId), 3, 0, 11);
        int few = statements("/users/pf-pager");
        DebateSeed.seed(app.dsl(), app.claim(4), List.of(pagerId), 42, 2, 12);
        int many = statements("/users/pf-pager");
        assertThat(many).as("statements for 3 comments and for 45").isEqualTo(few);

        Document first = profile(app.client(), "/users/pf-pager");
        assertThat(first.select("#comments li")).hasSize(20);
        assertThat(first.select("#comments a[rel=next]").attr("href")).isEqualTo("/users/pf-pager?page=2#comments");
        assertThat(first.select("#comments a[rel=prev]")).isEmpty();
        Document third = profile(pager, "/users/pf-pager?page=3");
        assertThat(third.select("#comments li")).hasSize(5);
        assertThat(third.select("#comments a[rel=next]")).isEmpty();
        assertThat(third.select("#comments a[rel=prev]").attr("href")).isEqualTo("/users/pf-pager?page=2#comments");
        // newest first across the pages: page 1's last is newer than page 3's first
        List<Long> ids = new ArrayList<>();
        for (int p = 1; p <= 3; p++) {
            profile(app.client(), "/users/pf-pager?page=" + p).select("#comments li")
                    .forEach(e -> ids.add(Long.parseLong(e.id().replace("authored-", ""))));
        }
        assertThat(ids).hasSize(45).doesNotHaveDuplicates();
        assertThat(profile(app.client(), "/users/pf-pager?page=4").select("#comments .empty-state").text())
                .isEqualTo("No more arguments or replies.");
        assertThat(app.client().get("/users/pf-pager?page=abc").status()).isEqualTo(200);
    }

    static int statements(String path) {
        return Integer.parseInt(app.client().get(path).header("X-Sql-Statements").orElseThrow());
    }

    @Test
    void acceptedProposalsAreShownToAllAndTheOthersToTheProposerOnly() {
        TestClient proposer = app.member("pf-proposer");
        long proposerId = app.memberNamed("pf-proposer").id();
        long article = app.dsl().select(ITEM.ARTICLE_ID).from(ITEM).where(ITEM.ID.eq(claim)).fetchSingle().value1();
        proposal(article, proposerId, "An accepted proposal.", "accepted", claim, null);
        proposal(article, proposerId, "A pending proposal.", "pending", null, null);
        proposal(article, proposerId, "A declined proposal.", "declined", null, "not in the text");
        String others = profile(reader, "/users/pf-proposer").select("#proposals").text();
        assertThat(others).contains("An accepted proposal.").doesNotContain("A pending proposal.", "A declined proposal.");
        assertThat(profile(reader, "/users/pf-proposer").select("#proposals a[href=/items/" + claim + "]")).hasSize(1);
        String own = profile(proposer, "/users/pf-proposer").select("#proposals").text();
        assertThat(own).contains("An accepted proposal.", "A pending proposal.", "A declined proposal.", "not in the text");
    }

    static void proposal(long article, long proposer, String statement, String status, Long item, String reason) {
        app.dsl().insertInto(ITEM_PROPOSAL).set(ITEM_PROPOSAL.ARTICLE_ID, article).set(ITEM_PROPOSAL.PROPOSER_ID, proposer)
                .set(ITEM_PROPOSAL.KIND, "claim").set(ITEM_PROPOSAL.STATEMENT, statement)
                .set(ITEM_PROPOSAL.QUOTE, "a passage").set(ITEM_PROPOSAL.QUOTE_START, 0).set(ITEM_PROPOSAL.WHY, "why")
                .set(ITEM_PROPOSAL.STATUS, status).set(ITEM_PROPOSAL.CREATED_AT, OffsetDateTime.now())
                .set(ITEM_PROPOSAL.ITEM_ID, item).set(ITEM_PROPOSAL.DECLINE_REASON, reason).execute();
    }

    @Test
    void aBioIsCleanedStoredAndShownAsPlainText() {
        TestClient c = app.member("pf-bio");
        String sent = "  <b>Hi</b> \u202Eevil\u202C & friends\u0000\r\n\r\n\r\n\r\nSecond line  ";
        ok(c.submit("/settings", "/settings/bio", form("bio", sent)));
        assertThat(storedBio("pf-bio")).isEqualTo("<b>Hi</b> evil & friends\n\nSecond line");
        Document page = profile(app.client(), "/users/pf-bio");
        Element bio = page.selectFirst(".profile-bio");
        assertThat(bio.wholeText()).isEqualTo("<b>Hi</b> evil & friends\n\nSecond line");
        assertThat(bio.select("b")).isEmpty();
        assertThat(page.selectFirst("meta[name=description]").attr("content"))
                .isEqualTo("<b>Hi</b> evil & friends Second line");
        assertThat(profile(c, "/settings").selectFirst("#bio-text").text()).contains("<b>Hi</b> evil & friends");

        ok(c.submit("/settings", "/settings/bio", form("bio", " \u200B ")));
        assertThat(storedBio("pf-bio")).isNull();
        assertThat(profile(app.client(), "/users/pf-bio").select(".profile-bio")).isEmpty();
    }

    @Test
    void aBioOverTheLimitsIsRefusedWithItsTextKeptAndNothingStored() {
        TestClient c = app.member("pf-long");
        ok(c.submit("/settings", "/settings/bio", form("bio", "Kept as it was.")));
        String tooLong = "é".repeat(301);
        TestClient.Response r = c.submit("/settings", "/settings/bio", form("bio", tooLong));
        assertRefused(r, 422, "Keep your bio to 300 characters (this one has 301).");
        assertThat(r.html().selectFirst("#bio-text").text()).isEqualTo(tooLong);
        assertThat(storedBio("pf-long")).isEqualTo("Kept as it was.");
        // 300 letters, each written as e and a combining accent, are 300 characters once normalised: accepted
        ok(c.submit("/settings", "/settings/bio", form("bio", "e\u0301".repeat(300))));
        assertThat(storedBio("pf-long")).isEqualTo("é".repeat(300));

        assertRefused(c.submit("/settings", "/settings/bio", form("bio", "a\nb\nc\nd\ne\nf\ng")), 422,
                "Keep your bio to 6 lines.");
        assertThat(storedBio("pf-long")).isEqualTo("é".repeat(300));
        // signed out, the form is refused before anything is read
        assertThat(app.client().post("/settings/bio", form("bio", "x")).status()).isIn(302, 303, 401, 403);
        assertThat(storedBio("pf-long")).isEqualTo("é".repeat(300));
    }

    static String storedBio(String name) {
        return app.dsl().select(MEMBER.BIO).from(MEMBER).where(MEMBER.NAME.eq(name)).fetchSingle().value1();
    }

    @Test
    void theMemberFeedIsValidAtomOfTheirPublicArgumentsOnly() throws Exception {
        TestClient.Response r = app.client().get("/users/pf-writer/feed.atom");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Type")).get().asString().startsWith("application/atom+xml");
        // well-formed XML, whatever the parser
        DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(r.body().getBytes(StandardCharsets.UTF_8)));
        SyndFeed feed = new SyndFeedInput().build(new StringReader(r.body()));
        assertThat(feed.getUri()).isEqualTo("https://crux.example/users/pf-writer/feed.atom");
        assertThat(feed.getEntries()).extracting(SyndEntry::getUri).containsExactly(
                "https://crux.example/comments/" + reply, "https://crux.example/comments/" + argument);
        assertThat(r.body()).doesNotContain("WITHHELD").doesNotContain(statement(stanceClaim));
        assertThat(profile(app.client(), "/users/pf-writer")
                .select("link[rel=alternate][type=application/atom+xml][href=/users/pf-writer/feed.atom]")).hasSize(1);
        assertRefused(app.client().get("/users/nobody-at-all/feed.atom"), 404,
                "There is nothing at this address. It may have been mistyped, or the thing it pointed to no longer exists.");
    }

    @Test
    void aDeletedMembersProfileAndFeedAreGone() {
        TestClient gone = app.member("pf-gone");
        id(gone.submit("/about", "/items/" + claim + "/arguments",
                form("side", "supports", "body", "Written before leaving.", "token", PostTokens.next())));
        ok(gone.submit("/settings", "/settings/bio", form("bio", "Soon gone.")));
        long id = app.memberNamed("pf-gone").id();
        app.services().accounts().delete(id);
        assertThat(app.client().get("/users/pf-gone").status()).isEqualTo(404);
        assertThat(app.client().get("/users/pf-gone/feed.atom").status()).isEqualTo(404);
        assertThat(app.client().get("/users/deleted-" + id).status()).isEqualTo(404);
        assertThat(app.dsl().select(MEMBER.BIO).from(MEMBER).where(MEMBER.ID.eq(id)).fetchSingle().value1()).isNull();
    }
}
