package crux.search;

import java.util.Arrays;
import java.util.Optional;

/** What a search may be narrowed to: the {@code kind} filter of {@code /search}. */
public enum SearchKind {
    ITEMS("items", "Items"),
    ARGUMENTS("arguments", "Arguments and replies"),
    MEMBERS("members", "Members");

    private final String code;
    private final String label;

    SearchKind(String code, String label) {
        this.code = code;
        this.label = label;
    }

    public String code() {
        return code;
    }

    public String label() {
        return label;
    }

    public static Optional<SearchKind> parse(String code) {
        return Arrays.stream(values()).filter(k -> k.code.equals(code)).findFirst();
    }
}
