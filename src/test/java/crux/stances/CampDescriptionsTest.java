package crux.stances;

import static org.assertj.core.api.Assertions.assertThat;

import crux.core.Stance;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CampDescriptionsTest {

    @Test
    void eachCampIsDescribedByWhatItsMajorityAgreesAndDisagreesWithMostDistinctively() {
        List<Vote> votes = new ArrayList<>();
        for (long m = 1; m <= 4; m++) {
            votes.add(new Vote(m, 1, Stance.AGREE));
            votes.add(new Vote(m, 2, Stance.AGREE));
            votes.add(new Vote(m, 3, Stance.DISAGREE));
            votes.add(new Vote(m, 4, Stance.AGREE));
            votes.add(new Vote(m + 10, 1, Stance.DISAGREE));
            votes.add(new Vote(m + 10, 2, Stance.UNSURE));
            votes.add(new Vote(m + 10, 3, Stance.AGREE));
            votes.add(new Vote(m + 10, 4, Stance.AGREE));
        }
        Map<Long, Integer> campOf = new java.util.HashMap<>();
        for (long m = 1; m <= 4; m++) {
            campOf.put(m, 0);
            campOf.put(m + 10, 1);
        }
        Map<Integer, String> d = CampDescriptions.describe(new Camps(2, campOf), votes,
                Map.of(1L, "One is true.", 2L, "Two is true.", 3L, "Three is true.", 4L, "Four is true."));
        // item 4 is agreed by everyone: it says nothing about either camp, so it comes last
        assertThat(d.get(0)).isEqualTo("Mostly agrees: \u201cOne is true\u201d; \u201cTwo is true\u201d"
                + " \u2014 mostly disagrees: \u201cThree is true\u201d");
        assertThat(d.get(1)).isEqualTo("Mostly agrees: \u201cThree is true\u201d; \u201cFour is true\u201d"
                + " \u2014 mostly disagrees: \u201cOne is true\u201d");
    }

    @Test
    void aCampWithNoMajorityOnAnythingSaysSo() {
        Map<Integer, String> d = CampDescriptions.describe(new Camps(1, Map.of(1L, 0, 2L, 0)),
                List.of(new Vote(1, 1, Stance.AGREE), new Vote(2, 1, Stance.DISAGREE)), Map.of(1L, "One."));
        assertThat(d.get(0)).isEqualTo("No clear majority on any item yet.");
    }
}
