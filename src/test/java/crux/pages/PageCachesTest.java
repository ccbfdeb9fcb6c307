package crux.pages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Caches kept per key: which keys take a place, and when a value read is kept. */
class PageCachesTest {

    private final PageCaches<Long, String> caches = new PageCaches<>(
            () -> new PageCache<>(Duration.ofHours(1), false), 16);
    private final AtomicInteger reads = new AtomicInteger();

    private String read(long id) {
        reads.incrementAndGet();
        if (id < 0) {
            throw new IllegalArgumentException("no such item");
        }
        return "item " + id + " read " + reads.get();
    }

    @Test
    void aKeyFoundIsKeptAndOneRefusedTakesNoPlace() {
        assertThat(caches.getFound(1L, () -> read(1))).isEqualTo("item 1 read 1");
        assertThat(caches.getFound(1L, () -> read(1))).as("kept").isEqualTo("item 1 read 1");
        assertThat(caches.has(1L)).isTrue();

        assertThatThrownBy(() -> caches.getFound(-7L, () -> read(-7))).hasMessage("no such item");
        assertThat(caches.has(-7L)).as("an id made up takes no place").isFalse();
        assertThat(caches.get(2L, () -> read(2))).isEqualTo("item 2 read 3");
    }

    @Test
    void aValueReadWhileTheCachesAreDroppedIsServedButNotKept() {
        assertThat(caches.getFound(3L, () -> {
            String value = read(3);
            caches.invalidate(); // a change committed while the new key's value was read
            return value;
        })).isEqualTo("item 3 read 1");
        assertThat(caches.getFound(3L, () -> read(3))).as("read again").isEqualTo("item 3 read 2");
        assertThat(caches.getFound(3L, () -> read(3))).as("then kept").isEqualTo("item 3 read 2");
    }
}
