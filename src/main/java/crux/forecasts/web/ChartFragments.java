package crux.forecasts.web;

import crux.forecasts.Chart;
import crux.forecasts.ForecastRepository;
import crux.web.Fragments;
import crux.web.Site;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A prediction's charts with their tables, each rendered once per chart, not on every page view: the history's table
 * has a row per day, and drawing the charts through the template was most of what a prediction's page rendered. A
 * chart is kept by what it shows (its SVG and rows), so the distribution is kept once per own forecast marked on it
 * and the history once per version of the line.
 *
 * <p>Templates reach it as {@code keptCharts} ({@code forecasts/panel.html}); where it is absent (an in-place update)
 * the charts render inline.
 */
public final class ChartFragments {

    /** What a chart's rendering reads. */
    private record Key(Chart chart) {
    }

    /** The name of the charts' markers ({@link Fragments#marker}). */
    public static final String SLOT = "chart";
    /** The name of the viewer's own forecast's marker. */
    static final String MINE_SLOT = "mine";
    private static final Fragments.Filler NOTHING = (slot, out) -> { };

    private final Fragments fragments;

    public ChartFragments(Fragments fragments) {
        this.fragments = fragments;
    }

    /** For one page: remembers the charts it is asked for, and writes each where its marker is. */
    public Kept forPage() {
        return new Kept(new ArrayList<>(2), false);
    }

    public final class Kept {
        private final List<Chart> asked;
        private final boolean mineAHole;

        private Kept(List<Chart> asked, boolean mineAHole) {
            this.asked = asked;
            this.mineAHole = mineAHole;
        }

        /** Whether the viewer's own forecast is a hole ({@link #mine}): in a kept panel, not in a page rendered whole. */
        public boolean mineAHole() {
            return mineAHole;
        }

        /** What the template writes in place of {@code chart}: a marker, filled by {@link #write}. */
        public String chart(Chart chart) {
            asked.add(chart);
            return Fragments.marker(SLOT, asked.size() - 1);
        }

        /** What the template writes in place of the viewer's own forecast: a marker, filled per viewer. */
        public String mine() {
            return Fragments.marker(MINE_SLOT, 0);
        }

        /** Writes the chart of marker {@code id} ({@link #chart}), rendered once per chart. */
        public void write(long id, Fragments.Out out) {
            ChartFragments.this.write(asked.get((int) id), out);
        }
    }

    /** Writes {@code chart} with its table, rendered once per chart. */
    public void write(Chart chart, Fragments.Out out) {
        fragments.html(new Key(chart), "forecasts/panel :: kept-chart", Map.of("c", chart))
                .writeTo(out, Fragments.token(null));
    }

    /**
     * Writes the panel of a prediction {@code p} in the zone {@code zone} from its rendering kept by what it shows
     * besides its charts ({@link ForecastPanel#withoutCharts}), rendered with {@code site} (the viewer's token a slot,
     * and their zone), each chart written in from its own kept rendering. The viewer's own forecast is a hole, filled
     * from a rendering kept per forecast: the panel around it differs only by the forecast's probability (the slider's
     * start, the histogram's mark), so members share up to a hundred renderings rather than having one each (with
     * thousands of forecasters those overflowed the kept fragments, and were rendered again and again).
     */
    public void writePanel(ForecastPanel p, ZoneId zone, Site site, Fragments.Out out, byte[] token) {
        ForecastPanel shape = p.withoutCharts().withMineAsProbability();
        fragments.slotted(new PanelKey(shape, zone), "forecasts/panel-fragment",
                () -> Map.of("panel", shape, "keptCharts", new Kept(new ArrayList<>(2), true)), site)
                .writeTo(out, token, (slot, o) -> {
                    if (slot.name().equals(MINE_SLOT)) {
                        fragments.slotted(new MineKey(p.mine(), zone), "forecasts/panel :: forecast-mine",
                                () -> Map.of("mine", p.mine()), site).writeTo(o, token, NOTHING);
                    } else {
                        // the panel shows the distribution first, then the history
                        write(slot.id() == 0 ? p.histogram() : p.history(), o);
                    }
                });
    }

    /** What the viewer's own forecast shows: it, in their zone. */
    private record MineKey(ForecastRepository.Update mine, ZoneId zone) {
    }

    /** What a panel's kept rendering shows: all of it but its charts, times in the viewer's zone. */
    private record PanelKey(ForecastPanel panel, ZoneId zone) {
    }
}
