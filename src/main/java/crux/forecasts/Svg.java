package crux.forecasts;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * A tiny writer for the charts' SVG: fixed elements only (no script, no event handlers, no links, no
 * style attributes — the Content-Security-Policy blocks inline styles), every text XML-escaped.
 * Colours come from the stylesheet through CSS classes; the presentation attributes written here
 * (currentColor, fill="none") are only fallbacks that any class rule overrides, so a chart is legible,
 * in light and dark mode alike, even before the stylesheet styles it.
 */
final class Svg {

    /** The drawing's own coordinate system; the element scales to its container (width 100 %). */
    static final int WIDTH = 640;
    static final int HEIGHT = 300;
    /** Room for "100 %" tick labels and the y-axis title on the left, dates and the x-axis title below. */
    static final int LEFT = 64;
    static final int RIGHT = 20;
    static final int TOP = 16;
    static final int BOTTOM = 52;

    private final StringBuilder out = new StringBuilder();

    /** Opens an {@code <svg role="img">} with its accessible name ({@code title}) and description. */
    Svg(String kind, String title, String description) {
        out.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart chart-").append(escape(kind))
                .append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
                .append("\" width=\"100%\" preserveAspectRatio=\"xMidYMid meet\" role=\"img\">")
                .append("<title>").append(escape(title)).append("</title>")
                .append("<desc>").append(escape(description)).append("</desc>");
    }

    /** x of a fraction 0..1 across the plot area. */
    static double x(double fraction) {
        return LEFT + fraction * (WIDTH - LEFT - RIGHT);
    }

    /** y of a fraction 0..1 up the plot area (0 at the bottom). */
    static double y(double fraction) {
        return HEIGHT - BOTTOM - fraction * (HEIGHT - TOP - BOTTOM);
    }

    Svg rect(String cssClass, double x, double y, double width, double height, String tooltip) {
        out.append("<rect class=\"").append(escape(cssClass)).append("\" x=\"").append(n(x)).append("\" y=\"").append(n(y))
                .append("\" width=\"").append(n(width)).append("\" height=\"").append(n(height))
                .append("\" fill=\"currentColor\">");
        tooltip(tooltip);
        out.append("</rect>");
        return this;
    }

    Svg circle(String cssClass, double cx, double cy, double r, String tooltip) {
        out.append("<circle class=\"").append(escape(cssClass)).append("\" cx=\"").append(n(cx)).append("\" cy=\"")
                .append(n(cy)).append("\" r=\"").append(n(r)).append("\" fill=\"currentColor\">");
        tooltip(tooltip);
        out.append("</circle>");
        return this;
    }

    Svg line(String cssClass, double x1, double y1, double x2, double y2) {
        out.append("<line class=\"").append(escape(cssClass)).append("\" x1=\"").append(n(x1)).append("\" y1=\"")
                .append(n(y1)).append("\" x2=\"").append(n(x2)).append("\" y2=\"").append(n(y2))
                .append("\" stroke=\"currentColor\"/>");
        return this;
    }

    /** A polyline through {@code xy} = x0, y0, x1, y1, … */
    Svg polyline(String cssClass, double... xy) {
        out.append("<polyline class=\"").append(escape(cssClass)).append("\" points=\"");
        for (int i = 0; i < xy.length; i += 2) {
            if (i > 0) {
                out.append(' ');
            }
            appendN(out, xy[i]);
            out.append(',');
            appendN(out, xy[i + 1]);
        }
        out.append("\" fill=\"none\" stroke=\"currentColor\"/>");
        return this;
    }

