package crux.stances;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import crux.archfixture.cyclea.A;
import crux.core.Stance;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class CampsTest {

    private static final Stance A = Stance.AGREE;
    private static final Stance D = Stance.DISAGREE;

    /**
     * Votes of members {@code first}, {@code first + 1}, … who all lean to {@code pattern} (item ids 1, 2, …),
     * each vote skipped with probability {@code skip} or replaced by "unsure" with probability {@code unsure}.
     */
    private static List<Vote> group(long first, int members, Stance[] pattern, Random noise, double skip, double unsure) {
        List<Vote> votes = new ArrayList<>();
        for (long m = first; m < first + members; m++) {
            for (int item = 0; item < pattern.length; item++) {
                double r = noise.nextDouble();
                if (r >= skip) {
                    votes.add(new Vote(m, item + 1, r < skip + unsure ? Stance.UNSURE : pattern[item]));
                }
            }
        }
        return votes;
    }

    private static Stance[] pattern(Stance... stances) {
        return stances;
    }

    private static List<Long> ids(long first, int count) {
        return LongStream.range(first, first + count).boxed().toList();
    }

    /** Two camps that disagree on everything: nine members in one, seven in the other, with noise. */
    private static List<Vote> twoCamps() {
        Random noise = new Random(1);
        List<Vote> votes = new ArrayList<>(group(1, 9, pattern(A, A, A, A, A, D, D, D, D, D), noise, 0.15, 0.1));
        votes.addAll(group(101, 7, pattern(D, D, D, D, D, A, A, A, A, A), noise, 0.15, 0.1));
        return votes;
    }

    @Test
    void findsTwoSeparatedGroupsAsTwoCampsLargestFirst() {
        Camps camps = Camps.of(twoCamps()).orElseThrow();
        assertThat(camps.k()).isEqualTo(2);
        assertThat(camps.members(0)).containsExactlyElementsOf(ids(1, 9));
        assertThat(camps.members(1)).containsExactlyElementsOf(ids(101, 7));
    }

    @Test
    void findsThreeGroupsAsThreeCamps() {
        Random noise = new Random(2);
        List<Vote> votes = new ArrayList<>();
        votes.addAll(group(1, 8, pattern(A, A, A, A, D, D, D, D, D, D, D, D), noise, 0.1, 0.1));
        votes.addAll(group(101, 7, pattern(D, D, D, D, A, A, A, A, D, D, D, D), noise, 0.1, 0.1));
        votes.addAll(group(201, 6, pattern(D, D, D, D, D, D, D, D, A, A, A, A), noise, 0.1, 0.1));
        Camps camps = Camps.of(votes).orElseThrow();
        assertThat(camps.k()).isEqualTo(3);
        assertThat(camps.members(0)).containsExactlyElementsOf(ids(1, 8));
        assertThat(camps.members(1)).containsExactlyElementsOf(ids(101, 7));
        assertThat(camps.members(2)).containsExactlyElementsOf(ids(201, 6));
    }

    @Test
    void membersWithTooFewVotesAreLeftOutOfEveryCamp() {
        List<Vote> votes = new ArrayList<>(twoCamps());
        for (long item = 1; item < Camps.MIN_VOTES; item++) {
            votes.add(new Vote(999, item, A));
        }
        Camps camps = Camps.of(votes).orElseThrow();
        assertThat(camps.campOf()).doesNotContainKey(999L).hasSize(16);
    }

    @Test
    void tooFewQualifyingMembersIsNotEnoughData() {
        Random noise = new Random(3);
        Stance[] lean = pattern(A, A, A, D, D, D, A, D);
        List<Vote> votes = new ArrayList<>(group(1, Camps.MIN_MEMBERS - 1, lean, noise, 0, 0));
        // Many more members, but each with one vote too few to be placed.
        for (long m = 100; m < 120; m++) {
            for (long item = 1; item < Camps.MIN_VOTES; item++) {
                votes.add(new Vote(m, item, m % 2 == 0 ? A : D));
            }
        }
        assertThat(Camps.of(votes)).isEmpty();
        assertThat(Camps.of(List.of())).isEmpty();
    }

    @Test
    void sameVotesGiveTheSameCampsInAnyOrder() {
        List<Vote> votes = twoCamps();
        List<Vote> shuffled = new ArrayList<>(votes);
        Collections.shuffle(shuffled, new Random(42));
        Camps once = Camps.of(votes).orElseThrow();
        assertThat(Camps.of(votes)).contains(once);
        assertThat(Camps.of(shuffled)).contains(once);
    }

    @Test
    void everyoneAlikeIsOneCamp() {
        List<Vote> votes = group(1, 8, pattern(A, D, A, D, A, D), new Random(4), 0, 0);
        Camps camps = Camps.of(votes).orElseThrow();
        assertThat(camps.k()).isEqualTo(1);
        assertThat(camps.members(0)).containsExactlyElementsOf(ids(1, 8));
    }

    /** Members {@code first}… voting {@code pattern} exactly, and members {@code otherFirst}… voting its opposite. */
    private static List<Vote> opposed(long first, int members, long otherFirst, int others, Stance... pattern) {
        Stance[] opposite = new Stance[pattern.length];
        for (int i = 0; i < pattern.length; i++) {
            opposite[i] = pattern[i] == A ? D : A;
        }
        List<Vote> votes = new ArrayList<>(group(first, members, pattern, new Random(5), 0, 0));
        votes.addAll(group(otherFirst, others, opposite, new Random(5), 0, 0));
        return votes;
    }

    /** Which members each camp holds, camp 0 first. */
    private static List<List<Long>> membersByCamp(Camps camps) {
        return java.util.stream.IntStream.range(0, camps.k()).mapToObj(camps::members).toList();
    }

    @Test
    void theLargerCampComesFirstEvenWhenItsMembersHaveHigherIds() {
        Camps camps = Camps.of(opposed(1, 6, 101, 9, A, A, A, A, A, D, D, D, D, D)).orElseThrow();
        assertThat(membersByCamp(camps)).containsExactly(ids(101, 9), ids(1, 6));
    }

    @Test
    void equalCampsAreNumberedByTheirLowestMember() {
        // the same two groups, the lower ids now voting the other way: camps still follow the ids
        Camps camps = Camps.of(opposed(1, 4, 11, 4, D, D, D, D, D, A, A, A, A, A)).orElseThrow();
        assertThat(membersByCamp(camps)).containsExactly(ids(1, 4), ids(11, 4));
    }

    @Test
    void exactlyTheMinimumMembersWithExactlyTheMinimumVotesMakeCamps() {
        // six members, five votes each: three one way, three the other
        List<Vote> votes = opposed(1, 3, 11, 3, A, A, A, D, D);
        assertThat(membersByCamp(Camps.of(votes).orElseThrow())).containsExactly(ids(1, 3), ids(11, 3));
        // one member fewer is not enough data
        assertThat(Camps.of(votes.stream().filter(v -> v.memberId() != 13).toList())).isEmpty();
    }

    @Test
    void threeExactGroupsAreThreeCampsTheMostTheirPointsAllow() {
        // without noise the members stand on three points only, so three camps are the most tried, and the best
        List<Vote> votes = new ArrayList<>(group(1, 4, pattern(A, A, D, D, D, D), new Random(7), 0, 0));
        votes.addAll(group(11, 3, pattern(D, D, A, A, D, D), new Random(7), 0, 0));
        votes.addAll(group(21, 2, pattern(D, D, D, D, A, A), new Random(7), 0, 0));
        Camps camps = Camps.of(votes).orElseThrow();
        assertThat(camps.k()).isEqualTo(3);
        assertThat(camps.members(0)).containsExactlyElementsOf(ids(1, 4));
        assertThat(camps.members(1)).containsExactlyElementsOf(ids(11, 3));
        assertThat(camps.members(2)).containsExactlyElementsOf(ids(21, 2));
    }

    @Test
    void aMissingVoteIsLeftForPcaToImputeNotCountedAsUnsure() {
        Map<Long, Map<Long, Stance>> byMember = new java.util.TreeMap<>(Map.of(
                7L, Map.of(1L, A, 3L, Stance.UNSURE),
                5L, Map.of(2L, D)));
        double[][] matrix = Camps.matrix(byMember);
        // members 5 and 7, items 1, 2 and 3
        assertThat(matrix[0]).containsExactly(Double.NaN, -1, Double.NaN);
        assertThat(matrix[1]).containsExactly(1, Double.NaN, 0);
    }

    @Test
    void refusesTwoVotesOfOneMemberOnOneItem() {
        List<Vote> votes = List.of(new Vote(1, 1, A), new Vote(1, 1, D));
        assertThatThrownBy(() -> Camps.of(votes)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("two votes of member 1 on item 1");
    }

    @Test
    void campsMustBeNumberedFromZeroBelowK() {
        assertThatThrownBy(() -> new Camps(2, Map.of(1L, 2))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("camps must be numbered 0..k-1 with k >= 1");
        assertThatThrownBy(() -> new Camps(2, Map.of(1L, -1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("camps must be numbered 0..k-1 with k >= 1");
        assertThatThrownBy(() -> new Camps(0, Map.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("camps must be numbered 0..k-1 with k >= 1");
        assertThat(new Camps(2, Map.of(1L, 1, 2L, 0)).members(1)).containsExactly(1L);
    }
}
