package crux.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextHygieneTest {

    @Test
    void lineEndingsBecomeNewlines() {
        assertThat(TextHygiene.clean("a\r\nb\rc\nd")).isEqualTo("a\nb\nc\nd");
        assertThat(TextHygiene.clean("a\r\r\nb")).isEqualTo("a\n\nb");
    }

    @Test
    void inputEndingInACarriageReturnEndsInANewline() {
        assertThat(TextHygiene.clean("a\r")).isEqualTo("a\n");
        assertThat(TextHygiene.clean("\r")).isEqualTo("\n");
        assertThat(TextHygiene.clean("a\r\n")).isEqualTo("a\n");
    }

    @Test
    void theRemovedRangesEndWhereTheyShould() {
        // kept either side of each range: space, tilde, no-break space, U+2029, U+202F, U+2065, U+206A
        assertThat(TextHygiene.clean("\u001F \u007E\u007F\u009F\u00A0\u2029\u202A\u202E\u202F\u2065\u2066\u2069\u206A"))
                .isEqualTo(" \u007E\u00A0\u2029\u202F\u2065\u206A");
    }

    @Test
    void aHighSurrogateAtTheEndGoes() {
        assertThat(TextHygiene.clean("a\uD83D")).isEqualTo("a");
    }

    @Test
    void invisibleControlsGoButTabsAndNewlinesStay() {
        assertThat(TextHygiene.clean("a\u0000b\u0007c\u001Bd\u007Fe\u0085f\u009Fg\th\ni")).isEqualTo("abcdefg\th\ni");
    }

    @Test
    void directionOverridesAndIsolatesGoButMarksStay() {
        String all = "\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069";
        assertThat(TextHygiene.clean("evil" + all + "exe")).isEqualTo("evilexe");
        assertThat(TextHygiene.clean("a\u200Eb\u200Fc")).isEqualTo("a\u200Eb\u200Fc");
    }

    @Test
    void rightToLeftWritingIsUntouched() {
        assertThat(TextHygiene.clean("שלום עולם and مرحبا")).isEqualTo("שלום עולם and مرحبا");
    }

    @Test
    void pairedSurrogatesStayAndLoneOnesGo() {
        assertThat(TextHygiene.clean("\uD83D\uDE00")).isEqualTo("\uD83D\uDE00");
        assertThat(TextHygiene.clean("a\uD83Db\uDE00c")).isEqualTo("abc");
    }

    @Test
    void noncharactersGoInEveryPlaneButTheirNeighboursStay() {
        assertThat(TextHygiene.clean("a\uFDD0b\uFDEFc\uFFFEd\uFFFFe")).isEqualTo("abcde");
        String planeOneEnd = new String(Character.toChars(0x1FFFF));
        String lastCodePoint = new String(Character.toChars(0x10FFFF));
        String planeTwoFffe = new String(Character.toChars(0x2FFFE));
        assertThat(TextHygiene.clean("a" + planeOneEnd + "b" + lastCodePoint + "c" + planeTwoFffe + "d"))
                .isEqualTo("abcd");
        String neighbours = "\uFDCF\uFDF0\uFFFD\uFFFC" + new String(Character.toChars(0x1FFFD))
                + new String(Character.toChars(0x10000)) + "\uE000";
        assertThat(TextHygiene.clean(neighbours)).isEqualTo(neighbours);
    }

    @Test
    void everyCodePointCleanTextKeepsIsLegalInXml() {
        StringBuilder all = new StringBuilder();
        for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
            if (!Character.isSurrogate((char) cp) || cp > 0xFFFF) {
                all.appendCodePoint(cp);
            }
        }
        all.append('\uD800').append("x").append('\uDFFF'); // lone surrogates: back to back, they would pair
        String cleaned = TextHygiene.xml(all.toString());
        assertThat(cleaned.codePoints().filter(cp -> !(cp == 0x9 || cp == 0xA || cp >= 0x20 && cp <= 0xD7FF
                || cp >= 0xE000 && cp <= 0xFFFD || cp >= 0x10000 && cp <= 0x10FFFF)).boxed().toList())
                .as("code points XML 1.0 forbids").isEmpty();
        // 29 C0 controls (all but tab, newline and carriage return, which becomes a newline), DEL, 32 C1, 9 bidi
        // controls, 66 noncharacters and both lone surrogates removed; every other code point and the x kept
        int removed = 29 + 1 + 32 + 9 + 66;
        int surrogates = 0x800;
        assertThat(cleaned.codePointCount(0, cleaned.length()))
                .isEqualTo(Character.MAX_CODE_POINT + 1 - surrogates - removed + 1);
    }

    @Test
    void xmlKeepsNullForAbsentValues() {
        assertThat(TextHygiene.xml(null)).isNull();
        assertThat(TextHygiene.xml("plain")).isEqualTo("plain");
    }

    @Test
    void nullIsEmpty() {
        assertThat(TextHygiene.clean(null)).isEmpty();
    }

    @Test
    void invisibleMeansNothingAReaderCouldSee() {
        assertThat(TextHygiene.invisible("")).isTrue();
        assertThat(TextHygiene.invisible(" \t\n\u00A0\u3000")).isTrue();
        assertThat(TextHygiene.invisible("\u200B\u200D\uFEFF\u3164\u2800")).isTrue();
        assertThat(TextHygiene.invisible(" . ")).isFalse();
        assertThat(TextHygiene.invisible("\uD83D\uDE00")).isFalse();
    }
}
