package crux.core;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * A value worked out by the first caller that needs it, while callers arriving meanwhile wait for it rather than work
 * it out too: for what a kept page section reads only when a view needs it. Null is not a value (the supplier must
 * return one).
 */
public final class Once<T> implements Supplier<T> {

    private final Supplier<T> supplier;
    private volatile T value;

    public Once(Supplier<T> supplier) {
        this.supplier = supplier;
    }

    @Override
    public T get() {
        T v = value;
        if (v == null) {
            synchronized (this) {
                v = value;
                if (v == null) {
                    value = v = Objects.requireNonNull(supplier.get(), "a Once's supplier returned null");
                }
            }
        }
        return v;
    }
}
