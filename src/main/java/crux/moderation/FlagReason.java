package crux.moderation;

import java.util.List;
import java.util.Optional;

/** The closed list of reasons a member may flag a comment for. */
public enum FlagReason {
    OFF_TOPIC("off-topic", "Off-topic"),
    UNCIVIL("uncivil", "Uncivil"),
    SPAM("spam", "Spam"),
    DUPLICATE("duplicate", "Duplicate"),
    UNSUPPORTED("unsupported", "Unsupported claim"),
    OTHER("other", "Other");

    private final String code;
    private final String label;

    FlagReason(String code, String label) {
        this.code = code;
        this.label = label;
    }

    public String code() {
        return code;
    }

    public String label() {
        return label;
    }

    public static Optional<FlagReason> fromCode(String code) {
        for (FlagReason r : values()) {
            if (r.code.equals(code)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    public static List<FlagReason> all() {
        return List.of(values());
    }
}
