package crux.article;

import crux.core.ScoreFormat;
import crux.core.Tally;

/** Where an item stands, from the counters kept on it: its stance tally and, for a prediction, the community forecast. */
public record Standing(long itemId, Tally tally, Double community, int forecasters) {

    // Written out rather than the record's own: a signed-in article page finds each item's kept standing by it.
    @Override
    public boolean equals(Object other) {
        return other instanceof Standing s && itemId == s.itemId && forecasters == s.forecasters
                && java.util.Objects.equals(tally, s.tally) && java.util.Objects.equals(community, s.community);
    }

    @Override
    public int hashCode() {
        return ((Long.hashCode(itemId) * 31 + java.util.Objects.hashCode(tally)) * 31
                + java.util.Objects.hashCode(community)) * 31 + forecasters;
    }

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
