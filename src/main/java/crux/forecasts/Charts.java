package crux.forecasts;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The forecast charts (PRODUCT §3), drawn on the server as SVG so they need no JavaScript: the
 * distribution of current forecasts, the community forecast over time, and calibration. Each comes as
 * a {@link Chart}: the SVG (role="img", with a title and description) and the same numbers as table rows.
 *
 * <p>CSS classes for the stylesheet: {@code chart}, {@code chart-histogram}, {@code chart-history},
 * {@code chart-calibration} (on the svg), {@code chart-bar}, {@code chart-line}, {@code chart-point},
 * {@code chart-diagonal}, {@code chart-errorbar}, {@code chart-axis}, {@code chart-grid},
 * {@code chart-tick}, {@code chart-axis-title}, {@code chart-empty}, {@code chart-empty-frame}, and the histogram's
 * marks {@code chart-median}, {@code chart-mine} with their labels {@code chart-mark-label}.
 */
public final class Charts {

    /** Dates on the time axis are UTC: pages are cached and shared by everyone, whatever their zone. */
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);
    /** Below this span, days alone would repeat on every tick: show hours and minutes too. */
    private static final Duration SHORT_SPAN = Duration.ofDays(2);
    /**
     * A history of a single moment still needs a width to be drawn: a shorter one is drawn over the hour before now
     * (never past it), so its line starts part-way across instead of spiking at the left edge.
     */
    static final Duration MIN_SPAN = Duration.ofHours(1);
    /** At most this many steps up a count axis: five labels fit the histogram's height on a phone. */
    static final int MAX_COUNT_STEPS = 4;
    /** The marks' labels stand this far below the plot's top, the second one lower so both can be read. */
    private static final double MARK_LABEL_DROP = 18;
    /** Probability axes are marked every quarter (history) or fifth (calibration): enough to read, few enough to fit a phone. */
    private static final int HISTORY_Y_TICKS = 4;
    private static final int CALIBRATION_TICKS = 5;
    private static final int TIME_TICKS = 4;
    /** Leaves a visible gap between neighbouring bars, in viewBox units. */
    private static final double BAR_GAP = 3;
    private static final double POINT_RADIUS = 5;
    private static final double ERROR_CAP = 5;

    private Charts() {
    }

    /** Histogram of current forecasts (each forecaster's latest, in %) in ten bins of ten points, without marks. */
    public static Chart histogram(List<Integer> probabilities) {
        int[] byProbability = new int[101];
        probabilities.forEach(p -> byProbability[p]++);
        return histogramOfCounts(byProbability, null, null);
    }

    /**
     * The same histogram from how many forecasters gave each probability ({@code byProbability[p]} for p %), with
     * the community forecast ({@code median}, in %) and the viewer's own latest forecast ({@code mine}) marked as
     * labelled vertical lines; either may be null, and is then not drawn.
     */
    public static Chart histogramOfCounts(int[] byProbability, Double median, Integer mine) {
        String title = "Distribution of current forecasts";
        List<String> columns = List.of("Forecast", "Forecasters");
        int[] counts = new int[Tenths.COUNT];
        int forecasters = 0;
        for (int p = 0; p < byProbability.length; p++) {
            counts[Tenths.of(p)] += byProbability[p];
            forecasters += byProbability[p];
        }
        if (forecasters == 0) {
            return empty("histogram", title, "No forecasts yet.", columns);
        }
        int busiest = 0;
        for (int b = 1; b < Tenths.COUNT; b++) {
            busiest = counts[b] > counts[busiest] ? b : busiest;
        }
        String desc = forecasters + " forecasters; the most common range is " + Tenths.label(busiest)
                + " with " + counts[busiest] + "."
                + (median == null ? "" : " Community forecast (median): " + percent(median) + ".")
                + (mine == null ? "" : " Yours: " + mine + " %.");
        int top = counts[busiest];
        int step = countStep(top);
        Svg svg = new Svg("histogram", title, desc);
        for (int c = 0; c <= top; c += step) {
            svg.yTick((double) c / top, Integer.toString(c));
        }
        List<List<String>> rows = new ArrayList<>();
        for (int b = 0; b < Tenths.COUNT; b++) {
            double left = Svg.x((double) b / Tenths.COUNT) + BAR_GAP / 2;
            double right = Svg.x((double) (b + 1) / Tenths.COUNT) - BAR_GAP / 2;
            double height = Svg.y(0) - Svg.y((double) counts[b] / top);
            svg.rect("chart-bar", left, Svg.y(0) - height, right - left, height, Tenths.label(b) + ": " + counts[b]);
            rows.add(List.of(Tenths.label(b), Integer.toString(counts[b])));
        }
        for (int b = 0; b <= Tenths.COUNT; b++) {
            svg.xTick((double) b / Tenths.COUNT, Integer.toString(b * Tenths.WIDTH));
        }
        if (median != null) {
            mark(svg, "chart-median", median, 1, "Median " + percent(median));
        }
        if (mine != null) {
            mark(svg, "chart-mine", mine, median == null ? 1 : 2, "You " + mine + " %");
        }
        return new Chart(title, svg.axes("Forecast (%)", "Forecasters").done(), columns, rows);
    }

    /**
     * The step between labelled counts: the smallest of 1, 2, 5 × 10^n that needs at most {@link #MAX_COUNT_STEPS}
     * steps to reach {@code max} (612 → 200: 0, 200, 400, 600), so the labels are round numbers.
     */
    static int countStep(int max) {
        int power = 1;
        while (true) {
            for (int m : new int[] {1, 2, 5}) {
                if ((long) m * power * MAX_COUNT_STEPS >= max) {
                    return m * power;
                }
            }
            power *= 10;
        }
    }

    /**
     * A vertical line across the histogram at {@code percent}, labelled near the top ({@code row} 1 or 2 down), the
     * label on the side with more room so it stays inside the plot.
     */
    private static void mark(Svg svg, String cssClass, double percent, int row, String label) {
        double x = Svg.x(percent / 100);
        svg.line(cssClass, x, Svg.y(0), x, Svg.y(1));
        boolean leftHalf = percent < 50;
        svg.text("chart-mark-label " + cssClass + "-label", leftHalf ? x + 4 : x - 4, Svg.y(1) + row * MARK_LABEL_DROP,
                leftHalf ? "start" : "end", 0, label);
    }

    /**
     * The community forecast over time as a step line from the first forecast to {@code until} (now, or
     * the close; or the last update, if later), the value holding between updates. A history shorter than
     * {@link #MIN_SPAN} is drawn over the {@code MIN_SPAN} that ends there, so no part of the axis lies
     * past {@code until}. The table has one row per day (UTC): the value at
     * the end of that day, which keeps it short however many updates there were.
     */
    public static Chart history(List<CommunityPoint> points, Instant until) {
        String title = "Community forecast over time";
        List<String> columns = List.of("Date (UTC)", "Community forecast", "Forecasters");
        if (points.isEmpty()) {
            return empty("history", title, "No forecasts yet.", columns);
        }
        List<CommunityPoint> sorted = new ArrayList<>(points);
        sorted.sort(Comparator.comparing(CommunityPoint::at));
        CommunityPoint first = sorted.get(0);
        CommunityPoint last = sorted.get(sorted.size() - 1);
        Instant end = Collections.max(List.of(until, last.at()));
        Instant start = Collections.min(List.of(first.at(), end.minus(MIN_SPAN)));
        DateTimeFormatter ticks = Duration.between(start, end).compareTo(SHORT_SPAN) < 0 ? MINUTE : DAY;
        String desc = "From " + DAY.format(first.at()) + " to " + DAY.format(end) + ": " + percent(first.value())
                + " at first, " + percent(last.value()) + " latest, from " + last.forecasters() + " forecasters.";
        Svg svg = new Svg("history", title, desc);
        for (int t = 0; t <= HISTORY_Y_TICKS; t++) {
            svg.yTick((double) t / HISTORY_Y_TICKS, percent(100.0 * t / HISTORY_Y_TICKS));
        }
        for (int t = 0; t <= TIME_TICKS; t++) {
            double fraction = (double) t / TIME_TICKS;
            svg.xTick(fraction, ticks.format(start.plus(Duration.between(start, end).multipliedBy(t).dividedBy(TIME_TICKS))));
        }
        // Each value runs flat until the next update; consecutive pairs then draw the vertical step.
        double[] xy = new double[sorted.size() * 4];
        for (int i = 0; i < sorted.size(); i++) {
            Instant next = i + 1 < sorted.size() ? sorted.get(i + 1).at() : end;
            double y = Svg.y(sorted.get(i).value() / 100);
            xy[4 * i] = Svg.x(fraction(start, end, sorted.get(i).at()));
            xy[4 * i + 1] = y;
            xy[4 * i + 2] = Svg.x(fraction(start, end, next));
            xy[4 * i + 3] = y;
        }
        svg.polyline("chart-line", thin(xy));
        svg.circle("chart-point", Svg.x(fraction(start, end, last.at())), Svg.y(last.value() / 100), POINT_RADIUS,
                "Latest: " + percent(last.value()) + " from " + last.forecasters() + " forecasters");
        Map<String, List<String>> byDay = new LinkedHashMap<>();
        for (CommunityPoint p : sorted) {
            String day = DAY.format(p.at());
            byDay.put(day, List.of(day, percent(p.value()), Integer.toString(p.forecasters())));
        }
        return new Chart(title, svg.axes("Date", "Community forecast").done(), columns, new ArrayList<>(byDay.values()));
    }

    /**
     * The vertices of a line ({@code xy} = x0, y0, x1, y1, …) that show at the drawing's resolution: within each
     * one-unit column of x (a CSS pixel at the chart's usual size), the first, the lowest, the highest and the last, in
     * their order. The line drawn through them covers the same columns and heights, so it looks the same; a prediction
     * with thousands of forecasts otherwise drew tens of thousands of vertices (80 KB of markup) into a 556-unit plot.
     */
    static double[] thin(double[] xy) {
        if (xy.length == 0) {
            return xy;
        }
        double[] kept = new double[xy.length];
        int n = 0;
        int first = 0;
        for (int i = 0; i <= xy.length; i += 2) {
            if (i < xy.length && Math.floor(xy[i]) == Math.floor(xy[first])) {
                continue;
            }
            // vertices first … i − 2 share a column: keep its first, lowest, highest and last, in order
            int low = first;
            int high = first;
            for (int j = first; j < i; j += 2) {
                low = xy[j + 1] < xy[low + 1] ? j : low;
                high = xy[j + 1] > xy[high + 1] ? j : high;
            }
            int[] picks = {first, Math.min(low, high), Math.max(low, high), i - 2};
            int previous = -1;
            for (int pick : picks) {
                if (pick != previous) {
                    kept[n++] = xy[pick];
                    kept[n++] = xy[pick + 1];
                    previous = pick;
                }
            }
            first = i;
        }
        return java.util.Arrays.copyOf(kept, n);
    }

    /**
     * Calibration: each bin's mean forecast (x) against how often its predictions came true (y), with
     * the ±√(f(1−f)/n) error bar drawn around the observed point — a bar that crosses the diagonal is
     * consistent with perfect calibration.
     */
    public static Chart calibration(List<Calibration.Bin> bins) {
        String title = "Calibration";
        List<String> columns = List.of("Forecast", "Forecasts", "Mean forecast", "Came true", "Error bar (±)");
        if (bins.isEmpty()) {
            return empty("calibration", title, "No resolved forecasts yet.", columns);
        }
        int total = bins.stream().mapToInt(Calibration.Bin::n).sum();
        String desc = total + " resolved forecasts in " + bins.size()
                + " bins, each placed at its mean forecast against how often it came true; points on the diagonal are perfectly calibrated.";
        Svg svg = new Svg("calibration", title, desc);
        for (int t = 0; t <= CALIBRATION_TICKS; t++) {
            double fraction = (double) t / CALIBRATION_TICKS;
            svg.yTick(fraction, percent(100 * fraction));
            svg.xTick(fraction, percent(100 * fraction));
        }
        svg.line("chart-diagonal", Svg.x(0), Svg.y(0), Svg.x(1), Svg.y(1));
        List<List<String>> rows = new ArrayList<>();
        for (Calibration.Bin b : bins) {
            double x = Svg.x(b.meanForecast());
            double low = Svg.y(Math.max(0, b.observedFrequency() - b.errorBar()));
            double high = Svg.y(Math.min(1, b.observedFrequency() + b.errorBar()));
            svg.line("chart-errorbar", x, low, x, high)
                    .line("chart-errorbar", x - ERROR_CAP, low, x + ERROR_CAP, low)
                    .line("chart-errorbar", x - ERROR_CAP, high, x + ERROR_CAP, high)
                    .circle("chart-point", x, Svg.y(b.observedFrequency()), POINT_RADIUS, b.label() + ": "
                            + b.n() + " forecasts, mean " + percent(100 * b.meanForecast()) + ", came true "
                            + percent(100 * b.observedFrequency()));
            rows.add(List.of(b.label(), Integer.toString(b.n()), percent(100 * b.meanForecast()),
                    percent(100 * b.observedFrequency()), percent(100 * b.errorBar())));
        }
        return new Chart(title, svg.axes("Forecast", "Came true").done(), columns, rows);
    }

    private static Chart empty(String kind, String title, String message, List<String> columns) {
        return new Chart(title, new Svg(kind, title, message).empty(message).done(), columns, List.of());
    }

    private static double fraction(Instant start, Instant end, Instant at) {
        return (double) Duration.between(start, at).toMillis() / Duration.between(start, end).toMillis();
    }

    /** 62.5 → "62.5 %", 62.0 → "62 %": one decimal at most, as the community forecast is shown. */
    static String percent(double value) {
        return Svg.n(value) + " %";
    }
}
