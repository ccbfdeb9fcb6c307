package crux.db;

import java.util.Locale;
import java.util.Optional;

/** Enums stored as their lower-case names ('agree', 'yes'): one spelling rule for every coded column and form value. */
public final class Codes {

    private Codes() {
    }

    public static String of(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    /** The constant spelled {@code code}, or empty for anything else (form input included). */
    public static <E extends Enum<E>> Optional<E> parse(Class<E> type, String code) {
        for (E e : type.getEnumConstants()) {
            if (of(e).equals(code)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }
}
