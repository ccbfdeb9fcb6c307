package crux.forecasts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The drawing's coordinates: the plot area runs from x = 64 to 620 (640 wide, 64 left and 20 right for labels,
 * so 556 across) and from y = 248 up to 16 (300 high, 52 below and 16 above, so 232 up).
 */
class SvgTest {

    private static final String OPEN = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart chart-k\" viewBox=\"0 0 640 300\""
            + " width=\"100%\" preserveAspectRatio=\"xMidYMid meet\" role=\"img\"><title>T</title><desc>D</desc>";

    private static Svg svg() {
        return new Svg("k", "T", "D");
    }

    /** What {@code svg} drew, between the opening (title and description) and the closing tag. */
    private static String drawn(Svg svg) {
        String all = svg.done();
        assertThat(all).startsWith(OPEN).endsWith("</svg>");
        return all.substring(OPEN.length(), all.length() - "</svg>".length());
    }

    @Test
    void fractionsMapOntoThePlotArea() {
        assertThat(Svg.x(0)).isEqualTo(64);
        assertThat(Svg.x(0.5)).isEqualTo(342); // 64 + 278
        assertThat(Svg.x(1)).isEqualTo(620);
        assertThat(Svg.y(0)).isEqualTo(248);
        assertThat(Svg.y(0.25)).isEqualTo(190); // 248 − 58
        assertThat(Svg.y(1)).isEqualTo(16);
    }

    /** What {@link Svg#n} must equal: {@code %.1f} without a trailing ".0" (and no "-0" for a negative that rounds to 0). */
    private static String formatted(double v) {
        String s = String.format(java.util.Locale.ROOT, "%.1f", v);
        s = s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
        return s.equals("-0") ? "0" : s;
    }

