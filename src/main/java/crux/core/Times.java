package crux.core;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How the debate shows times: one absolute form for everyone, in UTC, so a quoted time means the same to all. */
public final class Times {

    private static final DateTimeFormatter LABEL = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm 'UTC'",
            Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private Times() {
    }

    public static String iso(Instant t) {
        return t == null ? null : DateTimeFormatter.ISO_INSTANT.format(t);
    }

    public static String label(Instant t) {
        return t == null ? null : LABEL.format(t);
    }
}
