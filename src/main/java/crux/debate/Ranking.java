package crux.debate;

/** The scores the comment sorts rank by. Pure arithmetic on vote counts. */
public final class Ranking {

    /**
     * The 90th percentile of the standard normal distribution: the two-sided 80 % interval. A lower
     * confidence than the usual 95 % lets a comment with a few votes rise before it has dozens.
     */
    public static final double Z = 1.281551565545;

    private Ranking() {
    }

    /**
     * Lower bound of the Wilson score interval for the share of up-votes: with n = ups + downs and p = ups / n,
     * (p + z²/2n − z·√(p(1−p)/n + z²/4n²)) / (1 + z²/n); 0 without votes. Ranks "probably good" above
     * "good by a lucky vote or two": 20 up, 2 down beats 2 up, 0 down.
     */
    public static double best(int ups, int downs) {
        check(ups, downs);
        double n = (double) ups + downs;
        if (n == 0) {
            return 0;
        }
        double p = ups / n;
        double z2 = Z * Z;
        double bound = (p + z2 / (2 * n) - Z * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n))) / (1 + z2 / n);
        return Math.max(0, bound); // 0 up-votes gives 0 exactly on paper, a rounding error below it in floating point
    }

    public static long top(int ups, int downs) {
        check(ups, downs);
        return (long) ups - downs;
    }

    /**
     * (ups + downs)^(min / max) when both are positive, else 0: many votes, evenly split, score highest;
     * a one-sided comment is not controversial however many votes it has.
     */
    public static double controversial(int ups, int downs) {
        check(ups, downs);
        if (ups == 0 || downs == 0) {
            return 0;
        }
        return Math.pow((double) ups + downs, (double) Math.min(ups, downs) / Math.max(ups, downs));
    }

    private static void check(int ups, int downs) {
        if (ups < 0 || downs < 0) {
            throw new IllegalArgumentException("vote counts cannot be negative: " + ups + " up, " + downs + " down");
        }
    }
}
