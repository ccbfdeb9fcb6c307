package crux.moderation;

import static crux.db.generated.Tables.COMMENT;
import static crux.db.generated.Tables.MODERATION_LOG;
import static crux.testing.TestClient.form;
import static crux.testing.Refusals.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import crux.debate.PostTokens;
import crux.testing.TestApp;
import crux.testing.TestClient;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.ExecuteListenerProvider;
import org.jooq.impl.DefaultExecuteListenerProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two moderators at once, a lock racing a reply, and the log that only ever grows. */
class ModerationRacesAndLogTest {

    static final Pattern ANCHOR = Pattern.compile("#comment-(\\d+)$");
    static TestApp app;
    static TestClient mod1;
    static TestClient mod2;

    @BeforeAll
    static void start() {
        app = TestApp.start();
        mod1 = app.member("racemodone", "moderator");
        mod2 = app.member("racemodtwo", "moderator");
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @BeforeEach
    void freshLimits() {
        app.resetLimits();
    }

    static long argue(TestClient c, long item, String body) {
        TestClient.Response r = c.submit("/about", "/items/" + item + "/arguments",
                form("side", "opposes", "body", body, "token", PostTokens.next()));
        assertThat(r.status()).as(r.body()).isEqualTo(302);
        Matcher m = ANCHOR.matcher(r.location());
        assertThat(m.find()).isTrue();
        return Long.parseLong(m.group(1));
    }

    static int logsFor(String kind, long id) {
        return app.dsl().fetchCount(MODERATION_LOG, MODERATION_LOG.TARGET_KIND.eq(kind).and(MODERATION_LOG.TARGET_ID.eq(id)));
    }

    /** Runs the two posts at the same instant; returns their statuses. */
    static List<Integer> together(TestClient a, String pathA, Map<String, String> formA,
                                  TestClient b, String pathB, Map<String, String> formB) throws Exception {
        String tokenA = a.csrf("/about");
        String tokenB = b.csrf("/about");
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Integer> fa = pool.submit(() -> { go.await(); return a.postWithToken(pathA, tokenA, formA).status(); });
            Future<Integer> fb = pool.submit(() -> { go.await(); return b.postWithToken(pathB, tokenB, formB).status(); });
            go.countDown();
            return List.of(fa.get(), fb.get());
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void twoModeratorsActingOnOneCommentOneWinsTheOtherGets409() throws Exception {
        TestClient author = app.member(app.uniqueName("raceauthor"));
        for (int round = 0; round < 8; round++) {
            long id = argue(author, app.claim(1 + round % 5), "Contested comment " + round + ".");
            String action = round % 2 == 0 ? "hide" : "remove";
            List<Integer> s = together(mod1, "/mod/comments/" + id + "/" + action, form("reason", "first"),
                    mod2, "/mod/comments/" + id + "/" + action, form("reason", "second"));
            assertThat(s).as("round %d", round).containsExactlyInAnyOrder(302, 409);
            assertThat(logsFor("comment", id)).isEqualTo(1);
            app.resetLimits();
        }
    }

    @Test
    void twoModeratorsResolvingTheSameFlagsOneWins() throws Exception {
        for (int round = 0; round < 6; round++) {
            // a fresh author each round: flagged authors cool off in the thread (one minute per flag)
            TestClient author = app.member(app.uniqueName("raceauthor"));
            long id = argue(author, app.claim(5), "Flagged comment " + round + ".");
            app.member(app.uniqueName("raceflag")).submit("/about", "/comments/" + id + "/flag", form("reason", "spam"));
            List<Integer> s = together(mod1, "/mod/comments/" + id + "/dismiss", form("reason", "fine"),
                    mod2, "/mod/comments/" + id + "/uphold", form("reason", "spam"));
            assertThat(s).containsExactlyInAnyOrder(302, 409);
            assertThat(logsFor("comment", id)).isEqualTo(1);
            app.resetLimits();
        }
    }

    @Test
    void aLockRacingAReplyNeverLetsTheReplyInAfterTheLock() throws Exception {
        TestClient author = app.member(app.uniqueName("raceauthor"));
        TestClient replier = app.member(app.uniqueName("racereply"));
        for (int round = 0; round < 8; round++) {
            long item = app.claim(6 + round % 3);
            long id = argue(author, item, "Lock race " + round + ".");
            int before = app.count(COMMENT);
            List<Integer> s = together(replier, "/comments/" + id + "/replies",
                    form("body", "Racing reply " + round + ".", "token", PostTokens.next()),
                    mod1, "/mod/items/" + item + "/lock", form("reason", "race " + round));
            assertThat(s.get(1)).isEqualTo(302);
            assertThat(s.get(0)).isIn(302, 403);
            assertThat(app.count(COMMENT)).isEqualTo(s.get(0) == 302 ? before + 1 : before);
            // whatever happened, the debate is now locked: a reply after it is refused
            assertRefused(replier.submit("/about", "/comments/" + id + "/replies",
                    form("body", "Late " + round + ".", "token", PostTokens.next())), 403, "The moderators have locked this debate: you can read it and vote, but it takes no new arguments, replies or edits.");
            assertThat(mod1.submit("/about", "/mod/items/" + item + "/unlock", form("reason", "reset")).status()).isEqualTo(302);
            app.resetLimits();
        }
    }

    /** Every action route, run once; an execute listener watches every SQL statement meanwhile. */
    @Test
    void theLogIsOnlyEverAppendedTo() {
        List<String> offending = new CopyOnWriteArrayList<>();
        List<String> writes = new CopyOnWriteArrayList<>();
        ExecuteListener watcher = new ExecuteListener() {
            @Override
            public void executeStart(ExecuteContext ctx) {
                String sql = ctx.sql() == null ? "" : ctx.sql().toLowerCase(Locale.ROOT);
                // the log itself; its filter lists (moderation_log_action, _moderator) are other tables
                if (sql.matches("(?s).*\\bmoderation_log\\b.*")) {
                    writes.add(sql);
                    if (sql.matches("(?s)\\s*(update|delete|merge|truncate|alter|drop).*")) {
                        offending.add(sql);
                    }
                }
            }
        };
        var config = app.app().database().dsl().configuration();
        ExecuteListenerProvider[] old = config.executeListenerProviders();
        List<ExecuteListenerProvider> with = new ArrayList<>(List.of(old));
        with.add(new DefaultExecuteListenerProvider(watcher));
        config.set(with.toArray(ExecuteListenerProvider[]::new));
        try {
            TestClient author = app.member(app.uniqueName("logauthor"));
            String name = app.uniqueName("logtarget");
            TestClient target = app.member(name);
            long a = argue(author, app.claim(9), "Comment for every action.");
            long b = argue(author, app.claim(9), "Another for removal.");
            List<String> earlier = rows();
            app.member(app.uniqueName("logflag")).submit("/about", "/comments/" + a + "/flag", form("reason", "spam"));
            List<String[]> actions = List.of(
                    new String[] {"/mod/comments/" + a + "/dismiss", "ok"},
                    new String[] {"/mod/comments/" + a + "/hide", "hide"},
                    new String[] {"/mod/comments/" + a + "/restore", "restore"},
                    new String[] {"/mod/comments/" + a + "/pin", "pin"},
                    new String[] {"/mod/comments/" + a + "/unpin", "unpin"},
                    new String[] {"/mod/comments/" + b + "/remove", "remove"},
                    new String[] {"/mod/items/" + app.claim(9) + "/lock", "lock"},
                    new String[] {"/mod/items/" + app.claim(9) + "/unlock", "unlock"},
                    new String[] {"/mod/members/" + name + "/suspend", "suspend"},
                    new String[] {"/mod/members/" + name + "/reinstate", "reinstate"},
                    new String[] {"/mod/members/" + name + "/ban", "ban"});
            app.member(app.uniqueName("logflag")).submit("/about", "/comments/" + a + "/flag", form("reason", "uncivil"));
            for (String[] act : actions) {
                List<String> before = rows();
                TestClient.Response r = mod1.submit("/about", act[0], form("reason", act[1],
                        "until", LocalDate.now().plusDays(3).toString()));
                assertThat(r.status()).as(act[0] + ": " + r.html().select("main").text()).isEqualTo(302);
                List<String> after = rows();
                assertThat(after).as(act[0]).hasSize(before.size() + 1);
                assertThat(after.subList(0, before.size())).as("earlier rows unchanged by " + act[0]).isEqualTo(before);
                app.resetLimits();
            }
            // the uphold path: a fresh flag, then uphold
            long c = argue(author, app.claim(9), "One to uphold.");
            app.member(app.uniqueName("logflag")).submit("/about", "/comments/" + c + "/flag", form("reason", "spam"));
            List<String> before = rows();
            assertThat(mod1.submit("/about", "/mod/comments/" + c + "/uphold", form("reason", "spam")).status()).isEqualTo(302);
            assertThat(rows()).hasSize(before.size() + 1).startsWith(before.toArray(String[]::new));
            assertThat(rows().subList(0, earlier.size())).isEqualTo(earlier);
            assertThat(target).isNotNull();
        } finally {
            config.set(old);
        }
        assertThat(writes).isNotEmpty();
        assertThat(offending).isEmpty();
    }

    static List<String> rows() {
        return app.dsl().selectFrom(MODERATION_LOG).orderBy(MODERATION_LOG.ID).fetch().stream()
                .map(r -> r.intoList().toString()).toList();
    }
}
