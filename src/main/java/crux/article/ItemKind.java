package crux.article;

import java.util.Arrays;
import java.util.Optional;

/** What an item is. The database stores {@link #code()}. */
public enum ItemKind {
    CLAIM("claim", "Claim", "Claims"),
    PREDICTION("prediction", "Prediction", "Predictions"),
    RECOMMENDATION("recommendation", "Recommendation", "Recommendations");

    private final String code;
    private final String label;
    private final String plural;

    ItemKind(String code, String label, String plural) {
        this.code = code;
        this.label = label;
        this.plural = plural;
    }

    public String code() {
        return code;
    }

    public String label() {
        return label;
    }

    public String plural() {
        return plural;
    }

    public static Optional<ItemKind> fromCode(String code) {
        return Arrays.stream(values()).filter(k -> k.code.equals(code)).findFirst();
    }

    public static ItemKind of(String code) {
        return fromCode(code).orElseThrow(() -> new IllegalStateException("unknown item kind " + code));
    }
}
