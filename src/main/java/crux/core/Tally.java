package crux.core;

import java.util.Arrays;

/** How many members agree, are unsure and disagree with an item: its stance counters. */
public record Tally(int agree, int unsure, int disagree) {

    // Written out rather than the record's own, as for the other values kept renderings are found by: the generated
    // methods are chains of method handles, and a signed-in article page compares a tally per item.
    @Override
    public boolean equals(Object other) {
        return other instanceof Tally t && agree == t.agree && unsure == t.unsure && disagree == t.disagree;
    }

    @Override
    public int hashCode() {
        return (agree * 31 + unsure) * 31 + disagree;
    }

    public static final Tally NONE = new Tally(0, 0, 0);

    public Tally {
        if (agree < 0 || unsure < 0 || disagree < 0) {
            throw new IllegalArgumentException("a tally counts members: never negative");
        }
    }

    public int voters() {
        return agree + unsure + disagree;
    }

    public int count(Stance stance) {
        return switch (stance) {
            case AGREE -> agree;
            case UNSURE -> unsure;
            case DISAGREE -> disagree;
        };
    }

    /**
     * Whole percentages of the voters that add up to exactly 100 (largest remainder), so a split never
     * reads 33 + 33 + 33; all 0 when nobody voted.
     */
    public int percent(Stance stance) {
        int total = voters();
        if (total == 0) {
            return 0;
        }
        Stance[] all = Stance.values();
        int[] shares = new int[all.length];
        int given = 0;
        for (int i = 0; i < all.length; i++) {
            shares[i] = count(all[i]) * 100 / total;
            given += shares[i];
        }
        // the points lost to rounding down go to the largest remainders (ties: agree, unsure, disagree order)
        Integer[] order = {0, 1, 2};
        int[] remainder = new int[all.length];
        for (int i = 0; i < all.length; i++) {
            remainder[i] = count(all[i]) * 100 - shares[i] * total;
        }
        Arrays.sort(order, (a, b) -> Integer.compare(remainder[b], remainder[a]));
        for (int i = 0; i < 100 - given; i++) {
            shares[order[i]]++;
        }
        return shares[stance.ordinal()];
    }

    public int agreePercent() {
        return percent(Stance.AGREE);
    }

    public int unsurePercent() {
        return percent(Stance.UNSURE);
    }

    public int disagreePercent() {
        return percent(Stance.DISAGREE);
    }
}
