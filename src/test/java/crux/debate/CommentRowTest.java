package crux.debate;

import crux.testing.RecordEquality;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * A comment's row is the key its kept rendering is found by, and its equality is written out by hand: every component
 * must count, or a changed comment (an edit, a vote, a moderation) would be served as it was.
 */
class CommentRowTest {

    @Test
    void everyComponentCountsInEqualityAndHash() {
        Instant t = Instant.parse("2026-12-06T10:00:00Z");
        RecordEquality.assertEveryComponentCounts(CommentRow.class, 7L, 3L, 5L, 1, Side.SUPPORTS, 11L, "ada", false,
                "<p>hi</p>", t, t.plusSeconds(60), false, true, 4, 2, 1, 3, 0.25, 1, "visible", "reason");
    }
}
