package crux.accounts;

import crux.core.TextHygiene;
import java.text.Normalizer;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A member's short bio: plain text shown on their profile (escaped like every text, never read as Markdown or HTML).
 * What arrives has been through {@link TextHygiene#clean} at the door; here it is normalised (NFC, so look-alike
 * sequences compare and count alike), trimmed, runs of blank lines folded, and checked against the limits.
 */
public final class Bio {

    /** A few sentences: a profile's introduction, not a page of its own. */
    public static final int MAX = 300;
    /** Lines at most, so a bio of many short lines cannot push the member's arguments off the screen. */
    public static final int MAX_LINES = 6;

    private static final Pattern BLANK_LINES = Pattern.compile("\n[ \t]*(\n[ \t]*)+");
    private static final Pattern TRAILING_SPACE = Pattern.compile("[ \t]+\n");

    private Bio() {
    }

    /** The bio as it would be stored: empty when nothing visible is left (which clears the bio). */
    public static String normalise(String cleaned) {
        String text = Normalizer.normalize(TextHygiene.clean(cleaned), Normalizer.Form.NFC).strip();
        text = TRAILING_SPACE.matcher(text).replaceAll("\n");
        text = BLANK_LINES.matcher(text).replaceAll("\n\n");
        return TextHygiene.invisible(text) ? "" : text;
    }

    /** Why the normalised bio cannot be stored, if it cannot. */
    public static Optional<String> problem(String normalised) {
        int length = normalised.codePointCount(0, normalised.length());
        if (length > MAX) {
            return Optional.of("Keep your bio to " + MAX + " characters (this one has " + length + ").");
        }
        if (normalised.lines().count() > MAX_LINES) {
            return Optional.of("Keep your bio to " + MAX_LINES + " lines.");
        }
        return Optional.empty();
    }
}
