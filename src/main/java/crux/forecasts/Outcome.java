package crux.forecasts;

/** How a prediction resolved. An annulled prediction is scored for nobody: there is no truth to score against. */
public enum Outcome {
    YES,
    NO,
    ANNULLED;

    /** o in the Brier score (p − o)²: 1 for YES, 0 for NO. */
    double value() {
        if (this == ANNULLED) {
            throw new IllegalStateException("an annulled prediction has no outcome value");
        }
        return this == YES ? 1 : 0;
    }
}
