package crux.debate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class ThreadPathTest {

    @Test
    void segmentsAreFixedWidthSoTextOrderIsNumberOrder() {
        assertThat(ThreadPath.segment(12)).isEqualTo("0000000012");
        assertThat(ThreadPath.segment(0)).hasSize(ThreadPath.SEGMENT_WIDTH);
        assertThat(ThreadPath.segment(9_999_999_999L)).isEqualTo("9999999999");
        List<String> paths = new ArrayList<>(LongStream.of(100, 9, 1_000_000, 10, 99).mapToObj(ThreadPath::segment).toList());
        paths.sort(null);
        assertThat(paths).extracting(Long::parseLong).containsExactly(9L, 10L, 99L, 100L, 1_000_000L);
    }

    @Test
    void idsThatDoNotFitAreRefused() {
        assertThatThrownBy(() -> ThreadPath.segment(10_000_000_000L)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("id out of range for a 10-digit path segment: 10000000000");
        assertThatThrownBy(() -> ThreadPath.segment(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("id out of range for a 10-digit path segment: -1");
    }

    @Test
    void pathsListAThreadParentsBeforeChildren() {
        String a = ThreadPath.child(null, 12);
        String ab = ThreadPath.child(a, 45);
        String abc = ThreadPath.child(ab, 7);
        String b = ThreadPath.child(null, 13);
        assertThat(ab).isEqualTo("0000000012.0000000045");
        List<String> paths = new ArrayList<>(List.of(b, abc, a, ab));
        paths.sort(null);
        assertThat(paths).containsExactly(a, ab, abc, b);
        assertThat(ThreadPath.depth(a)).isEqualTo(1);
        assertThat(ThreadPath.depth(abc)).isEqualTo(3);
        assertThat(ThreadPath.parent(abc)).isEqualTo(ab);
        assertThat(ThreadPath.parent(a)).isNull();
    }

    @Test
    void aReplyGoesBeneathTheCommentItAnswers() {
        String argument = ThreadPath.child(null, 1);
        ThreadPath.Reply reply = ThreadPath.replyTo(1, null, argument);
        assertThat(reply).isEqualTo(new ThreadPath.Reply(1, argument, 2, 1));
        assertThat(reply.path(5)).isEqualTo("0000000001.0000000005");
    }

    @Test
    void aReplyToACommentAtMaxDepthGoesBesideIt() {
        String path = ThreadPath.child(null, 1);
        long parent = 1;
        for (long id = 2; id <= ThreadTree.MAX_DEPTH; id++) {
            ThreadPath.Reply reply = ThreadPath.replyTo(parent, id == 2 ? null : parent - 1, path);
            assertThat(reply.depth()).isEqualTo((int) id);
            path = reply.path(id);
            parent = id;
        }
        // comment 6 is at depth 6 = MAX_DEPTH, under 5
        assertThat(ThreadPath.depth(path)).isEqualTo(ThreadTree.MAX_DEPTH);
        ThreadPath.Reply reply = ThreadPath.replyTo(6, 5L, path);
        assertThat(reply.parentId()).isEqualTo(5);
        assertThat(reply.parentPath()).isEqualTo(ThreadPath.parent(path));
        assertThat(reply.depth()).isEqualTo(ThreadTree.MAX_DEPTH);
        assertThat(reply.repliedTo()).isEqualTo(6);
        assertThat(ThreadPath.depth(reply.path(7))).isEqualTo(ThreadTree.MAX_DEPTH);
    }
}
