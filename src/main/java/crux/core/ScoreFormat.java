package crux.core;

import java.util.Locale;

/** How scores are written everywhere (pages, notifications, tests that check them): one rule, one place. */
public final class ScoreFormat {

    private ScoreFormat() {
    }

    /** Baseline log score with one decimal and its sign: "+23.4", "−5.0" (0 is a coin flip). */
    public static String log(double logScore) {
        String s = String.format(Locale.ROOT, "%+.1f", logScore);
        return s.equals("-0.0") ? "+0.0" : s.replace('-', '\u2212');
    }

    /** Brier score with three decimals: "0.123" (lower is better). */
    public static String brier(double brier) {
        return String.format(Locale.ROOT, "%.3f", brier);
    }

    /** A fraction 0..1 as whole per cent: "87 %". */
    public static String percent(double fraction) {
        return Math.round(fraction * 100) + " %";
    }

    /** A community forecast in % with at most one decimal: "62.5 %", "62 %". */
    public static String forecast(double percent) {
        double rounded = Math.round(percent * 10) / 10.0;
        return (rounded == Math.rint(rounded) ? Long.toString((long) rounded) : Double.toString(rounded)) + " %";
    }
}
