package crux.testing;

import java.util.regex.Pattern;
import org.assertj.core.api.AbstractStringAssert;

/**
 * String assertions that match a phrase only as whole words and whole numbers: a plain {@code contains("0 % agree")}
 * also passes on "100 % agree", and {@code contains("1 argument")} on "11 arguments".
 */
public final class Text extends AbstractStringAssert<Text> {

    private Text(String actual) {
        super(actual, Text.class);
    }

    /** Entry point, named apart from AssertJ's {@code assertThat} so both can be imported statically. */
    public static Text assertThatText(String actual) {
        return new Text(actual);
    }

    /** True when {@code phrase} occurs in {@code text} with no letter or digit (or decimal point) glued to either end. */
    public static boolean hasPhrase(String text, String phrase) {
        return pattern(phrase).matcher(text).find();
    }

    private static Pattern pattern(String phrase) {
        return Pattern.compile("(?<![\\p{L}\\p{N}]|[\\p{N}][.,])" + Pattern.quote(phrase) + "(?![\\p{L}\\p{N}]|[.,][\\p{N}])");
    }

    /** Each phrase occurs as whole words/numbers. */
    public Text containsPhrases(String... phrases) {
        isNotNull();
        for (String phrase : phrases) {
            if (!hasPhrase(actual, phrase)) {
                failWithMessage("Expecting%n  \"%s\"%nto contain the whole phrase%n  \"%s\"%n(not merely as part of a longer number or word)",
                        actual, phrase);
            }
        }
        return this;
    }

    /** No phrase occurs as whole words/numbers. */
    public Text doesNotContainPhrases(String... phrases) {
        isNotNull();
        for (String phrase : phrases) {
            if (hasPhrase(actual, phrase)) {
                failWithMessage("Expecting%n  \"%s\"%nnot to contain the whole phrase%n  \"%s\"", actual, phrase);
            }
        }
        return this;
    }
}
