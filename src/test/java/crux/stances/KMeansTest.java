package crux.stances;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** k-means by hand: a scripted {@link Random} says which point starts and where each k-means++ draw falls. */
class KMeansTest {

    /** Gives the listed draws in turn (a first centre's index, then fractions of the total distance), and no more. */
    private static final class Scripted extends Random {
        private final Deque<Double> draws = new ArrayDeque<>();

        Scripted(double... draws) {
            for (double d : draws) {
                this.draws.add(d);
            }
        }

        @Override
        public int nextInt(int bound) {
            return (int) (double) next();
        }

        @Override
        public double nextDouble() {
            return next();
        }

        private Double next() {
            assertThat(draws).as("draws left").isNotEmpty();
            return draws.poll();
        }

        boolean used() {
            return draws.isEmpty();
        }
    }

    /** Points on a line, 0, 1, 10 and 11. */
    private static final double[][] LINE = {{0, 0}, {1, 0}, {10, 0}, {11, 0}};

    @Test
    void theFirstSeedIsTheDrawnPointAndTheNextIsDrawnBySquaredDistance() {
        // from point 0 the squared distances are 0, 1, 100, 121 (total 222): a draw of 50 passes 0 and 1 and lands on 10
        double[][] seeds = KMeans.seeds(LINE, 2, new Scripted(0, 50.0 / 222));
        assertThat(seeds).isDeepEqualTo(new double[][] {{0, 0}, {10, 0}});
        // a draw of 0.5 lands on the first point with any weight: 1
        assertThat(KMeans.seeds(LINE, 2, new Scripted(0, 0.5 / 222))).isDeepEqualTo(new double[][] {{0, 0}, {1, 0}});
        // starting from point 3 (11): distances 121, 100, 1, 0; a draw of 150 passes 121 and lands on 1
        assertThat(KMeans.seeds(LINE, 2, new Scripted(3, 150.0 / 222))).isDeepEqualTo(new double[][] {{11, 0}, {1, 0}});
    }

    @Test
    void aThirdSeedIsDrawnByTheDistanceToTheNearerOfTheFirstTwo() {
        // with 0 and 10 chosen, the nearest distances are 0, 1, 0, 1 (total 2): a draw of 0.5 lands on 1, 1.5 on 11
        assertThat(KMeans.seeds(LINE, 3, new Scripted(0, 50.0 / 222, 0.25)))
                .isDeepEqualTo(new double[][] {{0, 0}, {10, 0}, {1, 0}});
        assertThat(KMeans.seeds(LINE, 3, new Scripted(0, 50.0 / 222, 0.75)))
                .isDeepEqualTo(new double[][] {{0, 0}, {10, 0}, {11, 0}});
    }

    @Test
    void withNoDistanceLeftTheLastPointIsTaken() {
        double[][] same = {{2, 2}, {2, 2}, {2, 2}};
        assertThat(KMeans.seeds(same, 2, new Scripted(1, 0.5))).isDeepEqualTo(new double[][] {{2, 2}, {2, 2}});
    }

    @Test
    void nearestCentreTiesGoToTheLowerIndex() {
        double[][] centres = {{0, 0}, {10, 0}, {4, 0}};
        assertThat(KMeans.nearest(new double[] {5, 0}, centres)).isEqualTo(2);
        assertThat(KMeans.nearest(new double[] {7, 0}, centres)).isEqualTo(1); // 9 from 10 and 9 from 4: the lower
        assertThat(KMeans.nearest(new double[] {-1, 0}, centres)).isEqualTo(0);
    }

    @Test
    void centresAreMeansAndAnEmptyClusterMovesToThePointFarthestFromItsCentre() {
        double[][] points = {{0, 0}, {1, 2}, {5, 4}};
        assertThat(KMeans.centres(points, new int[] {0, 0, 1}, 2)).isDeepEqualTo(new double[][] {{0.5, 1}, {5, 4}});
        // all in cluster 0, centred at (2, 2): squared distances 8, 1, 13, so cluster 1 restarts on (5, 4)
        assertThat(KMeans.centres(points, new int[] {0, 0, 0}, 2)).isDeepEqualTo(new double[][] {{2, 2}, {5, 4}});
        // (0, 0) and (4, 0) are equally far from (2, 0): the first of them is taken
        double[][] tie = {{0, 0}, {2, 0}, {4, 0}};
        assertThat(KMeans.centres(tie, new int[] {0, 0, 0}, 2)).isDeepEqualTo(new double[][] {{2, 0}, {0, 0}});
    }

    @Test
    void inertiaSumsSquaredDistancesToTheOwnCentre() {
        double[][] points = {{0, 0}, {1, 2}, {5, 4}};
        // centres (0.5, 1) and (5, 4): 0.25 + 1 twice, and 0
        assertThat(KMeans.inertia(points, new int[] {0, 0, 1}, new double[][] {{0.5, 1}, {5, 4}})).isEqualTo(2.5);
    }

    @Test
    void lloydMovesCentresUntilNoPointChangesCluster() {
        // from 0 and 1: 10 and 11 join 1 (centre 5.5), then 1 is nearer 0 (centres 0.5 and 10.5), then nothing moves
        assertThat(KMeans.lloyd(LINE, new double[][] {{0, 0}, {1, 0}})).containsExactly(0, 0, 1, 1);
    }

    /**
     * The rectangle (0, 0), (0, 1), (10, 0), (10, 1): split left from right, its inertia is 4 × 0.25 = 1; split top
     * from bottom (which k-means cannot leave once there: each point is nearer its own row's centre), it is 100.
     */
    private static final double[][] RECTANGLE = {{0, 0}, {0, 1}, {10, 0}, {10, 1}};
    /** Seeds (0, 0) and (0, 1): the bottom and top rows. Distances from (0, 0) are 0, 1, 100, 101 (total 202). */
    private static final double[] ROWS = {0, 0.5 / 202};
    /** Seeds (0, 0) and (10, 0): left and right. */
    private static final double[] LEFT_RIGHT = {0, 50.0 / 202};
    /** Seeds (10, 0) and (0, 0): right and left, the same split numbered the other way. */
    private static final double[] RIGHT_LEFT = {2, 50.0 / 202};

    private static Scripted restarts(double[]... seeds) {
        double[] all = new double[seeds.length * 2];
        for (int r = 0; r < seeds.length; r++) {
            System.arraycopy(seeds[r], 0, all, 2 * r, 2);
        }
        return new Scripted(all);
    }

    @Test
    void theTightestOfTenRestartsIsKeptAndTheFirstOfEquallyTightOnes() {
        assertThat(KMeans.lloyd(RECTANGLE, new double[][] {{0, 0}, {0, 1}})).containsExactly(0, 1, 0, 1);
        Scripted random = restarts(ROWS, ROWS, RIGHT_LEFT, ROWS, LEFT_RIGHT, ROWS, ROWS, ROWS, ROWS, ROWS);
        assertThat(KMeans.cluster(RECTANGLE, 2, random)).containsExactly(1, 1, 0, 0);
        assertThat(random.used()).as("ten restarts, each drawing twice").isTrue();
        // the good split only in the last restart
        Scripted last = restarts(ROWS, ROWS, ROWS, ROWS, ROWS, ROWS, ROWS, ROWS, ROWS, LEFT_RIGHT);
        assertThat(KMeans.cluster(RECTANGLE, 2, last)).containsExactly(0, 0, 1, 1);
    }

    @Test
    void squaredDistanceInThePlane() {
        assertThat(KMeans.squaredDistance(new double[] {1, 2}, new double[] {4, -2})).isEqualTo(25);
    }
}
