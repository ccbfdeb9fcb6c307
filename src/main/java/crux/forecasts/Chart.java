package crux.forecasts;

import java.util.List;

/**
 * A chart ready for a page: the SVG markup (safe to insert unescaped: it is built from escaped text
 * only) and the same data as a table — {@code columns} and {@code rows} of display strings — for the
 * text alternative beside it. {@code title} is the SVG's accessible name, and fits as the table caption.
 */
public record Chart(String title, String svg, List<String> columns, List<List<String>> rows) {

    public Chart {
        columns = List.copyOf(columns);
        rows = rows.stream().map(List::copyOf).toList();
    }
}
