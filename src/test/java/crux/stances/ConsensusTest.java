package crux.stances;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import crux.core.Stance;
import crux.stances.Consensus.CampTally;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConsensusTest {

    @Test
    void multipliesEachCampsSmoothedAgreement() {
        // (3 + 1) / (4 + 2) · (1 + 1) / (5 + 2) = 4/6 · 2/7 = 8/42
        assertThat(Consensus.gac(List.of(new CampTally(3, 4), new CampTally(1, 5)))).isCloseTo(8.0 / 42, within(1e-15));
    }

    @Test
    void aCampWithoutVotesCountsAsHalf() {
        assertThat(Consensus.gac(List.of(new CampTally(0, 0)))).isEqualTo(0.5);
        assertThat(Consensus.gac(List.of(new CampTally(2, 2), new CampTally(0, 0)))).isCloseTo(3.0 / 4 * 0.5, within(1e-15));
    }

    @Test
    void oneCampIsTheSmoothedAgreementRate() {
        assertThat(Consensus.gac(List.of(new CampTally(9, 10)))).isCloseTo(10.0 / 12, within(1e-15));
    }

    @Test
    void commonGroundBeatsOneCampsEnthusiasm() {
        // Loved by one camp, rejected by the other: 11/12 · 1/12 = 0.0764
        double divisive = Consensus.gac(List.of(new CampTally(10, 10), new CampTally(0, 10)));
        // Moderately accepted by both: 7/12 · 7/12 = 0.3403
        double shared = Consensus.gac(List.of(new CampTally(6, 10), new CampTally(6, 10)));
        assertThat(divisive).isCloseTo(11.0 / 144, within(1e-15));
        assertThat(shared).isCloseTo(49.0 / 144, within(1e-15));
        assertThat(shared).isGreaterThan(divisive);
    }

    @Test
    void talliesCountVotersPerCampAndLeaveOutMembersWithoutACamp() {
        Map<Long, Integer> campOf = Map.of(1L, 0, 2L, 0, 3L, 1, 4L, 1);
        Map<Long, Stance> stances = Map.of(1L, Stance.AGREE, 2L, Stance.UNSURE, 3L, Stance.DISAGREE, 5L, Stance.AGREE);
        assertThat(Consensus.tallies(2, campOf, stances)).containsExactly(new CampTally(1, 2), new CampTally(0, 1));
    }

    @Test
    void refusesImpossibleTalliesAndNoCamps() {
        assertThatThrownBy(() -> new CampTally(3, 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("need 0 ≤ agreeing ≤ voting, was 3 of 2");
        assertThatThrownBy(() -> new CampTally(-1, 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("need 0 ≤ agreeing ≤ voting, was -1 of 2");
        assertThatThrownBy(() -> Consensus.gac(List.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("GAC needs at least one camp");
    }
}
