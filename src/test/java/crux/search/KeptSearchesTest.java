package crux.search;

import static crux.search.RationedSearchesTest.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import crux.core.OverLimit;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Results kept by the database's search version, run again when it moves or cannot be told ({@link KeptSearches}). */
class KeptSearchesTest {

    private final AtomicInteger runs = new AtomicInteger();
    private final AtomicReference<OptionalLong> version = new AtomicReference<>(OptionalLong.of(7));
    /** Each run's results carry its number as their total, so a kept page is told from a new one. */
    private final KeptSearches kept = new KeptSearches(r -> new SearchResults(List.of(), runs.incrementAndGet()),
            version::get);

    @Test
    void theSameSearchOnTheSameVersionRunsOnceAndEachNewVersionRunsItAgain() {
        assertThat(kept.search(request("ocelot")).total()).isEqualTo(1);
        assertThat(kept.search(request("ocelot")).total()).as("kept").isEqualTo(1);
        assertThat(kept.search(request("margay")).total()).as("another search runs").isEqualTo(2);
        assertThat(kept.search(new SearchRequest(SearchQuery.parse("ocelot"), null, null, 2, false)).total())
                .as("another page runs").isEqualTo(3);
        assertThat(kept.search(new SearchRequest(SearchQuery.parse("ocelot"), null, null, 1, true)).total())
                .as("a moderator's search finds more: its own").isEqualTo(4);
        version.set(OptionalLong.of(8));
        assertThat(kept.search(request("ocelot")).total()).as("something searched changed").isEqualTo(5);
        assertThat(kept.search(request("ocelot")).total()).isEqualTo(5);
        assertThat(runs).hasValue(5);
    }

    @Test
    void whileTheVersionCannotBeToldEverySearchRunsAndNoneIsKept() {
        version.set(OptionalLong.empty());
        assertThat(kept.search(request("ocelot")).total()).isEqualTo(1);
        assertThat(kept.search(request("ocelot")).total()).isEqualTo(2);
        version.set(OptionalLong.of(9));
        assertThat(kept.search(request("ocelot")).total()).as("nothing was kept meanwhile").isEqualTo(3);
        assertThat(kept.search(request("ocelot")).total()).isEqualTo(3);
    }

    @Test
    void aRefusedOrFailedSearchIsNotKept() {
        AtomicInteger calls = new AtomicInteger();
        KeptSearches failing = new KeptSearches(r -> {
            if (calls.incrementAndGet() == 1) {
                throw new OverLimit("Search is busy right now.", 10);
            }
            return new SearchResults(List.of(), calls.get());
        }, version::get);
        assertThatThrownBy(() -> failing.search(request("ocelot"))).isInstanceOf(OverLimit.class);
        assertThat(failing.search(request("ocelot")).total()).as("run again, not the failure kept").isEqualTo(2);
        assertThat(failing.search(request("ocelot")).total()).isEqualTo(2);
    }

    @Test
    void anEmptyQueryFindsNothingWithoutAskingAnything() {
        KeptSearches none = new KeptSearches(r -> {
            throw new AssertionError("the engine was asked");
        }, () -> {
            throw new AssertionError("the version was read");
        });
        assertThat(none.search(request(""))).isEqualTo(SearchResults.NONE);
    }

    @Test
    void requestsForASearchBeingRunWaitForItsResultsInsteadOfRunningItAgain() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        KeptSearches slow = new KeptSearches(r -> {
            runs.incrementAndGet();
            started.countDown();
            try {
                assertThat(release.await(10, TimeUnit.SECONDS)).isTrue();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return new SearchResults(List.of(), 42);
        }, version::get);
        CompletableFuture<SearchResults> first = CompletableFuture.supplyAsync(() -> slow.search(request("ocelot")));
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        AtomicReference<Thread> waiter = new AtomicReference<>();
        CompletableFuture<SearchResults> second = CompletableFuture.supplyAsync(() -> {
            waiter.set(Thread.currentThread());
            return slow.search(request("ocelot"));
        });
        // the second request is parked on the first one's results before the first may finish
        while (waiter.get() == null || waiter.get().getState() != Thread.State.WAITING) {
            Thread.onSpinWait();
        }
        release.countDown();
        assertThat(first.get(10, TimeUnit.SECONDS).total()).isEqualTo(42);
        assertThat(second.get(10, TimeUnit.SECONDS).total()).isEqualTo(42);
        assertThat(runs).as("run once for both").hasValue(1);
    }
}
