package crux.forecasts;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The community forecast (PRODUCT §3): the recency-weighted median of each forecaster's latest forecast.
 * Order the N latest forecasts oldest first, n = 1…N, give the n-th the weight w(n) = exp(√n − √N)
 * (all weights 1 when N ≤ 2), and take the {@linkplain WeightedMedian weighted median}. The newest
 * forecast always weighs 1 and older ones fade, so the crowd follows news without one latecomer
 * deciding it. Pure: forecasts in, numbers out.
 */
public final class CommunityForecast {

    /** Up to this many forecasters every opinion counts the same: with two, "recent" is not a trend. */
    static final int UNWEIGHTED_UP_TO = 2;

    private CommunityForecast() {
    }

    /** The recency weights of N forecasters, and their total summed oldest first (as {@link WeightedMedian#of} sums). */
    record Recency(double[] weights, double total) {
    }

    /**
     * The weights of the last count asked for: every forecast on an item asks for the same N until a new forecaster
     * joins, and N exponentials are not free at thousands of forecasters. Never mutated once published.
     */
    private static volatile Recency last = recency(new double[0]);

    /** w(n) = exp(√n − √N) for n = 1…N (oldest first), or all 1 when N ≤ 2. The array is shared: do not modify it. */
    static double[] weights(int count) {
        return recency(count).weights();
    }

    /** The weights of {@link #weights} with their total. */
    static Recency recency(int count) {
        Recency known = last;
        if (known.weights().length == count) {
            return known;
        }
        double[] w = new double[count];
        double sqrtN = Math.sqrt(count);
        for (int n = 1; n <= count; n++) {
            w[n - 1] = count <= UNWEIGHTED_UP_TO ? 1 : Math.exp(Math.sqrt(n) - sqrtN);
        }
        Recency made = recency(w);
        last = made;
        return made;
    }

    private static Recency recency(double[] w) {
        double total = 0;
        for (double x : w) {
            total += x;
        }
        return new Recency(w, total);
    }

    /**
     * The community forecast in % (e.g. 62.5) from each forecaster's latest forecast, or empty when
     * nobody has forecast. Oldest first is what the weights assume; the list is re-sorted by time
     * (stably, so equal times keep the given order) rather than trusting the caller.
     *
     * @throws IllegalArgumentException if a member appears twice: only their latest forecast counts
     */
    public static OptionalDouble of(List<Forecast> latest) {
        if (latest.isEmpty()) {
            return OptionalDouble.empty();
        }
        Set<Long> seen = new HashSet<>();
        for (Forecast f : latest) {
            if (!seen.add(f.memberId())) {
                throw new IllegalArgumentException("member " + f.memberId() + " has more than one latest forecast");
            }
        }
        List<Forecast> oldestFirst = new ArrayList<>(latest);
        oldestFirst.sort(Comparator.comparing(Forecast::at));
        int[] percents = new int[oldestFirst.size()];
        for (int i = 0; i < percents.length; i++) {
            percents[i] = oldestFirst.get(i).probability();
        }
        return OptionalDouble.of(WeightedMedian.of(percents, weights(percents.length)));
    }

    /**
     * As {@link #of} computes it once the latest are in order, to the last bit, for the first {@code n} (at least one) of whole percents kept in that
     * order: what a forecast computes under its item's lock, without copying them. {@code order} is scratch space of
     * at least n.
     */
    static double ofOldestFirstPercents(int[] percents, int n, int[] order) {
        Recency r = recency(n);
        return WeightedMedian.ofPercents(percents, n, r.weights(), r.total(), order);
    }

    /**
     * Each member's latest forecast, oldest first, from all updates (any order; equal times keep the
     * given order, so the later entry of the list wins).
     */
    public static List<Forecast> latest(List<Forecast> updates) {
        return new ArrayList<>(replay(updates, (update, now) -> { }).values());
    }

    /**
     * The community forecast after every update, replaying {@code updates} in time order: at each
     * moment every member's latest forecast so far counts. One point per update, so the chart can step.
     *
     * <p>Cost O(U · N log N) for U updates and N forecasters, since each point re-sorts the latest
     * forecasts. Fine for hundreds of forecasters; beyond that, store the points as forecasts arrive
     * instead of replaying.
     */
    public static List<CommunityPoint> history(List<Forecast> updates) {
        List<CommunityPoint> points = new ArrayList<>();
        replay(updates, (update, now) ->
                points.add(new CommunityPoint(update.at(), of(List.copyOf(now)).orElseThrow(), now.size())));
        return points;
    }

    /** Replays updates in time order, keeping each member's latest and reporting the latest set after each. */
    private static Map<Long, Forecast> replay(List<Forecast> updates, BiConsumer<Forecast, Collection<Forecast>> afterEach) {
        List<Forecast> inTimeOrder = new ArrayList<>(updates);
        inTimeOrder.sort(Comparator.comparing(Forecast::at));
        // Insertion order of a LinkedHashMap, re-inserting on each update, is exactly "oldest latest first".
        Map<Long, Forecast> latest = new LinkedHashMap<>();
        for (Forecast f : inTimeOrder) {
            latest.remove(f.memberId());
            latest.put(f.memberId(), f);
            afterEach.accept(f, latest.values());
        }
        return latest;
    }
}
