package crux.moderation;

import static crux.db.generated.Tables.ARTICLE;
import static crux.db.generated.Tables.ITEM;
import static crux.db.generated.Tables.ITEM_PROPOSAL;
import static crux.db.generated.Tables.MEMBER;
import static crux.db.generated.Tables.MODERATION_LOG;
import static crux.db.generated.Tables.NOTIFICATION;
import static crux.testing.Refusals.assertRefused;
import static crux.testing.TestClient.form;
import static org.assertj.core.api.Assertions.assertThat;

import crux.testing.Seeded;
import crux.testing.TestApp;
import crux.testing.TestClient;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Members propose items from exact passages; moderators accept (reworded, completed) or decline them. */
class ProposalHttpTest {

    static final String PROPOSE = Seeded.ARTICLE + "/propose";
    static final String PROPOSALS = Seeded.ARTICLE + "/proposals";

    static TestApp app;
    static TestClient mod;
    static long articleId;
    /** Passages of the article no item quotes, each found once in its text: one per proposal a test makes. */
    static List<String> fresh;
    static int nextFresh;

    @BeforeAll
    static void start() {
        app = TestApp.start();
        mod = app.member("propmod", "moderator");
        articleId = app.dsl().select(ARTICLE.ID).from(ARTICLE).where(ARTICLE.SLUG.eq(Seeded.ARTICLE_SLUG))
                .fetchOne().value1();
        fresh = freshPassages(app, articleId);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    /** Stretches of about 16–40 characters between items, starting and ending at word boundaries. */
    static List<String> freshPassages(TestApp app, long articleId) {
        String body = app.dsl().select(ARTICLE.BODY).from(ARTICLE).where(ARTICLE.ID.eq(articleId)).fetchOne().value1();
        boolean[] taken = new boolean[body.length()];
        app.dsl().select(ITEM.QUOTE_START, ITEM.QUOTE).from(ITEM).where(ITEM.ARTICLE_ID.eq(articleId)).forEach(r -> {
            for (int i = r.value1(); i < r.value1() + r.value2().length() && i < taken.length; i++) {
                taken[i] = true;
            }
        });
        List<String> out = new ArrayList<>();
        int p = 0;
        while (p < body.length() - 80) {
            if (p > 0 && body.charAt(p - 1) != ' ' || !Character.isLetter(body.charAt(p))) {
                p++;
                continue;
            }
            int end = body.indexOf(' ', p + 16);
            if (end < 0 || end - p > 40) {
                p++;
                continue;
            }
            String q = body.substring(p, end);
            boolean free = true;
            for (int i = p; i < end; i++) {
                free &= !taken[i];
            }
            if (free && !q.contains("\n") && body.indexOf(q) == p && body.indexOf(q, p + 1) < 0) {
                out.add(q);
                p = end + 1;
            } else {
                p++;
            }
        }
        assertThat(out).hasSizeGreaterThan(25);
        return out;
    }

    static synchronized String passage() {
        return fresh.get(nextFresh++);
    }

    static TestClient.Response propose(TestClient member, String quote, String kind, String statement, String why) {
        return member.submit(PROPOSE, PROPOSALS, form("quote", quote, "kind", kind, "statement", statement,
                "why", why));
    }

    static long proposalId(String quote) {
        return app.dsl().select(ITEM_PROPOSAL.ID).from(ITEM_PROPOSAL).where(ITEM_PROPOSAL.QUOTE.eq(quote))
                .fetchOne().value1();
    }

    static long memberId(String name) {
        return app.memberNamed(name).id();
    }

    @Test
    void aProposalIsQueuedAcceptedRewordedAndCreditedItsProposerTold() {
        String name = app.uniqueName("proposer");
        TestClient member = app.member(name);
        String quote = passage();
        int items = app.count(ITEM);
        TestClient.Response r = propose(member, quote, "claim", "A statement as the member put it.",
                "It is a central claim of the article.");
        assertThat(r.status()).isEqualTo(302);
        assertThat(r.location()).isEqualTo(PROPOSE);
        assertThat(app.count(ITEM)).isEqualTo(items);
        Document mine = member.get(PROPOSE).html();
        assertThat(mine.select(".my-proposals li").text()).contains("A statement as the member put it.")
                .contains("waiting for a moderator");

        long id = proposalId(quote);
        Document queue = mod.get("/mod").html();
        var entry = queue.selectFirst("#proposal-" + id);
        assertThat(entry).isNotNull();
        assertThat(entry.select("mark").text()).isEqualTo(quote);
        assertThat(entry.select(".meta a").eachText()).contains(name);
        assertThat(entry.select(".proposal-why").text()).isEqualTo("It is a central claim of the article.");
        // anyone else can't review or accept it
        assertRefused(member.get("/mod/proposals/" + id), 403, "This page is for moderators.");

        // a prediction needs its resolution fields: refused, nothing stored
        String token = mod.csrf("/mod/proposals/" + id);
        var before = app.snapshot();
        TestClient.Response incomplete = mod.postWithToken("/mod/proposals/" + id + "/accept", token,
                form("kind", "prediction", "statement", "Reworded.", "assertedBy", "Balaji Srinivasan"));
        assertThat(incomplete.status()).isEqualTo(422);
        assertThat(incomplete.html().select(".field-error").eachText()).hasSize(4);
        assertThat(app.snapshot()).isEqualTo(before);

        String resolveBy = LocalDate.now().plusYears(1).toString();
        TestClient.Response accepted = mod.postWithToken("/mod/proposals/" + id + "/accept", token,
                form("kind", "prediction", "statement", "A neutral, reworded statement.",
                        "assertedBy", "Balaji Srinivasan", "criteria", "It happens by then.", "resolveBy", resolveBy,
                        "implied", "70", "wording", "he expects"));
        assertThat(accepted.status()).isEqualTo(302);
        long item = Long.parseLong(accepted.location().substring("/items/".length()));
        var row = app.dsl().selectFrom(ITEM).where(ITEM.ID.eq(item)).fetchOne();
        assertThat(row.getStatement()).isEqualTo("A neutral, reworded statement.");
        assertThat(row.getKind()).isEqualTo("prediction");
        assertThat(row.getQuote()).isEqualTo(quote);
        assertThat(row.getImpliedProbability()).isEqualTo(70);
        assertThat(row.getResolveBy()).isEqualTo(LocalDate.parse(resolveBy));
        assertThat(row.getProposedBy()).isEqualTo(memberId(name));
        var proposal = app.dsl().selectFrom(ITEM_PROPOSAL).where(ITEM_PROPOSAL.ID.eq(id)).fetchOne();
        assertThat(proposal.getStatus()).isEqualTo("accepted");
        assertThat(proposal.getItemId()).isEqualTo(item);
        assertThat(proposal.getDecidedBy()).isEqualTo(memberId("propmod"));

        // on the article, credited on its page, told to the proposer, in the public log
        assertThat(app.client().get(Seeded.ARTICLE).html().select("a.passage[href=/items/" + item + "]").text())
                .isEqualTo(quote);
        Document page = app.client().get("/items/" + item).html();
        assertThat(page.select(".proposed-by a").text()).isEqualTo(name);
        assertThat(page.select(".proposed-by a").attr("href")).isEqualTo("/users/" + name);
        Document inbox = member.get("/inbox").html();
        assertThat(inbox.text()).contains("Your proposal was accepted: \u201cA neutral, reworded statement.\u201d");
        assertThat(app.dsl().select(NOTIFICATION.KIND, NOTIFICATION.URL).from(NOTIFICATION)
                .where(NOTIFICATION.MEMBER_ID.eq(memberId(name))).fetchOne().intoList())
                .containsExactly("proposal", "/items/" + item);
        Document log = app.client().get("/mod/log?action=accept_proposal").html();
        assertThat(log.text()).contains("A neutral, reworded statement.")
                .contains("Proposed by " + name + ": It is a central claim of the article.");
        assertThat(member.get(PROPOSE).html().select(".my-proposals a").attr("href")).isEqualTo("/items/" + item);

        // deciding it again is a conflict, and changes nothing
        var after = app.snapshot();
        assertRefused(mod.postWithToken("/mod/proposals/" + id + "/accept", token, form("kind", "claim",
                "statement", "Again", "assertedBy", "Balaji Srinivasan")), 409, "This proposal has already been decided.");
        assertRefused(mod.postWithToken("/mod/proposals/" + id + "/decline", token, form("reason", "late")), 409,
                "This proposal has already been decided.");
        assertThat(app.snapshot()).isEqualTo(after);
    }

    @Test
    void aDeclinedProposalIsToldWithItsReasonAndLogged() {
        String name = app.uniqueName("declined");
        TestClient member = app.member(name);
        String quote = passage();
        assertThat(propose(member, quote, "recommendation", "Readers should do the thing.", "A clear advice.")
                .status()).isEqualTo(302);
        long id = proposalId(quote);
        String token = mod.csrf("/mod");
        var before = app.snapshot();
        assertRefused(mod.postWithToken("/mod/proposals/" + id + "/decline", token, form("reason", " ")), 422,
                "Please give a reason: it is shown in the public log and to the member affected.");
        assertThat(app.snapshot()).isEqualTo(before);
        int logs = app.count(MODERATION_LOG);
        TestClient.Response r = mod.postWithToken("/mod/proposals/" + id + "/decline", token,
                form("reason", "The passage is a question, not a claim."));
        assertThat(r.status()).isEqualTo(302);
        assertThat(app.count(MODERATION_LOG)).isEqualTo(logs + 1);
        assertThat(app.dsl().select(ITEM_PROPOSAL.STATUS, ITEM_PROPOSAL.DECLINE_REASON).from(ITEM_PROPOSAL)
                .where(ITEM_PROPOSAL.ID.eq(id)).fetchOne().intoList())
                .containsExactly("declined", "The passage is a question, not a claim.");
        Document inbox = member.get("/inbox").html();
        assertThat(inbox.text()).contains("Your proposal was declined: \u201cReaders should do the thing.\u201d")
                .contains("The passage is a question, not a claim.");
        assertThat(app.client().get("/mod/log?action=decline_proposal").html().text())
                .contains("Readers should do the thing.").contains("The passage is a question, not a claim.");
        assertThat(member.get(PROPOSE).html().select(".my-proposals li").text()).contains("declined")
                .contains("The passage is a question, not a claim.");
        assertThat(mod.get("/mod").html().select("#proposal-" + id)).isEmpty();
    }

    @Test
    void badPassagesAreRefusedWithTheFormShownAgainAndNothingStored() {
        TestClient member = app.member(app.uniqueName("careless"));
        String token = member.csrf(PROPOSE);
        String existing = app.dsl().select(ITEM.QUOTE).from(ITEM).where(ITEM.ID.eq(app.claim(2))).fetchOne().value1();
        String quote = passage();
        var before = app.snapshot();
        TestClient.Response notThere = member.postWithToken(PROPOSALS, token, form("quote", "words that are not in it",
                "kind", "claim", "statement", "s", "why", "w"));
        assertRefused(notThere, 422,
                "These exact words are not in the article. Copy them from the text, character for character.");
        assertThat(notThere.html().select("textarea#quote").text()).isEqualTo("words that are not in it");
        assertRefused(member.postWithToken(PROPOSALS, token, form("quote", quote, "occurrence", "2", "kind", "claim",
                "statement", "s", "why", "w")), 422, "These words appear 1 times; say which one (1 to 1).");
        assertRefused(member.postWithToken(PROPOSALS, token, form("quote", quote, "kind", "opinion",
                "statement", "x".repeat(201), "why", " ")), 422,
                "Choose claim, prediction or recommendation. | Write a neutral statement of up to 200 characters. "
                + "| Say in a sentence or two why this is worth an item (up to 1000 characters).");
        assertRefused(member.postWithToken(PROPOSALS, token, form("quote", existing, "kind", "claim",
                "statement", "s", "why", "w")), 422,
                "An item already quotes this passage. Open it from the article to take part.");
        assertThat(app.snapshot()).isEqualTo(before);

        // a passage already waiting for a moderator is not proposed twice
        assertThat(propose(app.member(app.uniqueName("first")), quote, "claim", "s", "w").status()).isEqualTo(302);
        var waiting = app.snapshot();
        assertRefused(member.postWithToken(PROPOSALS, token, form("quote", quote, "kind", "claim",
                "statement", "s", "why", "w")), 422,
                "Someone has already proposed this passage; it is waiting for a moderator.");
        assertThat(app.snapshot()).isEqualTo(waiting);
    }

    @Test
    void proposalsAreLimitedPerMemberPerDay() {
        TestClient member = app.member(app.uniqueName("eager"));
        for (int i = 0; i < ProposalRepository.PROPOSING.max(); i++) {
            assertThat(propose(member, passage(), "claim", "Statement " + i, "why").status()).isEqualTo(302);
        }
        String token = member.csrf(PROPOSE);
        var before = app.snapshot();
        TestClient.Response over = member.postWithToken(PROPOSALS, token, form("quote", passage(), "kind", "claim",
                "statement", "One too many", "why", "why"));
        assertThat(over.status()).isEqualTo(429);
        assertThat(Long.parseLong(over.header("Retry-After").orElseThrow())).isBetween(1L, 86_400L);
        assertThat(over.html().text()).contains("You have proposed 5 items today");
        assertThat(app.snapshot()).isEqualTo(before);
    }

    @Test
    void anonymousSuspendedAndRetiredAreRefused() {
        String quote = passage();
        int proposals = app.count(ITEM_PROPOSAL);
        TestClient anonymous = app.client();
        assertThat(anonymous.get(PROPOSE).status()).isIn(302, 401, 403);
        assertThat(anonymous.post(PROPOSALS, form("quote", quote, "kind", "claim", "statement", "s", "why", "w"))
                .status()).isEqualTo(403);
        assertThat(app.count(ITEM_PROPOSAL)).isEqualTo(proposals);
        String name = app.uniqueName("suspended");
        TestClient suspended = app.member(name);
        String token = suspended.csrf(PROPOSE);
        app.dsl().update(MEMBER).set(MEMBER.SUSPENDED_UNTIL, OffsetDateTime.now(ZoneOffset.UTC).plusDays(2))
                .where(MEMBER.ID.eq(memberId(name))).execute();
        var suspendedBefore = app.snapshot();
        assertThat(suspended.postWithToken(PROPOSALS, token, form("quote", quote, "kind", "claim", "statement", "s",
                "why", "w")).status()).isEqualTo(403);
        assertThat(app.snapshot()).isEqualTo(suspendedBefore);

        // a retired article takes no proposals
        long retired = app.dsl().insertInto(ARTICLE).set(ARTICLE.SLUG, "retired-one").set(ARTICLE.TITLE, "Retired")
                .set(ARTICLE.AUTHORS, "A. Writer").set(ARTICLE.PUBLISHER, "The Paper")
                .set(ARTICLE.PUBLISHED_ON, LocalDate.of(2026, 1, 2)).set(ARTICLE.FORMAT, "markdown")
                .set(ARTICLE.MARKDOWN, "Some text that is long enough to quote.")
                .set(ARTICLE.BODY, "Some text that is long enough to quote.")
                .set(ARTICLE.RETIRED_AT, OffsetDateTime.now(ZoneOffset.UTC)).set(ARTICLE.RETIRE_REASON, "gone")
                .returningResult(ARTICLE.ID).fetchOne().value1();
        app.app().dropCaches();
        TestClient member = app.member(app.uniqueName("late"));
        String t = member.csrf("/articles/retired-one/propose");
        var retiredBefore = app.snapshot();
        assertRefused(member.postWithToken("/articles/retired-one/proposals", t, form("quote", "long enough to quote",
                "kind", "claim", "statement", "s", "why", "w")), 422,
                "This article has been retired: it takes no new items.");
        assertThat(app.snapshot()).isEqualTo(retiredBefore);
        assertThat(app.dsl().fetchCount(ITEM_PROPOSAL, ITEM_PROPOSAL.ARTICLE_ID.eq(retired))).isZero();
    }

    @Test
    void aMemberCannotDecideProposals() {
        TestClient member = app.member(app.uniqueName("proposer"));
        String quote = passage();
        assertThat(propose(member, quote, "claim", "s", "w").status()).isEqualTo(302);
        long id = proposalId(quote);
        TestClient other = app.member(app.uniqueName("other"));
        String token = other.csrf(PROPOSE);
        String own = member.csrf(PROPOSE);
        var before = app.snapshot();
        assertRefused(other.postWithToken("/mod/proposals/" + id + "/accept", token, form("kind", "claim",
                "statement", "s", "assertedBy", "Balaji Srinivasan")), 403, "This page is for moderators.");
        assertRefused(other.postWithToken("/mod/proposals/" + id + "/decline", token, form("reason", "no")), 403,
                "This page is for moderators.");
        assertRefused(member.postWithToken("/mod/proposals/" + id + "/accept", own, form("kind", "claim",
                "statement", "s", "assertedBy", "Balaji Srinivasan")), 403, "This page is for moderators.");
        assertThat(app.snapshot()).isEqualTo(before);
        assertThat(mod.get("/mod/proposals/999999").status()).isEqualTo(404);
    }

    @Test
    void twoModeratorsAcceptingAtOnceMakeOneItem() throws Exception {
        TestClient member = app.member(app.uniqueName("raced"));
        String quote = passage();
        assertThat(propose(member, quote, "claim", "s", "w").status()).isEqualTo(302);
        long id = proposalId(quote);
        TestClient other = app.member("propmod2", "moderator");
        String t1 = mod.csrf("/mod/proposals/" + id);
        String t2 = other.csrf("/mod/proposals/" + id);
        int items = app.count(ITEM);
        int logs = app.count(MODERATION_LOG);
        CountDownLatch go = new CountDownLatch(1);
        Map<String, String> f = form("kind", "claim", "statement", "Raced statement.", "assertedBy",
                "Balaji Srinivasan");
        var a = CompletableFuture.supplyAsync(() -> {
            await(go);
            return mod.postWithToken("/mod/proposals/" + id + "/accept", t1, f).status();
        });
        var b = CompletableFuture.supplyAsync(() -> {
            await(go);
            return other.postWithToken("/mod/proposals/" + id + "/accept", t2, f).status();
        });
        go.countDown();
        assertThat(List.of(a.get(), b.get())).containsExactlyInAnyOrder(302, 409);
        assertThat(app.count(ITEM)).isEqualTo(items + 1);
        assertThat(app.count(MODERATION_LOG)).isEqualTo(logs + 1);
        assertThat(app.dsl().fetchCount(NOTIFICATION, NOTIFICATION.MEMBER_ID.eq(app.memberNamed(
                app.dsl().select(MEMBER.NAME).from(MEMBER).join(ITEM_PROPOSAL).on(ITEM_PROPOSAL.PROPOSER_ID.eq(MEMBER.ID))
                        .where(ITEM_PROPOSAL.ID.eq(id)).fetchOne().value1()).id()))).isEqualTo(1);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
