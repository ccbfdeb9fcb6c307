package crux.forecasts;

/**
 * A time-averaged score for one resolved prediction (see {@link Scoring}).
 *
 * @param brier    mean of (p − o)² over the covered time: 0 is perfect, 0.25 is always saying 50 %, lower is better
 * @param logScore mean of 100·log2(2p′) over the covered time: 0 is always saying 50 %, 100 is certain and right,
 *                 higher is better and it is unbounded below
 * @param coverage covered time / open period, 0..1: how much of the question the score speaks for
 */
public record Score(double brier, double logScore, double coverage) {
}
