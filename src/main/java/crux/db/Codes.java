package crux.db;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Enums stored as their lower-case names ('agree', 'yes'): one spelling rule for every coded column and form value. */
public final class Codes {

    private Codes() {
    }

    public static String of(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    /** Each enum's constants by code, built once per enum: parsing runs on hot paths (every session, every forecast). */
    private static final ClassValue<Map<String, Enum<?>>> BY_CODE = new ClassValue<>() {
        @Override
        protected Map<String, Enum<?>> computeValue(Class<?> type) {
            Map<String, Enum<?>> byCode = new HashMap<>();
            for (Object constant : type.getEnumConstants()) {
                byCode.put(of((Enum<?>) constant), (Enum<?>) constant);
            }
            return Map.copyOf(byCode);
        }
    };

    /** The constant spelled {@code code}, or empty for anything else (form input included). */
    public static <E extends Enum<E>> Optional<E> parse(Class<E> type, String code) {
        return code == null ? Optional.empty() : Optional.ofNullable(type.cast(BY_CODE.get(type).get(code)));
    }
}
