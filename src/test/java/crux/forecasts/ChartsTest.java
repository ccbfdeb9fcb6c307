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
        assertThat(Double.parseDouble(bars.get(6).getAttribute("y"))).isEqualTo(Svg.y(1));
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
        assertThat(corners[0]).isEqualTo(Svg.n(Svg.x(0)) + "," + Svg.n(Svg.y(0.6)));
        assertThat(corners[7]).isEqualTo(Svg.n(Svg.x(1)) + "," + Svg.n(Svg.y(0.75)));
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
        assertThat(texts(doc)).contains("2025-04-01 09:00", "2025-04-02 09:00");
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
        assertThat(point.getAttribute("cx")).isEqualTo(Svg.n(Svg.x(0.73)));
        assertThat(point.getAttribute("cy")).isEqualTo(Svg.n(Svg.y(0.75)));
        // the 0–10 % bar would reach below 0: it is cut at the axis
        Element stem = withClass(doc, "chart-errorbar").get(0);
        assertThat(stem.getAttribute("y1")).isEqualTo(Svg.n(Svg.y(0)));
        assertThat(texts(doc)).contains("Forecast", "Came true", "0 %", "100 %");
        assertThat(chart.rows()).containsExactly(
                List.of("0–10 %", "1", "5 %", "0 %", "21.8 %"),
                List.of("70–80 %", "4", "73 %", "75 %", "22.2 %"));
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
