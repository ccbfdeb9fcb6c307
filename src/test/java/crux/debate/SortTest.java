package crux.debate;

import static crux.debate.TestComment.argument;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SortTest {

    private static List<Long> ids(List<TestComment> comments, Sort sort) {
        List<TestComment> sorted = new ArrayList<>(comments);
        sorted.sort(sort.comparator());
        return sorted.stream().map(TestComment::id).toList();
    }

    @Test
    void parsesTheQueryParameterWithBestAsTheDefault() {
        assertThat(Sort.parse("top")).isEqualTo(Sort.TOP);
        assertThat(Sort.parse(" Persuasive ")).isEqualTo(Sort.PERSUASIVE);
        assertThat(Sort.parse(null)).isEqualTo(Sort.BEST);
        assertThat(Sort.parse("")).isEqualTo(Sort.BEST);
        assertThat(Sort.parse("hot")).isEqualTo(Sort.BEST);
        assertThat(Sort.parse("<script>")).isEqualTo(Sort.BEST);
    }

    @Test
    void codesAreTheOnesInLinks() {
        assertThat(List.of(Sort.values())).extracting(Sort::code)
                .containsExactly("best", "top", "new", "old", "controversial", "persuasive");
        assertThat(List.of(Sort.values())).extracting(Sort::label)
                .containsExactly("Best", "Top", "New", "Old", "Controversial", "Most persuasive");
        for (Sort sort : Sort.values()) {
            assertThat(Sort.parse(sort.code())).isEqualTo(sort);
        }
    }

    @Test
    void bestRanksByWilsonLowerBoundAndTopByScore() {
        // 1: 2 up; 2: 20 up 2 down; 3: no votes; 4: 5 down; 5: 3 up 1 down
        List<TestComment> c = List.of(argument(1, 2, 0), argument(2, 20, 2), argument(3, 0, 0), argument(4, 0, 5),
                argument(5, 3, 1));
        assertThat(ids(c, Sort.BEST)).containsExactly(2L, 1L, 5L, 3L, 4L); // 3 and 4 both 0: id decides
        assertThat(ids(c, Sort.TOP)).containsExactly(2L, 1L, 5L, 3L, 4L);
    }

    @Test
    void newAndOldRankByTimeThenId() {
        Instant same = Instant.parse("2025-03-01T12:00:00Z");
        List<TestComment> c = List.of(argument(1, 0, 0), argument(3, 0, 0).at(same), argument(2, 0, 0).at(same));
        assertThat(ids(c, Sort.NEW)).containsExactly(3L, 2L, 1L);
        assertThat(ids(c, Sort.OLD)).containsExactly(1L, 2L, 3L);
    }

    @Test
    void controversialRanksSplitVotesFirst() {
        List<TestComment> c = List.of(argument(1, 50, 0), argument(2, 10, 10), argument(3, 10, 5), argument(4, 1, 1));
        assertThat(ids(c, Sort.CONTROVERSIAL)).containsExactly(2L, 3L, 4L, 1L);
    }

    @Test
    void persuasiveRanksByMembersMovedThenMovementThenBest() {
        List<TestComment> c = List.of(
                argument(1, 100, 0),
                argument(2, 0, 0).moved(3, 10),
                argument(3, 0, 0).moved(3, 25.5),
                argument(4, 5, 0).moved(1, 0),
                argument(5, 1, 0).moved(1, 0));
        assertThat(ids(c, Sort.PERSUASIVE)).containsExactly(3L, 2L, 4L, 5L, 1L);
    }

    @Test
    void tiesAreBrokenByIdWhateverTheInputOrder() {
        List<TestComment> tied = new ArrayList<>();
        for (long id = 1; id <= 20; id++) {
            tied.add(argument(id, 3, 1).at(Instant.parse("2025-03-01T12:00:00Z")));
        }
        List<Long> ascending = tied.stream().map(TestComment::id).toList();
        List<Long> descending = new ArrayList<>(ascending);
        Collections.reverse(descending);
        for (Sort sort : Sort.values()) {
            List<TestComment> shuffled = new ArrayList<>(tied);
            Collections.shuffle(shuffled, new Random(sort.ordinal()));
            List<Long> expected = sort == Sort.NEW ? descending : ascending;
            assertThat(ids(shuffled, sort)).as(sort.code()).isEqualTo(expected);
        }
    }
}
