package crux.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import crux.stances.StanceRepository;
import crux.testing.RecordEquality;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TallyTest {

    @ParameterizedTest
    @CsvSource({"1,1,1, 34,33,33", "2,1,0, 67,33,0", "0,0,0, 0,0,0", "7,2,3, 58,17,25", "1,0,0, 100,0,0", "1,1,4, 17,17,66"})
    void percentagesAlwaysAddUpTo100(int agree, int unsure, int disagree, int pa, int pu, int pd) {
        Tally t = new Tally(agree, unsure, disagree);
        assertThat(t.agreePercent()).isEqualTo(pa);
        assertThat(t.unsurePercent()).isEqualTo(pu);
        assertThat(t.disagreePercent()).isEqualTo(pd);
        if (t.voters() > 0) {
            assertThat(pa + pu + pd).isEqualTo(100);
        }
    }

    @Test
    void aChangeMovesOneCountFromTheOldStanceToTheNew() {
        assertThat(StanceRepository.delta(Stance.AGREE, null, Stance.AGREE)).isEqualTo(1);
        assertThat(StanceRepository.delta(Stance.AGREE, Stance.AGREE, Stance.DISAGREE)).isEqualTo(-1);
        assertThat(StanceRepository.delta(Stance.DISAGREE, Stance.AGREE, Stance.DISAGREE)).isEqualTo(1);
        assertThat(StanceRepository.delta(Stance.UNSURE, Stance.AGREE, Stance.DISAGREE)).isZero();
        assertThat(StanceRepository.delta(Stance.UNSURE, Stance.UNSURE, null)).isEqualTo(-1);
        assertThatThrownBy(() -> new Tally(-1, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void stanceCodesRoundTripAndRefuseAnythingElse() {
        for (Stance s : Stance.values()) {
            assertThat(StanceRepository.fromCode(StanceRepository.code(s))).contains(s);
        }
        assertThat(StanceRepository.fromCode("AGREE")).isEmpty();
        assertThat(StanceRepository.fromCode("withdraw")).isEmpty();
        assertThat(StanceRepository.fromCode("")).isEmpty();
    }

    /** Tallies are in the keys kept renderings are found by, with equality written out: each count must count. */
    @Test
    void everyCountCountsInEqualityAndHash() {
        RecordEquality.assertEveryComponentCounts(Tally.class, 3, 2, 1);
        assertThat(new Tally(1, 2, 3)).isNotEqualTo(new Tally(3, 2, 1)).isNotEqualTo(new Tally(2, 1, 3));
        assertThat(new Tally(1, 2, 3).hashCode()).isNotEqualTo(new Tally(3, 2, 1).hashCode());
    }
}
