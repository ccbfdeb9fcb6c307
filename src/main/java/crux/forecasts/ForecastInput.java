package crux.forecasts;

import java.util.Optional;

/**
 * Reads what a member typed into the forecast form. Strict on purpose: a probability is a whole number of per cent
 * from 1 to 99 written as digits — no sign, no decimals, no "%", no exponent — so what is stored is exactly what
 * the member meant, and 0 and 100 (certainty, an infinite log score when wrong) cannot slip in by rounding.
 */
public final class ForecastInput {

    /** A rationale is one line beside a number, not an essay: arguments belong in the debate. */
    public static final int MAX_RATIONALE = 200;
    /** "099" is still 99; anything longer is not a percentage someone typed. */
    private static final int MAX_DIGITS = 3;

    public static final String PROBABILITY_MESSAGE =
            "Enter a whole number of per cent from 1 to 99, like 70 (no decimals, no % sign).";
    public static final String CERTAINTY_MESSAGE =
            "Choose from 1 to 99 %: 0 and 100 % mean certainty, and a certain forecast that turns out wrong scores minus infinity.";
    public static final String RATIONALE_MESSAGE =
            "Keep the rationale to one line of at most " + MAX_RATIONALE + " characters.";

    private ForecastInput() {
    }

    /** The probability, or the message saying what is wrong with it. */
    public record Probability(Integer value, String error) {
        public boolean valid() {
            return error == null;
        }
    }

    public static Probability probability(String raw) {
        String s = raw == null ? "" : raw.strip();
        if (s.isEmpty() || s.length() > MAX_DIGITS || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return new Probability(null, PROBABILITY_MESSAGE);
        }
        int p = Integer.parseInt(s);
        if (p < Forecast.MIN_PROBABILITY || p > Forecast.MAX_PROBABILITY) {
            return new Probability(null, p == 0 || p == 100 ? CERTAINTY_MESSAGE : PROBABILITY_MESSAGE);
        }
        return new Probability(p, null);
    }

    /** The rationale, stripped, or empty when it is not one line of at most {@link #MAX_RATIONALE} characters. */
    public static Optional<String> rationale(String raw) {
        String s = raw == null ? "" : raw.strip();
        if (s.length() > MAX_RATIONALE || s.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            return Optional.empty();
        }
        return Optional.of(s);
    }
}
