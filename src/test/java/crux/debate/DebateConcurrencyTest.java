package crux.debate;

import static crux.db.generated.Tables.COMMENT;
import static crux.db.generated.Tables.COMMENT_VOTE;
import static crux.testing.TestClient.form;
import static org.assertj.core.api.Assertions.assertThat;

import crux.db.generated.tables.records.CommentRecord;
import crux.testing.TestApp;
import crux.testing.TestClient;
import crux.testing.TestDatabases;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Races over HTTP: votes and double submissions arriving at once, on H2 and (when configured) PostgreSQL. */
class DebateConcurrencyTest {

    static final int THREADS = 16;

    private TestApp app;

    static List<String> kinds() {
        return TestDatabases.kinds();
    }

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
            TestDatabases.drop(app.databaseUrl());
        }
    }

    /** Runs {@code THREADS} requests released at the same moment; returns their statuses. */
    private static List<Integer> race(IntFunction<TestClient.Response> request) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                int n = i;
                Callable<Integer> task = () -> {
                    go.await();
                    return request.apply(n).status();
                };
                results.add(pool.submit(task));
            }
            go.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : results) {
                statuses.add(f.get());
            }
            return statuses;
        } finally {
            pool.shutdownNow();
        }
    }

    private CommentRecord row(long id) {
        return app.dsl().selectFrom(COMMENT).where(COMMENT.ID.eq(id)).fetchOne();
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void sixteenVotesAtOnceFromOneMemberLeaveOneVoteAndCountersEqualToTheRows(String kind) throws Exception {
        app = TestApp.start(kind);
        long id = Debates.argueId(app.member("target"), app.prediction(1), "supports", "Vote on me, all at once");
        TestClient voter = app.member("clicker");
        String csrf = voter.csrf("/about");
        String[] votes = {"up", "down", "up", "none"};
        List<Integer> statuses = race(n -> voter.post("/comments/" + id + "/vote",
                form("vote", votes[n % votes.length], "_csrf", csrf)));
        assertThat(statuses).allMatch(s -> s == 302, "every vote answered with its redirect, none with a 5xx");
        int rows = app.dsl().fetchCount(COMMENT_VOTE, COMMENT_VOTE.COMMENT_ID.eq(id));
        assertThat(rows).isLessThanOrEqualTo(1);
        int ups = app.dsl().fetchCount(COMMENT_VOTE, COMMENT_VOTE.COMMENT_ID.eq(id).and(COMMENT_VOTE.VOTE.eq((short) 1)));
        int downs = app.dsl().fetchCount(COMMENT_VOTE, COMMENT_VOTE.COMMENT_ID.eq(id).and(COMMENT_VOTE.VOTE.eq((short) -1)));
        assertThat(row(id).getUps()).isEqualTo(ups);
        assertThat(row(id).getDowns()).isEqualTo(downs);

        // and sixteen members voting up at once: sixteen rows, sixteen ups
        List<TestClient> members = new ArrayList<>();
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            TestClient m = app.member("crowd" + i);
            members.add(m);
            tokens.add(m.csrf("/about"));
        }
        List<Integer> crowd = race(n -> members.get(n).post("/comments/" + id + "/vote",
                form("vote", "up", "_csrf", tokens.get(n))));
        assertThat(crowd).allMatch(s -> s == 302);
        int after = app.dsl().fetchCount(COMMENT_VOTE, COMMENT_VOTE.COMMENT_ID.eq(id).and(COMMENT_VOTE.VOTE.eq((short) 1)));
        assertThat(after).isEqualTo(ups + THREADS);
        assertThat(row(id).getUps()).isEqualTo(after);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void oneFormSubmittedSixteenTimesAtOnceStoresOneComment(String kind) throws Exception {
        app = TestApp.start(kind);
        TestClient m = app.member("hammer");
        String csrf = m.csrf("/about");
        String token = PostTokens.next();
        List<TestClient.Response> responses = Collections.synchronizedList(new ArrayList<>());
        List<Integer> statuses = race(n -> {
            TestClient.Response r = m.post("/items/" + app.prediction(1) + "/arguments",
                    form("side", "opposes", "body", "Posted once, however often sent", "token", token, "_csrf", csrf));
            responses.add(r);
            return r;
        });
        assertThat(statuses).allMatch(s -> s == 302, "every submission lands on the one comment");
        assertThat(app.dsl().fetchCount(COMMENT, COMMENT.ITEM_ID.eq(app.prediction(1)))).isEqualTo(1);
        assertThat(responses.stream().map(TestClient.Response::location).distinct()).hasSize(1);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void sixteenDifferentArgumentsAtOnceMeetThePostingLimitExactly(String kind) throws Exception {
        app = TestApp.start(kind);
        TestClient m = app.member("burst");
        String csrf = m.csrf("/about");
        List<Integer> statuses = race(n -> m.post("/items/" + app.prediction(1) + "/arguments", form("side", "supports",
                "body", "Point number " + n, "token", PostTokens.next(), "_csrf", csrf)));
        assertThat(statuses).filteredOn(s -> s == 302).hasSize(CommentWriteRepository.POSTING.max());
        assertThat(statuses).filteredOn(s -> s == 429).hasSize(THREADS - CommentWriteRepository.POSTING.max());
        assertThat(app.dsl().fetchCount(COMMENT, COMMENT.ITEM_ID.eq(app.prediction(1)))).isEqualTo(CommentWriteRepository.POSTING.max());
    }
}
