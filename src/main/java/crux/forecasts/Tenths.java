package crux.forecasts;

/**
 * The ten bins of probability used by the histogram and the calibration chart: [0, 10), [10, 20) …
 * [80, 90) and [90, 100] — the last one closed so that 100 % has a home.
 */
public final class Tenths {

    public static final int COUNT = 10;
    public static final int WIDTH = 100 / COUNT;

    private Tenths() {
    }

    /** The bin (0..9) of a probability in %, 0..100. */
    public static int of(double percent) {
        if (!(percent >= 0 && percent <= 100)) {
            throw new IllegalArgumentException("a probability must be 0..100 %, was " + percent);
        }
        return Math.min(COUNT - 1, (int) Math.floor(percent / WIDTH));
    }

    static int lower(int bin) {
        return bin * WIDTH;
    }

    static int upper(int bin) {
        return lower(bin) + WIDTH;
    }

    /** "60–70 %", the way bins are labelled on charts and in tables. */
    public static String label(int bin) {
        return lower(bin) + "–" + upper(bin) + " %";
    }
}
