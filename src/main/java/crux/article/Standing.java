package crux.article;

import crux.core.ScoreFormat;
import crux.core.Tally;

/** Where an item stands, from the counters kept on it: its stance tally and, for a prediction, the community forecast. */
public record Standing(long itemId, Tally tally, Double community, int forecasters) {

    public static Standing none(long itemId) {
        return new Standing(itemId, Tally.NONE, null, 0);
    }

    public String voters() {
        int n = tally.voters();
        return n == 1 ? "1 voter" : n + " voters";
    }

    public String communityText() {
        return community == null ? null : ScoreFormat.forecast(community);
    }

    public String forecastersText() {
        return forecasters == 1 ? "1 forecaster" : forecasters + " forecasters";
    }
}
