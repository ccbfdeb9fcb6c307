package crux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** The steps start-up runs beside its main thread: their results, and their own failures, reach the main thread. */
class StartingTest {

    @Test
    void aStepRunsOnAStartThreadAndJoinGivesItsResult() {
        try (Starting starting = new Starting()) {
            CompletableFuture<Thread> step = starting.begin(Thread::currentThread);

            Thread ran = Starting.join(step);

            assertThat(ran).isNotSameAs(Thread.currentThread());
            assertThat(ran.getName()).isEqualTo("crux-start");
            assertThat(ran.isDaemon()).as("a failed start leaves nothing keeping the JVM alive").isTrue();
        }
    }

    @Test
    void aFailedStepThrowsItsOwnExceptionNotAWrapper() {
        try (Starting starting = new Starting()) {
            UncheckedIOException failure = new UncheckedIOException(new java.io.IOException("the static files"));
            CompletableFuture<Object> step = starting.begin(() -> {
                throw failure;
            });

            assertThatThrownBy(() -> Starting.join(step)).isSameAs(failure);
        }
    }

    @Test
    void anErrorInAStepIsThrownAsItself() {
        try (Starting starting = new Starting()) {
            LinkageError error = new LinkageError("a native library");
            CompletableFuture<Object> step = starting.begin(() -> {
                throw error;
            });

            assertThatThrownBy(() -> Starting.join(step)).isSameAs(error);
        }
    }

    @Test
    void aCheckedCauseStaysWrapped() {
        CompletableFuture<Object> step = CompletableFuture.failedFuture(new Exception("checked"));

        assertThatThrownBy(() -> Starting.join(step)).isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(Exception.class);
    }

    @Test
    void closingLetsRunningStepsFinish() {
        CompletableFuture<String> step;
        try (Starting starting = new Starting()) {
            step = starting.begin(() -> "done");
        }

        assertThat(Starting.join(step)).isEqualTo("done");
    }
}
