package crux.forecasts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

class ChartsTest {

    private static final Instant T0 = Instant.parse("2025-04-01T09:00:00Z");
    /** Elements that can run script, fetch something or embed foreign content: none may appear. */
    private static final Set<String> FORBIDDEN = Set.of("script", "foreignObject", "image", "use", "a", "style", "iframe");

    /** Parses with the JDK's parser — failing on anything not well-formed — with DTDs off, as for untrusted XML. */
    private static Document parse(String svg) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new InputSource(new StringReader(svg)));
    }

    private static List<Element> all(Document doc) {
        List<Element> out = new ArrayList<>();
        NodeList nodes = doc.getElementsByTagNameNS("*", "*");
        for (int i = 0; i < nodes.getLength(); i++) {
            out.add((Element) nodes.item(i));
        }
        return out;
    }

    private static List<Element> withClass(Document doc, String cssClass) {
        return all(doc).stream().filter(e -> e.getAttribute("class").equals(cssClass)).toList();
    }

    private static String texts(Document doc) {
        return doc.getDocumentElement().getTextContent();
    }

    /** The named attributes of each element, space-separated, one string per element. */
    private static List<String> attributes(List<Element> elements, String... names) {
        return elements.stream().map(e -> {
            List<String> values = new ArrayList<>();
            for (String name : names) {
                values.add(e.getAttribute(name));
            }
            return String.join(" ", values);
        }).toList();
    }

    /** The y axis's ticks as label@y: their labels end 6 left of the axis, at x = 58. */
    private static List<String> yTicks(Document doc) {
        return withClass(doc, "chart-tick").stream().filter(t -> t.getAttribute("x").equals("58"))
                .map(t -> t.getTextContent() + "@" + t.getAttribute("y")).toList();
    }

    /** The x axis's ticks as label@x: their labels stand 18 below the axis, at y = 266. */
    private static List<String> xTicks(Document doc) {
        return withClass(doc, "chart-tick").stream().filter(t -> t.getAttribute("y").equals("266"))
                .map(t -> t.getTextContent() + "@" + t.getAttribute("x")).toList();
    }

    /** Well-formed, accessible, scalable and inert: what every chart, empty or not, must be. */
    private static Document assertSafeAccessibleSvg(Chart chart) throws Exception {
        assertThat(chart.svg()).doesNotContainIgnoringCase("<script").doesNotContain("javascript:");
        Document doc = parse(chart.svg());
        Element svg = doc.getDocumentElement();
        assertThat(svg.getLocalName()).isEqualTo("svg");
        assertThat(svg.getAttribute("role")).isEqualTo("img");
        assertThat(svg.getAttribute("viewBox")).isEqualTo("0 0 640 300");
        assertThat(svg.getAttribute("width")).isEqualTo("100%");
        assertThat(svg.getAttribute("class")).startsWith("chart chart-");
        Element title = (Element) svg.getElementsByTagNameNS("*", "title").item(0);
        assertThat(title.getParentNode()).isEqualTo(svg);
        assertThat(title.getTextContent()).isEqualTo(chart.title());
        assertThat(svg.getElementsByTagNameNS("*", "desc").item(0).getTextContent()).isNotBlank();
        for (Element e : all(doc)) {
            assertThat(FORBIDDEN).doesNotContain(e.getLocalName());
            NamedNodeMap attributes = e.getAttributes();
            for (int i = 0; i < attributes.getLength(); i++) {
                String name = attributes.item(i).getLocalName() == null
                        ? attributes.item(i).getNodeName() : attributes.item(i).getLocalName();
                assertThat(name.toLowerCase()).doesNotStartWith("on").isNotEqualTo("style").isNotEqualTo("href");
            }
        }
        return doc;
    }

    @Test
    void histogramHasTenBarsWithCountsAndLabelledAxes() throws Exception {
        Chart chart = Charts.histogram(List.of(5, 15, 15, 62, 65, 68, 99));
        Document doc = assertSafeAccessibleSvg(chart);
        List<Element> bars = withClass(doc, "chart-bar");
        assertThat(bars).hasSize(10);
        assertThat(bars.get(6).getTextContent()).isEqualTo("60–70 %: 3");
        // the tallest bar reaches the top of the plot, an empty one has no height
        assertThat(bars.get(6).getAttribute("y")).isEqualTo("16");
        assertThat(bars.get(2).getAttribute("height")).isEqualTo("0");
        assertThat(texts(doc)).contains("Forecast (%)", "Forecasters", "100");
        assertThat(doc.getElementsByTagNameNS("*", "desc").item(0).getTextContent())
                .isEqualTo("7 forecasters; the most common range is 60–70 % with 3.");
        assertThat(chart.columns()).containsExactly("Forecast", "Forecasters");
        assertThat(chart.rows()).hasSize(10);
        assertThat(chart.rows().get(1)).containsExactly("10–20 %", "2");
        assertThat(chart.rows().get(9)).containsExactly("90–100 %", "1");
    }

    @Test
    void historyStepsFromUpdateToUpdateWithDatesAndPercentages() throws Exception {
        List<CommunityPoint> points = List.of(
                new CommunityPoint(T0, 60, 1),
                new CommunityPoint(T0.plusSeconds(86_400), 70, 2),
                new CommunityPoint(T0.plusSeconds(86_400 + 3_600), 62.5, 3),
                new CommunityPoint(T0.plusSeconds(3 * 86_400), 75, 4));
        Chart chart = Charts.history(points, T0.plusSeconds(4 * 86_400));
        Document doc = assertSafeAccessibleSvg(chart);
        List<Element> lines = withClass(doc, "chart-line");
        assertThat(lines).hasSize(1);
        // two corners per update: where it starts and where the next one replaces it
        String[] corners = lines.get(0).getAttribute("points").split(" ");
        assertThat(corners).hasSize(8);
        // 60 % at the left edge (x 64, y 248 − 0.6 × 232); 75 % running to the right edge (x 620, y 248 − 174)
        assertThat(corners[0]).isEqualTo("64,108.8");
        assertThat(corners[7]).isEqualTo("620,74");
        assertThat(texts(doc)).contains("0 %", "50 %", "100 %", "2025-04-01", "2025-04-05", "Date", "Community forecast");
        assertThat(doc.getElementsByTagNameNS("*", "desc").item(0).getTextContent())
                .isEqualTo("From 2025-04-01 to 2025-04-05: 60 % at first, 75 % latest, from 4 forecasters.");
        // one row per day, the value the day ended on
        assertThat(chart.rows()).containsExactly(
                List.of("2025-04-01", "60 %", "1"),
                List.of("2025-04-02", "62.5 %", "3"),
                List.of("2025-04-04", "75 %", "4"));
    }

    @Test
    void aShortHistoryShowsTimesOnTheAxis() throws Exception {
        Chart chart = Charts.history(List.of(new CommunityPoint(T0, 40, 1)), T0);
        Document doc = assertSafeAccessibleSvg(chart);
        assertThat(texts(doc)).contains("2025-04-01 08:00", "2025-04-01 09:00");
    }

    @Test
    void calibrationHasADiagonalPointsAndErrorBars() throws Exception {
        List<Calibration.Bin> bins = Calibration.bins(List.of(
                new Calibration.Point(70, true), new Calibration.Point(72, false),
                new Calibration.Point(74, true), new Calibration.Point(76, true),
                new Calibration.Point(5, false)));
        Chart chart = Charts.calibration(bins);
        Document doc = assertSafeAccessibleSvg(chart);
        assertThat(withClass(doc, "chart-diagonal")).hasSize(1);
        assertThat(withClass(doc, "chart-point")).hasSize(2);
        assertThat(withClass(doc, "chart-errorbar")).hasSize(6); // a stem and two caps per bin
        Element point = withClass(doc, "chart-point").get(1);
        // mean forecast 73 %: x = 64 + 0.73 × 556 = 469.88; came true 75 %: y = 248 − 0.75 × 232 = 74
        assertThat(point.getAttribute("cx")).isEqualTo("469.9");
        assertThat(point.getAttribute("cy")).isEqualTo("74");
        // the 0–10 % bar would reach below 0: it is cut at the axis
        Element stem = withClass(doc, "chart-errorbar").get(0);
        assertThat(stem.getAttribute("y1")).isEqualTo("248");
        assertThat(texts(doc)).contains("Forecast", "Came true", "0 %", "100 %");
        assertThat(chart.rows()).containsExactly(
                List.of("0–10 %", "1", "5 %", "0 %", "21.8 %"),
                List.of("70–80 %", "4", "73 %", "75 %", "22.2 %"));
    }

    /**
     * Counts by bin 1, 2, 0, 0, 0, 0, 3, 0, 0, 1: the busiest has 3, so the y axis runs 0 to 3 in steps of 1, each
     * step 232 / 3 = 77.33 high. Bars are a tenth of 556 wide (55.6) less a gap of 3: 52.6, starting 1.5 in.
     */
    @Test
    void histogramBarsAndTicksStandWhereTheirCountsAndBinsSay() throws Exception {
        Document doc = assertSafeAccessibleSvg(Charts.histogram(List.of(5, 15, 15, 62, 65, 68, 99)));
        assertThat(yTicks(doc)).containsExactly("0@252", "1@174.7", "2@97.3", "3@20");
        assertThat(attributes(withClass(doc, "chart-grid"), "y1")).containsExactly("248", "170.7", "93.3", "16");
        List<Element> bars = withClass(doc, "chart-bar");
        assertThat(attributes(List.of(bars.get(0), bars.get(1), bars.get(2), bars.get(6), bars.get(9)),
                "x", "y", "width", "height")).containsExactly(
                "65.5 170.7 52.6 77.3", // 64 + 1.5; one of three: 77.33 high
                "121.1 93.3 52.6 154.7", // 64 + 55.6 + 1.5; two of three
                "176.7 248 52.6 0",
                "399.1 16 52.6 232", // 64 + 6 × 55.6 + 1.5; the full height
                "565.9 170.7 52.6 77.3");
        assertThat(xTicks(doc)).containsExactly("0@64", "10@119.6", "20@175.2", "30@230.8", "40@286.4", "50@342",
                "60@397.6", "70@453.2", "80@508.8", "90@564.4", "100@620");
    }

    /** 10 in the busiest bin: steps of 5 (not 3, which is no round number), and the bar reaches the top. */
    @Test
    void histogramAxisStepsByRoundNumbers() throws Exception {
        List<Integer> tenAt65 = java.util.Collections.nCopies(10, 65);
        Document doc = assertSafeAccessibleSvg(Charts.histogram(tenAt65));
        assertThat(yTicks(doc)).containsExactly("0@252", "5@136", "10@20");
        Element bar = withClass(doc, "chart-bar").get(6);
        assertThat(attributes(List.of(bar), "y", "height")).containsExactly("16 232");
    }

    /** 612 forecasters in one range: labels 0, 200, 400, 600 (not 153, 306, 459, 612), 600 just below the top. */
    @Test
    void histogramOfManyLabelsHundreds() throws Exception {
        int[] counts = new int[101];
        counts[42] = 612;
        Document doc = assertSafeAccessibleSvg(Charts.histogramOfCounts(counts, null, null));
        // 200 of 612 is 75.8 of the 232 high plot: the label 4 below the gridline at 248 − 75.8
        assertThat(yTicks(doc)).containsExactly("0@252", "200@176.2", "400@100.4", "600@24.5");
    }

    /** The smallest of 1, 2, 5 × 10^n that reaches the busiest count in at most four steps; each boundary both ways. */
    @Test
    void countStepsAreOneTwoOrFiveTimesAPowerOfTen() {
        assertThat(Charts.MAX_COUNT_STEPS).isEqualTo(4);
        assertThat(Charts.countStep(0)).isEqualTo(1);
        assertThat(Charts.countStep(1)).isEqualTo(1);
        assertThat(Charts.countStep(4)).isEqualTo(1);
        assertThat(Charts.countStep(5)).isEqualTo(2);
        assertThat(Charts.countStep(8)).isEqualTo(2);
        assertThat(Charts.countStep(9)).isEqualTo(5);
        assertThat(Charts.countStep(20)).isEqualTo(5);
        assertThat(Charts.countStep(21)).isEqualTo(10);
        assertThat(Charts.countStep(40)).isEqualTo(10);
        assertThat(Charts.countStep(41)).isEqualTo(20);
        assertThat(Charts.countStep(612)).isEqualTo(200);
        assertThat(Charts.countStep(801)).isEqualTo(500);
        assertThat(Charts.countStep(2001)).isEqualTo(1000);
        assertThat(Charts.countStep(1_000_000)).isEqualTo(500_000);
    }

    /**
     * The community median (62.5 %) and the viewer's forecast (30 %) are vertical lines from the axis to the top, at
     * x 64 + 0.625 × 556 = 411.5 and 64 + 0.3 × 556 = 230.8, labelled inside the plot: the median's label ends left of
     * its line (right half), the viewer's starts right of it (left half) one row lower.
     */
    @Test
    void histogramMarksTheMedianAndTheViewersForecast() throws Exception {
        int[] counts = new int[101];
        counts[30] = 1;
        counts[70] = 2;
        Chart chart = Charts.histogramOfCounts(counts, 62.5, 30);
        Document doc = assertSafeAccessibleSvg(chart);
        assertThat(attributes(withClass(doc, "chart-median"), "x1", "y1", "x2", "y2")).containsExactly("411.5 248 411.5 16");
        assertThat(attributes(withClass(doc, "chart-mine"), "x1", "y1", "x2", "y2")).containsExactly("230.8 248 230.8 16");
        Element median = withClass(doc, "chart-mark-label chart-median-label").get(0);
        assertThat(median.getTextContent()).isEqualTo("Median 62.5 %");
        assertThat(attributes(List.of(median), "x", "y", "text-anchor")).containsExactly("407.5 34 end");
        Element mine = withClass(doc, "chart-mark-label chart-mine-label").get(0);
        assertThat(mine.getTextContent()).isEqualTo("You 30 %");
        assertThat(attributes(List.of(mine), "x", "y", "text-anchor")).containsExactly("234.8 52 start");
        assertThat(doc.getElementsByTagNameNS("*", "desc").item(0).getTextContent()).isEqualTo(
                "3 forecasters; the most common range is 70–80 % with 2. Community forecast (median): 62.5 %. Yours: 30 %.");
    }

    /** Alone, the viewer's mark takes the first row; at exactly 50 % a label goes left of its line. */
    @Test
    void marksAreDrawnOnlyWhenGiven() throws Exception {
        int[] counts = new int[101];
        counts[50] = 1;
        Document none = assertSafeAccessibleSvg(Charts.histogramOfCounts(counts, null, null));
        assertThat(withClass(none, "chart-median")).isEmpty();
        assertThat(withClass(none, "chart-mine")).isEmpty();
        assertThat(none.getElementsByTagNameNS("*", "desc").item(0).getTextContent())
                .isEqualTo("1 forecasters; the most common range is 50–60 % with 1.");
        Document mineOnly = assertSafeAccessibleSvg(Charts.histogramOfCounts(counts, null, 50));
        assertThat(withClass(mineOnly, "chart-median")).isEmpty();
        Element label = withClass(mineOnly, "chart-mark-label chart-mine-label").get(0);
        assertThat(attributes(List.of(label), "x", "y", "text-anchor")).containsExactly("338 34 end");
        Document medianOnly = assertSafeAccessibleSvg(Charts.histogramOfCounts(counts, 49.5, null));
        assertThat(withClass(medianOnly, "chart-mine")).isEmpty();
        assertThat(attributes(withClass(medianOnly, "chart-mark-label chart-median-label"), "x", "y", "text-anchor"))
                .containsExactly("343.2 34 start");
    }

    @Test
    void histogramsTieForBusiestGoToTheLowerRange() throws Exception {
        Chart chart = Charts.histogram(List.of(65, 15));
        Document doc = assertSafeAccessibleSvg(chart);
        assertThat(doc.getElementsByTagNameNS("*", "desc").item(0).getTextContent())
                .isEqualTo("2 forecasters; the most common range is 10–20 % with 1.");
        assertThat(Charts.histogramOfCounts(new int[101], 50.0, 50).rows()).isEmpty();
    }

    /**
     * Points given newest first are drawn oldest first. Four days from 09:00 on 1 April: a day is 139 across, so
     * 1 April 09:00 is at x 64, 2 April 09:00 at 203, 10:00 at 64 + 556 × 25/96 = 208.8, 4 April at 481, 5 April
     * (until) at 620; 60 % is at y 108.8, 70 % at 85.6, 62.5 % at 103, 75 % at 74.
     */
    @Test
    void aLongHistoryDrawsAtMostFourVerticesPerColumnKeepingEachColumnsExtremes() throws Exception {
        // 20,000 updates over 30 days, swinging between 5 % and 95 %: 40,000 corners into 556 units of width
        java.util.Random random = new java.util.Random(3);
        List<CommunityPoint> points = new java.util.ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            points.add(new CommunityPoint(T0.plusSeconds(i * 129L), 5 + 90 * random.nextDouble(), i + 1));
        }
        points.add(new CommunityPoint(T0.plusSeconds(20_000 * 129L), 1, 20_001));
        Chart chart = Charts.history(points, T0.plusSeconds(30 * 86_400));
        String[] corners = withClass(assertSafeAccessibleSvg(chart), "chart-line").get(0).getAttribute("points").split(" ");
        assertThat(corners.length).isBetween(556, 4 * 557);
        assertThat(chart.svg().length()).isLessThan(40_000);
        // it starts where the first update starts and ends at the right edge at the last value (1 %: y 248 − 2.32)
        assertThat(corners[0]).startsWith("64,");
        assertThat(corners[corners.length - 1]).isEqualTo("620,245.7");
        // every column still reaches the heights its updates reached: the highest and lowest of all are drawn
        List<Double> ys = java.util.Arrays.stream(corners).map(c -> Double.parseDouble(c.split(",")[1])).toList();
        double highest = points.stream().mapToDouble(CommunityPoint::value).max().orElseThrow();
        assertThat(java.util.Collections.min(ys)).isCloseTo(248 - highest / 100 * 232, org.assertj.core.data.Offset.offset(0.06));
        assertThat(java.util.Collections.max(ys)).isEqualTo(245.7);
    }

    @Test
    void thinningKeepsFirstLowestHighestAndLastOfAColumnInOrder() {
        // one column (x 10.x) with five vertices, then one (x 11) with one
        double[] xy = {10.0, 5, 10.2, 9, 10.4, 1, 10.6, 4, 10.8, 6, 11.0, 7};
        assertThat(Charts.thin(xy)).containsExactly(10.0, 5, 10.2, 9, 10.4, 1, 10.8, 6, 11.0, 7);
        // a column whose first vertex is its lowest and last its highest keeps just those two
        assertThat(Charts.thin(new double[] {3.1, 1, 3.5, 2, 3.9, 3})).containsExactly(3.1, 1, 3.9, 3);
        assertThat(Charts.thin(new double[] {})).isEmpty();
    }

    @Test
    void historyStepsAreSortedByTimeEvenWhenPointsArriveOutOfOrder() throws Exception {
        List<CommunityPoint> newestFirst = List.of(
                new CommunityPoint(T0.plusSeconds(3 * 86_400), 75, 4),
                new CommunityPoint(T0.plusSeconds(86_400 + 3_600), 62.5, 3),
                new CommunityPoint(T0.plusSeconds(86_400), 70, 2),
                new CommunityPoint(T0, 60, 1));
        Chart chart = Charts.history(newestFirst, T0.plusSeconds(4 * 86_400));
        Document doc = assertSafeAccessibleSvg(chart);
        assertThat(withClass(doc, "chart-line").get(0).getAttribute("points"))
                .isEqualTo("64,108.8 203,108.8 203,85.6 208.8,85.6 208.8,103 481,103 481,74 620,74");
        Element latest = withClass(doc, "chart-point").get(0);
        assertThat(attributes(List.of(latest), "cx", "cy")).containsExactly("481 74");
        assertThat(latest.getTextContent()).isEqualTo("Latest: 75 % from 4 forecasters");
        assertThat(yTicks(doc)).containsExactly("0 %@252", "25 %@194", "50 %@136", "75 %@78", "100 %@20");
        assertThat(xTicks(doc)).containsExactly("2025-04-01@64", "2025-04-02@203", "2025-04-03@342",
                "2025-04-04@481", "2025-04-05@620");
        assertThat(chart.rows()).containsExactly(
                List.of("2025-04-01", "60 %", "1"),
                List.of("2025-04-02", "62.5 %", "3"),
                List.of("2025-04-04", "75 %", "4"));
    }

    /** One point, asked for at once: the chart spans the hour before it, so nothing is drawn past now. */
    @Test
    void aSinglePointIsDrawnOverTheHourBeforeNow() throws Exception {
        Document doc = assertSafeAccessibleSvg(Charts.history(List.of(new CommunityPoint(T0, 40, 1)), T0));
        // 40 %: y = 248 − 92.8, at the right edge (now)
        assertThat(withClass(doc, "chart-line").get(0).getAttribute("points")).isEqualTo("620,155.2 620,155.2");
        assertThat(xTicks(doc)).containsExactly("2025-04-01 08:00@64", "2025-04-01 08:15@203",
                "2025-04-01 08:30@342", "2025-04-01 08:45@481", "2025-04-01 09:00@620");
    }

    /**
     * Ten minutes of forecasts, seen twenty minutes after the first: the axis ends now (09:20) and spans the hour
     * before; the line starts at the first forecast, 40 of 60 minutes across (64 + 556 × 2/3 = 434.7), steps at
     * 09:10 (50 of 60 minutes: 527.3) and runs to now, never past the right edge.
     */
    @Test
    void aShortHistoryEndsNowAndStartsAtItsFirstForecast() throws Exception {
        Document doc = assertSafeAccessibleSvg(Charts.history(List.of(
                new CommunityPoint(T0, 40, 1), new CommunityPoint(T0.plusSeconds(600), 50, 2)), T0.plusSeconds(1_200)));
        assertThat(withClass(doc, "chart-line").get(0).getAttribute("points"))
                .isEqualTo("434.7,155.2 527.3,155.2 527.3,132 620,132");
        assertThat(xTicks(doc)).containsExactly("2025-04-01 08:20@64", "2025-04-01 08:35@203",
                "2025-04-01 08:50@342", "2025-04-01 09:05@481", "2025-04-01 09:20@620");
        assertThat(doc.getElementsByTagNameNS("*", "desc").item(0).getTextContent())
                .isEqualTo("From 2025-04-01 to 2025-04-01: 40 % at first, 50 % latest, from 2 forecasters.");
    }

    /** Exactly an hour: the axis starts at the first forecast itself. */
    @Test
    void anHourLongHistoryStartsAtItsFirstForecast() throws Exception {
        Document doc = assertSafeAccessibleSvg(Charts.history(List.of(new CommunityPoint(T0, 40, 1)),
                T0.plus(Charts.MIN_SPAN)));
        assertThat(Charts.MIN_SPAN).isEqualTo(java.time.Duration.ofHours(1));
        assertThat(withClass(doc, "chart-line").get(0).getAttribute("points")).isEqualTo("64,155.2 620,155.2");
        assertThat(xTicks(doc).get(0)).isEqualTo("2025-04-01 09:00@64");
    }

    /** Until before the last update: the chart ends at the update. Exactly two days: dates, no times. */
    @Test
    void historyEndsAtTheLaterOfUntilAndTheLastUpdateAndTwoDaysShowDates() throws Exception {
        Document doc = assertSafeAccessibleSvg(Charts.history(List.of(
                new CommunityPoint(T0, 50, 1), new CommunityPoint(T0.plusSeconds(2 * 86_400), 25, 2)),
                T0.plusSeconds(3_600)));
        // 50 % (y 132) for the first half, 25 % (y 190) from the second day's end, at the right edge
        assertThat(withClass(doc, "chart-line").get(0).getAttribute("points"))
                .isEqualTo("64,132 620,132 620,190 620,190");
        assertThat(xTicks(doc)).containsExactly("2025-04-01@64", "2025-04-01@203", "2025-04-02@342",
                "2025-04-02@481", "2025-04-03@620");
    }

    /**
     * A bin of mean forecast 65 % that came true half the time, ±25 %: x = 64 + 0.65 × 556 = 425.4, the point at
     * y 132, its bar from 190 (25 %) to 74 (75 %), capped 5 either side. Bars stop at 0 and 100 %.
     */
    @Test
    void calibrationPointsAndErrorBarsStandAtTheirFractions() throws Exception {
        Chart chart = Charts.calibration(List.of(
                new Calibration.Bin(60, 70, 10, 0.65, 0.5, 0.25),
                new Calibration.Bin(0, 10, 1, 0.05, 0.1, 0.3),
                new Calibration.Bin(90, 100, 2, 0.95, 0.9, 0.2)));
        Document doc = assertSafeAccessibleSvg(chart);
        assertThat(attributes(withClass(doc, "chart-errorbar"), "x1", "y1", "x2", "y2")).containsExactly(
                "425.4 190 425.4 74", "420.4 190 430.4 190", "420.4 74 430.4 74",
                // 0.1 − 0.3 stops at 0 (248); 0.1 + 0.3 = 0.4 is at 155.2; x = 64 + 27.8
                "91.8 248 91.8 155.2", "86.8 248 96.8 248", "86.8 155.2 96.8 155.2",
                // 0.9 − 0.2 = 0.7 is at 85.6; 0.9 + 0.2 stops at 100 % (16); x = 64 + 528.2
                "592.2 85.6 592.2 16", "587.2 85.6 597.2 85.6", "587.2 16 597.2 16");
        List<Element> points = withClass(doc, "chart-point");
        assertThat(attributes(points, "cx", "cy", "r")).containsExactly("425.4 132 5", "91.8 224.8 5", "592.2 39.2 5");
        assertThat(points.get(0).getTextContent()).isEqualTo("60–70 %: 10 forecasts, mean 65 %, came true 50 %");
        assertThat(attributes(withClass(doc, "chart-diagonal"), "x1", "y1", "x2", "y2")).containsExactly("64 248 620 16");
        assertThat(yTicks(doc)).containsExactly("0 %@252", "20 %@205.6", "40 %@159.2", "60 %@112.8", "80 %@66.4",
                "100 %@20");
        assertThat(xTicks(doc)).containsExactly("0 %@64", "20 %@175.2", "40 %@286.4", "60 %@397.6", "80 %@508.8",
                "100 %@620");
        assertThat(chart.rows().get(0)).containsExactly("60–70 %", "10", "65 %", "50 %", "25 %");
        assertThat(doc.getElementsByTagNameNS("*", "desc").item(0).getTextContent()).isEqualTo("13 resolved forecasts"
                + " in 3 bins, each placed at its mean forecast against how often it came true; points on the diagonal"
                + " are perfectly calibrated.");
    }

    @Test
    void emptyChartsSaySoAndStayWellFormed() throws Exception {
        for (Chart chart : List.of(Charts.histogram(List.of()), Charts.history(List.of(), T0), Charts.calibration(List.of()))) {
            Document doc = assertSafeAccessibleSvg(chart);
            assertThat(withClass(doc, "chart-empty").get(0).getTextContent()).startsWith("No ").endsWith("yet.");
            assertThat(withClass(doc, "chart-bar")).isEmpty();
            assertThat(chart.rows()).isEmpty();
            assertThat(chart.columns()).isNotEmpty();
        }
        assertThat(Charts.histogram(List.of()).svg()).contains("No forecasts yet.");
        assertThat(Charts.calibration(List.of()).svg()).contains("No resolved forecasts yet.");
    }

    @Test
    void textIsEscapedSoMarkupCannotGetIn() throws Exception {
        String hostile = "<script>alert('x')</script> & \"quotes\"\u0001";
        String svg = new Svg("test\" onload=\"x", hostile, hostile).text("chart-tick", 0, 0, "start", 0, hostile).done();
        Document doc = parse(svg);
        assertThat(doc.getElementsByTagNameNS("*", "script").getLength()).isZero();
        assertThat(doc.getDocumentElement().hasAttribute("onload")).isFalse();
        assertThat(doc.getElementsByTagNameNS("*", "title").item(0).getTextContent())
                .isEqualTo("<script>alert('x')</script> & \"quotes\"");
    }

    @Test
    void percentagesShowAtMostOneDecimal() {
        assertThat(Charts.percent(62.5)).isEqualTo("62.5 %");
        assertThat(Charts.percent(62.0)).isEqualTo("62 %");
        assertThat(Charts.percent(100.0 / 3)).isEqualTo("33.3 %");
    }
}
