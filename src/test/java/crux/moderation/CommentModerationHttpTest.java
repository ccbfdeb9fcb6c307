package crux.moderation;

import static crux.db.generated.Tables.COMMENT;
import static crux.db.generated.Tables.COMMENT_FLAG;
import static crux.db.generated.Tables.ITEM;
import static crux.db.generated.Tables.MODERATION_LOG;
import static crux.db.generated.Tables.NOTIFICATION;
import static crux.testing.TestClient.form;
import static crux.testing.Refusals.assertRefused;
import static crux.testing.Refusals.assertRefusedMatching;
import static crux.testing.Text.assertThatText;
import static org.assertj.core.api.Assertions.assertThat;

import crux.debate.CommentWriteRepository;
import crux.debate.PostTokens;
import crux.testing.MutableClock;
import crux.testing.TestApp;
import crux.testing.TestClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jooq.Record;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Flags, the queue, and what moderators do to comments and debates: each action one log row and one notice. */
class CommentModerationHttpTest {

    static final Pattern ANCHOR = Pattern.compile("#comment-(\\d+)$");
    static MutableClock clock = MutableClock.atNow();
    static TestApp app;
    static TestClient mod;

    @BeforeAll
    static void start() {
        app = TestApp.start("h2", Map.of(), clock);
        mod = app.member("cmodmia", "moderator");
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @BeforeEach
    void freshLimits() {
        app.resetLimits();
    }

    static TestClient member() {
        return app.member(app.uniqueName("cm") + "x");
    }

    static long argue(TestClient c, long item, String body) {
        TestClient.Response r = c.submit("/about", "/items/" + item + "/arguments",
                form("side", "supports", "body", body, "token", PostTokens.next()));
        assertThat(r.status()).as(r.body()).isEqualTo(302);
        Matcher m = ANCHOR.matcher(r.location());
        assertThat(m.find()).isTrue();
        return Long.parseLong(m.group(1));
    }

    static TestClient.Response flag(TestClient c, long comment, String reason, String note) {
        return c.submit("/about", "/comments/" + comment + "/flag", form("reason", reason, "note", note));
    }

    static TestClient.Response act(String action, long id, String reason) {
        return mod.submit("/about", "/mod/comments/" + id + "/" + action, form("reason", reason));
    }

    static Record comment(long id) {
        return app.dsl().selectFrom(COMMENT).where(COMMENT.ID.eq(id)).fetchOne();
    }

    static int logsFor(String kind, long id) {
        return app.dsl().fetchCount(MODERATION_LOG, MODERATION_LOG.TARGET_KIND.eq(kind).and(MODERATION_LOG.TARGET_ID.eq(id)));
    }

    static String threadText(TestClient c, long item, String mode) {
        return c.get("/items/" + item + (mode == null ? "" : "?view=" + mode)).html().select("#debate").text();
    }

    @Test
    void threeFlagsFromDistinctMembersHideACommentPendingReviewExceptFromItsAuthor() {
        TestClient author = member();
        long id = argue(author, app.claim(1), "Flag me if you dare, number one.");
        assertThat(flag(member(), id, "spam", "").status()).isEqualTo(302);
        assertThat(flag(member(), id, "uncivil", "").status()).isEqualTo(302);
        assertThat(comment(id).get(COMMENT.MODERATION_STATE)).isEqualTo("visible");
        assertThat(flag(member(), id, "other", "it repeats a hoax").status()).isEqualTo(302);
        assertThat(comment(id).get(COMMENT.MODERATION_STATE)).isEqualTo("pending");
        assertThat(comment(id).get(COMMENT.OPEN_FLAGS)).isEqualTo(3);

        TestClient reader = member();
        for (String mode : new String[] {null, "procon"}) {
            String seen = threadText(reader, app.claim(1), mode);
            assertThat(seen).doesNotContain("Flag me if you dare, number one.");
            assertThat(seen).contains("hidden pending review");
            assertThat(threadText(app.client(), app.claim(1), mode)).doesNotContain("Flag me if you dare, number one.");
        }
        String own = threadText(author, app.claim(1), null);
        assertThat(own).contains("Flag me if you dare, number one.").contains("hidden pending review");

        // the queue shows it with its reasons and counts
        var queue = mod.get("/mod").html();
        var entry = queue.selectFirst("#flagged-" + id);
        assertThat(entry).isNotNull();
        assertThatText(entry.text()).containsPhrases("3 open flags", "Spam: 1", "Uncivil: 1", "Other: 1", "it repeats a hoax",
                "Flag me if you dare, number one.", "Hidden pending review");
    }

    @Test
    void flagRefusalsStoreNothing() {
        TestClient author = member();
        long id = argue(author, app.claim(2), "A comment to refuse flags on.");
        TestClient flagger = member();
        var before = app.snapshotWithoutCounters();
        assertRefused(flag(flagger, id, "rude", ""), 422, "Choose a reason for the flag from the list.");
        assertRefused(flag(flagger, id, "other", "  "), 422, "Say in a few words what is wrong when you choose \u201cOther\u201d.");
        assertRefused(flag(flagger, id, "other", "x".repeat(201)), 422, "Keep the details under 200 characters.");
        assertRefused(flag(author, id, "spam", ""), 403, "You cannot flag your own comment. You can edit or delete it instead.");
        assertRefused(app.client().post("/comments/" + id + "/flag", form("reason", "spam")), 403, "This form has expired or did not come from Crux. Please reload the page and try again.");
        assertRefused(flag(flagger, 999_999, "spam", ""), 404, "There is nothing at this address. It may have been mistyped, or the thing it pointed to no longer exists.");
        assertThat(app.snapshotWithoutCounters()).isEqualTo(before);

        assertThat(flag(flagger, id, "duplicate", "").status()).isEqualTo(302);
        var once = app.snapshotWithoutCounters();
        assertRefused(flag(flagger, id, "spam", ""), 409, "You have already flagged this comment. A moderator will look at it.");
        assertThat(app.snapshotWithoutCounters()).isEqualTo(once);
        assertThat(app.dsl().fetchCount(COMMENT_FLAG, COMMENT_FLAG.COMMENT_ID.eq(id))).isEqualTo(1);
    }

    @Test
    void flagsPerDayAreLimited() {
        TestClient author = member();
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i <= CommentModerationRepository.FLAGS_PER_DAY.max(); i++) {
            ids.add(argue(author, app.claim(3), "Limit fodder number " + i + "."));
            if (i % 9 == 8) {
                app.resetLimits();
            }
        }
        TestClient flagger = member();
        for (int i = 0; i < CommentModerationRepository.FLAGS_PER_DAY.max(); i++) {
            assertThat(flag(flagger, ids.get(i), "off-topic", "").status()).isEqualTo(302);
        }
        int flags = app.count(COMMENT_FLAG);
        TestClient.Response r = flag(flagger, ids.get(CommentModerationRepository.FLAGS_PER_DAY.max()), "off-topic", "");
        assertRefusedMatching(r, 429, "You have flagged 20 comments today, the most one member may\\. You can flag again in \\d+ minutes\\.");
        assertThat(r.header("Retry-After")).isPresent();
        assertThat(app.count(COMMENT_FLAG)).isEqualTo(flags);
    }

