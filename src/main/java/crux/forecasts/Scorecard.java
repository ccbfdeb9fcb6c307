package crux.forecasts;

import crux.core.ScoreFormat;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The article against the crowd on every resolved prediction (PRODUCT §3, "the article keeps score"): the
 * article's implied probability held over the open period ({@link Scoring#article}) beside the community
 * forecast's stored score, their means, and the crowd's calibration. Pure: resolved predictions in.
 */
public record Scorecard(List<Row> rows, Summary article, Summary crowd, Chart crowdCalibration) {

    /** One resolved prediction: how it resolved, what the article implied and the crowd said, and their scores. */
    public record Row(long itemId, String statement, Outcome outcome, Integer implied, String impliedWording,
                      Score article, Double crowdFinal, Score crowd) {
        public String outcomeLabel() {
            return ResolutionRepository.label(outcome);
        }
    }

    /** Means over the predictions that have a score ({@code predictions} = 0: nothing to show yet). */
    public record Summary(int predictions, double meanBrier, double meanLog) {
        static Summary of(List<Score> scores) {
            return new Summary(scores.size(), scores.stream().mapToDouble(Score::brier).average().orElse(0),
                    scores.stream().mapToDouble(Score::logScore).average().orElse(0));
        }

        public String brier() {
            return ScoreFormat.brier(meanBrier);
        }

        public String log() {
            return ScoreFormat.log(meanLog);
        }
    }

    public static Scorecard of(List<ScoreRepository.Resolved> resolved) {
        List<Row> rows = new ArrayList<>();
        List<Score> articleScores = new ArrayList<>();
        List<Score> crowdScores = new ArrayList<>();
        List<Calibration.Point> crowdForecasts = new ArrayList<>();
        for (ScoreRepository.Resolved r : resolved) {
            Score article = articleScore(r).orElse(null);
            Score crowd = r.outcome() == Outcome.ANNULLED ? null : r.crowd();
            if (article != null) {
                articleScores.add(article);
            }
            if (crowd != null) {
                crowdScores.add(crowd);
                crowdForecasts.add(new Calibration.Point(r.crowdFinal(), r.outcome() == Outcome.YES));
            }
            rows.add(new Row(r.itemId(), r.statement(), r.outcome(), r.implied(), r.impliedWording(), article,
                    r.crowdFinal(), crowd));
        }
        return new Scorecard(rows, Summary.of(articleScores), Summary.of(crowdScores),
                Charts.calibration(Calibration.bins(crowdForecasts)));
    }

    /** The article's score: its implied probability held from the prediction's creation to its resolution. */
    public static Optional<Score> articleScore(ScoreRepository.Resolved r) {
        if (r.implied() == null || r.outcome() == Outcome.ANNULLED) {
            return Optional.empty();
        }
        Instant opened = r.openedAt().toInstant();
        Instant closed = r.resolvedAt().toInstant();
        return Scoring.article(r.outcome(), opened.isBefore(closed) ? opened : closed.minusSeconds(1), closed,
                r.implied());
    }

    /** Predictions that resolved YES or NO (annulled ones score nothing). */
    public long scored() {
        return rows.stream().filter(r -> r.outcome() != Outcome.ANNULLED).count();
    }
}
