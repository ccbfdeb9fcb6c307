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

    private static void vote(List<Vote> votes, long first, long last, long item, Stance stance) {
        for (long m = first; m <= last; m++) {
            votes.add(new Vote(m, item, stance));
        }
    }

    /**
     * Camp 0 is members 1–5, camp 1 members 11–15; the others vote "unsure", so nobody's majority rejects anything.
     * Smoothed, (agreeing + 1) / (voting + 2) against the other camp's, camp 0 leans to item 1 by 5/7 − 3/5 = 0.114,
     * item 2 by 5/6 − 5/7 = 0.119, item 3 by 5/7 − 2/3 = 0.048 and item 4 by 4/5 − 6/7 = −0.057: items 2 and 1.
     * Camp 1 to item 4 by 0.057, item 3 by −0.048, item 1 by −0.114, item 2 by −0.119: items 4 and 3.
     */
    @Test
    void theMostDistinctiveItemsAreChosenBySmoothedRatesAgainstTheOtherCamps() {
        List<Vote> votes = new ArrayList<>();
        vote(votes, 1, 4, 1, Stance.AGREE); // camp 0: 4 of 5
        vote(votes, 5, 5, 1, Stance.UNSURE);
        vote(votes, 11, 12, 1, Stance.AGREE); // camp 1: 2 of 3
        vote(votes, 13, 13, 1, Stance.UNSURE);
        vote(votes, 1, 4, 2, Stance.AGREE); // camp 0: 4 of 4
        vote(votes, 11, 14, 2, Stance.AGREE); // camp 1: 4 of 5
        vote(votes, 15, 15, 2, Stance.UNSURE);
        vote(votes, 1, 4, 3, Stance.AGREE); // camp 0: 4 of 5
        vote(votes, 5, 5, 3, Stance.UNSURE);
        vote(votes, 11, 11, 3, Stance.AGREE); // camp 1: 1 of 1
        vote(votes, 1, 3, 4, Stance.AGREE); // camp 0: 3 of 3
        vote(votes, 11, 15, 4, Stance.AGREE); // camp 1: 5 of 5
        Map<Long, Integer> campOf = new java.util.HashMap<>();
        for (long m = 1; m <= 5; m++) {
            campOf.put(m, 0);
            campOf.put(m + 10, 1);
        }
        Map<Integer, String> d = CampDescriptions.describe(new Camps(2, campOf), votes,
                Map.of(1L, "One.", 2L, "Two.", 3L, "Three.", 4L, "Four."));
        assertThat(d).containsOnlyKeys(0, 1);
        assertThat(d.get(0)).isEqualTo("Mostly agrees: \u201cTwo\u201d; \u201cOne\u201d");
        assertThat(d.get(1)).isEqualTo("Mostly agrees: \u201cFour\u201d; \u201cThree\u201d");
    }

    @Test
    void aDescriptionOfExactlyAThousandCharactersIsKeptWholeAndALongerOneCut() {
        Map<Long, Integer> campOf = Map.of(1L, 0, 2L, 0);
        List<Vote> votes = List.of(new Vote(1, 1, Stance.AGREE), new Vote(2, 1, Stance.AGREE));
        // "Mostly agrees: " (15) and two quotation marks leave 983 for the statement
        String exact = CampDescriptions.describe(new Camps(1, campOf), votes, Map.of(1L, "a".repeat(983))).get(0);
        assertThat(exact).hasSize(1000).endsWith("a\u201d");
        String cut = CampDescriptions.describe(new Camps(1, campOf), votes, Map.of(1L, "a".repeat(984))).get(0);
        assertThat(cut).hasSize(1000).isEqualTo("Mostly agrees: \u201c" + "a".repeat(983) + "\u2026");
    }

    @Test
    void aCampWithNoMajorityOnAnythingSaysSo() {
        Map<Integer, String> d = CampDescriptions.describe(new Camps(1, Map.of(1L, 0, 2L, 0)),
                List.of(new Vote(1, 1, Stance.AGREE), new Vote(2, 1, Stance.DISAGREE)), Map.of(1L, "One."));
        assertThat(d.get(0)).isEqualTo("No clear majority on any item yet.");
    }
}
