package crux.stances;

import crux.core.Stance;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Group-aware consensus (PRODUCT §2, after Polis): GAC(i) = Π_g (A_g + 1) / (S_g + 2) over the camps g,
 * A_g the members of camp g who agree with item i and S_g those who voted on it at all (unsure
 * included). Each factor is camp g's agreement rate smoothed by Laplace's rule of succession, so a camp
 * with no votes counts as ½, not 0 or 1; and because it is a product, an item scores high only if every
 * camp tends to accept it — one camp's enthusiasm cannot carry it. That makes it the ranking for
 * "common ground".
 */
public final class Consensus {

    /** Camp g's votes on one item: {@code agreeing} (A_g) of {@code voting} (S_g). */
    public record CampTally(int agreeing, int voting) {
        public CampTally {
            if (agreeing < 0 || voting < agreeing) {
                throw new IllegalArgumentException("need 0 ≤ agreeing ≤ voting, was " + agreeing + " of " + voting);
            }
        }
    }

    private Consensus() {
    }

    /**
     * GAC(i) from one tally per camp. With camps not yet known, passing everyone as a single camp
     * gives the plain smoothed agreement rate (A + 1) / (S + 2).
     */
    public static double gac(List<CampTally> camps) {
        if (camps.isEmpty()) {
            throw new IllegalArgumentException("GAC needs at least one camp");
        }
        double product = 1;
        for (CampTally t : camps) {
            product *= (t.agreeing() + 1.0) / (t.voting() + 2.0);
        }
        return product;
    }

    /**
     * Per-camp tallies for one item: {@code campOf} maps members to camps 0..k−1 (as {@link Camps}
     * found them), {@code stances} maps members to their stance on the item. Members outside every camp
     * (too few votes to be placed) are left out, as Polis does: their votes say nothing about camps.
     */
    public static List<CampTally> tallies(int k, Map<Long, Integer> campOf, Map<Long, Stance> stances) {
        int[] agreeing = new int[k];
        int[] voting = new int[k];
        stances.forEach((member, stance) -> {
            Integer camp = campOf.get(member);
            if (camp != null) {
                voting[camp]++;
                agreeing[camp] += stance == Stance.AGREE ? 1 : 0;
            }
        });
        return IntStream.range(0, k).mapToObj(g -> new CampTally(agreeing[g], voting[g])).toList();
    }
}
