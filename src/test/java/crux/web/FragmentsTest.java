package crux.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The pure parts of {@link Fragments}: splitting a rendering at its slots, filling them, splicing the token in. */
class FragmentsTest {

    @Test
    void aRenderingSplitsAtItsSlotsAndFillsBackInOrder() {
        String html = "<p>a" + Fragments.marker("standing", 3) + "b</p>" + Fragments.marker("entry", 12) + "<i>c</i>";
        Fragments.Slotted s = Fragments.Slotted.parse(html);
        assertThat(s.parts()).containsExactly("<p>a", "b</p>", "<i>c</i>");
        assertThat(s.slots()).containsExactly(new Fragments.Slotted.Slot("standing", 3), new Fragments.Slotted.Slot("entry", 12));
        assertThat(s.fill(slot -> "[" + slot.name() + slot.id() + "]")).isEqualTo("<p>a[standing3]b</p>[entry12]<i>c</i>");
        assertThat(s.fill(slot -> "", String::toUpperCase)).isEqualTo("<P>AB</P><I>C</I>");
    }

    @Test
    void withoutSlotsTheRenderingIsOnePart() {
        Fragments.Slotted s = Fragments.Slotted.parse("<p>plain <!-- a comment --></p>");
        assertThat(s.slots()).isEmpty();
        assertThat(s.fill(slot -> "never")).isEqualTo("<p>plain <!-- a comment --></p>");
    }

    @Test
    void theTokenReplacesEveryPlaceholderEscapedAndNothingElse() {
        String form = "<input name=\"_csrf\" value=\"" + Fragments.CSRF_SLOT + "\"><meta content=\""
                + Fragments.CSRF_SLOT + "\"><p>crux-csrf</p>";
        assertThat(Fragments.withCsrf(form, "abc_-123"))
                .isEqualTo("<input name=\"_csrf\" value=\"abc_-123\"><meta content=\"abc_-123\"><p>crux-csrf</p>");
        assertThat(Fragments.withCsrf(form, "a\"<b")).doesNotContain("a\"<b").contains("a&quot;&lt;b");
        assertThat(Fragments.withCsrf(form, null)).doesNotContain(Fragments.CSRF_SLOT);
        assertThat(List.of(Fragments.withCsrf("no token here", "x"))).containsExactly("no token here");
    }
}
