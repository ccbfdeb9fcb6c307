package crux.stances;

import crux.article.ItemStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A prediction's community forecast per camp (the recency-weighted median of the camp's members' latest forecasts,
 * as stored by the camp job), so readers see whether the camps expect different futures; once it resolved YES or NO,
 * each camp's Brier score (p − o)² and which camp's forecast scored better (lower is better).
 *
 * @param rows   one per camp that has forecasters, largest camp first
 * @param better the camp whose forecast scored best after resolution; null before, on a tie or when annulled
 */
public record CampForecasts(List<Row> rows, CampRepository.CampInfo better) {

    /** One camp's forecast ({@code percent}) from {@code forecasters} members; {@code brier} null before resolution. */
    public record Row(CampRepository.CampInfo camp, double percent, int forecasters, Double brier) {
        public String percentText() {
            return String.format(Locale.ROOT, "%.0f %%", percent);
        }

        public String brierText() {
            return brier == null ? "" : String.format(Locale.ROOT, "%.3f", brier);
        }
    }

    public static CampForecasts none() {
        return new CampForecasts(List.of(), null);
    }

    public boolean available() {
        return !rows.isEmpty();
    }

    /** From the stored camps and item stats; {@code status} decides whether there is an outcome to score against. */
    public static CampForecasts of(List<CampRepository.CampInfo> camps, Optional<OpinionMap.ItemStat> stat,
                                   ItemStatus status) {
        if (camps.isEmpty() || stat.isEmpty()) {
            return none();
        }
        Double outcome = status == ItemStatus.RESOLVED_YES ? Double.valueOf(1)
                : status == ItemStatus.RESOLVED_NO ? Double.valueOf(0) : null;
        List<Row> rows = new ArrayList<>();
        for (CampRepository.CampInfo camp : camps) {
            for (OpinionMap.CampItem c : stat.get().camps()) {
                if (c.camp() == camp.id() && c.forecast() != null) {
                    double p = c.forecast() / 100;
                    rows.add(new Row(camp, c.forecast(), c.forecasters(),
                            outcome == null ? null : (p - outcome) * (p - outcome)));
                }
            }
        }
        CampRepository.CampInfo better = null;
        if (outcome != null && rows.size() > 1) {
            Row best = rows.stream().min((a, b) -> Double.compare(a.brier(), b.brier())).orElseThrow();
            boolean tie = rows.stream().filter(r -> r != best).anyMatch(r -> Math.abs(r.brier() - best.brier()) < 1e-12);
            better = tie ? null : best.camp();
        }
        return new CampForecasts(rows, better);
    }
}
