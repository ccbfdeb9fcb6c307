package crux.mail;

import static crux.db.generated.Tables.MAIL_OUTBOX;
import static org.assertj.core.api.Assertions.assertThat;

import crux.db.Database;
import crux.testing.DatabasePerKind;
import crux.testing.MutableClock;
import crux.testing.TestDatabases;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The outbox's claims, retries and failures, on H2 and (when configured) PostgreSQL. */
class OutboxTest {

    static final DatabasePerKind DATABASES = new DatabasePerKind();

    static List<String> kinds() {
        return TestDatabases.kinds();
    }

    @AfterAll
    static void close() {
        DATABASES.close();
    }

    static Mail mail(String to) {
        return new Mail("test", null, to, "Subject " + to, "text", "<p>html</p>", Map.of());
    }

    static void clear(Database db) {
        db.dsl().deleteFrom(MAIL_OUTBOX).execute();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void sendersRacingForTheOutboxClaimEachMailOnce(String kind) throws Exception {
        Database db = DATABASES.get(kind);
        clear(db);
        MutableClock clock = MutableClock.atNow();
        OutboxRepository outbox = new OutboxRepository(db, clock);
        int mails = 60;
        db.run(tx -> {
            for (int i = 0; i < mails; i++) {
                outbox.enqueue(tx, mail("r" + i + "@race.test"));
            }
        });
        int senders = 4;
        ExecutorService pool = Executors.newFixedThreadPool(senders);
        CountDownLatch go = new CountDownLatch(1);
        List<Long> claimed = Collections.synchronizedList(new ArrayList<>());
        List<Future<?>> done = new ArrayList<>();
        for (int s = 0; s < senders; s++) {
            done.add(pool.submit(() -> {
                go.await();
                int misses = 0;
                // a sender may lose a race for a row (empty) while others remain: it stops after a few empty claims
                while (misses < 20) {
                    var c = outbox.claimNext();
                    if (c.isPresent()) {
                        claimed.add(c.get().id());
                        assertThat(outbox.sent(c.get())).isTrue();
                    } else {
                        misses++;
                    }
                }
                return null;
            }));
        }
        go.countDown();
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        assertThat(claimed).as("no mail claimed twice").doesNotHaveDuplicates();
        assertThat(claimed).as("every mail claimed").hasSize(mails);
        assertThat(db.dsl().fetchCount(MAIL_OUTBOX, MAIL_OUTBOX.STATE.eq("sent"))).isEqualTo(mails);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void aFailedMailWaitsLongerAfterEachAttemptThenFailsForGood(String kind) {
        Database db = DATABASES.get(kind);
        clear(db);
        MutableClock clock = MutableClock.atNow();
        OutboxRepository outbox = new OutboxRepository(db, clock);
        db.run(tx -> outbox.enqueue(tx, mail("retry@race.test")));
        for (int attempt = 1; attempt < OutboxRepository.MAX_ATTEMPTS; attempt++) {
            var c = outbox.claimNext().orElseThrow();
            outbox.failed(c, "connection refused", false);
            assertThat(outbox.claimNext()).as("not due before its backoff (attempt %d)", attempt).isEmpty();
            clock.advance(OutboxRepository.backoff(attempt).minusSeconds(1));
            assertThat(outbox.claimNext()).as("still not due (attempt %d)", attempt).isEmpty();
            clock.advance(Duration.ofSeconds(1));
        }
        var last = outbox.claimNext().orElseThrow();
        assertThat(last.attempts()).isEqualTo(OutboxRepository.MAX_ATTEMPTS - 1);
        outbox.failed(last, "connection refused", false);
        clock.advance(Duration.ofDays(1));
        assertThat(outbox.claimNext()).as("failed for good").isEmpty();
        assertThat(outbox.status().failed()).isEqualTo(1);
        assertThat(outbox.status().recentFailures().get(0).maskedRecipient()).isEqualTo("r…@race.test");
        assertThat(db.dsl().select(MAIL_OUTBOX.TEXT_BODY).from(MAIL_OUTBOX).fetchOne().value1()).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void aClaimWhoseSenderDiedIsTakenOverAndTheDeadSenderCannotMarkIt(String kind) {
        Database db = DATABASES.get(kind);
        clear(db);
        MutableClock clock = MutableClock.atNow();
        OutboxRepository outbox = new OutboxRepository(db, clock);
        db.run(tx -> outbox.enqueue(tx, mail("dead@race.test")));
        var first = outbox.claimNext().orElseThrow();
        assertThat(outbox.claimNext()).as("held by its claim").isEmpty();
        clock.advance(OutboxRepository.CLAIM.plusSeconds(1));
        var second = outbox.claimNext().orElseThrow();
        assertThat(second.id()).isEqualTo(first.id());
        assertThat(outbox.sent(first)).as("the old claim no longer counts").isFalse();
        assertThat(outbox.sent(second)).isTrue();
    }

    @Test
    void backoffDoublesFromAMinute() {
        assertThat(OutboxRepository.backoff(1)).isEqualTo(Duration.ofMinutes(1));
        assertThat(OutboxRepository.backoff(2)).isEqualTo(Duration.ofMinutes(2));
        assertThat(OutboxRepository.backoff(5)).isEqualTo(Duration.ofMinutes(16));
    }

    @Test
    void extraHeadersAreKeptInOrderAndMustBeOneLine() {
        Map<String, String> h = new java.util.LinkedHashMap<>();
        h.put("List-Unsubscribe", "<https://crux.test/u/1>");
        h.put("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        assertThat(OutboxRepository.parseHeaders(OutboxRepository.headers(h))).containsExactlyEntriesOf(h);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Mail("k", null, "a@b.test", "s", "t", "h",
                Map.of("X-Evil", "a\r\nBcc: x@y.test"))).isInstanceOf(IllegalArgumentException.class);
    }
}
