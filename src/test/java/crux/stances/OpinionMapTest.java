package crux.stances;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import crux.core.Stance;
import crux.forecasts.Forecast;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The map's pieces against small cases worked out by hand: projection, binning, outlines, privacy, labels. */
class OpinionMapTest {

    private static final double R2 = Math.sqrt(2);
    private static final double R3 = Math.sqrt(3);

    @Test
    void twoPerfectlyCorrelatedItemsLoadEquallyOnTheFirstAxisAndNothingIsLeftForTheSecond() {
        // agree/agree and disagree/disagree: the first component is (1, 1)/√2, and members sit at ±√2 on it
        Pca.Result r = Pca.analyse(new double[][] {{1, 1}, {-1, -1}, {1, 1}, {-1, -1}}, 2, 7);
        assertThat(r.loadings()[0][0]).isCloseTo(1 / R2, within(1e-9));
        assertThat(r.loadings()[0][1]).isCloseTo(1 / R2, within(1e-9));
        assertThat(r.loadings()[1]).containsExactly(0, 0);
        assertThat(r.points()[0][0]).isCloseTo(R2, within(1e-9));
        assertThat(r.points()[1][0]).isCloseTo(-R2, within(1e-9));
        assertThat(r.points()[0][1]).isZero();
        assertThat(r.means()).containsExactly(0, 0);
    }

    @Test
    void aSkippedItemCountsAsItsMeanVoteAndTheMeansAreTheVotersOwn() {
        // item 1: 1, −1, 1 → mean 1/3; item 2: (skipped), −1, 1 → mean 0, which the first member is taken to have said
        Pca.Result r = Pca.analyse(new double[][] {{1, Double.NaN}, {-1, -1}, {1, 1}}, 2, 7);
        assertThat(r.means()[0]).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(r.means()[1]).isCloseTo(0, within(1e-12));
        // the first member's point is their centred row (2/3, 0) projected on the loadings
        for (int c = 0; c < 2; c++) {
            assertThat(r.points()[0][c]).isCloseTo(2.0 / 3 * r.loadings()[c][0] + 0 * r.loadings()[c][1], within(1e-9));
        }
    }

    @Test
    void hexBinsByHand() {
        assertThat(HexGrid.of(0, 0, 1)).isEqualTo(new HexGrid.Hex(0, 0));
        // one hexagon width (√3) to the right is the next bin; up-right by (√3/2, 1.5) is the next row
        assertThat(HexGrid.of(R3, 0, 1)).isEqualTo(new HexGrid.Hex(1, 0));
        assertThat(HexGrid.of(R3 / 2, 1.5, 1)).isEqualTo(new HexGrid.Hex(0, 1));
        assertThat(HexGrid.of(-R3 / 2, -1.5, 1)).isEqualTo(new HexGrid.Hex(0, -1));
        // 0.9 right of the origin is nearer (√3, 0) (0.83 away) than (0, 0): the rounding must not simply truncate
        assertThat(HexGrid.of(0.9, 0, 1)).isEqualTo(new HexGrid.Hex(1, 0));
        assertThat(HexGrid.of(0.8, 0, 1)).isEqualTo(new HexGrid.Hex(0, 0));
        assertThat(HexGrid.centre(new HexGrid.Hex(0, 1), 2)).containsExactly(R3, 3.0);
        // size scales everything
        assertThat(HexGrid.of(2 * R3, 0, 2)).isEqualTo(new HexGrid.Hex(1, 0));
    }

    @Test
    void everyPointFallsInTheBinWhoseCentreIsNearest() {
        Random random = new Random(3);
        for (int n = 0; n < 2_000; n++) {
            double x = random.nextDouble() * 20 - 10;
            double y = random.nextDouble() * 20 - 10;
            double size = 0.3 + random.nextDouble() * 2;
            HexGrid.Hex hex = HexGrid.of(x, y, size);
            double[] c = HexGrid.centre(hex, size);
            double own = Math.hypot(x - c[0], y - c[1]);
            int[][] neighbours = {{1, 0}, {-1, 0}, {0, 1}, {0, -1}, {1, -1}, {-1, 1}};
            for (int[] d : neighbours) {
                double[] o = HexGrid.centre(new HexGrid.Hex(hex.q() + d[0], hex.r() + d[1]), size);
                assertThat(own).isLessThanOrEqualTo(Math.hypot(x - o[0], y - o[1]) + 1e-9);
            }
            // and inside the hexagon's inscribed circle… or at least its circumscribed one
            assertThat(own).isLessThanOrEqualTo(size + 1e-9);
        }
    }

