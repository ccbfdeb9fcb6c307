package crux.markdown;

import crux.core.TextHygiene;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Which link destinations Markdown may carry: absolute http, https and mailto URLs, nothing else. */
public final class LinkPolicy {

    /** Schemes a reader can safely follow; javascript:, data:, vbscript: and the rest can run code or fake a page. */
    static final Set<String> SCHEMES = Set.of("http", "https", "mailto");

    private static final Pattern SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.\\-]*):");
    private static final Pattern TAB_OR_NEWLINE = Pattern.compile("[\\t\\n\\r]");

    private LinkPolicy() {
    }

    /**
     * The destination as a browser would read it (the URL standard drops every tab and newline and trims C0
     * controls and spaces at both ends, so {@code java\tscript:} is javascript:), or null when its scheme is
     * not allowed. Relative and scheme-relative URLs are refused too: a comment has no reason to point into
     * the site by path, and refusing them leaves one rule to audit. What {@link TextHygiene#clean} removes from
     * text goes from the URL too: an entity in the Markdown ({@code &#x202E;}) can put a direction override in
     * a destination, and a status bar or tooltip would show the address reordered.
     */
    public static String safe(String destination) {
        if (destination == null) {
            return null;
        }
        String url = trimC0(TAB_OR_NEWLINE.matcher(TextHygiene.clean(destination)).replaceAll(""));
        Matcher m = SCHEME.matcher(url);
        if (!m.find() || !SCHEMES.contains(m.group(1).toLowerCase(Locale.ROOT))) {
            return null;
        }
        return url;
    }

    private static String trimC0(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && s.charAt(start) <= ' ') {
            start++;
        }
        while (end > start && s.charAt(end - 1) <= ' ') {
            end--;
        }
        return s.substring(start, end);
    }
}
