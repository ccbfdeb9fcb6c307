package crux.forecasts;

import java.time.Instant;
import java.util.Objects;

/** One forecast update: member {@code memberId} said {@code probability} % at {@code at}. */
public record Forecast(long memberId, Instant at, int probability) {

    /** Members enter whole percentages; 0 and 100 are refused because certainty has an infinite log score. */
    public static final int MIN_PROBABILITY = 1;
    public static final int MAX_PROBABILITY = 99;

    public Forecast {
        Objects.requireNonNull(at, "at");
        if (probability < MIN_PROBABILITY || probability > MAX_PROBABILITY) {
            throw new IllegalArgumentException("probability must be 1..99, was " + probability);
        }
    }
}