    @Test
    void numbersRoundToTenthsExactlyAsFormatDoesTiesIncluded() {
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < 200_000; i++) {
            double v = switch (i % 4) {
                case 0 -> (random.nextDouble() - 0.2) * 700;
                case 1 -> Math.round(random.nextDouble() * 7_000) / 10.0 + 0.05; // a tie in decimal, rarely in binary
                case 2 -> 64 + random.nextDouble() * 556 * random.nextInt(3) / 2.0;
                default -> random.nextInt(10_000) / 100.0;
            };
            assertThat(Svg.n(v)).as("%s", v).isEqualTo(formatted(v));
        }
        for (double v : new double[] {0, -0.0, 0.05, 0.15, 0.25, 0.35, 0.45, 1.05, 2.675, -0.04, -0.05, -1.25, 99.95,
                1e20, Double.NaN}) {
            assertThat(Svg.n(v)).as("%s", v).isEqualTo(formatted(v));
        }
    }

    @Test
    void shapesWriteTheirCoordinatesWithAtMostOneDecimalAndChain() {
        String drawn = drawn(svg()
                .rect("bar", 10, 20.25, 30.04, 40, "a tip")
                .circle("dot", 1.5, 2, 5, null)
                .circle("dot", 3, 4, 5, "b & c")
                .line("axis", 0, 1, 2, 3)
                .polyline("line", 1, 2, 3.33, 4));
        assertThat(drawn).isEqualTo(
                "<rect class=\"bar\" x=\"10\" y=\"20.3\" width=\"30\" height=\"40\" fill=\"currentColor\"><title>a tip</title></rect>"
                + "<circle class=\"dot\" cx=\"1.5\" cy=\"2\" r=\"5\" fill=\"currentColor\"></circle>"
                + "<circle class=\"dot\" cx=\"3\" cy=\"4\" r=\"5\" fill=\"currentColor\"><title>b &amp; c</title></circle>"
                + "<line class=\"axis\" x1=\"0\" y1=\"1\" x2=\"2\" y2=\"3\" stroke=\"currentColor\"/>"
                + "<polyline class=\"line\" points=\"1,2 3.3,4\" fill=\"none\" stroke=\"currentColor\"/>");
    }

    @Test
    void textTurnsOnlyWhenAskedTo() {
        assertThat(drawn(svg().text("t", 5, 6, "start", 0, "flat"))).isEqualTo(
                "<text class=\"t\" x=\"5\" y=\"6\" text-anchor=\"start\" fill=\"currentColor\" font-size=\"13\">flat</text>");
        assertThat(drawn(svg().text("t", 5, 6, "middle", -90, "up"))).isEqualTo(
                "<text class=\"t\" x=\"5\" y=\"6\" text-anchor=\"middle\" transform=\"rotate(-90 5 6)\""
                + " fill=\"currentColor\" font-size=\"13\">up</text>");
    }

    @Test
    void aYTickIsAGridlineLabelledLeftOfTheAxis() {
        // a quarter up: y = 190; the label ends 6 left of the axis (58), 4 below the line to centre it (194)
        assertThat(drawn(svg().yTick(0.25, "25 %"))).isEqualTo(
                "<line class=\"chart-grid\" x1=\"64\" y1=\"190\" x2=\"620\" y2=\"190\" stroke=\"currentColor\"/>"
                + "<text class=\"chart-tick\" x=\"58\" y=\"194\" text-anchor=\"end\" fill=\"currentColor\" font-size=\"13\">25 %</text>");
    }

    @Test
    void anXTickHangsBelowTheAxisAndTheLastLabelEndsAtItsTick() {
        // half way: x = 342; the tick runs 4 down from the axis (248 to 252), its label 18 below the axis (266)
        assertThat(drawn(svg().xTick(0.5, "50"))).isEqualTo(
                "<line class=\"chart-axis\" x1=\"342\" y1=\"248\" x2=\"342\" y2=\"252\" stroke=\"currentColor\"/>"
                + "<text class=\"chart-tick\" x=\"342\" y=\"266\" text-anchor=\"middle\" fill=\"currentColor\" font-size=\"13\">50</text>");
        assertThat(drawn(svg().xTick(1, "100"))).isEqualTo(
                "<line class=\"chart-axis\" x1=\"620\" y1=\"248\" x2=\"620\" y2=\"252\" stroke=\"currentColor\"/>"
                + "<text class=\"chart-tick\" x=\"620\" y=\"266\" text-anchor=\"end\" fill=\"currentColor\" font-size=\"13\">100</text>");
    }

    @Test
    void axesFrameThePlotWithTitlesBelowAndTurnedUpTheLeft() {
        assertThat(drawn(svg().axes("X", "Y"))).isEqualTo(
                "<line class=\"chart-axis\" x1=\"64\" y1=\"248\" x2=\"620\" y2=\"248\" stroke=\"currentColor\"/>"
                + "<line class=\"chart-axis\" x1=\"64\" y1=\"248\" x2=\"64\" y2=\"16\" stroke=\"currentColor\"/>"
                + "<text class=\"chart-axis-title\" x=\"342\" y=\"292\" text-anchor=\"middle\" fill=\"currentColor\" font-size=\"13\">X</text>"
                + "<text class=\"chart-axis-title\" x=\"16\" y=\"132\" text-anchor=\"middle\" transform=\"rotate(-90 16 132)\""
                + " fill=\"currentColor\" font-size=\"13\">Y</text>");
    }

    @Test
    void anEmptyChartFramesThePlotAndSaysSoInItsMiddle() {
        assertThat(drawn(svg().empty("Nothing yet."))).isEqualTo(
                "<polyline class=\"chart-empty-frame\" points=\"64,248 64,16 620,16 620,248 64,248\" fill=\"none\" stroke=\"currentColor\"/>"
                + "<text class=\"chart-empty\" x=\"342\" y=\"132\" text-anchor=\"middle\" fill=\"currentColor\" font-size=\"13\">Nothing yet.</text>");
    }

    @Test
    void escapesTheFiveSpecialCharactersAndDropsControlCharactersButNotWhiteSpace() {
        assertThat(Svg.escape("a&b<c>d\"e'f")).isEqualTo("a&amp;b&lt;c&gt;d&quot;e&apos;f");
        assertThat(Svg.escape("x\u0000y\u001fz\tw\nv\ru ")).isEqualTo("xyz\tw\nv\ru ");
    }
}
