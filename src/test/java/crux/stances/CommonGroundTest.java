package crux.stances;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import crux.archfixture.cyclea.A;
import crux.archfixture.cycleb.B;
import crux.article.Item;
import crux.article.ItemKind;
import crux.article.ItemStatus;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CommonGroundTest {

    private static final OffsetDateTime COMPUTED = OffsetDateTime.of(2025, 4, 1, 9, 0, 0, 0, ZoneOffset.UTC);
    private static final CampRepository.CampInfo A = new CampRepository.CampInfo(1, 1, 3, "camp A");
    private static final CampRepository.CampInfo B = new CampRepository.CampInfo(2, 2, 2, "camp B");

    private static Item item(long id, ItemKind kind, String statement) {
        return new Item(id, 1, (int) id, kind, statement, "the author", "a quote", 0, null, null, null, null,
                ItemStatus.OPEN, false, null, false, null, 0);
    }

    private static Consensus.CampTally tally(int agreeing, int voting) {
        return new Consensus.CampTally(agreeing, voting);
    }

    /**
     * GAC = Π (A + 1) / (S + 2): item 10 has A 3 of 3 (4/5) and B 2 of 2 (3/4), 0.6; item 9 the other way round,
     * 0.6 too, so it comes first by id; item 11 splits the camps, A 3 of 3 (4/5) and B 0 of 2 (1/4): 0.2. Item 12
     * has no vote from camp B and item 13 none at all: unranked.
     */
    @Test
    void ranksItemsEveryCampVotedOnByConsensusHighestFirstTiesByIdAndCountsTheRest() {
        Map<Long, Map<Integer, Consensus.CampTally>> tallies = Map.of(
                10L, Map.of(1, tally(3, 3), 2, tally(2, 2)),
                9L, Map.of(1, tally(2, 2), 2, tally(3, 3)),
                11L, Map.of(1, tally(3, 3), 2, tally(0, 2)),
                12L, Map.of(1, tally(1, 3)));
        List<Item> items = List.of(item(11, ItemKind.CLAIM, "split"), item(10, ItemKind.PREDICTION, "shared"),
                item(12, ItemKind.CLAIM, "half voted"), item(9, ItemKind.RECOMMENDATION, "also shared"),
                item(13, ItemKind.CLAIM, "unvoted"));

        CommonGround.Page page = CommonGround.rank(List.of(A, B), COMPUTED, () -> tallies, () -> items);

        assertThat(page.rows()).extracting(CommonGround.Row::itemId).containsExactly(9L, 10L, 11L);
        assertThat(page.rows()).extracting(CommonGround.Row::gacPercent).containsExactly(60, 60, 20);
        assertThat(page.rows().get(2).gac()).isCloseTo(0.2, within(1e-12));
        assertThat(page.rows().get(1).statement()).isEqualTo("shared");
        assertThat(page.rows().get(1).kind()).isEqualTo(ItemKind.PREDICTION);
        assertThat(page.rows().get(2).camps()).containsExactly(new CampView.Row(A, 3, 3), new CampView.Row(B, 0, 2));
        assertThat(page.unranked()).isEqualTo(2);
        assertThat(page.camps()).containsExactly(A, B);
        assertThat(page.computedAt()).isEqualTo(COMPUTED);
        assertThat(page.available()).isTrue();
    }

    @Test
    void gacPercentRoundsToTheNearestWholePercent() {
        // (2 + 1) / (2 + 2) × (1 + 1) / (3 + 2) = 3/4 × 2/5 = 0.3; (1 + 1) / (1 + 2) = 0.6667 alone rounds up to 67
        CommonGround.Page twoCamps = CommonGround.rank(List.of(A, B), COMPUTED,
                () -> Map.of(5L, Map.of(1, tally(2, 2), 2, tally(1, 3))), () -> List.of(item(5, ItemKind.CLAIM, "x")));
        assertThat(twoCamps.rows().get(0).gacPercent()).isEqualTo(30);
        CommonGround.Page oneCamp = CommonGround.rank(List.of(A), COMPUTED,
                () -> Map.of(5L, Map.of(1, tally(1, 1))), () -> List.of(item(5, ItemKind.CLAIM, "x")));
        assertThat(oneCamp.rows().get(0).gacPercent()).isEqualTo(67);
    }

    @Test
    void withoutCampsThePageIsNotAvailableAndAsksForNoTalliesOrItems() {
        CommonGround.Page page = CommonGround.rank(List.of(), COMPUTED,
                () -> { throw new AssertionError("tallies asked for without camps"); },
                () -> { throw new AssertionError("items asked for without camps"); });
        assertThat(page.available()).isFalse();
        assertThat(page.rows()).isEmpty();
        assertThat(page.unranked()).isZero();
        assertThat(page.computedAt()).isEqualTo(COMPUTED);
        assertThat(page.minMembers()).isEqualTo(6);
        assertThat(page.minVotes()).isEqualTo(5);
    }
}
