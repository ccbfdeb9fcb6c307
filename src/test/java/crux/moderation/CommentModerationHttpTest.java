package crux.moderation;

import static crux.db.generated.Tables.COMMENT;
import static crux.db.generated.Tables.COMMENT_FLAG;
import static crux.db.generated.Tables.ITEM;
import static crux.db.generated.Tables.MODERATION_LOG;
import static crux.db.generated.Tables.NOTIFICATION;
import static crux.testing.TestClient.form;
import static org.assertj.core.api.Assertions.assertThat;

import crux.debate.CommentWriteRepository;
import crux.debate.PostTokens;
import crux.testing.MutableClock;
import crux.testing.TestApp;
import crux.testing.TestClient;
import java.time.Duration;
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
    static int seq;

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
        return app.member("cm" + (++seq) + "x");
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
        long id = argue(author, 1, "Flag me if you dare, number one.");
        assertThat(flag(member(), id, "spam", "").status()).isEqualTo(302);
        assertThat(flag(member(), id, "uncivil", "").status()).isEqualTo(302);
        assertThat(comment(id).get(COMMENT.MODERATION_STATE)).isEqualTo("visible");
        assertThat(flag(member(), id, "other", "it repeats a hoax").status()).isEqualTo(302);
        assertThat(comment(id).get(COMMENT.MODERATION_STATE)).isEqualTo("pending");
        assertThat(comment(id).get(COMMENT.OPEN_FLAGS)).isEqualTo(3);

        TestClient reader = member();
        for (String mode : new String[] {null, "procon"}) {
            String seen = threadText(reader, 1, mode);
            assertThat(seen).doesNotContain("Flag me if you dare, number one.");
            assertThat(seen).contains("hidden pending review");
            assertThat(threadText(app.client(), 1, mode)).doesNotContain("Flag me if you dare, number one.");
        }
        String own = threadText(author, 1, null);
        assertThat(own).contains("Flag me if you dare, number one.").contains("hidden pending review");

        // the queue shows it with its reasons and counts
        var queue = mod.get("/mod").html();
        var entry = queue.selectFirst("#flagged-" + id);
        assertThat(entry).isNotNull();
        assertThat(entry.text()).contains("3 open flags", "Spam: 1", "Uncivil: 1", "Other: 1", "it repeats a hoax",
                "Flag me if you dare, number one.", "Hidden pending review");
    }

    @Test
    void flagRefusalsStoreNothing() {
        TestClient author = member();
        long id = argue(author, 2, "A comment to refuse flags on.");
        TestClient flagger = member();
        var before = app.snapshotWithoutCounters();
        assertThat(flag(flagger, id, "rude", "").status()).isEqualTo(422);
        assertThat(flag(flagger, id, "other", "  ").status()).isEqualTo(422);
        assertThat(flag(flagger, id, "other", "x".repeat(201)).status()).isEqualTo(422);
        assertThat(flag(author, id, "spam", "").status()).isEqualTo(403);
        assertThat(app.client().post("/comments/" + id + "/flag", form("reason", "spam")).status()).isEqualTo(403);
        assertThat(flag(flagger, 999_999, "spam", "").status()).isEqualTo(404);
        assertThat(app.snapshotWithoutCounters()).isEqualTo(before);

        assertThat(flag(flagger, id, "duplicate", "").status()).isEqualTo(302);
        var once = app.snapshotWithoutCounters();
        assertThat(flag(flagger, id, "spam", "").status()).isEqualTo(409);
        assertThat(app.snapshotWithoutCounters()).isEqualTo(once);
        assertThat(app.dsl().fetchCount(COMMENT_FLAG, COMMENT_FLAG.COMMENT_ID.eq(id))).isEqualTo(1);
    }

    @Test
    void flagsPerDayAreLimited() {
        TestClient author = member();
        java.util.List<Long> ids = new java.util.ArrayList<>();
        for (int i = 0; i <= CommentModerationRepository.FLAGS_PER_DAY.max(); i++) {
            ids.add(argue(author, 3, "Limit fodder number " + i + "."));
            if (i % 9 == 8) {
                app.resetLimits();
            }
        }
        TestClient flagger = member();
        for (int i = 0; i < CommentModerationRepository.FLAGS_PER_DAY.max(); i++) {
            assertThat(flag(flagger, ids.get(i), "off-topic", "").status()).isEqualTo(302);
        }
        int flags = app.count(COMMENT_FLAG);
        TestClient.Response r = flag(flagger, ids.get(CommentModerationRepository.FLAGS_PER_DAY.max()), "off-topic",
                "");
        assertThat(r.status()).isEqualTo(429);
        assertThat(r.header("Retry-After")).isPresent();
        assertThat(app.count(COMMENT_FLAG)).isEqualTo(flags);
    }

    @Test
    void dismissingShowsThePendingCommentAgainAndResolvesEveryFlagOnce() {
        TestClient author = member();
        long id = argue(author, 4, "A fine comment wrongly flagged.");
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
        assertThat(act("dismiss", id, "").status()).isEqualTo(409);
        assertThat(act("uphold", id, "late").status()).isEqualTo(409);
        assertThat(app.snapshot(MODERATION_LOG, COMMENT, COMMENT_FLAG, NOTIFICATION)).isEqualTo(before);
    }

    @Test
    void upholdingHidesAndTellsTheAuthorWhy() {
        TestClient author = member();
        long id = argue(author, 5, "A comment rightly flagged.");
        flag(member(), id, "uncivil", "");
        var before = app.snapshot(MODERATION_LOG, COMMENT, COMMENT_FLAG, NOTIFICATION);
        assertThat(act("uphold", id, " ").status()).isEqualTo(422);
        assertThat(app.snapshot(MODERATION_LOG, COMMENT, COMMENT_FLAG, NOTIFICATION)).isEqualTo(before);
        assertThat(act("uphold", id, "name-calling").status()).isEqualTo(302);
        assertThat(comment(id).get(COMMENT.MODERATION_STATE)).isEqualTo("hidden");
        assertThat(logsFor("comment", id)).isEqualTo(1);
        assertThat(author.get("/inbox").html().text()).contains("name-calling");
        assertThat(threadText(member(), 5, null)).doesNotContain("A comment rightly flagged.").contains("hidden by a moderator: name-calling");
    }

    @Test
    void hideRestoreAndRemoveEachLogOnceAndTellTheAuthor() {
        TestClient author = member();
        long id = argue(author, 6, "Words that will go away.");
        int notices = app.count(NOTIFICATION);
        assertThat(act("hide", id, "").status()).isEqualTo(422);
        assertThat(act("hide", id, "off topic").status()).isEqualTo(302);
        assertThat(act("hide", id, "again").status()).isEqualTo(409);
        assertThat(logsFor("comment", id)).isEqualTo(1);
        assertThat(act("restore", id, "on reflection fine").status()).isEqualTo(302);
        assertThat(act("restore", id, "again").status()).isEqualTo(409);
        assertThat(comment(id).get(COMMENT.MODERATION_STATE)).isEqualTo("visible");
        assertThat(logsFor("comment", id)).isEqualTo(2);
        assertThat(act("remove", id, "doxxing").status()).isEqualTo(302);
        assertThat(act("remove", id, "again").status()).isEqualTo(409);
        assertThat(logsFor("comment", id)).isEqualTo(3);
        assertThat(app.count(NOTIFICATION)).isEqualTo(notices + 3);
        for (TestClient c : new TestClient[] {author, member(), app.client()}) {
            String text = threadText(c, 6, null);
            assertThat(text).contains("[removed by moderator: doxxing]").doesNotContain("Words that will go away.");
        }
        assertThat(author.get("/inbox").html().text()).contains("doxxing");
        assertThat(app.client().get("/mod/log").html().text()).contains("remove comment", "doxxing");
    }

    @Test
    void pinningIsForArgumentsAndLogged() {
        TestClient author = member();
        long id = argue(author, 7, "Pin-worthy argument.");
        TestClient.Response r = author.submit("/about", "/comments/" + id + "/replies",
                form("body", "a reply", "token", PostTokens.next()));
        Matcher m = ANCHOR.matcher(r.location());
        assertThat(m.find()).isTrue();
        long reply = Long.parseLong(m.group(1));
        assertThat(act("pin", reply, "useful").status()).isEqualTo(422);
        assertThat(act("pin", id, "clearest case").status()).isEqualTo(302);
        assertThat(comment(id).get(COMMENT.PINNED)).isTrue();
        assertThat(act("pin", id, "again").status()).isEqualTo(409);
        assertThat(act("unpin", id, "superseded").status()).isEqualTo(302);
        assertThat(comment(id).get(COMMENT.PINNED)).isFalse();
        assertThat(logsFor("comment", id)).isEqualTo(2);
        assertThat(logsFor("comment", reply)).isEqualTo(0);
    }

    @Test
    void aLockedDebateTakesNoArgumentsOrRepliesButStancesStayOpen() {
        TestClient author = member();
        long id = argue(author, 8, "Before the lock.");
        // the item page's moderator tools offer the lock, then the unlock
        assertThat(mod.get("/items/8").html().select("form[action=/mod/items/8/lock] button").text())
                .startsWith("Lock the debate");
        assertThat(author.get("/items/8").html().select("form[action=/mod/items/8/lock]")).isEmpty();
        assertThat(mod.submit("/about", "/mod/items/8/lock", form("reason", "")).status()).isEqualTo(422);
        assertThat(mod.submit("/about", "/mod/items/8/lock", form("reason", "flame war")).status()).isEqualTo(302);
        assertThat(mod.submit("/about", "/mod/items/8/lock", form("reason", "again")).status()).isEqualTo(409);
        assertThat(logsFor("item", 8)).isEqualTo(1);
        int comments = app.count(COMMENT);
        assertThat(author.submit("/about", "/items/8/arguments",
                form("side", "opposes", "body", "After the lock.", "token", PostTokens.next())).status()).isEqualTo(403);
        assertThat(author.submit("/about", "/comments/" + id + "/replies",
                form("body", "A locked reply.", "token", PostTokens.next())).status()).isEqualTo(403);
        assertThat(app.count(COMMENT)).isEqualTo(comments);
        assertThat(author.submit("/about", "/items/8/stance", form("stance", "agree")).status()).isLessThan(400);
        assertThat(mod.get("/items/8").html().select("form[action=/mod/items/8/unlock] button").text())
                .isEqualTo("Unlock the debate");
        assertThat(mod.submit("/about", "/mod/items/8/unlock", form("reason", "calmer now")).status()).isEqualTo(302);
        assertThat(app.dsl().select(ITEM.DEBATE_LOCKED).from(ITEM).where(ITEM.ID.eq(8L)).fetchOne().value1()).isFalse();
        assertThat(logsFor("item", 8)).isEqualTo(2);
        argue(author, 8, "After the unlock.");
    }

    @Test
    void flaggedAuthorsCoolOffAMinutePerFlagInThatThread() {
        TestClient author = member();
        long id = argue(author, 9, "Provocative first take.");
        flag(member(), id, "uncivil", "");
        flag(member(), id, "uncivil", "");
        var before = app.snapshotWithoutCounters();
        TestClient.Response r = author.submit("/about", "/items/9/arguments",
                form("side", "opposes", "body", "Second take.", "token", PostTokens.next()));
        assertThat(r.status()).isEqualTo(429);
        assertThat(Long.parseLong(r.header("Retry-After").orElseThrow())).isBetween(100L, 120L);
        assertThat(r.html().text()).contains("drawn flags", "in 2 minutes");
        assertThat(app.snapshotWithoutCounters()).isEqualTo(before);
        // other threads are not affected
        argue(author, 10, "Elsewhere, no waiting.");
        clock.advance(Duration.ofMinutes(2).plusSeconds(1));
        argue(author, 9, "Second take, after cooling.");
    }

    @Test
    void newAccountsHaveADailyCeiling() {
        TestClient fresh = member();
        for (int i = 0; i < CommentWriteRepository.NEW_ACCOUNT_POSTING.max(); i++) {
            argue(fresh, 11, "Fresh thought " + i + ".");
            if (i % 9 == 8) {
                app.dsl().deleteFrom(crux.db.generated.Tables.RATE_COUNTER)
                        .where(crux.db.generated.Tables.RATE_COUNTER.BUCKET.startsWith("comments:")).execute();
            }
        }
        app.dsl().deleteFrom(crux.db.generated.Tables.RATE_COUNTER)
                .where(crux.db.generated.Tables.RATE_COUNTER.BUCKET.startsWith("comments:")).execute();
        TestClient.Response r = fresh.submit("/about", "/items/11/arguments",
                form("side", "supports", "body", "One too many.", "token", PostTokens.next()));
        assertThat(r.status()).isEqualTo(429);
        assertThat(r.html().text()).contains("first day");
        assertThat(r.header("Retry-After")).isPresent();
    }

    @Test
    void aModeratorEditsOrDeletesAnyCommentWithAReasonLoggedAndTold() {
        TestClient author = member();
        long id = argue(author, 12, "Contains a phone number 555-0100.");
        TestClient other = member();
        var before = app.snapshotWithoutCounters();
        assertThat(other.submit("/about", "/comments/" + id + "/edit", form("body", "vandalised", "reason", "x"))
                .status()).isEqualTo(403);
        assertThat(mod.submit("/about", "/comments/" + id + "/edit", form("body", "Contains a phone number.", "reason", ""))
                .status()).isEqualTo(422);
        assertThat(app.snapshotWithoutCounters()).isEqualTo(before);
        assertThat(mod.get("/comments/" + id + "/edit").html().select("#edit-reason")).hasSize(1);
        assertThat(mod.submit("/about", "/comments/" + id + "/edit",
                form("body", "Contains a phone number.", "reason", "personal data")).status()).isEqualTo(302);
        assertThat(comment(id).get(COMMENT.BODY_SOURCE)).isEqualTo("Contains a phone number.");
        assertThat(logsFor("comment", id)).isEqualTo(1);
        assertThat(mod.submit("/about", "/comments/" + id + "/delete", form("reason", "still off")).status()).isEqualTo(302);
        assertThat(comment(id).get(COMMENT.DELETED_AT)).isNotNull();
        assertThat(logsFor("comment", id)).isEqualTo(2);
        assertThat(mod.submit("/about", "/comments/" + id + "/delete", form("reason", "again")).status()).isEqualTo(409);
        assertThat(logsFor("comment", id)).isEqualTo(2);
        assertThat(author.get("/inbox").html().text()).contains("personal data", "still off");
    }
}
