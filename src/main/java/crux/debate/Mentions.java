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

    /** "@" then a member name (see {@link Usernames}); not inside a word or an e-mail address. */
    private static final Pattern MENTION = Pattern.compile(
            "(?<![\\p{L}\\p{M}\\p{Nd}_@./-])@([\\p{L}\\p{Nd}][\\p{L}\\p{M}\\p{Nd}_-]{0,"
                    + (Usernames.MAX_LENGTH * 2) + "})");

    private Mentions() {
    }

    /** The case-folded name keys mentioned in {@code text}, first mention first, at most {@link #MAX_NOTIFIED}. */
    public static Set<String> keys(String text) {
        Set<String> keys = new LinkedHashSet<>();
        Matcher m = MENTION.matcher(text == null ? "" : text);
        while (m.find() && keys.size() < MAX_NOTIFIED) {
            String name = Usernames.normalise(m.group(1));
            if (Usernames.problem(name).isEmpty()) {
                keys.add(Usernames.key(name));
            }
        }
        return keys;
    }
}
