package crux.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The pure parts of {@link Fragments}: splitting a rendering at its slots and token slots, writing it back out. */
class FragmentsTest {

    private static String write(Fragments.Slotted s, String csrf, Fragments.Filler fill) {
        Fragments.Out out = new Fragments.Out(0); // grows as written
        s.writeTo(out, Fragments.token(csrf), fill);
        return out.toString();
    }

    private static void text(Fragments.Out out, String text) {
        out.write(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aRenderingSplitsAtItsSlotsAndFillsBackInOrder() {
        String html = "<p>a" + Fragments.marker("standing", 3) + "b</p>" + Fragments.marker("entry", 12) + "<i>c</i>";
        Fragments.Slotted s = Fragments.Slotted.parse(html);
        assertThat(s.parts()).extracting(Object::toString).containsExactly("<p>a", "b</p>", "<i>c</i>");
        assertThat(s.slots()).containsExactly(new Fragments.Slotted.Slot("standing", 3), new Fragments.Slotted.Slot("entry", 12));
        assertThat(write(s, "t", (slot, out) -> text(out, "[" + slot.name() + slot.id() + "]")))
                .isEqualTo("<p>a[standing3]b</p>[entry12]<i>c</i>");
    }

    @Test
    void withoutSlotsTheRenderingIsOnePart() {
        Fragments.Slotted s = Fragments.Slotted.parse("<p>plain <!-- a comment --></p>");
        assertThat(s.slots()).isEmpty();
        assertThat(write(s, null, (slot, out) -> text(out, "never"))).isEqualTo("<p>plain <!-- a comment --></p>");
    }

    @Test
    void theTokenFillsEveryTokenSlotEscapedAndNothingElse() {
        String form = "<input name=\"_csrf\" value=\"" + Fragments.CSRF_SLOT + "\"><meta content=\""
                + Fragments.CSRF_SLOT + "\"><p>crux-csrf</p>";
        Fragments.Html html = Fragments.Html.of(form);
        assertThat(written(html, "abc_-123"))
                .isEqualTo("<input name=\"_csrf\" value=\"abc_-123\"><meta content=\"abc_-123\"><p>crux-csrf</p>");
        assertThat(written(html, "a\"<b")).doesNotContain("a\"<b").contains("a&quot;&lt;b");
        assertThat(written(html, null)).doesNotContain(Fragments.CSRF_SLOT).contains("value=\"\"");
        assertThat(html.toString()).isEqualTo(form);
        assertThat(written(Fragments.Html.of("no token here"), "x")).isEqualTo("no token here");
        // slots at either end, and text outside ASCII, kept byte for byte
        assertThat(written(Fragments.Html.of(Fragments.CSRF_SLOT + "–é✓" + Fragments.CSRF_SLOT), "k")).isEqualTo("k–é✓k");
        assertThat(Fragments.Html.of("–é✓").bytes()).isEqualTo("–é✓".getBytes(StandardCharsets.UTF_8).length);
    }

    @Test
    void aReusedBufferHoldsOnlyThePageWrittenSinceItsReset() throws Exception {
        Fragments.Out out = new Fragments.Out(256);
        text(out, "x".repeat(1000)); // grown past its first array
        assertThat(out.stream().readAllBytes()).hasSize(1000);
        text(out.reset(4096), "second – é");
        assertThat(new String(out.stream().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("second – é");
        // a page larger than what a buffer may keep: the next one starts in a fresh array of the kept size
        text(out.reset(16), "0123456789abcdef0123");
        text(out.reset(16), "short");
        assertThat(new String(out.stream().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("short");
        assertThat(out.toByteArray()).hasSize(5);
    }

    private static String written(Fragments.Html html, String csrf) {
        Fragments.Out out = new Fragments.Out(1);
        html.writeTo(out, Fragments.token(csrf));
        return out.toString();
    }

    /** Text written from a builder is the same UTF-8 as String.getBytes makes, whatever its characters and length. */
    @Test
    void textFromABuilderIsEncodedAsUtf8ChunkByChunk() {
        StringBuilder text = new StringBuilder("<p>Plain ASCII, “quotes”, é, 中文 and 😀</p>");
        // past one chunk (8,192 characters), with a surrogate pair astride each chunk boundary
        while (text.length() < 30_000) {
            text.append("x".repeat(8_191 - text.length() % 8_192)).append("😀").append("—ü");
        }
        text.append('\uD800').append("lone high surrogate, then a lone low ").append('\uDC00');
        for (int[] range : new int[][] {{0, text.length()}, {3, 8_200}, {8_191, 8_193}, {5, 5}}) {
            Fragments.Out out = new Fragments.Out(16); // grows as it goes
            out.write(new byte[] {'>'});
            out.write(text, range[0], range[1]);
            byte[] expected = (">" + text.substring(range[0], range[1])).getBytes(StandardCharsets.UTF_8);
            assertThat(out.toByteArray()).as("characters %d to %d", range[0], range[1]).isEqualTo(expected);
        }
    }
}
