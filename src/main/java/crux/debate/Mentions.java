package crux.debate;

import crux.accounts.Usernames;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The members a comment mentions as {@code @name}. Pure: text in, name keys out. */
public final class Mentions {

    /** A comment that names more people than this is a broadcast, not a conversation: the rest are not told. */
    public static final int MAX_NOTIFIED = 5;

    /** Past this many different names a comment is a list, not a conversation: the rest stay plain text. */
    public static final int MAX_LINKED = 50;

    /** "@" then a member name (see {@link Usernames}); not inside a word or an e-mail address. */
    public static final Pattern MENTION = Pattern.compile(
            "(?<![\\p{L}\\p{M}\\p{Nd}_@./-])@([\\p{L}\\p{Nd}][\\p{L}\\p{M}\\p{Nd}_-]{0,"
                    + (Usernames.MAX_LENGTH * 2) + "})");

    private Mentions() {
    }

    /** The case-folded name keys mentioned in {@code text}, first mention first, at most {@link #MAX_NOTIFIED}. */
    public static Set<String> keys(String text) {
        return keys(text, MAX_NOTIFIED);
    }

    /** The case-folded name keys mentioned in {@code text}, first mention first, at most {@code max}. */
    public static Set<String> keys(String text, int max) {
        Set<String> keys = new LinkedHashSet<>();
        Matcher m = MENTION.matcher(text == null ? "" : text);
        while (m.find() && keys.size() < max) {
            String key = key(m.group(1));
            if (key != null) {
                keys.add(key);
            }
        }
        return keys;
    }

    /** The key of a mentioned name (group 1 of {@link #MENTION}), or null when no member could have that name. */
    public static String key(String mentioned) {
        String name = Usernames.normalise(mentioned);
        return Usernames.problem(name).isEmpty() ? Usernames.key(name) : null;
    }
}
