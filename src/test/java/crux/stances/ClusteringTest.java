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
    void covarianceOfCentredColumnsDividesByMembersLessOne() {
        // columns (1, −1, 0) and (0, 2, −2): c11 = (1 + 1 + 0) / 2 = 1, c12 = (0 − 2 + 0) / 2 = −1,
        // c22 = (0 + 4 + 4) / 2 = 4
        double[][] c = Pca.covariance(new double[][] {{1, 0}, {-1, 2}, {0, -2}});
        assertThat(c).isDeepEqualTo(new double[][] {{1, -1}, {-1, 4}});
        // one member: nothing to divide by but 1
        assertThat(Pca.covariance(new double[][] {{0, 3}})).isDeepEqualTo(new double[][] {{0, 0}, {0, 9}});
    }

    @Test
    void dataNotAlreadyCentredIsCentredFirst() {
        // item 1 has mean 2 (votes 3, 1, 2), item 2 the same vote from everyone: the only direction is item 1,
        // and each member sits at their vote minus the mean
        double[][] p = Pca.project(new double[][] {{3, 1}, {1, 1}, {2, 1}}, 1, 7);
        assertThat(p[0][0]).isCloseTo(1, within(1e-9));
        assertThat(p[1][0]).isCloseTo(-1, within(1e-9));
        assertThat(p[2][0]).isCloseTo(0, within(1e-9));
    }

    @Test
    void aComponentsLargestLoadingIsMadePositiveWhateverTheStart() {
        // centred rows ±(1, −2): the component is ±(1, −2)/√5; its largest loading (item 2) positive gives
        // (−1, 2)/√5, on which the first member sits at (−1 − 4)/√5 = −√5, from every random start
        for (long seed = 1; seed <= 6; seed++) {
            double[][] p = Pca.project(new double[][] {{1, -2}, {-1, 2}}, 1, seed);
            assertThat(p[0][0]).as("seed %d", seed).isCloseTo(-Math.sqrt(5), within(1e-9));
            assertThat(p[1][0]).as("seed %d", seed).isCloseTo(Math.sqrt(5), within(1e-9));
        }
    }

    @Test
    void componentsComeInOrderOfVarianceAndTheRestIsZero() {
        // centred rows (2, 0, 0), (−2, 0, 0), (0, 1, 0), (0, −1, 0): variance 8/3 along item 1, 2/3 along item 2,
        // none along item 3. Power iteration needs many rounds to settle here (the eigenvalues are only 4× apart), and
        // stops when successive directions agree to 1 − cos θ < 1e-13, an angle of about 5e-7: hence 1e-5.
        double[][] votes = {{2, 0, 5}, {-2, 0, 5}, {0, 1, 5}, {0, -1, 5}};
        double[][] p = Pca.project(votes, 3, 11);
        double[][] expected = {{2, 0, 0}, {-2, 0, 0}, {0, 1, 0}, {0, -1, 0}};
        for (int m = 0; m < 4; m++) {
            for (int c = 0; c < 3; c++) {
                assertThat(p[m][c]).as("member %d, component %d", m, c).isCloseTo(expected[m][c], within(1e-5));
            }
        }
    }

    @Test
    void anItemNobodyVotedOnIsRefusedSayingWhich() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Pca.imputed(new double[][] {{1, N}, {0, N}}))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("item column 1 has no votes");
    }

    @Test
    void silhouetteByHand() {
        // Two pairs, one unit apart inside a pair and ten apart between them. For (0, 0):
        // a = 1, b = (10 + √101) / 2 = 10.0249, s = (b − a) / b = 0.90025; all four points are alike.
        double[][] points = {{0, 0}, {0, 1}, {10, 0}, {10, 1}};
        double s = Silhouette.mean(points, new int[] {0, 0, 1, 1}, 2);
        assertThat(s).isCloseTo(1 - 2 / (10 + Math.sqrt(101)), within(1e-12));
        // Three on a line one apart, and (10, 0) alone (scoring 0). (0, 0): a = (1 + 2) / 2 = 1.5, b = 10, s = 0.85;
        // (0, 1): a = 1, b = √101, s = 0.9004963; (0, 2): a = 1.5, b = √104, s = 0.8529129. Mean of four: 0.6508523.
        double[][] line = {{0, 0}, {0, 1}, {0, 2}, {10, 0}};
        assertThat(Silhouette.mean(line, new int[] {0, 0, 0, 1}, 2)).isCloseTo(0.6508523, within(1e-7));
        // an empty third cluster is no neighbour of anyone's
        assertThat(Silhouette.mean(line, new int[] {0, 0, 0, 1}, 3)).isCloseTo(0.6508523, within(1e-7));
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
