package crux.web;

import crux.core.TextHygiene;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A submitted form: the values to show again and the errors per field. Templates tie each error to its field
 * with aria-describedby; a form with errors is answered 422.
 */
public final class Forms {

    /** The state of a form on a page: values as typed (passwords never echoed) and errors by field. */
    public record State(Map<String, String> values, Map<String, String> errors) {
        public static State empty() {
            return new State(Map.of(), Map.of());
        }

        public String value(String field) {
            return values.getOrDefault(field, "");
        }

        public String error(String field) {
            return errors.get(field);
        }

        public boolean hasError(String field) {
            return errors.containsKey(field);
        }

        public boolean valid() {
            return errors.isEmpty();
        }

        /** The id of the element holding this field's error, for aria-describedby. */
        public String errorId(String field) {
            return errors.containsKey(field) ? field + "-error" : null;
        }
    }

    /** Collects errors while a handler validates a form. */
    public static final class Builder {
        private final Map<String, String> values = new LinkedHashMap<>();
        private final Map<String, String> errors = new LinkedHashMap<>();

        public Builder value(String field, String value) {
            values.put(field, value == null ? "" : value);
            return this;
        }

        public Builder error(String field, String message) {
            errors.putIfAbsent(field, message);
            return this;
        }

        public boolean hasErrors() {
            return !errors.isEmpty();
        }

        public State build() {
            return new State(Map.copyOf(values), Map.copyOf(errors));
        }
    }

    private Forms() {
    }

    /**
     * A form field as text, never null, through the one text-hygiene rule ({@link TextHygiene#clean}: line endings
     * normalised; controls, noncharacters, lone surrogates and bidi overrides removed). Every text a person enters,
     * member or staff, comes through here, so nothing stored can break a page, a feed or an export.
     */
    public static String text(Context ctx, String field) {
        return TextHygiene.clean(ctx.formParam(field));
    }

    /**
     * A field exactly as sent, never null, for values that are not stored as typed text: a password (hashed, never
     * shown; cleaning it would lock out anyone whose password held a character the text rule removes), a value
     * compared with one already stored, or a member's name (its allow-list refuses a hidden character, saying so,
     * rather than have it removed silently from what they chose).
     */
    public static String asSent(Context ctx, String field) {
        String v = ctx.formParam(field);
        return v == null ? "" : v;
    }

    /** Only a path on Crux itself: no scheme, no other host, no protocol-relative or backslash tricks. */
    public static String safeNext(String next) {
        if (next == null || next.isEmpty() || next.length() > 500 || !next.startsWith("/")
                || next.startsWith("//") || next.startsWith("/\\") || next.contains("\\")) {
            return "/";
        }
        for (int i = 0; i < next.length(); i++) {
            char c = next.charAt(i);
            // printable ASCII only: Crux's own links are percent-encoded, and anything else (controls, Unicode
            // line breaks or look-alike slashes) is someone else's idea of where to send the browser
            if (c < 0x21 || c > 0x7e) {
                return "/";
            }
        }
        return next;
    }
}
