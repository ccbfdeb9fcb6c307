package crux.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class OnceTest {

    @Test
    @Timeout(30)
    void callersArrivingWhileTheValueIsWorkedOutWaitForItInsteadOfWorkingItOutToo() throws Exception {
        int callers = 8;
        AtomicInteger workedOut = new AtomicInteger();
        List<Thread> threads = new CopyOnWriteArrayList<>();
        Once<Object> once = new Once<>(() -> {
            workedOut.incrementAndGet();
            // each caller in here holds on until every other caller is either waiting or in here too: the count then
            // tells whether the others waited or were let through
            Thread self = Thread.currentThread();
            while (threads.stream().filter(t -> t != self).filter(t -> t.getState() == Thread.State.NEW
                    || t.getState() == Thread.State.RUNNABLE).count() > workedOut.get() - 1) {
                Thread.onSpinWait();
            }
            return new Object();
        });
        ExecutorService pool = Executors.newFixedThreadPool(callers, r -> {
            Thread t = new Thread(r);
            threads.add(t);
            return t;
        });
        try {
            List<CompletableFuture<Object>> got = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                got.add(CompletableFuture.supplyAsync(once, pool));
            }
            Object first = got.get(0).get();
            for (CompletableFuture<Object> f : got) {
                assertThat(f.get()).isSameAs(first);
            }
            assertThat(workedOut).as("worked out once for %d callers at once", callers).hasValue(1);
            assertThat(once.get()).isSameAs(first);
            assertThat(workedOut).hasValue(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aFailureIsNotKeptTheNextCallerTriesAgain() {
        AtomicInteger calls = new AtomicInteger();
        Once<String> once = new Once<>(() -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("the database is away");
            }
            return "read";
        });
        assertThatThrownBy(once::get).hasMessage("the database is away");
        assertThat(once.get()).isEqualTo("read");
        assertThat(once.get()).isEqualTo("read");
        assertThat(calls).hasValue(2);
    }
}
