package crux.debate;

import static crux.debate.TestComment.argument;
import static crux.debate.TestComment.reply;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ThreadTreeTest {

    /** The tree as text: "id(child child)" per root, to compare whole shapes at once. */
    private static String shape(List<ThreadTree.Node<TestComment>> nodes) {
        List<String> parts = new ArrayList<>();
        for (ThreadTree.Node<TestComment> node : nodes) {
            parts.add(node.row().id() + (node.children().isEmpty() ? "" : "(" + shape(node.children()) + ")"));
        }
        return String.join(" ", parts);
    }

    private static ThreadTree<TestComment> build(List<TestComment> rows, Sort sort) {
        return ThreadTree.build(rows, sort);
    }

    @Test
    void buildsTheTreeFromRowsInAnyOrder() {
        List<TestComment> rows = new ArrayList<>(List.of(argument(1, 0, 0), reply(2, 1), reply(3, 2), reply(4, 1),
                argument(5, 0, 0), reply(6, 5)));
        Collections.shuffle(rows, new Random(7));
        ThreadTree<TestComment> tree = build(rows, Sort.OLD);
        assertThat(shape(tree.roots())).isEqualTo("1(2(3) 4) 5(6)");
        assertThat(tree.size()).isEqualTo(6);
        assertThat(tree.dropped()).isZero();
        ThreadTree.Node<TestComment> first = tree.roots().get(0);
        assertThat(first.depth()).isEqualTo(1);
        assertThat(first.replyCount()).isEqualTo(3);
        assertThat(first.children().get(0).depth()).isEqualTo(2);
        assertThat(first.children().get(0).children().get(0).depth()).isEqualTo(3);
    }

    @Test
    void everyLevelIsOrderedByTheChosenSort() {
        List<TestComment> rows = List.of(argument(1, 1, 0), argument(2, 9, 0),
                reply(3, 2).votes(0, 4), reply(4, 2).votes(5, 0), reply(5, 2).votes(1, 0),
                reply(6, 4).votes(1, 0), reply(7, 4).votes(3, 0));
        assertThat(shape(build(rows, Sort.BEST).roots())).isEqualTo("2(4(7 6) 5 3) 1");
        assertThat(shape(build(rows, Sort.NEW).roots())).isEqualTo("2(5 4(7 6) 3) 1");
        assertThat(shape(build(rows, Sort.OLD).roots())).isEqualTo("1 2(3 4(6 7) 5)");
    }

    @Test
    void pinnedArgumentsComeFirstButPinnedRepliesDoNotJumpTheQueue() {
        List<TestComment> rows = List.of(argument(1, 50, 0), argument(2, 0, 9).pin(), argument(3, 9, 0),
                argument(4, 3, 0).pin(), reply(5, 1).votes(5, 0), reply(6, 1).pin());
        assertThat(shape(build(rows, Sort.BEST).roots())).isEqualTo("4 2 1(5 6) 3");
    }

    @Test
    void orphansAreDroppedWithTheirRepliesAndCounted() {
        // 10's parent 9 was left out of the query; 11 replies to 10
        List<TestComment> rows = List.of(argument(1, 0, 0), reply(2, 1), reply(10, 9), reply(11, 10));
        ThreadTree<TestComment> tree = build(rows, Sort.OLD);
        assertThat(shape(tree.roots())).isEqualTo("1(2)");
        assertThat(tree.size()).isEqualTo(2);
        assertThat(tree.dropped()).isEqualTo(2);
    }

    @Test
    void aCycleCannotHangTheBuilder() {
        List<TestComment> rows = List.of(argument(1, 0, 0), reply(2, 3), reply(3, 2), reply(4, 4));
        ThreadTree<TestComment> tree = build(rows, Sort.OLD);
        assertThat(shape(tree.roots())).isEqualTo("1");
        assertThat(tree.dropped()).isEqualTo(3);
    }

    @Test
    void duplicateRowsAreAQueryBug() {
        assertThatThrownBy(() -> build(List.of(argument(1, 0, 0), argument(1, 0, 0)), Sort.BEST))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1");
    }

    @Test
    void rowsDeeperThanMaxDepthShowAtMaxDepthBesideTheirAncestor() {
        // a chain 1 → 2 → … → 9: the stored tree is 9 deep, MAX_DEPTH is 6
        List<TestComment> rows = new ArrayList<>(List.of(argument(1, 0, 0)));
        for (long id = 2; id <= 9; id++) {
            rows.add(reply(id, id - 1));
        }
        ThreadTree<TestComment> tree = build(rows, Sort.OLD);
        assertThat(ThreadTree.MAX_DEPTH).isEqualTo(6);
        assertThat(shape(tree.roots())).isEqualTo("1(2(3(4(5(6 7 8 9)))))");
        assertThat(tree.size()).isEqualTo(9);
        ThreadTree.Node<TestComment> five = tree.roots().get(0);
        for (int depth = 1; depth < 5; depth++) {
            five = five.children().get(0);
        }
        assertThat(five.row().id()).isEqualTo(5);
        assertThat(five.children()).allSatisfy(n -> {
            assertThat(n.depth()).isEqualTo(ThreadTree.MAX_DEPTH);
            assertThat(n.children()).isEmpty();
        });
        assertThat(five.replyCount()).isEqualTo(4);
        assertThat(tree.roots().get(0).replyCount()).isEqualTo(8);
    }

    @Test
    void anEmptyThreadIsAnEmptyTree() {
        ThreadTree<TestComment> tree = build(List.of(), Sort.BEST);
        assertThat(tree.roots()).isEmpty();
        assertThat(tree.size()).isZero();
        ThreadTree.Page<TestComment> page = ThreadTree.page(tree.roots(), 1, 10);
        assertThat(page.arguments()).isEmpty();
        assertThat(page.pageCount()).isEqualTo(1);
        assertThat(page.hasNext()).isFalse();
    }

    @Test
    void pagesSliceTheArgumentsAndCountTheWholeThread() {
        List<TestComment> rows = new ArrayList<>();
        for (long id = 1; id <= 7; id++) {
            rows.add(argument(id, 0, 0));
            rows.add(reply(100 + id, id));
        }
        List<ThreadTree.Node<TestComment>> roots = build(rows, Sort.OLD).roots();
        ThreadTree.Page<TestComment> second = ThreadTree.page(roots, 2, 3);
        assertThat(shape(second.arguments())).isEqualTo("4(104) 5(105) 6(106)");
        assertThat(second.number()).isEqualTo(2);
        assertThat(second.pageCount()).isEqualTo(3);
        assertThat(second.argumentCount()).isEqualTo(7);
        assertThat(second.commentCount()).isEqualTo(14);
        assertThat(second.hasPrevious()).isTrue();
        assertThat(second.hasNext()).isTrue();
        assertThat(shape(ThreadTree.page(roots, 3, 3).arguments())).isEqualTo("7(107)");
    }

    @Test
    void pageNumbersOutOfRangeAreClamped() {
        List<ThreadTree.Node<TestComment>> roots = build(List.of(argument(1, 0, 0), argument(2, 0, 0)), Sort.OLD).roots();
        assertThat(ThreadTree.page(roots, 99, 1).number()).isEqualTo(2);
        assertThat(ThreadTree.page(roots, 0, 1).number()).isEqualTo(1);
        assertThat(ThreadTree.page(roots, -5, 1).hasPrevious()).isFalse();
        assertThatThrownBy(() -> ThreadTree.page(roots, 1, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("page size must be positive: 0");
    }

    @Test
    void twoThousandShuffledRowsBuildOneTreeHoldingEachRowOnce() {
        Random random = new Random(42);
        List<TestComment> rows = new ArrayList<>();
        for (long id = 1; id <= 2_000; id++) {
            boolean root = id <= 100 || random.nextInt(10) == 0;
            TestComment row = root ? argument(id, random.nextInt(50), random.nextInt(50))
                    : reply(id, 1 + random.nextInt((int) id - 1)).votes(random.nextInt(50), random.nextInt(50));
            rows.add(row);
        }
        Collections.shuffle(rows, random);
        ThreadTree<TestComment> tree = ThreadTree.build(rows, Sort.BEST);
        assertThat(tree.size()).isEqualTo(2_000);
        assertThat(tree.dropped()).isZero();
        assertThat(maxDepth(tree.roots())).isLessThanOrEqualTo(ThreadTree.MAX_DEPTH);
        List<Long> held = new ArrayList<>();
        collectIds(tree.roots(), held);
        assertThat(held).hasSize(2_000).doesNotHaveDuplicates();
        assertThat(tree.roots()).extracting(n -> n.row().id()).containsExactlyInAnyOrderElementsOf(
                rows.stream().filter(r -> r.parentId() == null).map(TestComment::id).toList());
    }

    private static void collectIds(List<ThreadTree.Node<TestComment>> nodes, List<Long> into) {
        for (ThreadTree.Node<TestComment> node : nodes) {
            into.add(node.row().id());
            collectIds(node.children(), into);
        }
    }

    private static int maxDepth(List<ThreadTree.Node<TestComment>> nodes) {
        int max = 0;
        for (ThreadTree.Node<TestComment> node : nodes) {
            max = Math.max(max, Math.max(node.depth(), maxDepth(node.children())));
        }
        return max;
    }
}