    @Test
    void dismissingShowsThePendingCommentAgainAndResolvesEveryFlagOnce() {
        TestClient author = member();
        long id = argue(author, app.prediction(1), "A fine comment wrongly flagged.");
        for (int i = 0; i < 3; i++) {
            flag(member(), id, "unsupported", "");
        }
        assertThat(comment(id).get(COMMENT.MODERATION_STATE)).isEqualTo("pending");
        int notices = app.count(NOTIFICATION);
        assertThat(act("dismiss", id, "").status()).isEqualTo(302);
        assertThat(comment(id).get(COMMENT.MODERATION_STATE)).isEqualTo("visible");
        assertThat(comment(id).get(COMMENT.OPEN_FLAGS)).isEqualTo(0);
        assertThat(app.dsl().fetchCount(COMMENT_FLAG, COMMENT_FLAG.COMMENT_ID.eq(id)
                .and(COMMENT_FLAG.RESOLUTION.eq("dismissed")).and(COMMENT_FLAG.RESOLVED_BY.isNotNull()))).isEqualTo(3);
        assertThat(logsFor("comment", id)).isEqualTo(1);
        assertThat(app.count(NOTIFICATION)).isEqualTo(notices + 1);
        assertThat(mod.get("/mod").html().selectFirst("#flagged-" + id)).isNull();

        var before = app.snapshot(MODERATION_LOG, COMMENT, COMMENT_FLAG, NOTIFICATION);
        assertRefused(act("dismiss", id, ""), 409, "These flags have already been resolved, perhaps by another moderator.");
        assertRefused(act("uphold", id, "late"), 409, "These flags have already been resolved, perhaps by another moderator.");
        assertThat(app.snapshot(MODERATION_LOG, COMMENT, COMMENT_FLAG, NOTIFICATION)).isEqualTo(before);
    }

