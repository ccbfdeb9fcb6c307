package crux.debate;

import static crux.db.generated.Tables.COMMENT;
import static crux.db.generated.Tables.COMMENT_REVISION;
import static crux.db.generated.Tables.COMMENT_VOTE;
import static crux.db.generated.Tables.ITEM;
import static crux.db.generated.Tables.NOTIFICATION;
import static crux.debate.Debates.argue;
import static crux.debate.Debates.argueId;
import static crux.debate.Debates.reply;
import static crux.debate.Debates.replyId;
import static crux.debate.Debates.vote;
import static crux.testing.TestClient.form;
import static crux.testing.Text.assertThatText;
import static crux.testing.Refusals.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import crux.db.generated.tables.records.CommentRecord;
import crux.testing.Html;
import crux.testing.TestApp;
import crux.testing.TestClient;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Arguments, replies, votes, edits and deletions over HTTP: every rule, and every refusal with nothing stored. */
class DebateHttpTest {

    static TestApp app;

    @BeforeAll
    static void start() {
        app = TestApp.start();
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    private static CommentRecord row(long id) {
        return app.dsl().selectFrom(COMMENT).where(COMMENT.ID.eq(id)).fetchOne();
    }

    private static int comments(long itemId) {
        return app.dsl().fetchCount(COMMENT, COMMENT.ITEM_ID.eq(itemId));
    }

    private static Element comment(Document page, long id) {
        Element e = page.getElementById("comment-" + id);
        assertThat(e).as("comment %s on the page", id).isNotNull();
        return e;
    }

    @Test
    void aMemberArguesAndTheArgumentShowsWithItsSideAndRenderedMarkdown() {
        TestClient ann = app.member("arguer");
        TestClient.Response r = argue(ann, app.claim(2), "opposes", "This is **wrong**: see [the data](https://example.org/x).");
        assertThat(r.status()).isEqualTo(302);
        long id = Debates.id(r);
        assertThat(r.location()).isEqualTo("/items/" + app.claim(2) + "?page=1#comment-" + id);
        CommentRecord stored = row(id);
        assertThat(stored.getSide()).isEqualTo("opposes");
        assertThat(stored.getPath()).isEqualTo(ThreadPath.segment(id));
        assertThat(stored.getDepth()).isEqualTo(1);
        assertThat(stored.getBodySource()).isEqualTo("This is **wrong**: see [the data](https://example.org/x).");
        assertThat(stored.getBodyHtml()).contains("<strong>wrong</strong>").contains("rel=\"nofollow ugc noopener noreferrer\"");

        Document page = app.client().get("/items/" + app.claim(2)).html();
        Element c = comment(page, id);
        assertThat(c.select(".side").text()).isEqualTo("Opposes");
        assertThat(c.select(".author").text()).isEqualTo("arguer");
        assertThat(c.select(".comment-body").attr("dir")).isEqualTo("auto");
        assertThat(c.select(".comment-body strong").text()).isEqualTo("wrong");
        assertThat(Html.text(page, ".debate-counts")).isEqualTo("1 argument, 1 comment in all");
        assertThat(ann.get(r.location().replaceAll("#.*", "")).html().select(".flash").text()).contains("posted");
    }

    @Test
    void aRefusedArgumentFormComesBackWithItsErrorsTiedToTheFieldsAndNothingIsStored() {
        TestClient m = app.member("sloppy");
        int before = app.count(COMMENT);
        TestClient.Response noSide = argue(m, app.claim(3), "", "A point without a side");
        assertRefused(noSide, 422, "Choose whether your argument supports, opposes or questions the item.");
        Document page = noSide.html();
        assertThat(page.select("#side-error").text()).contains("supports, opposes or questions");
        assertThat(page.select("#argument-form fieldset").attr("aria-describedby")).isEqualTo("side-error");
        assertThat(page.select("#argument-body").text()).isEqualTo("A point without a side");

        TestClient.Response empty = argue(m, app.claim(3), "supports", " \n\u200b ");
        assertRefused(empty, 422, "Write something.");
        assertThat(empty.html().select("#argument-body-error").text()).isEqualTo("Write something.");
        assertThat(empty.html().select("#argument-body").attr("aria-describedby")).contains("argument-body-error");
        assertThat(empty.html().select("#argument-body").attr("aria-invalid")).isEqualTo("true");

        TestClient.Response tooLong = argue(m, app.claim(3), "supports", "x".repeat(CommentForm.MAX_LENGTH + 1));
        assertRefused(tooLong, 422, "Keep it under 10,000 characters (this is 10,001).");
        assertThatText(Html.text(tooLong.html(), "#argument-body-error")).containsPhrases("10,000", "10,001");

        TestClient.Response badSide = argue(m, app.claim(3), "maybe", "Sideways");
        assertRefused(badSide, 422, "Choose whether your argument supports, opposes or questions the item.");
        assertThat(app.count(COMMENT)).isEqualTo(before);
    }

    @Test
    void visitorsForgedFormsAndFormsWithoutAPostTokenAreRefused() {
        int before = app.count(COMMENT);
        TestClient visitor = app.client();
        assertRefused(visitor.post("/items/" + app.claim(3) + "/arguments", form("side", "supports", "body", "hi", "token", PostTokens.next()))
                , 403, "This form has expired or did not come from Crux. Please reload the page and try again.");
        TestClient m = app.member("forger");
        // no CSRF token
        assertRefused(m.post("/items/" + app.claim(3) + "/arguments", form("side", "supports", "body", "hi", "token", PostTokens.next()))
                , 403, "This form has expired or did not come from Crux. Please reload the page and try again.");
        // no post token, or not one of ours
        assertRefused(m.submit("/about", "/items/" + app.claim(3) + "/arguments", form("side", "supports", "body", "hi")), 400, "This form is out of date. Please reload the page and try again.");
        assertRefused(argue(m, app.claim(3), "supports", "hi", "'; drop table comment"), 400, "This form is out of date. Please reload the page and try again.");
        // no such item
        assertRefused(argue(m, 999_999, "supports", "hi"), 404, "There is nothing at this address. It may have been mistyped, or the thing it pointed to no longer exists.");
        assertRefused(argue(m, 0, "supports", "hi"), 404, "There is nothing at this address. It may have been mistyped, or the thing it pointed to no longer exists.");
        assertThat(app.count(COMMENT)).isEqualTo(before);
        // the page invites visitors to sign in instead of showing the form
        Document page = visitor.get("/items/" + app.claim(3)).html();
        assertThat(page.select("#argument-form")).isEmpty();
        assertThat(page.select("#debate a[href^=/login]")).isNotEmpty();
    }

    @Test
    void aLockedDebateAndARetiredItemTakeNoNewCommentsButStayReadable() {
        TestClient m = app.member("locksmith");
        long argument = argueId(m, app.claim(4), "supports", "Before the lock");
        TestClient other = app.member("latecomer");
        app.dsl().update(ITEM).set(ITEM.DEBATE_LOCKED, true).where(ITEM.ID.eq(app.claim(4))).execute();
        try {
            int before = app.count(COMMENT);
            TestClient.Response r = argue(other, app.claim(4), "opposes", "After the lock");
            assertRefused(r, 403, "The moderators have locked this debate: you can read it and vote, but it takes no new arguments, replies or edits.");
            assertThat(r.html().select("main").text()).contains("locked");
            assertRefused(reply(other, argument, "A reply after the lock"), 403, "The moderators have locked this debate: you can read it and vote, but it takes no new arguments, replies or edits.");
            assertRefused(m.submit("/about", "/comments/" + argument + "/edit", form("body", "Edited after the lock"))
                    , 403, "The moderators have locked this debate: you can read it and vote, but it takes no new arguments, replies or edits.");
            assertThat(app.count(COMMENT)).isEqualTo(before);
            assertThat(row(argument).getBodySource()).isEqualTo("Before the lock");
            Document page = other.get("/items/" + app.claim(4)).html();
            assertThat(page.select("#debate .notice").text()).contains("locked");
            assertThat(page.select("#argument-form")).isEmpty();
            assertThat(comment(page, argument).select("a.action").eachText()).doesNotContain("Reply");
            // votes still count in a locked debate
            assertThat(vote(other, argument, "up").status()).isEqualTo(302);
        } finally {
            app.dsl().update(ITEM).set(ITEM.DEBATE_LOCKED, false).where(ITEM.ID.eq(app.claim(4))).execute();
        }

        app.dsl().update(ITEM).set(ITEM.RETIRED_AT, OffsetDateTime.now()).where(ITEM.ID.eq(app.claim(5))).execute();
        int before = app.count(COMMENT);
        assertRefused(argue(other, app.claim(5), "opposes", "On a retired item"), 403, "This item has been retired, so its debate takes no new comments.");
        assertThat(app.count(COMMENT)).isEqualTo(before);
        assertThat(other.get("/items/" + app.claim(5)).html().select("#debate .notice").text()).contains("retired");
    }

    @Test
    void repliesNestAndPastTheMaximumDepthAttachBesideSayingWhomTheyAnswer() {
        TestClient a = app.member("nester");
        TestClient b = app.member("nestee");
        long parent = argueId(a, app.claim(6), "question", "Where is the evidence?");
        long[] chain = new long[ThreadTree.MAX_DEPTH + 1];
        chain[1] = parent;
        for (int depth = 2; depth <= ThreadTree.MAX_DEPTH; depth++) {
            chain[depth] = replyId(depth % 2 == 0 ? b : a, chain[depth - 1], "Reply at depth " + depth);
            assertThat(row(chain[depth]).getDepth()).isEqualTo(depth);
            assertThat(row(chain[depth]).getParentId()).isEqualTo(chain[depth - 1]);
            assertThat(row(chain[depth]).getSide()).isNull();
        }
        long deepest = chain[ThreadTree.MAX_DEPTH];
        long beside = replyId(b, deepest, "An answer to the deepest reply");
        CommentRecord r = row(beside);
        assertThat(r.getDepth()).isEqualTo(ThreadTree.MAX_DEPTH);
        assertThat(r.getParentId()).isEqualTo(chain[ThreadTree.MAX_DEPTH - 1]);
        assertThat(r.getRepliedToId()).isEqualTo(deepest);
        // every ancestor counts every reply beneath it, in the same transaction as the reply
        assertThat(row(parent).getReplyCount()).isEqualTo(ThreadTree.MAX_DEPTH);
        assertThat(row(chain[ThreadTree.MAX_DEPTH - 1]).getReplyCount()).isEqualTo(2);

        Document page = app.client().get("/items/" + app.claim(6)).html();
        Element shown = comment(page, beside);
        assertThat(shown.select(".replying-to").text()).isEqualTo("replying to " + (ThreadTree.MAX_DEPTH % 2 == 0 ? "nestee" : "nester"));
        assertThat(shown.parent().id()).isEqualTo("replies-" + chain[ThreadTree.MAX_DEPTH - 1]);
        assertThat(Html.text(page, ".debate-counts")).isEqualTo("1 argument, " + (ThreadTree.MAX_DEPTH + 1) + " comments in all");
        // replies open and close without JavaScript: near the top they start open, deeper ones folded
        Element top = comment(page, parent);
        assertThat(top.selectFirst("details.fold").hasAttr("open")).isTrue();
        assertThat(comment(page, chain[3]).selectFirst("details.fold").hasAttr("open")).isFalse();
        assertThat(top.selectFirst("details.fold > summary").text()).isEqualTo(ThreadTree.MAX_DEPTH + " replies");
    }

    @Test
    void repliesAndMentionsNotifyPeopleButNeverTheWriter() {
        TestClient author = app.member("notified");
        TestClient replier = app.member("replier");
        app.member("mentioned");
        long argument = argueId(author, app.claim(7), "supports", "A claim worth replying to, says @notified to herself");
        assertThat(app.dsl().fetchCount(NOTIFICATION, NOTIFICATION.MEMBER_ID.eq(app.memberNamed("notified").id()))).isZero();
        long answer = replyId(replier, argument, "I disagree, and so does @mentioned (and @notified, @nobody-here).");
        var notes = app.dsl().selectFrom(NOTIFICATION).where(NOTIFICATION.URL.eq("/comments/" + answer)).fetch();
        assertThat(notes).extracting(n -> n.getKind()).containsExactlyInAnyOrder("reply", "mention");
        assertThat(notes).filteredOn(n -> n.getKind().equals("reply")).singleElement()
                .satisfies(n -> assertThat(n.getMemberId()).isEqualTo(app.memberNamed("notified").id()))
                .satisfies(n -> assertThat(n.getSummary()).startsWith("replier replied to your argument: I disagree"));
        assertThat(notes).filteredOn(n -> n.getKind().equals("mention")).singleElement()
                .satisfies(n -> assertThat(n.getMemberId()).isEqualTo(app.memberNamed("mentioned").id()));
        // the notification leads to the permalink, which leads to the comment
        assertThat(author.get("/comments/" + answer).location()).isEqualTo("/items/" + app.claim(7) + "?page=1#comment-" + answer);
    }

    @Test
    void votesAreOnePerMemberChangeableAndWithdrawableWithCountersKeptExact() {
        TestClient author = app.member("votee");
        TestClient voter = app.member("voter");
        TestClient second = app.member("voter2");
        long id = argueId(author, app.claim(8), "supports", "Vote on me");
        assertThat(vote(voter, id, "up").status()).isEqualTo(302);
        assertThat(vote(second, id, "up").status()).isEqualTo(302);
        assertThat(row(id).getUps()).isEqualTo(2);
        assertThat(vote(voter, id, "down").status()).isEqualTo(302);
        assertThat(row(id).getUps()).isEqualTo(1);
        assertThat(row(id).getDowns()).isEqualTo(1);
        assertThat(app.dsl().fetchCount(COMMENT_VOTE, COMMENT_VOTE.COMMENT_ID.eq(id))).isEqualTo(2);
        Document page = voter.get("/items/" + app.claim(8)).html();
        assertThat(page.select("#vote-down-" + id).attr("aria-pressed")).isEqualTo("true");
        assertThat(page.select("#vote-down-" + id).attr("value")).isEqualTo("none");
        assertThat(page.select("#vote-up-" + id).attr("aria-pressed")).isEqualTo("false");
        TestClient.Response withdraw = vote(voter, id, "none");
        assertThat(withdraw.location()).isEqualTo("/items/" + app.claim(8) + "?page=1#comment-" + id);
        assertThat(row(id).getUps()).isEqualTo(1);
        assertThat(row(id).getDowns()).isZero();
        assertThat(app.dsl().fetchCount(COMMENT_VOTE, COMMENT_VOTE.COMMENT_ID.eq(id))).isEqualTo(1);
    }

    @Test
    void votesOnYourOwnCommentNonsenseVotesAndVisitorsAreRefusedWithNothingStored() {
        TestClient author = app.member("selfvoter");
        long id = argueId(author, app.claim(8), "opposes", "Do not vote on yourself");
        int votes = app.count(COMMENT_VOTE);
        TestClient.Response own = vote(author, id, "up");
        assertRefused(own, 403, "You cannot vote on your own comment.");
        assertThat(own.html().select("main").text()).contains("your own");
        assertRefused(vote(app.member("nonsense"), id, "sideways"), 400, "A vote is up, down or none.");
        assertRefused(app.client().post("/comments/" + id + "/vote", form("vote", "up")), 403, "This form has expired or did not come from Crux. Please reload the page and try again.");
        assertRefused(vote(app.member("ghostvoter"), 987_654, "up"), 404, "There is nothing at this address. It may have been mistyped, or the thing it pointed to no longer exists.");
        assertThat(app.count(COMMENT_VOTE)).isEqualTo(votes);
        assertThat(row(id).getUps()).isZero();
        // the author sees counts, not buttons
        assertThat(author.get("/items/" + app.claim(8)).html().select("#votes-" + id + " button")).isEmpty();
    }

    @Test
    void everySortOrdersTheArgumentsAndUnknownSortsFallBackToBest() {
        TestClient a = app.member("sorter");
        TestClient[] voters = new TestClient[5];
        for (int i = 0; i < voters.length; i++) {
            voters[i] = app.member("sortvoter" + i);
        }
        long loved = argueId(a, app.claim(9), "supports", "Loved");
        long split = argueId(a, app.claim(9), "opposes", "Split");
        long quiet = argueId(a, app.claim(9), "question", "Quiet");
        for (int i = 0; i < 5; i++) {
            vote(voters[i], loved, "up");
        }
        for (int i = 0; i < 4; i++) {
            vote(voters[i], split, i % 2 == 0 ? "up" : "down");
        }
        assertThat(order("/items/" + app.claim(9), List.of(loved, split, quiet))).containsExactly(loved, split, quiet);
        assertThat(order("/items/" + app.claim(9) + "?sort=top", List.of(loved, split, quiet))).containsExactly(loved, split, quiet);
        assertThat(order("/items/" + app.claim(9) + "?sort=controversial", List.of(loved, split, quiet))).containsExactly(split, loved, quiet);
        assertThat(order("/items/" + app.claim(9) + "?sort=new", List.of(loved, split, quiet))).containsExactly(quiet, split, loved);
        assertThat(order("/items/" + app.claim(9) + "?sort=old", List.of(loved, split, quiet))).containsExactly(loved, split, quiet);
        assertThat(order("/items/" + app.claim(9) + "?sort=persuasive", List.of(loved, split, quiet))).containsExactly(loved, split, quiet);
        assertThat(order("/items/" + app.claim(9) + "?sort=%3Cscript%3E", List.of(loved, split, quiet))).containsExactly(loved, split, quiet);
        Document controversial = app.client().get("/items/" + app.claim(9) + "?sort=controversial").html();
        assertThat(controversial.select(".sorts a[aria-current]").text()).isEqualTo("Controversial");
        // the pro/con view: sides in their columns, questions in their own section
        Document procon = app.client().get("/items/" + app.claim(9) + "?view=procon&sort=controversial").html();
        assertThat(procon.select(".procon-col--supports .comment-item").eachAttr("id")).containsExactly("comment-" + loved);
        assertThat(procon.select(".procon-col--opposes .comment-item").eachAttr("id")).containsExactly("comment-" + split);
        assertThat(procon.select(".procon-questions .comment-item").eachAttr("id")).containsExactly("comment-" + quiet);
        assertThat(procon.select(".tabs a[aria-current]").text()).isEqualTo("For and against");
    }

    @Test
    void aPinnedArgumentComesFirstWhateverTheSortAndSaysSo() {
        TestClient a = app.member("pinner");
        long first = argueId(a, app.prediction(4), "supports", "Popular");
        long pinned = argueId(a, app.prediction(4), "opposes", "Pinned by the moderators");
        vote(app.member("pinfan"), first, "up");
        app.dsl().update(COMMENT).set(COMMENT.PINNED, true).where(COMMENT.ID.eq(pinned)).execute();
        for (String sort : List.of("best", "top", "new", "old", "controversial", "persuasive")) {
            assertThat(order("/items/" + app.prediction(4) + "?sort=" + sort, List.of(first, pinned))).as(sort).containsExactly(pinned, first);
        }
        assertThat(comment(app.client().get("/items/" + app.prediction(4)).html(), pinned).select(".pin").text()).isEqualTo("Pinned");
    }

    private static List<Long> order(String path, List<Long> ids) {
        Document page = app.client().get(path).html();
        return page.select("ol.thread > li.comment-item").stream().map(e -> Long.parseLong(e.id().substring(8)))
                .filter(ids::contains).toList();
    }

    @Test
    void onlyTheAuthorEditsTheEditIsMarkedAndEarlierVersionsStayReadable() {
        TestClient author = app.member("editor");
        TestClient other = app.member("meddler");
        long id = argueId(author, app.claim(10), "supports", "First *draft*");
        assertRefused(other.get("/comments/" + id + "/edit"), 403, "Only the author (or a moderator) can edit or delete this comment.");
        assertRefused(other.submit("/about", "/comments/" + id + "/edit", form("body", "Hijacked")), 403, "Only the author (or a moderator) can edit or delete this comment.");
        assertRefused(app.client().post("/comments/" + id + "/edit", form("body", "Anonymous")), 403, "This form has expired or did not come from Crux. Please reload the page and try again.");
        assertRefused(author.submit("/about", "/comments/" + id + "/edit", form("body", "  ")), 422, "Write something.");
        assertThat(row(id).getBodySource()).isEqualTo("First *draft*");
        assertThat(row(id).getEditedAt()).isNull();
        assertThat(app.dsl().fetchCount(COMMENT_REVISION, COMMENT_REVISION.COMMENT_ID.eq(id))).isZero();

        Document form = author.get("/comments/" + id + "/edit").html();
        assertThat(form.select("#edit-body").text()).isEqualTo("First *draft*");
        TestClient.Response edit = author.submit("/about", "/comments/" + id + "/edit", form("body", "Second **draft**"));
        assertThat(edit.status()).isEqualTo(302);
        assertThat(edit.location()).isEqualTo("/items/" + app.claim(10) + "?page=1#comment-" + id);
        assertThat(row(id).getBodyHtml()).contains("<strong>draft</strong>");
        assertThat(row(id).getSide()).isEqualTo("supports");
        Document page = app.client().get("/items/" + app.claim(10)).html();
        assertThat(comment(page, id).select("a.edited").attr("href")).isEqualTo("/comments/" + id + "/history");

        Document history = app.client().get("/comments/" + id + "/history").html();
        assertThat(history.select(".version--current .comment-body").text()).isEqualTo("Second draft");
        assertThat(history.select(".version:not(.version--current) .comment-body em").text()).isEqualTo("draft");
        assertThat(history.select(".comment-body").eachAttr("dir")).containsOnly("auto");
        // saving the same text again is not a new version
        author.submit("/about", "/comments/" + id + "/edit", form("body", "Second **draft**"));
        assertThat(app.dsl().fetchCount(COMMENT_REVISION, COMMENT_REVISION.COMMENT_ID.eq(id))).isEqualTo(1);
    }

    @Test
    void deletingLeavesRepliesInPlaceUnderDeletedAndHidesTheAuthor() {
        TestClient author = app.member("deleter");
        TestClient other = app.member("survivor");
        long id = argueId(author, app.claim(11), "opposes", "Soon gone");
        author.submit("/about", "/comments/" + id + "/edit", form("body", "Soon gone, edited"));
        long answer = replyId(other, id, "I will outlive it");
        assertRefused(other.submit("/about", "/comments/" + id + "/delete", form()), 403, "Only the author (or a moderator) can edit or delete this comment.");
        assertThat(row(id).getDeletedAt()).isNull();

        TestClient.Response del = author.submit("/about", "/comments/" + id + "/delete", form());
        assertThat(del.status()).isEqualTo(302);
        assertThat(del.location()).isEqualTo("/items/" + app.claim(11) + "?page=1#comment-" + id);
        CommentRecord gone = row(id);
        assertThat(gone.getDeletedAt()).isNotNull();
        assertThat(gone.getBodySource()).isEmpty();
        assertThat(gone.getBodyHtml()).isEmpty();
        assertThat(app.dsl().fetchCount(COMMENT_REVISION, COMMENT_REVISION.COMMENT_ID.eq(id))).isZero();

        Document page = app.client().get("/items/" + app.claim(11)).html();
        Element shown = comment(page, id);
        assertThat(shown.select("> article .comment-body").text()).isEqualTo("[deleted]");
        assertThat(shown.select("> article .author").text()).isEqualTo("[deleted]");
        assertThat(shown.select("> article a.author")).isEmpty();
        assertThat(page.text()).doesNotContain("Soon gone").doesNotContain("deleter");
        assertThat(comment(page, answer).select(".comment-body").text()).isEqualTo("I will outlive it");
        // still a permalink; its history says what happened; no votes, no replies, no edits
        assertThat(app.client().get("/comments/" + id).location()).isEqualTo("/items/" + app.claim(11) + "?page=1#comment-" + id);
        assertThat(app.client().get("/comments/" + id + "/history").html().select(".notice").text()).contains("deleted");
        int before = app.count(COMMENT);
        assertRefused(reply(other, id, "To a ghost"), 409, "That comment has been deleted, so it takes no new replies.");
        assertThat(app.count(COMMENT)).isEqualTo(before);
        assertRefused(vote(other, id, "up"), 409, "This comment has been deleted; it takes no more votes.");
        assertRefused(author.get("/comments/" + id + "/edit"), 409, "This comment has been deleted; there is nothing left to edit.");
        // deleting twice is harmless
        assertThat(author.submit("/about", "/comments/" + id + "/delete", form()).status()).isEqualTo(302);
    }

    @Test
    void permalinksRedirectToThePageWhereTheCommentSits() {
        app.member("pager1");
        List<Long> authors = List.of(app.memberNamed("pager1").id());
        // 30 arguments with no votes: under the default sort they come oldest first, 25 to a page
        List<Long> ids = DebateSeed.seed(app.dsl(), app.claim(12), authors, 30, 0, 1);
        app.dsl().update(COMMENT).set(COMMENT.UPS, 0).set(COMMENT.DOWNS, 0).where(COMMENT.ITEM_ID.eq(app.claim(12))).execute();
        long onPageTwo = ids.get(27);
        TestClient.Response r = app.client().get("/comments/" + onPageTwo);
        assertThat(r.status()).isEqualTo(302);
        assertThat(r.location()).isEqualTo("/items/" + app.claim(12) + "?page=2#comment-" + onPageTwo);
        long answer = replyId(app.member("pager2"), onPageTwo, "A reply on page two");
        assertThat(app.client().get("/comments/" + answer).location()).isEqualTo("/items/" + app.claim(12) + "?page=2#comment-" + answer);
        assertThat(app.client().get("/comments/" + ids.get(0)).location()).isEqualTo("/items/" + app.claim(12) + "?page=1#comment-" + ids.get(0));

        Document page2 = app.client().get("/items/" + app.claim(12) + "?page=2").html();
        assertThat(page2.select("ol.thread > li.comment-item")).hasSize(5);
        assertThat(page2.getElementById("comment-" + answer)).isNotNull();
        assertThat(Html.text(page2, ".pager span")).isEqualTo("Page 2 of 2");
        assertThat(Html.text(page2, ".debate-counts")).isEqualTo("30 arguments, 31 comments in all");
        assertThat(app.client().get("/items/" + app.claim(12)).html().select("ol.thread > li.comment-item"))
                .hasSize(ThreadTree.ARGUMENTS_PER_PAGE);
        // a page past the end shows the last page; nonsense shows the first
        assertThat(Html.text(app.client().get("/items/" + app.claim(12) + "?page=99").html(), ".pager span")).isEqualTo("Page 2 of 2");
        assertThat(app.client().get("/items/" + app.claim(12) + "?page=-3x").status()).isEqualTo(200);

        assertRefused(app.client().get("/comments/999999"), 404, "There is nothing at this address. It may have been mistyped, or the thing it pointed to no longer exists.");
        assertRefused(app.client().get("/comments/abc"), 404, "There is nothing at this address. It may have been mistyped, or the thing it pointed to no longer exists.");
        assertRefused(app.client().get("/comments/999999/history"), 404, "There is nothing at this address. It may have been mistyped, or the thing it pointed to no longer exists.");
    }

    @Test
    void postingIsRateLimitedPerMemberWithRetryAfterAndNothingStored() {
        TestClient m = app.member("chatterbox");
        for (int i = 0; i < CommentWriteRepository.POSTING.max(); i++) {
            assertThat(argue(m, app.prediction(2), "supports", "Point number " + i).status()).isEqualTo(302);
        }
        int before = app.count(COMMENT);
        TestClient.Response refused = argue(m, app.prediction(2), "supports", "One too many");
        assertRefused(refused, 429, "You have posted 10 comments in the last 10 minutes. Please wait a little before posting again.");
        assertThat(Long.parseLong(refused.header("Retry-After").orElseThrow())).isBetween(1L, 600L);
        assertThatText(refused.html().select("main").text()).containsPhrases(CommentWriteRepository.POSTING.max() + " comments");
        assertThat(app.count(COMMENT)).isEqualTo(before);
        // someone else may still post
        assertThat(argue(app.member("quietone"), 14, "opposes", "My first point").status()).isEqualTo(302);
    }

    @Test
    void aDoubleSubmittedFormCreatesOneCommentAndTheSecondLandsOnIt() {
        TestClient m = app.member("doubleclick");
        String token = PostTokens.next();
        TestClient.Response first = argue(m, app.claim(13), "supports", "Said once", token);
        TestClient.Response second = argue(m, app.claim(13), "supports", "Said once", token);
        assertThat(first.status()).isEqualTo(302);
        assertThat(second.status()).isEqualTo(302);
        assertThat(second.location()).isEqualTo(first.location());
        assertThat(comments(app.claim(13))).isEqualTo(1);
        // the same token is a different form when it targets another comment
        long id = Debates.id(first);
        TestClient.Response r1 = m.submit("/about", "/comments/" + id + "/replies", form("body", "Reply once", "token", token));
        TestClient.Response r2 = m.submit("/about", "/comments/" + id + "/replies", form("body", "Reply once", "token", token));
        assertThat(r1.location()).isEqualTo(r2.location()).isNotEqualTo(first.location());
        assertThat(comments(app.claim(13))).isEqualTo(2);
    }

    @Test
    void theSameWordsTwiceWithinMinutesAreRefusedButOthersMaySayThem() {
        TestClient m = app.member("parrot");
        assertThat(argue(m, app.claim(14), "supports", "Exactly this").status()).isEqualTo(302);
        int before = app.count(COMMENT);
        TestClient.Response again = argue(m, app.claim(14), "opposes", "Exactly this");
        assertRefused(again, 422, "You posted these exact words a few minutes ago. Say something new, or find your earlier comment in the thread.");
        assertThat(again.html().select("#argument-body-error").text()).contains("a few minutes ago");
        assertThat(app.count(COMMENT)).isEqualTo(before);
        assertThat(argue(app.member("echo"), 16, "supports", "Exactly this").status()).isEqualTo(302);
    }

    @Test
    void withHtmxRepliesAndVotesAnswerWithFragmentsToSwapInPlace() {
        TestClient author = app.member("htmxauthor");
        TestClient other = app.member("htmxother");
        long id = argueId(author, app.claim(15), "supports", "Swap me");

        TestClient.Response v = Debates.htmx(other, "/comments/" + id + "/vote", form("vote", "up"));
        assertThat(v.status()).isEqualTo(200);
        assertThat(v.body()).doesNotContain("<html").doesNotContain("<main");
        Document voted = v.html();
        assertThat(voted.select("#votes-" + id + " #vote-up-" + id).attr("aria-pressed")).isEqualTo("true");
        assertThat(voted.select("[hx-swap-oob='innerHTML:#debate-status']").text()).contains("You voted this up");

        TestClient.Response form = other.get("/comments/" + id + "/reply", Map.of("HX-Request", "true"));
        assertThat(form.body()).doesNotContain("<html");
        assertThat(form.html().select("form#reply-form-" + id).attr("hx-target")).isEqualTo("#reply-slot-" + id);
        String token = form.html().select("input[name=token]").attr("value");

        TestClient.Response bad = Debates.htmx(other, "/comments/" + id + "/replies", form("body", "", "token", token));
        assertRefused(bad, 422, "Write something.");
        assertThat(bad.body()).doesNotContain("<html");
        assertThat(bad.html().select("#reply-body-" + id + "-error").text()).isEqualTo("Write something.");

        TestClient.Response ok = Debates.htmx(other, "/comments/" + id + "/replies", form("body", "Swapped in", "token", token));
        assertThat(ok.status()).isEqualTo(200);
        Document posted = ok.html();
        assertThat(posted.select("[hx-swap-oob='beforeend:#replies-" + id + "'] .comment-body").text()).isEqualTo("Swapped in");
        assertThat(posted.select("[hx-swap-oob='innerHTML:#debate-status']").text()).contains("posted");
        // the same form resent: nothing new to swap in
        TestClient.Response again = Debates.htmx(other, "/comments/" + id + "/replies", form("body", "Swapped in", "token", token));
        assertThat(again.html().select(".comment-item")).isEmpty();
        assertThat(comments(app.claim(15))).isEqualTo(2);
        // without JavaScript the reply form is a page of its own, with no htmx on it
        Document page = other.get("/comments/" + id + "/reply").html();
        assertThat(page.select("main form#reply-form-" + id).attr("hx-post")).isEmpty();
        assertThat(page.select("main h1").text()).isEqualTo("Reply");
    }

    @Test
    void theReplyFormAsksVisitorsToSignInFirst() {
        long id = argueId(app.member("openbook"), 18, "supports", "Reply to me");
        TestClient.Response r = app.client().get("/comments/" + id + "/reply");
        assertThat(r.status()).isEqualTo(302);
        assertThat(r.location()).isEqualTo("/login?next=%2Fcomments%2F" + id + "%2Freply");
        // visitors get a plain link, never an htmx request that would swap a login page into the thread
        Element link = app.client().get("/items/" + app.claim(16)).html().selectFirst("#comment-" + id + " a.action");
        assertThat(link.text()).isEqualTo("Reply");
        assertThat(link.hasAttr("hx-get")).isFalse();
    }
}