    @Test
    void theHullOfASquareWithAPointInsideIsTheSquare() {
        List<double[]> hull = HexGrid.hull(List.of(new double[] {0, 0}, new double[] {2, 0}, new double[] {1, 1},
                new double[] {2, 2}, new double[] {0, 2}, new double[] {1, 0}, new double[] {0, 0}));
        assertThat(hull).extracting(p -> p[0] + "," + p[1]).containsExactly("0.0,0.0", "2.0,0.0", "2.0,2.0", "0.0,2.0");
        // one hexagon's corners are their own hull
        assertThat(HexGrid.hull(HexGrid.corners(new HexGrid.Hex(0, 0), 1))).hasSize(6);
    }

    /** Six members of camp 0 at the origin, three of camp 1 far away: what only a bin of three could reveal. */
    private static Camps.Analysis sixAndThree() {
        Map<Long, Integer> campOf = new HashMap<>();
        List<Long> members = new ArrayList<>();
        double[][] points = new double[9][];
        for (int m = 0; m < 9; m++) {
            members.add((long) m + 1);
            campOf.put((long) m + 1, m < 6 ? 0 : 1);
            points[m] = m < 6 ? new double[] {0, 0} : new double[] {10, 0};
        }
        double[][] loadings = {{1, 0}, {0, 1}};
        return new Camps.Analysis(new Camps(2, campOf), members, List.of(100L, 200L),
                new Pca.Result(points, loadings, new double[] {0.5, 0}));
    }

    @Test
    void aBinOfFewerThanFiveIsNeitherStoredNorOutlinedButCountedAsHidden() {
        OpinionMap map = OpinionMap.build(sixAndThree(), List.of(), new int[] {0, 1}, List.of(100L, 200L), Map.of());
        // the spread is 10: twelve hexagons of width √3·size across it
        assertThat(map.hexSize()).isCloseTo(10 / (12 * R3), within(1e-12));
        assertThat(map.bins()).containsExactly(new OpinionMap.Bin(0, 0, 6, 0));
        assertThat(map.placed()).isEqualTo(9);
        assertThat(map.hidden()).isEqualTo(3);
        // camp 0's outline is its one bin's hexagon; camp 1 has no bin to outline
        assertThat(map.camps().get(0).outline()).hasSize(6);
        assertThat(map.camps().get(1).outline()).isEmpty();
        assertThat(map.bins()).allMatch(b -> b.members() >= OpinionMap.MIN_BIN);
    }

    @Test
    void divisivenessIsTheGapBetweenTheCampsSmoothedAgreementAndMarksTheItem() {
        List<Vote> votes = new ArrayList<>();
        for (long m = 1; m <= 9; m++) {
            // item 100: camp 0 agrees, camp 1 disagrees; item 200: everyone agrees
            votes.add(new Vote(m, 100, m <= 6 ? Stance.AGREE : Stance.DISAGREE));
            votes.add(new Vote(m, 200, Stance.AGREE));
        }
        OpinionMap map = OpinionMap.build(sixAndThree(), votes, new int[] {0, 1}, List.of(100L, 200L, 300L), Map.of());
        OpinionMap.ItemStat divided = map.items().get(0);
        // (6 + 1) / (6 + 2) − (0 + 1) / (3 + 2) = 7/8 − 1/5
        assertThat(divided.divisiveness()).isCloseTo(7.0 / 8 - 1.0 / 5, within(1e-12));
        assertThat(divided.marker()).isEqualTo(OpinionMap.Marker.DIVIDES);
        assertThat(divided.camps().get(1)).isEqualTo(new OpinionMap.CampItem(1, 0, 3, 3, null, 0));
        assertThat(divided.loadingX()).isEqualTo(1);
        OpinionMap.ItemStat shared = map.items().get(1);
        // 7/8 and 4/5: both accept it
        assertThat(shared.divisiveness()).isCloseTo(7.0 / 8 - 4.0 / 5, within(1e-12));
        assertThat(shared.marker()).isEqualTo(OpinionMap.Marker.UNITES);
        // an item nobody voted on is neither
        assertThat(map.items().get(2).marker()).isEqualTo(OpinionMap.Marker.NONE);
    }

