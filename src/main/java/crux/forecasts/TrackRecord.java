package crux.forecasts;

import crux.core.ScoreFormat;
import java.util.List;

/** A member's scores on resolved predictions, their means, and their calibration. Pure: stored scores in. */
public record TrackRecord(List<ScoreRepository.Scored> rows, double meanLog, double meanBrier, double meanCoverage,
                          Chart calibration) {

    public static TrackRecord of(List<ScoreRepository.Scored> rows) {
        return new TrackRecord(rows,
                rows.stream().mapToDouble(r -> r.score().logScore()).average().orElse(0),
                rows.stream().mapToDouble(r -> r.score().brier()).average().orElse(0),
                rows.stream().mapToDouble(r -> r.score().coverage()).average().orElse(0),
                Charts.calibration(Calibration.bins(rows.stream()
                        .map(r -> new Calibration.Point(r.finalProbability(), r.outcome() == Outcome.YES))
                        .toList())));
    }

    public int predictions() {
        return rows.size();
    }

    public String log() {
        return ScoreFormat.log(meanLog);
    }

    public String brier() {
        return ScoreFormat.brier(meanBrier);
    }

    public String coverage() {
        return ScoreFormat.percent(meanCoverage);
    }
}