    @Test
    void upholdingHidesAndTellsTheAuthorWhy() {
        TestClient author = member();
        long id = argue(author, app.claim(4), "A comment rightly flagged.");
        flag(member(), id, "uncivil", "");
        var before = app.snapshot(MODERATION_LOG, COMMENT, COMMENT_FLAG, NOTIFICATION);
        assertRefused(act("uphold", id, " "), 422, "Please give a reason: it is shown in the public log and to the member affected.");
        assertThat(app.snapshot(MODERATION_LOG, COMMENT, COMMENT_FLAG, NOTIFICATION)).isEqualTo(before);
        assertThat(act("uphold", id, "name-calling").status()).isEqualTo(302);
        assertThat(comment(id).get(COMMENT.MODERATION_STATE)).isEqualTo("hidden");
        assertThat(logsFor("comment", id)).isEqualTo(1);
        assertThat(author.get("/inbox").html().text()).contains("name-calling");
        assertThat(threadText(member(), app.claim(4), null)).doesNotContain("A comment rightly flagged.").contains("hidden by a moderator: name-calling");
    }

    @Test
    void hideRestoreAndRemoveEachLogOnceAndTellTheAuthor() {
        TestClient author = member();
        long id = argue(author, app.claim(5), "Words that will go away.");
        int notices = app.count(NOTIFICATION);
        assertRefused(act("hide", id, ""), 422, "Please give a reason: it is shown in the public log and to the member affected.");
        assertThat(act("hide", id, "off topic").status()).isEqualTo(302);
        assertRefused(act("hide", id, "again"), 409, "This comment is already hidden or removed. Perhaps another moderator acted first.");
        assertThat(logsFor("comment", id)).isEqualTo(1);
        assertThat(act("restore", id, "on reflection fine").status()).isEqualTo(302);
        assertRefused(act("restore", id, "again"), 409, "This comment is not hidden. Perhaps another moderator acted first.");
        assertThat(comment(id).get(COMMENT.MODERATION_STATE)).isEqualTo("visible");
        assertThat(logsFor("comment", id)).isEqualTo(2);
        assertThat(act("remove", id, "doxxing").status()).isEqualTo(302);
        assertRefused(act("remove", id, "again"), 409, "This comment has already been removed. Perhaps another moderator acted first.");
        assertThat(logsFor("comment", id)).isEqualTo(3);
        assertThat(app.count(NOTIFICATION)).isEqualTo(notices + 3);
        for (TestClient c : new TestClient[] {author, member(), app.client()}) {
            String text = threadText(c, app.claim(5), null);
            assertThat(text).contains("[removed by moderator: doxxing]").doesNotContain("Words that will go away.");
        }
        assertThat(author.get("/inbox").html().text()).contains("doxxing");
        assertThat(app.client().get("/mod/log").html().text()).contains("remove comment", "doxxing");
    }

