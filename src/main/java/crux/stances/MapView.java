package crux.stances;

import crux.article.Item;
import crux.core.Stance;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The opinion map as a page draws it, from the stored map alone (pure: nothing is recomputed per request): SVG
 * geometry in the drawing's own coordinates, the axes in words, the same data as a table, each camp's representative
 * items, the most divisive items, and "you are here" for the viewer — the only point ever drawn is the viewer's own.
 *
 * @param computedAt when the job computed the map
 * @param width      the drawing's width (its height is {@link #HEIGHT})
 * @param bins       the hexagons, densest darkest
 * @param outlines   one per camp that has a bin dense enough to show
 * @param axes       the horizontal then the vertical axis in words
 * @param origin     where the two axes cross (the average member), in drawing coordinates {x, y}
 * @param hidden     members in bins too sparse to show
 * @param camps      per camp, largest first: its representative items
 * @param divisive   the items the camps are furthest apart on, most divisive first
 * @param you        the viewer's place (see {@link You})
 */
public record MapView(OffsetDateTime computedAt, int width, List<Hexagon> bins, List<Outline> outlines,
                      List<Axis> axes, double[] origin, int placed, int hidden, List<CampItems> camps,
                      List<ItemLine> divisive, You you) {

    public static final int WIDTH = 640;
    public static final int HEIGHT = 440;
    /** Room around the plot for the axis words and camp labels. */
    static final int MARGIN = 36;
    /** Items listed per camp, per axis, per "you" list: enough to characterise, few enough to read. */
    static final int LIST = 3;
    /** Items an axis is explained by in words (its table lists {@link #LIST}): a sentence, not a paragraph. */
    static final int AXIS_WORDS = 2;
    /** Most divisive items listed beside the common ground. */
    static final int DIVISIVE = 5;
    /** Density shades: a bin's members as a share of the densest bin's, in this many steps. */
    static final int SHADES = 4;

    /** One hexagon: its polygon points, CSS classes (camp colour and density), and its data in words. */
    public record Hexagon(String points, String cssClass, String across, String up, int members, String camp) {
    }

    /** A camp's outline and label on the drawing. */
    public record Outline(String points, String colour, double labelX, double labelY, String label) {
    }

    /**
     * One axis: the direction's name ("left–right"), what each end means in words, and the items loading most on it.
     */
    public record Axis(String name, String lowEnd, String highEnd, String lowWords, String highWords,
                       List<Loading> items) {
    }

    /** An item's pull on an axis: positive pulls those who agree towards the right (or the top). */
    public record Loading(long itemId, String statement, double loading) {
        public String formatted() {
            return String.format(Locale.ROOT, "%+.2f", loading);
        }
    }

    /** An item with one camp's agreement against the other camps'. */
    public record ItemLine(long itemId, String statement, int percent, int othersPercent, List<CampRate> perCamp) {
    }

    /** One camp's agreement with an item. */
    public record CampRate(CampRepository.CampInfo camp, int agreePercent, int voting) {
    }

    /** A camp and the items where it differs most from the rest. */
    public record CampItems(CampRepository.CampInfo camp, List<ItemLine> items) {
    }

    /**
     * The viewer on the map. {@code state}: SIGNED_OUT, TOO_FEW (needs {@code needed} more stances), PENDING (enough
     * stances, placed at the next run), PLACED (at {@code x, y} in camp {@code camp}).
     */
    public record You(State state, int stances, int needed, double x, double y, CampRepository.CampInfo camp,
                      List<Difference> differences, CampRepository.CampInfo nearest, List<Difference> movers) {
        public enum State { SIGNED_OUT, TOO_FEW, PENDING, PLACED }

        public boolean placed() {
            return state == State.PLACED;
        }
    }

    /** An item where the viewer and a camp differ: what the viewer said and what the camp mostly says. */
    public record Difference(long itemId, String statement, String yours, String theirs, int theirAgreePercent) {
    }

    /**
     * The view of {@code stored}; {@code camps} the article's camps by id; {@code items} its active items;
     * {@code position} the viewer's stored place (empty: not placed); {@code stances} the viewer's stances by item
     * (null: signed out).
     */
    public static MapView of(CampRepository.StoredMap stored, List<CampRepository.CampInfo> camps, List<Item> items,
                             Optional<CampRepository.Position> position, Map<Long, Stance> stances) {
        OpinionMap map = stored.map();
        Map<Long, String> statements = new HashMap<>();
        for (Item i : items) {
            statements.put(i.id(), i.statement());
        }
        List<OpinionMap.ItemStat> live = map.items().stream().filter(i -> statements.containsKey(i.itemId())).toList();
        Frame frame = Frame.of(map, position.map(p -> new double[] {p.x(), p.y()}));
        int densest = map.bins().stream().mapToInt(OpinionMap.Bin::members).max().orElse(1);
        List<Hexagon> hexagons = new ArrayList<>();
        for (OpinionMap.Bin b : map.bins()) {
            HexGrid.Hex hex = new HexGrid.Hex(b.q(), b.r());
            double[] c = HexGrid.centre(hex, map.hexSize());
            int shade = Math.max(1, (int) Math.ceil(SHADES * (double) b.members() / densest));
            CampRepository.CampInfo camp = camp(camps, b.camp());
            hexagons.add(new Hexagon(frame.points(HexGrid.corners(hex, map.hexSize())),
                    "hex " + (camp == null ? "" : camp.colour()) + " density-" + shade, coordinate(c[0]), coordinate(c[1]),
                    b.members(), camp == null ? "no camp" : camp.name()));
        }
        List<Outline> outlines = new ArrayList<>();
        for (OpinionMap.CampShape s : map.camps()) {
            CampRepository.CampInfo camp = camp(camps, s.camp());
            if (camp == null || s.outline().isEmpty()) {
                continue;
            }
            double lx = 0;
            double ly = Double.POSITIVE_INFINITY;
            for (double[] p : s.outline()) {
                lx += frame.x(p[0]) / s.outline().size();
                ly = Math.min(ly, frame.y(p[1]));
            }
            outlines.add(new Outline(frame.points(s.outline()), camp.colour(), lx, Math.max(14, ly - 6),
                    camp.name() + " · " + camp.members()));
        }
        return new MapView(stored.computedAt(), WIDTH, hexagons, outlines,
                List.of(axis(live, statements, true), axis(live, statements, false)),
                new double[] {frame.x(0), frame.y(0)}, map.placed(), map.hidden(),
                camps.stream().map(c -> new CampItems(c, representative(c, camps, live, statements))).toList(),
                divisive(camps, live, statements), you(map, camps, live, statements, position, stances, frame));
    }

    /** The SVG points of the axes' crossing as strings: the template draws the two axis lines through them. */
    public String originX() {
        return number(origin[0]);
    }

    public String originY() {
        return number(origin[1]);
    }

    /** The fewest members a drawn bin holds. */
    public int minBin() {
        return OpinionMap.MIN_BIN;
    }

    public int height() {
        return HEIGHT;
    }

    public int margin() {
        return MARGIN;
    }

    /** Projection space → drawing space: uniform scale (so distances mean the same both ways), y up. */
    record Frame(double minX, double minY, double scale, double offsetX, double offsetY) {
        static Frame of(OpinionMap map, Optional<double[]> you) {
            double minX = Double.POSITIVE_INFINITY;
            double maxX = Double.NEGATIVE_INFINITY;
            double minY = Double.POSITIVE_INFINITY;
            double maxY = Double.NEGATIVE_INFINITY;
            List<double[]> all = new ArrayList<>();
            for (OpinionMap.Bin b : map.bins()) {
                all.addAll(HexGrid.corners(new HexGrid.Hex(b.q(), b.r()), map.hexSize()));
            }
            you.ifPresent(all::add);
            all.add(new double[] {0, 0});
            for (double[] p : all) {
                minX = Math.min(minX, p[0]);
                maxX = Math.max(maxX, p[0]);
                minY = Math.min(minY, p[1]);
                maxY = Math.max(maxY, p[1]);
            }
            double spanX = Math.max(maxX - minX, 1e-9);
            double spanY = Math.max(maxY - minY, 1e-9);
            double scale = Math.min((WIDTH - 2.0 * MARGIN) / spanX, (HEIGHT - 2.0 * MARGIN) / spanY);
            return new Frame(minX, minY, scale, (WIDTH - scale * spanX) / 2, (HEIGHT - scale * spanY) / 2);
        }

        double x(double px) {
            return offsetX + (px - minX) * scale;
        }

        double y(double py) {
            return HEIGHT - offsetY - (py - minY) * scale;
        }

        String points(List<double[]> points) {
            StringBuilder out = new StringBuilder();
            for (double[] p : points) {
                out.append(out.isEmpty() ? "" : " ").append(number(x(p[0]))).append(',').append(number(y(p[1])));
            }
            return out.toString();
        }
    }

    private static Axis axis(List<OpinionMap.ItemStat> items, Map<Long, String> statements, boolean horizontal) {
        List<Loading> top = items.stream()
                .map(i -> new Loading(i.itemId(), statements.get(i.itemId()), horizontal ? i.loadingX() : i.loadingY()))
                .filter(l -> Math.abs(l.loading()) > 1e-6)
                .sorted(Comparator.comparingDouble((Loading l) -> -Math.abs(l.loading())).thenComparingLong(Loading::itemId))
                .limit(LIST).toList();
        String low = horizontal ? "left" : "bottom";
        String high = horizontal ? "right" : "top";
        List<Loading> named = top.subList(0, Math.min(AXIS_WORDS, top.size()));
        return new Axis(horizontal ? "Left to right" : "Bottom to top", low, high, words(named, false),
                words(named, true), top);
    }

    /** What members towards one end of an axis tend to say, from the items loading most on it. */
    private static String words(List<Loading> top, boolean highEnd) {
        if (top.isEmpty()) {
            return "no item separates members in this direction";
        }
        List<String> parts = new ArrayList<>();
        for (Loading l : top) {
            boolean agree = (l.loading() > 0) == highEnd;
            parts.add((agree ? "agree that “" : "disagree that “") + l.statement() + "”");
        }
        return "tend to " + String.join("; ", parts);
    }

    private static List<ItemLine> representative(CampRepository.CampInfo camp, List<CampRepository.CampInfo> camps,
                                                 List<OpinionMap.ItemStat> items, Map<Long, String> statements) {
        record Scored(ItemLine line, double gap) {
        }
        List<Scored> scored = new ArrayList<>();
        for (OpinionMap.ItemStat i : items) {
            int agree = 0;
            int voting = 0;
            int othersAgree = 0;
            int othersVoting = 0;
            for (OpinionMap.CampItem c : i.camps()) {
                if (c.camp() == camp.id()) {
                    agree = c.agree();
                    voting = c.voting();
                } else {
                    othersAgree += c.agree();
                    othersVoting += c.voting();
                }
            }
            if (voting == 0 || othersVoting == 0) {
                continue;
            }
            int percent = percent(agree, voting);
            int others = percent(othersAgree, othersVoting);
            scored.add(new Scored(new ItemLine(i.itemId(), statements.get(i.itemId()), percent, others,
                    rates(i, camps)), Math.abs((double) agree / voting - (double) othersAgree / othersVoting)));
        }
        return scored.stream().sorted(Comparator.comparingDouble((Scored s) -> -s.gap())
                .thenComparingLong(s -> s.line().itemId())).limit(LIST).map(Scored::line).toList();
    }

    private static List<ItemLine> divisive(List<CampRepository.CampInfo> camps, List<OpinionMap.ItemStat> items,
                                           Map<Long, String> statements) {
        return items.stream().filter(i -> i.camps().stream().allMatch(c -> c.voting() > 0) && i.divisiveness() > 0)
                .sorted(Comparator.comparingDouble((OpinionMap.ItemStat i) -> -i.divisiveness())
                        .thenComparingLong(OpinionMap.ItemStat::itemId))
                .limit(DIVISIVE)
                .map(i -> new ItemLine(i.itemId(), statements.get(i.itemId()), 0, 0, rates(i, camps))).toList();
    }

    private static List<CampRate> rates(OpinionMap.ItemStat item, List<CampRepository.CampInfo> camps) {
        List<CampRate> out = new ArrayList<>();
        for (CampRepository.CampInfo camp : camps) {
            item.camps().stream().filter(c -> c.camp() == camp.id()).findFirst()
                    .ifPresent(c -> out.add(new CampRate(camp, percent(c.agree(), c.voting()), c.voting())));
        }
        return out;
    }

    private static You you(OpinionMap map, List<CampRepository.CampInfo> camps, List<OpinionMap.ItemStat> items,
                           Map<Long, String> statements, Optional<CampRepository.Position> position,
                           Map<Long, Stance> stances, Frame frame) {
        if (stances == null) {
            return new You(You.State.SIGNED_OUT, 0, 0, 0, 0, null, List.of(), null, List.of());
        }
        int mine = (int) stances.keySet().stream().filter(statements::containsKey).count();
        if (position.isEmpty()) {
            return mine < Camps.MIN_VOTES
                    ? new You(You.State.TOO_FEW, mine, Camps.MIN_VOTES - mine, 0, 0, null, List.of(), null, List.of())
                    : new You(You.State.PENDING, mine, 0, 0, 0, null, List.of(), null, List.of());
        }
        CampRepository.Position p = position.get();
        CampRepository.CampInfo own = camp(camps, p.camp());
        List<Difference> differences = new ArrayList<>();
        record Gap(Difference d, double size) {
        }
        List<Gap> gaps = new ArrayList<>();
        for (OpinionMap.ItemStat i : items) {
            Stance s = stances.get(i.itemId());
            OpinionMap.CampItem theirs = campItem(i, p.camp());
            if (s != null && theirs != null && theirs.voting() > 0) {
                double gap = Math.abs(s.value() - theirs.mean());
                if (gap >= 1) {
                    gaps.add(new Gap(difference(i, statements, s, theirs), gap));
                }
            }
        }
        gaps.stream().sorted(Comparator.comparingDouble((Gap g) -> -g.size()).thenComparingLong(g -> g.d().itemId()))
                .limit(LIST).forEach(g -> differences.add(g.d()));
        // the nearest other camp, and the items whose vote, changed to what that camp mostly says, moves the viewer
        // furthest towards it: those closest to the boundary between the two
        OpinionMap.CampShape nearest = null;
        double best = Double.POSITIVE_INFINITY;
        for (OpinionMap.CampShape s : map.camps()) {
            double d = Math.hypot(s.centreX() - p.x(), s.centreY() - p.y());
            if (s.camp() != p.camp() && d < best) {
                best = d;
                nearest = s;
            }
        }
        List<Difference> movers = new ArrayList<>();
        if (nearest != null && best > 1e-9) {
            double dx = (nearest.centreX() - p.x()) / best;
            double dy = (nearest.centreY() - p.y()) / best;
            List<Gap> pulls = new ArrayList<>();
            for (OpinionMap.ItemStat i : items) {
                OpinionMap.CampItem theirs = campItem(i, nearest.camp());
                if (theirs == null || theirs.voting() == 0) {
                    continue;
                }
                Stance target = theirs.mean() > 1.0 / 3 ? Stance.AGREE
                        : theirs.mean() < -1.0 / 3 ? Stance.DISAGREE : Stance.UNSURE;
                Stance s = stances.get(i.itemId());
                double now = s == null ? i.mean() : s.value();
                double pull = (target.value() - now) * (i.loadingX() * dx + i.loadingY() * dy);
                if (pull > 1e-6 && s != target) {
                    pulls.add(new Gap(difference(i, statements, s, theirs), pull));
                }
            }
            pulls.stream().sorted(Comparator.comparingDouble((Gap g) -> -g.size())
                    .thenComparingLong(g -> g.d().itemId())).limit(LIST).forEach(g -> movers.add(g.d()));
        }
        return new You(You.State.PLACED, mine, 0, frame.x(p.x()), frame.y(p.y()), own, differences,
                nearest == null ? null : camp(camps, nearest.camp()), movers);
    }

    private static Difference difference(OpinionMap.ItemStat i, Map<Long, String> statements, Stance yours,
                                         OpinionMap.CampItem theirs) {
        double m = theirs.mean();
        String mostly = m > 1.0 / 3 ? "mostly agree" : m < -1.0 / 3 ? "mostly disagree" : "are split or unsure";
        return new Difference(i.itemId(), statements.get(i.itemId()),
                yours == null ? "no stance" : yours.name().toLowerCase(), mostly,
                percent(theirs.agree(), theirs.voting()));
    }

    private static OpinionMap.CampItem campItem(OpinionMap.ItemStat item, int camp) {
        return item.camps().stream().filter(c -> c.camp() == camp).findFirst().orElse(null);
    }

    private static CampRepository.CampInfo camp(List<CampRepository.CampInfo> camps, int id) {
        return camps.stream().filter(c -> c.id() == id).findFirst().orElse(null);
    }

    static int percent(int part, int whole) {
        return whole == 0 ? 0 : Math.round(100f * part / whole);
    }

    /** A position in projection units, as the data table shows it. */
    static String coordinate(double value) {
        String s = String.format(Locale.ROOT, "%+.2f", value);
        return s.equals("-0.00") ? "+0.00" : s;
    }

    /** A coordinate with at most one decimal, locale-independent, as SVG wants it. */
    static String number(double value) {
        String s = String.format(Locale.ROOT, "%.1f", value);
        s = s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
        return s.equals("-0") ? "0" : s;
    }
}