    /** Text anchored at its {@code anchor} (start, middle or end); {@code rotate} turns it about (x, y). */
    Svg text(String cssClass, double x, double y, String anchor, int rotate, String text) {
        out.append("<text class=\"").append(escape(cssClass)).append("\" x=\"").append(n(x)).append("\" y=\"").append(n(y))
                .append("\" text-anchor=\"").append(escape(anchor)).append('"');
        if (rotate != 0) {
            out.append(" transform=\"rotate(").append(rotate).append(' ').append(n(x)).append(' ').append(n(y)).append(")\"");
        }
        out.append(" fill=\"currentColor\" font-size=\"13\">").append(escape(text)).append("</text>");
        return this;
    }

    /** The frame every chart shares: both axes, and the axis titles. */
    Svg axes(String xTitle, String yTitle) {
        line("chart-axis", x(0), y(0), x(1), y(0));
        line("chart-axis", x(0), y(0), x(0), y(1));
        text("chart-axis-title", x(0.5), HEIGHT - 8, "middle", 0, xTitle);
        return text("chart-axis-title", 16, y(0.5), "middle", -90, yTitle);
    }

    /** A horizontal gridline at {@code fraction} up the plot, labelled at the left. */
    Svg yTick(double fraction, String label) {
        line("chart-grid", x(0), y(fraction), x(1), y(fraction));
        return text("chart-tick", x(0) - 6, y(fraction) + 4, "end", 0, label);
    }

    /** A tick below the x axis at {@code fraction} across, labelled; the last label ends at its tick so it stays inside. */
    Svg xTick(double fraction, String label) {
        line("chart-axis", x(fraction), y(0), x(fraction), y(0) + 4);
        return text("chart-tick", x(fraction), y(0) + 18, fraction >= 1 ? "end" : "middle", 0, label);
    }

    /** The whole plot area says {@code message}: what a chart shows before there is anything to chart. */
    Svg empty(String message) {
        polyline("chart-empty-frame", x(0), y(0), x(0), y(1), x(1), y(1), x(1), y(0), x(0), y(0));
        return text("chart-empty", x(0.5), y(0.5), "middle", 0, message);
    }

    String done() {
        return out.append("</svg>").toString();
    }

    /** A child {@code <title>}: the browser shows it on hover, without any script. */
    private void tooltip(String tooltip) {
        if (tooltip != null) {
            out.append("<title>").append(escape(tooltip)).append("</title>");
        }
    }

    /** A coordinate with at most one decimal, in the locale-independent form SVG expects. */
    static String n(double value) {
        StringBuilder b = new StringBuilder(8);
        appendN(b, value);
        return b.toString();
    }

    /**
     * Appends {@link #n}: rounded to tenths half away from zero, as {@code String.format("%.1f")} rounds, without
     * its cost (a formatter and locale symbols per number; a history chart writes tens of thousands of them).
     */
    static void appendN(StringBuilder out, double value) {
        if (!Double.isFinite(value) || Math.abs(value) >= 1e15) {
            String s = String.format(Locale.ROOT, "%.1f", value);
            out.append(s.endsWith(".0") ? s.substring(0, s.length() - 2) : s);
            return;
        }
        double scaled = Math.abs(value) * 10;
        double fraction = scaled - Math.floor(scaled);
        // far from a tie, rounding the scaled double is exact; near one, round the shortest decimal that reads back
        // as the double half up, which is what %.1f does
        long t = Math.abs(fraction - 0.5) > 1e-6 ? Math.round(scaled)
                : new BigDecimal(Double.toString(Math.abs(value))).setScale(1, RoundingMode.HALF_UP)
                        .unscaledValue().longValueExact();
        if (t != 0 && value < 0) {
            out.append('-');
        }
        out.append(t / 10);
        if (t % 10 != 0) {
            out.append('.').append(t % 10);
        }
    }

    /** Escapes the five XML special characters (and drops control characters), so any text is safe in elements and attributes. */
    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&apos;");
                // Control characters other than tab and line breaks are not allowed in XML 1.0 at all.
                default -> b.append(c < 0x20 && c != '\t' && c != '\n' && c != '\r' ? "" : String.valueOf(c));
            }
        }
        return b.toString();
    }
}
