package crux.debate;

import crux.core.TextHygiene;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The comment form, checked. {@code body} is the cleaned text to store (and to show again in the form when
 * there are errors); {@code side} is null for a reply; {@code errors} maps a field name to its message.
 * Invisible characters are removed silently rather than refused (see {@link TextHygiene#clean}): a member
 * cannot see them to delete them, and they mostly arrive by pasting.
 */
public record CommentForm(String body, Side side, Map<String, String> errors) {

    /** The longest comment: a long argument with sources fits; an essay belongs in a link. */
    public static final int MAX_LENGTH = 10_000;

    private static final Pattern LEADING_BLANK_LINES = Pattern.compile("^(?:[ \\t]*\\n)+");

    public CommentForm {
        errors = Collections.unmodifiableMap(new LinkedHashMap<>(errors)); // field order, for an error summary
    }

    /** A top-level argument: a body and a side. */
    public static CommentForm argument(String body, String sideCode) {
        Map<String, String> errors = new LinkedHashMap<>();
        String cleaned = body(body, errors);
        Side side = Side.fromCode(sideCode).orElse(null);
        if (side == null) {
            errors.put("side", "Choose whether your argument supports, opposes or questions the item.");
        }
        return new CommentForm(cleaned, side, errors);
    }

    /** A reply: a body only. */
    public static CommentForm reply(String body) {
        Map<String, String> errors = new LinkedHashMap<>();
        return new CommentForm(body(body, errors), null, errors);
    }

    public boolean valid() {
        return errors.isEmpty();
    }

    /**
     * Cleans {@code raw}, drops blank lines before the first line of text and whitespace after the last (the
     * first line keeps its indentation, which means something in Markdown), and checks what is left. Length
     * counts UTF-16 units, as a textarea's maxlength does, so the browser and the server agree.
     */
    private static String body(String raw, Map<String, String> errors) {
        String text = LEADING_BLANK_LINES.matcher(TextHygiene.clean(raw)).replaceFirst("").stripTrailing();
        if (TextHygiene.invisible(text)) {
            errors.put("body", "Write something.");
        } else if (text.length() > MAX_LENGTH) {
            errors.put("body", "Keep it under " + String.format(Locale.ROOT, "%,d", MAX_LENGTH)
                    + " characters (this is " + String.format(Locale.ROOT, "%,d", text.length()) + ").");
        }
        return text;
    }
}
