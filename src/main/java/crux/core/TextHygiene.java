package crux.core;

/**
 * Cleans what a person typed (member or staff) before it is validated, stored or rendered: the web side's form reader
 * applies it to every text field, so one rule holds at the door. Every rule here removes something a reader cannot
 * see but that changes what they see (a line ending style, an invisible control, a direction override that reorders
 * the text around it) or that some output cannot carry (a noncharacter, which XML forbids or discourages). Outputs
 * that must be well-formed whatever is stored (Atom) also pass text through {@link #xml}.
 */
public final class TextHygiene {

    private TextHygiene() {
    }

    /**
     * Line endings become {@code \n}; C0 controls other than tab and newline, DEL and C1 controls are removed
     * (they are invisible, never typed on purpose, and NUL or C1 are not even valid in HTML text); bidi
     * embeddings, overrides and isolates are removed (they can reverse the text that follows — in a name, a
     * link or the page around an unclosed one — and right-to-left writing does not need them: the Unicode
     * bidi algorithm orders Arabic or Hebrew from the letters themselves). Unpaired surrogates are removed.
     * The marks U+200E and U+200F stay: they embed nothing and mixed-direction text uses them. Noncharacters
     * (U+FDD0..U+FDEF and the last two code points of every plane) are removed: Unicode reserves them for a
     * program's internal use, no keyboard types them, and XML cannot carry U+FFFE or U+FFFF.
     */
    public static String clean(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\r') {
                out.append('\n');
                if (i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                char low = text.charAt(++i);
                if (!nonCharacter(Character.toCodePoint(c, low))) {
                    out.append(c).append(low);
                }
            } else if (!removed(c)) {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean removed(char c) {
        return (c < 0x20 && c != '\n' && c != '\t')
                || (c >= 0x7F && c <= 0x9F)
                || (c >= '\u202A' && c <= '\u202E')
                || (c >= '\u2066' && c <= '\u2069')
                || Character.isSurrogate(c)
                || nonCharacter(c);
    }

    /** The 66 noncharacters: U+FDD0..U+FDEF, and U+xFFFE and U+xFFFF in each of the 17 planes. */
    static boolean nonCharacter(int cp) {
        return (cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE;
    }

    /**
     * Text an XML document can carry (null stays null): what {@link #clean} removes. For outputs that must stay
     * well-formed whatever is stored, including text stored before the rule at the door: one bad character would
     * otherwise make a feed unreadable for everyone.
     */
    public static String xml(String text) {
        return text == null ? null : clean(text);
    }

    /**
     * True when nothing would be visible: only whitespace, format characters (zero-width spaces and joiners,
     * the byte-order mark) and the blank-looking letters spammers use to post "empty" comments.
     */
    public static boolean invisible(String text) {
        return text.codePoints().allMatch(cp -> Character.isWhitespace(cp) || Character.isSpaceChar(cp)
                || Character.getType(cp) == Character.FORMAT
                || cp == 0x115F || cp == 0x1160 || cp == 0x3164 || cp == 0xFFA0 || cp == 0x2800);
    }
}
