package crux.stances;

import crux.core.Stance;
import crux.forecasts.CommunityForecast;
import crux.forecasts.Forecast;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * What the opinion map of one article shows, computed by the camp job from the camps' analysis and stored whole, so
 * pages only read it. Members are placed by their first two principal components and counted in hexagonal bins; a
 * bin with fewer than {@link #MIN_BIN} members is never stored (nor drawn, nor listed), so no single member's point
 * can be read off the map. Pure: analysis and votes in, the map out.
 *
 * @param hexSize  bin size in projection units (centre to corner)
 * @param placed   the members placed (in camps)
 * @param hidden   of those, the members in bins too sparse to show
 * @param bins     the bins shown, by (r, q)
 * @param camps    one per camp, by camp id
 * @param items    one per active item of the article
 */
public record OpinionMap(double hexSize, int placed, int hidden, List<Bin> bins, List<CampShape> camps,
                         List<ItemStat> items) {

    /** Fewer members than this in one bin could single out a person (k-anonymity with k = 5). */
    public static final int MIN_BIN = 5;
    /** Bins across the widest spread of points: fine enough to show shape, coarse enough that bins fill up. */
    static final int BINS_ACROSS = 12;
    /** Camps whose agreement rates differ by this much (smoothed, highest minus lowest) are divided on an item. */
    public static final double DIVIDES_FROM = 0.4;
    /** Every camp agreeing at least this much (smoothed) is common ground: the item unites them. */
    public static final double UNITES_FROM = 0.6;

    /** One hexagonal bin: {@code members} placed in it, most of them in camp {@code camp}. */
    public record Bin(int q, int r, int members, int camp) {
    }

    /**
     * A camp's shape on the map: the convex hull of the bins where it has at least {@link #MIN_BIN} members (empty
     * when it has no such bin), and its centre (the members' mean point: used to find the nearest other camp, never
     * drawn or shown).
     */
    public record CampShape(int camp, int label, List<double[]> outline, double centreX, double centreY) {
    }

    /** One camp's stances and forecast on one item ({@code forecast} in %, null when none of them forecast). */
    public record CampItem(int camp, int agree, int disagree, int voting, Double forecast, int forecasters) {
        /** The camp's mean vote: +1 all agree … −1 all disagree; 0 without votes. */
        public double mean() {
            return voting == 0 ? 0 : (double) (agree - disagree) / voting;
        }

        /** The agreement rate smoothed as {@link Consensus#gac} smooths it. */
        double smoothed() {
            return (agree + 1.0) / (voting + 2.0);
        }
    }

    /**
     * One item: how much agreeing with it moves a member along each axis (the PCA loadings), its mean vote (what
     * skipping it counts as), how far the camps are apart on it, and each camp's stances and forecast, by camp id.
     */
    public record ItemStat(long itemId, double loadingX, double loadingY, double mean, double divisiveness,
                           List<CampItem> camps) {
        /** Whether the item divides or unites the camps (NONE: neither, or some camp has not voted on it). */
        public Marker marker() {
            if (camps.isEmpty() || camps.stream().anyMatch(c -> c.voting() == 0)) {
                return Marker.NONE;
            }
            if (divisiveness >= DIVIDES_FROM) {
                return Marker.DIVIDES;
            }
            return camps.stream().allMatch(c -> c.smoothed() >= UNITES_FROM) ? Marker.UNITES : Marker.NONE;
        }
    }

    /** An item's place between the camps. */
    public enum Marker {
        DIVIDES, UNITES, NONE;

        /** The marker's word on an item page; empty for none. */
        public String word() {
            return this == NONE ? "" : name().toLowerCase();
        }
    }

    public OpinionMap {
        bins = List.copyOf(bins);
        camps = List.copyOf(camps);
        items = List.copyOf(items);
    }

    /**
     * The map of {@code analysis}: {@code labels} by camp id (from {@link CampLabels}), {@code items} the article's
     * active items, {@code forecasts} each prediction's latest forecasts (one per member) by item id.
     */
    static OpinionMap build(Camps.Analysis analysis, List<Vote> votes, int[] labels, List<Long> items,
                            Map<Long, List<Forecast>> forecasts) {
        Camps camps = analysis.camps();
        double[][] points = analysis.projection().points();
        double size = hexSize(points);
        Map<HexGrid.Hex, int[]> perBin = new HashMap<>();
        double[][] centre = new double[camps.k()][2];
        int[] sizes = new int[camps.k()];
        for (int m = 0; m < points.length; m++) {
            int camp = camps.campOf().get(analysis.members().get(m));
            perBin.computeIfAbsent(HexGrid.of(points[m][0], points[m][1], size), h -> new int[camps.k()])[camp]++;
            centre[camp][0] += points[m][0];
            centre[camp][1] += points[m][1];
            sizes[camp]++;
        }
        List<Bin> bins = new ArrayList<>();
        int hidden = 0;
        List<List<double[]>> corners = new ArrayList<>();
        for (int c = 0; c < camps.k(); c++) {
            corners.add(new ArrayList<>());
        }
        for (Map.Entry<HexGrid.Hex, int[]> e : perBin.entrySet()) {
            int[] byCamp = e.getValue();
            int total = 0;
            int most = 0;
            for (int c = 0; c < byCamp.length; c++) {
                total += byCamp[c];
                if (byCamp[c] > byCamp[most]) {
                    most = c;
                }
                if (byCamp[c] >= MIN_BIN) {
                    corners.get(c).addAll(HexGrid.corners(e.getKey(), size));
                }
            }
            if (total < MIN_BIN) {
                hidden += total;
            } else {
                bins.add(new Bin(e.getKey().q(), e.getKey().r(), total, most));
            }
        }
        bins.sort((a, b) -> a.r() != b.r() ? Integer.compare(a.r(), b.r()) : Integer.compare(a.q(), b.q()));
        List<CampShape> shapes = new ArrayList<>();
        for (int c = 0; c < camps.k(); c++) {
            shapes.add(new CampShape(c, labels[c], HexGrid.hull(corners.get(c)), centre[c][0] / Math.max(1, sizes[c]),
                    centre[c][1] / Math.max(1, sizes[c])));
        }
        return new OpinionMap(size, points.length, hidden, bins, shapes,
                itemStats(analysis, votes, items, forecasts));
    }

    /** Bin size: the wider spread of the points over {@link #BINS_ACROSS} hexagon widths (1 when all coincide). */
    static double hexSize(double[][] points) {
        double minX = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        for (double[] p : points) {
            minX = Math.min(minX, p[0]);
            maxX = Math.max(maxX, p[0]);
            minY = Math.min(minY, p[1]);
            maxY = Math.max(maxY, p[1]);
        }
        double span = Math.max(maxX - minX, maxY - minY);
        // a hexagon is √3·size wide
        return span > 1e-9 ? span / (BINS_ACROSS * HexGrid.SQRT3) : 1;
    }

    private static List<ItemStat> itemStats(Camps.Analysis analysis, List<Vote> votes, List<Long> items,
                                            Map<Long, List<Forecast>> forecasts) {
        Camps camps = analysis.camps();
        int k = camps.k();
        Map<Long, int[][]> counts = new HashMap<>();
        for (Vote v : votes) {
            Integer camp = camps.campOf().get(v.memberId());
            if (camp != null) {
                int[][] c = counts.computeIfAbsent(v.itemId(), i -> new int[k][3]);
                c[camp][v.stance() == Stance.AGREE ? 0 : v.stance() == Stance.DISAGREE ? 1 : 2]++;
            }
        }
        Map<Long, Integer> column = new HashMap<>();
        for (int j = 0; j < analysis.items().size(); j++) {
            column.put(analysis.items().get(j), j);
        }
        Pca.Result p = analysis.projection();
        List<ItemStat> out = new ArrayList<>();
        for (long item : items) {
            int[][] c = counts.getOrDefault(item, new int[k][3]);
            Map<Integer, List<Forecast>> byCamp = new LinkedHashMap<>();
            for (Forecast f : forecasts.getOrDefault(item, List.of())) {
                Integer camp = camps.campOf().get(f.memberId());
                if (camp != null) {
                    byCamp.computeIfAbsent(camp, g -> new ArrayList<>()).add(f);
                }
            }
            List<CampItem> perCamp = new ArrayList<>();
            double lowest = 1;
            double highest = 0;
            for (int g = 0; g < k; g++) {
                List<Forecast> mine = byCamp.getOrDefault(g, List.of());
                OptionalDouble community = CommunityForecast.of(mine);
                CampItem ci = new CampItem(g, c[g][0], c[g][1], c[g][0] + c[g][1] + c[g][2],
                        community.isPresent() ? community.getAsDouble() : null, mine.size());
                perCamp.add(ci);
                if (ci.voting() > 0) {
                    lowest = Math.min(lowest, ci.smoothed());
                    highest = Math.max(highest, ci.smoothed());
                }
            }
            Integer j = column.get(item);
            out.add(new ItemStat(item, j == null ? 0 : p.loadings()[0][j], j == null ? 0 : p.loadings()[1][j],
                    j == null ? 0 : p.means()[j], Math.max(0, highest - lowest), Collections.unmodifiableList(perCamp)));
        }
        return out;
    }
}