    @Test
    void pinningIsForArgumentsAndLogged() {
        TestClient author = member();
        long id = argue(author, app.claim(6), "Pin-worthy argument.");
        TestClient.Response r = author.submit("/about", "/comments/" + id + "/replies",
                form("body", "a reply", "token", PostTokens.next()));
        Matcher m = ANCHOR.matcher(r.location());
        assertThat(m.find()).isTrue();
        long reply = Long.parseLong(m.group(1));
        assertRefused(act("pin", reply, "useful"), 422, "Only top-level arguments can be pinned, not replies.");
        assertThat(comment(reply).get(COMMENT.PINNED)).isFalse();
        assertThat(act("pin", id, "clearest case").status()).isEqualTo(302);
        assertThat(comment(id).get(COMMENT.PINNED)).isTrue();
        assertRefused(act("pin", id, "again"), 409, "This argument is already pinned.");
        assertThat(act("unpin", id, "superseded").status()).isEqualTo(302);
        assertThat(comment(id).get(COMMENT.PINNED)).isFalse();
        assertThat(logsFor("comment", id)).isEqualTo(2);
        assertThat(logsFor("comment", reply)).isEqualTo(0);
    }

    @Test
    void aLockedDebateTakesNoArgumentsOrRepliesButStancesStayOpen() {
        TestClient author = member();
        long id = argue(author, app.claim(7), "Before the lock.");
        // the item page's moderator tools offer the lock, then the unlock
        assertThat(mod.get("/items/" + app.claim(7)).html().select("form[action=/mod/items/" + app.claim(7) + "/lock] button").text())
                .startsWith("Lock the debate");
        assertThat(author.get("/items/" + app.claim(7)).html().select("form[action=/mod/items/" + app.claim(7) + "/lock]")).isEmpty();
        assertRefused(mod.submit("/about", "/mod/items/" + app.claim(7) + "/lock", form("reason", "")), 422, "Please give a reason: it is shown in the public log and to the member affected.");
        assertThat(mod.submit("/about", "/mod/items/" + app.claim(7) + "/lock", form("reason", "flame war")).status()).isEqualTo(302);
        assertRefused(mod.submit("/about", "/mod/items/" + app.claim(7) + "/lock", form("reason", "again")), 409, "This debate is already locked.");
        assertThat(logsFor("item", app.claim(7))).isEqualTo(1);
        int comments = app.count(COMMENT);
        assertRefused(author.submit("/about", "/items/" + app.claim(7) + "/arguments",
                form("side", "opposes", "body", "After the lock.", "token", PostTokens.next())), 403, "The moderators have locked this debate: you can read it and vote, but it takes no new arguments, replies or edits.");
        assertRefused(author.submit("/about", "/comments/" + id + "/replies",
                form("body", "A locked reply.", "token", PostTokens.next())), 403, "The moderators have locked this debate: you can read it and vote, but it takes no new arguments, replies or edits.");
        assertThat(app.count(COMMENT)).isEqualTo(comments);
        assertThat(author.submit("/about", "/items/" + app.claim(7) + "/stance", form("stance", "agree")).status()).isLessThan(400);
        assertThat(mod.get("/items/" + app.claim(7)).html().select("form[action=/mod/items/" + app.claim(7) + "/unlock] button").text())
                .isEqualTo("Unlock the debate");
        assertThat(mod.submit("/about", "/mod/items/" + app.claim(7) + "/unlock", form("reason", "calmer now")).status()).isEqualTo(302);
        assertThat(app.dsl().select(ITEM.DEBATE_LOCKED).from(ITEM).where(ITEM.ID.eq(app.claim(7))).fetchOne().value1()).isFalse();
        assertThat(logsFor("item", app.claim(7))).isEqualTo(2);
        argue(author, app.claim(7), "After the unlock.");
    }

