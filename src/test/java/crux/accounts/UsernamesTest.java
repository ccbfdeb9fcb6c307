package crux.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** What a member may be called: normalised, unique ignoring case, no invisible tricks. */
class UsernamesTest {

    private static Optional<String> problem(String raw) {
        return Usernames.problem(Usernames.normalise(raw));
    }

    @ParameterizedTest
    @CsvSource({
            "ｆｕｌｌｗｉｄｔｈ, fullwidth",
            "ﬁle_reader, file_reader",
            "\uD835\uDC9Clice, Alice",          // MATHEMATICAL SCRIPT CAPITAL A
            "Zoe\u0308, Zoë",                    // e + combining diaeresis composes to ë
            "'  padded  ', padded",
            "x\u00B2y, x2y"})
    void namesAreNfkcNormalised(String raw, String expected) {
        assertThat(Usernames.normalise(raw)).isEqualTo(expected);
        assertThat(problem(raw)).isEmpty();
    }

    @Test
    void theUniquenessKeyIgnoresCaseIncludingSharpSAndSigma() {
        assertThat(Usernames.key("Alice")).isEqualTo(Usernames.key("ALICE")).isEqualTo(Usernames.key("alice"));
        assertThat(Usernames.key("Straße")).isEqualTo(Usernames.key("STRASSE")).isEqualTo("strasse");
        assertThat(Usernames.key("ΣΟΦΙΑ")).isEqualTo(Usernames.key("σοφια"));
        assertThat(Usernames.key("Οδυσσεύς")).isEqualTo(Usernames.key("ΟΔΥΣΣΕΎΣ"));
        // fullwidth letters become the plain ones before the key is taken
        assertThat(Usernames.key(Usernames.normalise("ＡＬＩＣＥ"))).isEqualTo(Usernames.key("alice"));
        assertThat(Usernames.key("alice")).isNotEqualTo(Usernames.key("alicia"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "ali\u200Bce",   // ZERO WIDTH SPACE
            "ali\u200Cce",   // ZERO WIDTH NON-JOINER
            "ali\u200Dce",   // ZERO WIDTH JOINER
            "ali\u2060ce",   // WORD JOINER
            "ali\uFEFFce",   // BYTE ORDER MARK / ZWNBSP
            "\u202Eecila",   // RIGHT-TO-LEFT OVERRIDE
            "ali\u202Dce",   // LEFT-TO-RIGHT OVERRIDE
            "ali\u200Fce",   // RIGHT-TO-LEFT MARK
            "ali\u200Ece",   // LEFT-TO-RIGHT MARK
            "ali\u061Cce",   // ARABIC LETTER MARK
            "ali\u2067ce",   // RIGHT-TO-LEFT ISOLATE
            "ali\u00ADce",   // SOFT HYPHEN
            "ali\u3164ce",   // HANGUL FILLER
            "ali\u2800ce",   // BRAILLE PATTERN BLANK
            "ali\u0000ce",
            "\u200Balice"})
    void invisibleAndBidiControlCharactersAreRefused(String raw) {
        assertThat(problem(raw)).hasValueSatisfying(p -> assertThat(p).contains("invisible"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"admin", "Admin", "ADMIN", "ａｄｍｉｎ", "Moderator", "crux", "root", "deleted-12", "Deleted-1"})
    void reservedNamesAreRefusedInAnyCase(String raw) {
        assertThat(problem(raw)).hasValueSatisfying(p -> assertThat(p).contains("reserved"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "a_b-c", "Zoë", "Ólafur", "李小龙", "Дмитрий", "user42", "4242", "x-y_z",
            "aaaaaaaaaaaaaaaaaaaaaaaa"}) // 24
    void lettersDigitsUnderscoreAndHyphenAreAllowed(String name) {
        assertThat(problem(name)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"-abc", "_abc", "a b", "a.b", "a@b", "<script>", "abc😀", "a/b", "a\\b", "ab'c", "a+b"})
    void otherCharactersAreRefused(String raw) {
        assertThat(problem(raw)).hasValueSatisfying(p -> assertThat(p).contains("letters, digits"));
    }

    @Test
    void lengthIsCountedInCodePoints() {
        String cjkB = "\uD840\uDC00"; // U+20000, a letter outside the BMP: one code point, two UTF-16 units
        assertThat(problem("ab")).hasValueSatisfying(p -> assertThat(p).isEqualTo("Use 3 to 24 characters."));
        assertThat(problem("abc")).isEmpty();
        assertThat(problem("a".repeat(24))).isEmpty();
        assertThat(problem("a".repeat(25))).hasValueSatisfying(p -> assertThat(p).isEqualTo("Use 3 to 24 characters."));
        // two code points are too short even though they are four UTF-16 units
        assertThat(problem(cjkB.repeat(2))).hasValueSatisfying(p -> assertThat(p).isEqualTo("Use 3 to 24 characters."));
        assertThat(problem(cjkB.repeat(3))).isEmpty();
        // 24 code points are fine although they are 48 UTF-16 units
        assertThat(problem(cjkB.repeat(24))).isEmpty();
        assertThat(problem(cjkB.repeat(25))).hasValueSatisfying(p -> assertThat(p).isEqualTo("Use 3 to 24 characters."));
    }

    @Test
    void anEmptyNameAsksForOne() {
        assertThat(problem("")).hasValue("Choose a name.");
        assertThat(problem("   ")).hasValue("Choose a name.");
        assertThat(Usernames.normalise(null)).isEmpty();
    }
}
