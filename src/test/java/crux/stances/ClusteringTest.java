package crux.stances;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The pieces under {@link Camps}: PCA, k-means and the silhouette, on inputs small enough to work by hand. */
class ClusteringTest {

    private static final double N = Double.NaN;

    @Test
    void imputesMissingVotesAsTheItemsMean() {
        double[][] imputed = Pca.imputed(new double[][] {{1, N}, {-1, 1}, {0, 0}});
        assertThat(imputed[0]).containsExactly(1, 0.5);
        assertThat(imputed[1]).containsExactly(-1, 1);
    }

    @Test
    void firstComponentSeparatesOpposedVotersAndSecondHasNothingLeft() {
        // Two members agree with items 1 and 2 and reject 3; two do the opposite. One direction explains it all.
        double[][] votes = {{1, 1, -1}, {1, 1, -1}, {-1, -1, 1}, {-1, -1, 1}};
        double[][] p = Pca.project(votes, 2, 7);
        // centred rows are ±(1, 1, −1); the unit component is (1, 1, −1)/√3 (its largest loading made positive)
        assertThat(p[0][0]).isCloseTo(Math.sqrt(3), within(1e-9));
        assertThat(p[2][0]).isCloseTo(-Math.sqrt(3), within(1e-9));
        for (double[] row : p) {
            assertThat(row[1]).isCloseTo(0, within(1e-9));
        }
    }

    @Test
    void silhouetteByHand() {
        // Two pairs, one unit apart inside a pair and ten apart between them. For (0, 0):
        // a = 1, b = (10 + √101) / 2 = 10.0249, s = (b − a) / b = 0.90025; all four points are alike.
        double[][] points = {{0, 0}, {0, 1}, {10, 0}, {10, 1}};
        double s = Silhouette.mean(points, new int[] {0, 0, 1, 1}, 2);
        assertThat(s).isCloseTo(1 - 2 / (10 + Math.sqrt(101)), within(1e-12));
        // A point alone in its cluster scores 0.
        assertThat(Silhouette.mean(new double[][] {{0, 0}, {5, 0}}, new int[] {0, 1}, 2)).isEqualTo(0);
    }

    @Test
    void kMeansFindsTheObviousClustersAndRepeatsItself() {
        double[][] points = {{0, 0}, {0, 1}, {1, 0}, {20, 20}, {21, 20}, {20, 21}};
        int[] first = KMeans.cluster(points, 2, new Random(5));
        int[] again = KMeans.cluster(points, 2, new Random(5));
        assertThat(first).containsExactly(again);
        assertThat(first[0]).isEqualTo(first[1]).isEqualTo(first[2]).isNotEqualTo(first[3]);
        assertThat(first[3]).isEqualTo(first[4]).isEqualTo(first[5]);
    }
}