    @Test
    void eachCampsForecastIsTheCommunityForecastOfItsOwnMembers() {
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        List<Forecast> latest = List.of(new Forecast(1, t, 80), new Forecast(2, t.plusSeconds(1), 80),
                new Forecast(7, t.plusSeconds(2), 20), new Forecast(99, t.plusSeconds(3), 50));
        OpinionMap map = OpinionMap.build(sixAndThree(), List.of(), new int[] {0, 1}, List.of(100L),
                Map.of(100L, latest));
        assertThat(map.items().get(0).camps().get(0).forecast()).isEqualTo(80);
        assertThat(map.items().get(0).camps().get(0).forecasters()).isEqualTo(2);
        // member 99 is in no camp, so counts for none
        assertThat(map.items().get(0).camps().get(1).forecast()).isEqualTo(20);
        assertThat(map.items().get(0).camps().get(1).forecasters()).isEqualTo(1);
    }

    @Test
    void labelsFollowTheMembersNotTheSizeOrder() {
        // last run: members 1–4 were A (0), 5–9 B (1); now 5–9 are the larger camp (id 0) and 1–4 the smaller
        Map<Long, Integer> before = new HashMap<>();
        Map<Long, Integer> now = new HashMap<>();
        for (long m = 1; m <= 9; m++) {
            before.put(m, m <= 4 ? 0 : 1);
            now.put(m, m <= 4 ? 1 : 0);
        }
        assertThat(CampLabels.match(new Camps(2, now), before)).containsExactly(1, 0);
        // a third camp split off B keeps the lowest free letter; B stays with the bigger part
        now.put(8L, 2);
        now.put(9L, 2);
        assertThat(CampLabels.match(new Camps(3, now), before)).containsExactly(1, 0, 2);
        // the first run: letters in size order
        assertThat(CampLabels.match(new Camps(2, now.entrySet().stream().filter(e -> e.getValue() < 2)
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue))), Map.of()))
                .containsExactly(0, 1);
    }

    @Test
    void aSampledSilhouetteStillTellsTightCampsFromAnArbitrarySplit() {
        // 2,500 points: past the sample size, so only every third point is measured (against all of them)
        int n = 2_500;
        double[][] points = new double[n][];
        int[] byCluster = new int[n];
        int[] arbitrary = new int[n];
        Random random = new Random(5);
        for (int i = 0; i < n; i++) {
            byCluster[i] = i % 2;
            arbitrary[i] = (i / 2) % 2;
            points[i] = new double[] {byCluster[i] * 10 + random.nextGaussian() * 0.1, random.nextGaussian() * 0.1};
        }
        assertThat(Silhouette.mean(points, byCluster, 2)).isGreaterThan(0.95);
        assertThat(Silhouette.mean(points, arbitrary, 2)).isBetween(-0.1, 0.1);
    }

    @Test
    void theOutlineSurvivesItsStoredForm() {
        List<double[]> outline = HexGrid.corners(new HexGrid.Hex(2, -1), 0.37);
        List<double[]> back = CampRepository.outline(CampRepository.outline(outline));
        assertThat(back).hasSize(6);
        for (int i = 0; i < 6; i++) {
            assertThat(back.get(i)[0]).isCloseTo(outline.get(i)[0], within(1e-5));
            assertThat(back.get(i)[1]).isCloseTo(outline.get(i)[1], within(1e-5));
        }
        assertThat(CampRepository.outline("")).isEmpty();
    }
}
