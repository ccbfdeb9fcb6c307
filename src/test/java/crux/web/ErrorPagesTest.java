package crux.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.eclipse.jetty.io.EofException;
import org.junit.jupiter.api.Test;

class ErrorPagesTest {

    @Test
    void aClientThatLeftIsTheClientsDoingWhereverJavalinWrapsIt() {
        assertThat(ErrorPages.clientGone(new EofException("early EOF"))).isTrue();
        assertThat(ErrorPages.clientGone(new UncheckedIOException(new EofException()))).isTrue();
        assertThat(ErrorPages.clientGone(new RuntimeException(new RuntimeException(new EOFException())))).isTrue();
    }

    @Test
    void otherFailuresAreNot() {
        assertThat(ErrorPages.clientGone(new IllegalStateException("a bug"))).isFalse();
        assertThat(ErrorPages.clientGone(new UncheckedIOException(new IOException("disk full")))).isFalse();
        assertThat(ErrorPages.clientGone(new RuntimeException((Throwable) null))).isFalse();
    }
}