    @Test
    void flaggedAuthorsCoolOffAMinutePerFlagInThatThread() {
        TestClient author = member();
        long id = argue(author, app.claim(8), "Provocative first take.");
        flag(member(), id, "uncivil", "");
        flag(member(), id, "uncivil", "");
        var before = app.snapshotWithoutCounters();
        TestClient.Response r = author.submit("/about", "/items/" + app.claim(8) + "/arguments",
                form("side", "opposes", "body", "Second take.", "token", PostTokens.next()));
        assertRefused(r, 429, "Your comments in this debate have drawn flags, so you wait a minute longer per flag between comments here. You can post again in 2 minutes.");
        assertThat(Long.parseLong(r.header("Retry-After").orElseThrow())).isBetween(100L, 120L);
        assertThat(r.html().text()).contains("drawn flags", "in 2 minutes");
        assertThat(app.snapshotWithoutCounters()).isEqualTo(before);
        // other threads are not affected
        argue(author, app.claim(9), "Elsewhere, no waiting.");
        clock.advance(Duration.ofMinutes(2).plusSeconds(1));
        argue(author, app.claim(8), "Second take, after cooling.");
    }

    @Test
    void newAccountsHaveADailyCeiling() {
        TestClient fresh = member();
        for (int i = 0; i < CommentWriteRepository.NEW_ACCOUNT_POSTING.max(); i++) {
            argue(fresh, app.claim(10), "Fresh thought " + i + ".");
            if (i % 9 == 8) {
                app.dsl().deleteFrom(crux.db.generated.Tables.RATE_COUNTER)
                        .where(crux.db.generated.Tables.RATE_COUNTER.BUCKET.startsWith("comments:")).execute();
            }
        }
        app.dsl().deleteFrom(crux.db.generated.Tables.RATE_COUNTER)
                .where(crux.db.generated.Tables.RATE_COUNTER.BUCKET.startsWith("comments:")).execute();
        var before = app.snapshotWithoutCounters();
        TestClient.Response r = fresh.submit("/about", "/items/" + app.claim(10) + "/arguments",
                form("side", "supports", "body", "One too many.", "token", PostTokens.next()));
        assertRefusedMatching(r, 429, "New accounts may post 20 comments on their first day\\. You can post again in \\d+ minutes\\.");
        assertThat(r.html().text()).contains("first day");
        assertThat(r.header("Retry-After")).isPresent();
        assertThat(app.snapshotWithoutCounters()).isEqualTo(before);
    }

    @Test
    void aModeratorEditsOrDeletesAnyCommentWithAReasonLoggedAndTold() {
        TestClient author = member();
        long id = argue(author, app.claim(11), "Contains a phone number 555-0100.");
        TestClient other = member();
        var before = app.snapshotWithoutCounters();
        assertRefused(other.submit("/about", "/comments/" + id + "/edit", form("body", "vandalised", "reason", "x"))
                , 403, "Only the author (or a moderator) can edit or delete this comment.");
        assertRefused(mod.submit("/about", "/comments/" + id + "/edit", form("body", "Contains a phone number.", "reason", ""))
                , 422, "Please give a reason: it is shown in the public log and to the author.");
        assertThat(app.snapshotWithoutCounters()).isEqualTo(before);
        assertThat(mod.get("/comments/" + id + "/edit").html().select("#edit-reason")).hasSize(1);
        assertThat(mod.submit("/about", "/comments/" + id + "/edit",
                form("body", "Contains a phone number.", "reason", "personal data")).status()).isEqualTo(302);
        assertThat(comment(id).get(COMMENT.BODY_SOURCE)).isEqualTo("Contains a phone number.");
        assertThat(logsFor("comment", id)).isEqualTo(1);
        assertThat(mod.submit("/about", "/comments/" + id + "/delete", form("reason", "still off")).status()).isEqualTo(302);
        assertThat(comment(id).get(COMMENT.DELETED_AT)).isNotNull();
        assertThat(logsFor("comment", id)).isEqualTo(2);
        assertRefused(mod.submit("/about", "/comments/" + id + "/delete", form("reason", "again")), 409, "This comment has already been deleted.");
        assertThat(logsFor("comment", id)).isEqualTo(2);
        assertThat(author.get("/inbox").html().text()).contains("personal data", "still off");
    }
}
