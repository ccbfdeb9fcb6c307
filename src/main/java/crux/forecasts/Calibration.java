package crux.forecasts;

import java.util.ArrayList;
import java.util.List;

/**
 * Calibration (PRODUCT §3): of all the times someone said "about 70 %", how often did it happen?
 * Forecasts are binned by tenths ([0, 10), [10, 20) … [90, 100]); per bin, the count n, the mean
 * forecast f and the observed frequency of YES, plus the error bar √(f(1−f)/n) — the standard error
 * of a frequency over n independent events of probability f, i.e. how far from f a perfectly
 * calibrated forecaster's observed frequency would typically land by luck alone. A bin whose observed
 * frequency is within its error bar of f is consistent with good calibration.
 *
 * <p>Which forecasts go in (each member's last before close, or every update) is the caller's choice;
 * annulled predictions must be left out, as they have no outcome.
 */
public final class Calibration {

    /** A forecast of {@code probability} % on a prediction that resolved YES ({@code happened}) or NO. */
    public record Point(double probability, boolean happened) {
    }

    /**
     * One bin [{@code from}, {@code to}) in %; {@code meanForecast}, {@code observedFrequency} and
     * {@code errorBar} are fractions in 0..1.
     */
    public record Bin(int from, int to, int n, double meanForecast, double observedFrequency, double errorBar) {
        public String label() {
            return Tenths.label(from / Tenths.WIDTH);
        }
    }

    private Calibration() {
    }

    /** The non-empty bins, lowest first. */
    public static List<Bin> bins(List<Point> forecasts) {
        int[] n = new int[Tenths.COUNT];
        double[] sumForecast = new double[Tenths.COUNT];
        int[] yes = new int[Tenths.COUNT];
        for (Point r : forecasts) {
            int bin = Tenths.of(r.probability());
            n[bin]++;
            sumForecast[bin] += r.probability() / 100;
            yes[bin] += r.happened() ? 1 : 0;
        }
        List<Bin> bins = new ArrayList<>();
        for (int b = 0; b < Tenths.COUNT; b++) {
            if (n[b] > 0) {
                double f = sumForecast[b] / n[b];
                bins.add(new Bin(Tenths.lower(b), Tenths.upper(b), n[b], f, (double) yes[b] / n[b],
                        Math.sqrt(f * (1 - f) / n[b])));
            }
        }
        return bins;
    }
}
