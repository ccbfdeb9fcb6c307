package crux.debate;

import java.util.Arrays;
import java.util.Optional;

/** The side a top-level argument takes on an item; replies take none. The database stores {@link #code()}. */
public enum Side {
    SUPPORTS("supports", "Supports"),
    OPPOSES("opposes", "Opposes"),
    QUESTION("question", "Question");

    private final String code;
    private final String label;

    Side(String code, String label) {
        this.code = code;
        this.label = label;
    }

    public String code() {
        return code;
    }

    public String label() {
        return label;
    }

    public static Optional<Side> fromCode(String code) {
        return Arrays.stream(values()).filter(s -> s.code.equals(code)).findFirst();
    }
}
