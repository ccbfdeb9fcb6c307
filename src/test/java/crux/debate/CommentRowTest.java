package crux.debate;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * A comment's row is the key its kept rendering is found by, and its equality is written out by hand: every component
 * must count, or a changed comment (an edit, a vote, a moderation) would be served as it was.
 */
class CommentRowTest {

    private static final Instant T = Instant.parse("2026-12-06T10:00:00Z");

    private static Object[] values() {
        return new Object[] {7L, 3L, 5L, 1, Side.SUPPORTS, 11L, "ada", false, "<p>hi</p>", T, T.plusSeconds(60), false,
                true, 4, 2, 1, 3, 0.25, 1, "visible", "reason"};
    }

    /** A value of the same type unlike {@code v}. */
    private static Object other(Object v) {
        if (v instanceof Long l) {
            return l + 1;
        } else if (v instanceof Integer i) {
            return i + 1;
        } else if (v instanceof Boolean b) {
            return !b;
        } else if (v instanceof Double d) {
            return d + 0.5;
        } else if (v instanceof String s) {
            return s + "!";
        } else if (v instanceof Instant i) {
            return i.plusSeconds(1);
        }
        return v == Side.SUPPORTS ? Side.OPPOSES : Side.SUPPORTS;
    }

    private static CommentRow row(Object[] values) throws Exception {
        Class<?>[] types = Arrays.stream(CommentRow.class.getRecordComponents()).map(RecordComponent::getType)
                .toArray(Class<?>[]::new);
        Constructor<CommentRow> c = CommentRow.class.getDeclaredConstructor(types);
        return c.newInstance(values);
    }

    @Test
    void rowsWithTheSameComponentsAreEqualWithTheSameHash() throws Exception {
        CommentRow a = row(values());
        CommentRow b = row(values());
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b).isNotSameAs(b);
        Object[] nulls = values();
        nulls[1] = null;
        nulls[10] = null;
        nulls[20] = null;
        assertThat(row(nulls)).isEqualTo(row(nulls.clone())).hasSameHashCodeAs(row(nulls.clone()));
    }

    @Test
    void everyComponentCountsInEqualityAndHash() throws Exception {
        RecordComponent[] components = CommentRow.class.getRecordComponents();
        assertThat(values()).hasSameSizeAs(components);
        CommentRow base = row(values());
        for (int i = 0; i < components.length; i++) {
            Object[] changed = values();
            changed[i] = other(changed[i]);
            CommentRow row = row(changed);
            assertThat(row).as(components[i].getName()).isNotEqualTo(base);
            assertThat(base).as(components[i].getName()).isNotEqualTo(row);
            assertThat(row.hashCode()).as(components[i].getName()).isNotEqualTo(base.hashCode());
            if (!components[i].getType().isPrimitive()) {
                Object[] nulled = values();
                nulled[i] = null;
                assertThat(row(nulled)).as(components[i].getName() + " null").isNotEqualTo(base);
            }
        }
        assertThat(base).isNotEqualTo(null).isNotEqualTo("a string");
    }
}
