package crux.debate;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;

/**
 * How comments are ordered, as chosen by the {@code sort} query parameter. Every comparator ends on the id,
 * so equal scores always come out in the same order (and a page never reshuffles on reload).
 */
public enum Sort {
    BEST("best", "Best"),
    TOP("top", "Top"),
    NEW("new", "New"),
    OLD("old", "Old"),
    CONTROVERSIAL("controversial", "Controversial"),
    PERSUASIVE("persuasive", "Most persuasive");

    /** What a page shows when the parameter is missing or unknown. */
    public static final Sort DEFAULT = BEST;

    private final String code;
    private final String label;

    Sort(String code, String label) {
        this.code = code;
        this.label = label;
    }

    public String code() {
        return code;
    }

    public String label() {
        return label;
    }

    /** The sort named by a query parameter; missing or unknown values give {@link #DEFAULT}, never an error. */
    public static Sort parse(String param) {
        if (param == null) {
            return DEFAULT;
        }
        String code = param.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(s -> s.code.equals(code)).findFirst().orElse(DEFAULT);
    }

    /**
     * Highest score first; on equal scores the older comment (lower id) first, as it made the point first.
     * New and old order by time, then by id in the same direction.
     */
    public <T extends Ranked> Comparator<T> comparator() {
        Comparator<T> byId = Comparator.comparingLong(Ranked::id);
        Comparator<T> byTime = Comparator.comparing(Ranked::createdAt);
        Comparator<T> best = Comparator.comparingDouble((T c) -> Ranking.best(c.ups(), c.downs())).reversed();
        return switch (this) {
            case BEST -> best.thenComparing(byId);
            case TOP -> Comparator.comparingLong((T c) -> Ranking.top(c.ups(), c.downs())).reversed().thenComparing(byId);
            case NEW -> byTime.thenComparing(byId).reversed();
            case OLD -> byTime.thenComparing(byId);
            case CONTROVERSIAL -> Comparator.comparingDouble((T c) -> Ranking.controversial(c.ups(), c.downs()))
                    .reversed().thenComparing(byId);
            case PERSUASIVE -> Comparator.comparingInt((T c) -> c.membersMoved()).reversed()
                    .thenComparing(Comparator.comparingDouble((T c) -> c.forecastMovement()).reversed())
                    .thenComparing(best)
                    .thenComparing(byId);
        };
    }
}
