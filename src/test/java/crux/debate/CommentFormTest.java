package crux.debate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CommentFormTest {

    @Test
    void aValidArgumentHasABodyAndASide() {
        CommentForm form = CommentForm.argument("The data says otherwise.", "opposes");
        assertThat(form.valid()).isTrue();
        assertThat(form.body()).isEqualTo("The data says otherwise.");
        assertThat(form.side()).isEqualTo(Side.OPPOSES);
    }

    @Test
    void anArgumentNeedsAKnownSide() {
        assertThat(CommentForm.argument("text", null).errors()).containsOnlyKeys("side");
        assertThat(CommentForm.argument("text", "neutral").errors()).containsOnlyKeys("side");
        assertThat(CommentForm.argument("text", "SUPPORTS").errors()).containsOnlyKeys("side");
    }

    @Test
    void aReplyHasNoSide() {
        CommentForm form = CommentForm.reply("Source?");
        assertThat(form.valid()).isTrue();
        assertThat(form.side()).isNull();
    }

    @Test
    void theBodyIsRequired() {
        for (String blank : new String[] {null, "", "   ", "\n\n\t", "\u200B\u200B", "\u3164", "\u0000\u202E"}) {
            assertThat(CommentForm.reply(blank).errors()).as("%s", blank).isEqualTo(Map.of("body", "Write something."));
        }
    }

    @Test
    void bothErrorsAreReportedAtOnceInFieldOrder() {
        assertThat(CommentForm.argument(" ", "x").errors().keySet()).containsExactly("body", "side");
    }

    @Test
    void theBodyMayBeExactlyTheLimitButNotMore() {
        assertThat(CommentForm.reply("a".repeat(CommentForm.MAX_LENGTH)).valid()).isTrue();
        CommentForm tooLong = CommentForm.reply("a".repeat(CommentForm.MAX_LENGTH + 1));
        assertThat(tooLong.errors().get("body")).isEqualTo("Keep it under 10,000 characters (this is 10,001).");
        // returned as typed, so the member can shorten it rather than retype it
        assertThat(tooLong.body()).hasSize(CommentForm.MAX_LENGTH + 1);
    }

    @Test
    void lengthIsCountedAfterCleaning() {
        String padded = "a".repeat(CommentForm.MAX_LENGTH) + "\u0000".repeat(50) + "\n\n   ";
        assertThat(CommentForm.reply(padded).valid()).isTrue();
        assertThat(CommentForm.reply("a\r\n".repeat(CommentForm.MAX_LENGTH / 2)).valid()).isTrue();
    }

    @Test
    void theBodyIsStoredCleaned() {
        CommentForm form = CommentForm.reply("\n\n  \n    code first\r\nthen text\u202E\u0007  \n\n");
        assertThat(form.body()).isEqualTo("    code first\nthen text");
    }

    @Test
    void errorsCannotBeChangedAfterwards() {
        CommentForm form = CommentForm.reply("");
        assertThatThrownBy(() -> form.errors().clear())
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
