package crux.forecasts;

import java.time.LocalDate;
import java.time.Period;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether resolving a prediction now comes before its resolve-by date, the day its answer is due. Scoring YES or NO
 * early scores every forecaster on an answer that was not yet due, so it is allowed only when the moderator confirms
 * it, and the public log says so. Annulling scores nothing, so it may come at any time.
 */
public final class EarlyResolution {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH);

    private EarlyResolution() {
    }

    /**
     * How long before {@code resolveBy} a resolution made on {@code today} comes, e.g. "2 years" or "3 months and
     * 4 days"; empty on or after the resolve-by date, and for annulment.
     */
    public static Optional<String> ahead(Outcome outcome, LocalDate resolveBy, LocalDate today) {
        if (outcome == Outcome.ANNULLED || resolveBy == null || !today.isBefore(resolveBy)) {
            return Optional.empty();
        }
        return Optional.of(span(Period.between(today, resolveBy)));
    }

    /**
     * What the moderation log puts before the note, after "Resolved YES: ", so the line keeps its form:
     * "resolved 2 years before its resolve-by date (31 December 2028). ".
     */
    public static String logNote(String ahead, LocalDate resolveBy) {
        return "resolved " + ahead + " before its resolve-by date (" + date(resolveBy) + "). ";
    }

    /** A resolve-by date as people read it: "31 December 2028". */
    private static String date(LocalDate day) {
        return DATE.format(day);
    }

    /** The two largest units of a positive period: years and months, months and days, or days. */
    static String span(Period p) {
        if (p.getYears() > 0) {
            return join(count(p.getYears(), "year"), p.getMonths() > 0 ? count(p.getMonths(), "month") : null);
        }
        if (p.getMonths() > 0) {
            return join(count(p.getMonths(), "month"), p.getDays() > 0 ? count(p.getDays(), "day") : null);
        }
        return count(p.getDays(), "day");
    }

    private static String count(int n, String unit) {
        return n + " " + unit + (n == 1 ? "" : "s");
    }

    private static String join(String first, String second) {
        return second == null ? first : first + " and " + second;
    }
}
