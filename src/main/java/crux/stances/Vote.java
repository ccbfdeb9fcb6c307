package crux.stances;

import crux.core.Stance;
import java.util.Objects;

/** Member {@code memberId}'s current stance on item {@code itemId}: one row of the stances table. */
public record Vote(long memberId, long itemId, Stance stance) {

    public Vote {
        Objects.requireNonNull(stance, "stance");
    }
}
