package crux.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;

/**
 * Checks a record whose {@code equals} and {@code hashCode} are written out by hand (for speed, where the generated
 * ones are too slow): equal components make equal records with equal hashes, and every component counts — a record
 * that differs in any one, or has null there, is not equal and (for a changed value) hashes differently.
 */
public final class RecordEquality {

    private RecordEquality() {
    }

    /** {@code values}: one per component, in order, none null; enums need at least two constants. */
    public static <R extends Record> void assertEveryComponentCounts(Class<R> type, Object... values) {
        assertEveryComponentCounts(type, true, values);
    }

    /** As {@link #assertEveryComponentCounts}, for a record whose components are never null. */
    public static <R extends Record> void assertEveryComponentCountsNeverNull(Class<R> type, Object... values) {
        assertEveryComponentCounts(type, false, values);
    }

    private static <R extends Record> void assertEveryComponentCounts(Class<R> type, boolean nulls, Object[] values) {
        RecordComponent[] components = type.getRecordComponents();
        assertThat(values).hasSameSizeAs(components);
        R base = make(type, values);
        R same = make(type, values.clone());
        assertThat(base).isEqualTo(same).hasSameHashCodeAs(same).isNotSameAs(same);
        assertThat(base).isNotEqualTo(null).isNotEqualTo("a string");
        for (int i = 0; i < components.length; i++) {
            String name = components[i].getName();
            Object[] changed = values.clone();
            changed[i] = other(changed[i]);
            R row = make(type, changed);
            assertThat(row).as(name).isNotEqualTo(base);
            assertThat(base).as(name).isNotEqualTo(row);
            assertThat(row.hashCode()).as(name).isNotEqualTo(base.hashCode());
            if (nulls && !components[i].getType().isPrimitive()) {
                Object[] nulled = values.clone();
                nulled[i] = null;
                assertThat(make(type, nulled)).as(name + " null").isNotEqualTo(base);
                assertThat(make(type, nulled)).as(name + " null, twice").isEqualTo(make(type, nulled.clone()))
                        .hasSameHashCodeAs(make(type, nulled.clone()));
            }
        }
    }

    private static <R extends Record> R make(Class<R> type, Object[] values) {
        Class<?>[] types = Arrays.stream(type.getRecordComponents()).map(RecordComponent::getType)
                .toArray(Class<?>[]::new);
        try {
            Constructor<R> c = type.getDeclaredConstructor(types);
            c.setAccessible(true); // a private key record of the class under test
            return c.newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("cannot make a " + type.getSimpleName(), e);
        }
    }

    /** The same record with its first component changed. */
    @SuppressWarnings("unchecked")
    private static <R extends Record> R otherRecord(R r) {
        RecordComponent[] components = r.getClass().getRecordComponents();
        Object[] values = new Object[components.length];
        try {
            for (int i = 0; i < components.length; i++) {
                components[i].getAccessor().setAccessible(true);
                values[i] = components[i].getAccessor().invoke(r);
            }
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
        values[0] = other(values[0]);
        return make((Class<R>) r.getClass(), values);
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
        } else if (v instanceof LocalDate d) {
            return d.plusDays(1);
        } else if (v instanceof Record r) {
            return otherRecord(r);
        } else if (v instanceof Enum<?> e) {
            Object[] all = e.getDeclaringClass().getEnumConstants();
            return all[(e.ordinal() + 1) % all.length];
        }
        throw new IllegalArgumentException("no other value for " + v.getClass());
    }
}
