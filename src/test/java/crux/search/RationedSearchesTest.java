package crux.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import crux.core.OverLimit;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Searches run a few at a time; the rest wait their turn, and are refused after a wait ({@link RationedSearches}). */
class RationedSearchesTest {

    static SearchRequest request(String q) {
        return new SearchRequest(SearchQuery.parse(q), null, null, 1, false);
    }

    @Test
    void searchesBeyondTheLimitWaitTheirTurnAndAreRefusedAfterTheWait() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger runs = new AtomicInteger();
        SearchEngine slow = r -> {
            int n = runs.incrementAndGet();
            if (n == 1) {
                started.countDown();
                try {
                    assertThat(release.await(10, TimeUnit.SECONDS)).isTrue();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }
            return new SearchResults(List.of(), n);
        };
        RationedSearches rationed = new RationedSearches(slow, 1, Duration.ofMillis(50));
        CompletableFuture<SearchResults> first = CompletableFuture.supplyAsync(() -> rationed.search(request("first")));
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        // the one turn is taken: another search waits 50 ms, then is refused with a time to try again
        assertThatThrownBy(() -> rationed.search(request("second"))).isInstanceOf(OverLimit.class)
                .hasMessageContaining("busy")
                .satisfies(e -> assertThat(((OverLimit) e).retryAfterSeconds()).isPositive());
        assertThat(runs).as("the refused search never ran").hasValue(1);
        release.countDown();
        assertThat(first.get(10, TimeUnit.SECONDS).total()).isEqualTo(1);
        assertThat(rationed.search(request("second")).total()).as("the turn is free again").isEqualTo(2);
    }

    @Test
    void aSearchBeyondTheLimitRunsOnceTheTurnIsGivenBack() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean firstDone = new AtomicBoolean();
        AtomicBoolean secondRanAfterFirst = new AtomicBoolean();
        SearchEngine engine = r -> {
            if (r.query().equals(SearchQuery.parse("first"))) {
                started.countDown();
                try {
                    assertThat(release.await(10, TimeUnit.SECONDS)).isTrue();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                firstDone.set(true);
            } else {
                secondRanAfterFirst.set(firstDone.get());
            }
            return SearchResults.NONE;
        };
        RationedSearches rationed = new RationedSearches(engine, 1, Duration.ofSeconds(10));
        CompletableFuture<SearchResults> first = CompletableFuture.supplyAsync(() -> rationed.search(request("first")));
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<SearchResults> second = CompletableFuture.supplyAsync(() -> rationed.search(request("second")));
        release.countDown();
        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(SearchResults.NONE);
        assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo(SearchResults.NONE);
        assertThat(secondRanAfterFirst).as("one turn: the second search ran only after the first was done").isTrue();
    }

    @Test
    void upToTheLimitSearchesRunTogether() throws Exception {
        CountDownLatch both = new CountDownLatch(2);
        SearchEngine meeting = r -> {
            both.countDown();
            try {
                // returns only once the other search is running too
                assertThat(both.await(10, TimeUnit.SECONDS)).isTrue();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return SearchResults.NONE;
        };
        RationedSearches rationed = new RationedSearches(meeting, 2, Duration.ofMillis(50));
        CompletableFuture<SearchResults> a = CompletableFuture.supplyAsync(() -> rationed.search(request("a")));
        CompletableFuture<SearchResults> b = CompletableFuture.supplyAsync(() -> rationed.search(request("b")));
        assertThat(a.get(10, TimeUnit.SECONDS)).isEqualTo(SearchResults.NONE);
        assertThat(b.get(10, TimeUnit.SECONDS)).isEqualTo(SearchResults.NONE);
    }
}
