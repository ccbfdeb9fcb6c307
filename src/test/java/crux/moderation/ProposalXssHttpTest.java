package crux.moderation;

import static crux.db.generated.Tables.ITEM_PROPOSAL;
import static crux.testing.TestClient.form;
import static org.assertj.core.api.Assertions.assertThat;

import crux.markdown.XssCorpus;
import crux.testing.Html;
import crux.testing.Seeded;
import crux.testing.TestApp;
import crux.testing.TestClient;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The hostile corpus of arguments, through a proposal's statement, why and quote and a moderator's reasons: no page
 * that shows them (the queue, the review page, the member's own list, the item page, the inbox, the log) carries
 * executable markup.
 */
class ProposalXssHttpTest {

    static TestApp app;
    static TestClient mod;
    static List<XssCorpus.Payload> corpus;
    static long articleId;
    static long memberId;
    static TestClient member;

    @BeforeAll
    static void start() throws Exception {
        app = TestApp.start();
        mod = app.member("xssmod", "moderator");
        member = app.member("xssproposer");
        memberId = app.memberNamed("xssproposer").id();
        corpus = XssCorpus.load();
        articleId = app.dsl().select(crux.db.generated.Tables.ARTICLE.ID).from(crux.db.generated.Tables.ARTICLE)
                .where(crux.db.generated.Tables.ARTICLE.SLUG.eq(Seeded.ARTICLE_SLUG)).fetchOne().value1();
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    static String cut(String s, int max) {
        return s.length() > max ? s.substring(0, max) : s;
    }

    @Test
    void theQueueAndTheProposersListShowEveryPayloadAsText() {
        // stored as they are (past the form's text rule): the pages must make them harmless themselves
        for (int from = 0; from < corpus.size(); from += ProposalRepository.PAGE) {
            List<XssCorpus.Payload> chunk = corpus.subList(from, Math.min(corpus.size(), from + ProposalRepository.PAGE));
            var insert = app.dsl().insertInto(ITEM_PROPOSAL, ITEM_PROPOSAL.ARTICLE_ID, ITEM_PROPOSAL.PROPOSER_ID,
                    ITEM_PROPOSAL.KIND, ITEM_PROPOSAL.STATEMENT, ITEM_PROPOSAL.QUOTE, ITEM_PROPOSAL.QUOTE_START,
                    ITEM_PROPOSAL.WHY, ITEM_PROPOSAL.CREATED_AT);
            for (int i = 0; i < chunk.size(); i++) {
                // PostgreSQL refuses NUL in text (the form's text rule removes it anyway)
                String p = chunk.get(i).source().replace("\u0000", "");
                insert = insert.values(articleId, memberId, "claim", cut(p, 500), cut(p, 2000), i,
                        cut(p, 2000), OffsetDateTime.now(ZoneOffset.UTC));
            }
            insert.execute();
            var queue = mod.get("/mod");
            assertThat(queue.status()).isEqualTo(200);
            Html.assertNoScriptAnywhere(queue.html());
            assertThat(queue.html().select(".proposal-why")).hasSize(chunk.size());
            long first = app.dsl().select(ITEM_PROPOSAL.ID).from(ITEM_PROPOSAL)
                    .where(ITEM_PROPOSAL.STATUS.eq("pending")).orderBy(ITEM_PROPOSAL.ID).limit(1).fetchOne().value1();
            var review = mod.get("/mod/proposals/" + first);
            assertThat(review.status()).isEqualTo(200);
            Html.assertNoScriptAnywhere(review.html());
            app.dsl().update(ITEM_PROPOSAL).set(ITEM_PROPOSAL.STATUS, "declined")
                    .set(ITEM_PROPOSAL.DECLINE_REASON, ITEM_PROPOSAL.STATEMENT)
                    .where(ITEM_PROPOSAL.STATUS.eq("pending")).execute();
            var mine = member.get(Seeded.ARTICLE + "/propose");
            assertThat(mine.status()).isEqualTo(200);
            Html.assertNoScriptAnywhere(mine.html());
        }
    }

    @Test
    void proposedAcceptedAndDeclinedOverHttpTheItemInboxAndLogStaySafe() {
        List<String> passages = ProposalHttpTest.freshPassages(app, articleId);
        List<Long> proposals = new ArrayList<>();
        List<TestClient> proposers = new ArrayList<>();
        TestClient proposer = null;
        int used = 0;
        for (int i = 0; i < corpus.size() && used < passages.size(); i++) {
            if (i % ProposalRepository.PROPOSING.max() == 0) {
                proposer = app.member("xss-proposer" + i);
                proposers.add(proposer);
            }
            String payload = corpus.get(i).source();
            // the payload as the quote: refused (not in the article), the form shown again with it
            TestClient.Response asQuote = proposer.submit(Seeded.ARTICLE + "/propose", Seeded.ARTICLE + "/proposals",
                    form("quote", payload, "kind", "claim", "statement", "s", "why", "w"));
            assertThat(asQuote.status()).isEqualTo(422);
            Html.assertNoScriptAnywhere(asQuote.html());
            String quote = passages.get(used);
            TestClient.Response r = proposer.submit(Seeded.ARTICLE + "/propose", Seeded.ARTICLE + "/proposals",
                    form("quote", quote, "kind", "claim", "statement", cut(payload, 200), "why", cut(payload, 1000)));
            if (r.status() == 422) {
                // an invisible-only payload is refused as an empty statement or why, the form shown again
                Html.assertNoScriptAnywhere(r.html());
                continue;
            }
            assertThat(r.status()).isEqualTo(302);
            used++;
            proposals.add(app.dsl().select(ITEM_PROPOSAL.ID).from(ITEM_PROPOSAL).where(ITEM_PROPOSAL.QUOTE.eq(quote))
                    .and(ITEM_PROPOSAL.STATUS.eq("pending")).fetchOne().value1());
            Html.assertNoScriptAnywhere(proposer.get(Seeded.ARTICLE + "/propose").html());
        }
        assertThat(proposals).hasSizeGreaterThan(10);
        Html.assertNoScriptAnywhere(mod.get("/mod").html());
        for (int i = 0; i < proposals.size(); i++) {
            long id = proposals.get(i);
            String payload = corpus.get(i).source();
            TestClient.Response r = i % 2 == 0
                    ? mod.submit("/mod/proposals/" + id, "/mod/proposals/" + id + "/accept", form("kind", "claim",
                            "statement", cut(payload, 200).isBlank() ? "A statement." : cut(payload, 200),
                            "assertedBy", "Balaji Srinivasan"))
                    : mod.submit("/mod", "/mod/proposals/" + id + "/decline", form("reason", cut(payload, 1000)));
            if (r.status() == 422) {
                Html.assertNoScriptAnywhere(r.html());
                continue;
            }
            assertThat(r.status()).isEqualTo(302);
            if (i % 2 == 0) {
                Html.assertNoScriptAnywhere(app.client().get(r.location()).html());
            }
        }
        Html.assertNoScriptAnywhere(app.client().get(Seeded.ARTICLE).html());
        Html.assertNoScriptAnywhere(app.client().get("/mod/log").html());
        for (TestClient c : proposers) {
            Html.assertNoScriptAnywhere(c.get("/inbox").html());
        }
    }
}
