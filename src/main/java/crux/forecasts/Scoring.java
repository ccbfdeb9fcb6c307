package crux.forecasts;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Proper scores for a resolved prediction (PRODUCT §3), time-averaged over its open period
 * [openedAt, closedAt), so a forecast held for a month counts thirty times one held for a day.
 *
 * <ul>
 *   <li>Brier score (p − o)², p the forecast as a fraction in [0, 1], o = 1 for YES and 0 for NO.</li>
 *   <li>Baseline log score 100·log2(2p′), p′ the probability given to what actually happened
 *       (p for YES, 1 − p for NO): 0 for a coin flip, +100 for certainty and right.</li>
 * </ul>
 *
 * A forecast holds from its time until the member's next one. Both scores are averaged over the time
 * the member covered — from their first forecast (or openedAt, if earlier) to closedAt — and
 * {@code coverage} = covered time / open period says how much of the question that is. Forecasts made
 * before openedAt hold from openedAt; forecasts at or after closedAt are ignored. Time before the first
 * forecast is not scored as anything, which is why coverage is shown beside the score; a leaderboard
 * that wants to reward early forecasting can rank by logScore × coverage (as Metaculus does).
 *
 * <p>Annulled predictions, and members with no forecast inside the open period, get no score (empty).
 */
public final class Scoring {

    private Scoring() {
    }

    /** A forecast of {@code percent} % holding from {@code from} until the next step. */
    private record Step(Instant from, double percent) {
        Step {
            if (!(percent > 0 && percent < 100)) {
                throw new IllegalArgumentException("a scored probability must be strictly between 0 and 100 %, was " + percent);
            }
        }
    }

    /** One member's score from all of their forecast updates on the prediction (any order). */
    public static Optional<Score> member(Outcome outcome, Instant openedAt, Instant closedAt, List<Forecast> updates) {
        if (updates.stream().map(Forecast::memberId).distinct().count() > 1) {
            throw new IllegalArgumentException("updates of more than one member");
        }
        return score(outcome, openedAt, closedAt, updates.stream().map(f -> new Step(f.at(), f.probability())).toList());
    }

    /** The crowd's score: the same rule applied to the community forecast as it stood over time. */
    public static Optional<Score> crowd(Outcome outcome, Instant openedAt, Instant closedAt, List<CommunityPoint> history) {
        return score(outcome, openedAt, closedAt, history.stream().map(p -> new Step(p.at(), p.value())).toList());
    }

    /** The article's score: its implied probability held as a constant forecast over the whole open period. */
    public static Optional<Score> article(Outcome outcome, Instant openedAt, Instant closedAt, double impliedProbability) {
        return score(outcome, openedAt, closedAt, List.of(new Step(openedAt, impliedProbability)));
    }

    private static Optional<Score> score(Outcome outcome, Instant openedAt, Instant closedAt, List<Step> steps) {
        if (!openedAt.isBefore(closedAt)) {
            throw new IllegalArgumentException("the open period must not be empty");
        }
        if (outcome == Outcome.ANNULLED) {
            return Optional.empty();
        }
        // Sorted by real time before clamping, so an early forecast moved to openedAt cannot overtake a later
        // one; the sort is stable: of two forecasts at one instant the later in the list holds, the other for no time.
        List<Step> inTimeOrder = new ArrayList<>(steps);
        inTimeOrder.sort(Comparator.comparing(Step::from));
        List<Step> inForce = new ArrayList<>();
        for (Step s : inTimeOrder) {
            if (s.from().isBefore(closedAt)) {
                inForce.add(s.from().isBefore(openedAt) ? new Step(openedAt, s.percent()) : s);
            }
        }
        if (inForce.isEmpty()) {
            return Optional.empty();
        }
        double brier = 0;
        double log = 0;
        for (int i = 0; i < inForce.size(); i++) {
            Instant until = i + 1 < inForce.size() ? inForce.get(i + 1).from() : closedAt;
            double seconds = seconds(inForce.get(i).from(), until);
            double p = inForce.get(i).percent() / 100;
            double o = outcome.value();
            double pActual = outcome == Outcome.YES ? p : 1 - p;
            brier += (p - o) * (p - o) * seconds;
            log += 100 * log2(2 * pActual) * seconds;
        }
        double covered = seconds(inForce.get(0).from(), closedAt);
        return Optional.of(new Score(brier / covered, log / covered, covered / seconds(openedAt, closedAt)));
    }

    private static double seconds(Instant from, Instant to) {
        Duration d = Duration.between(from, to);
        return d.getSeconds() + d.getNano() / 1e9;
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
