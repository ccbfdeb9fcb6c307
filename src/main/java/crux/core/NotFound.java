package crux.core;

/** The thing asked for does not exist (or no longer does, or may not be seen by this member). */
public final class NotFound extends Refusal {

    public static final String MESSAGE =
            "There is nothing at this address. It may have been mistyped, or the thing it pointed to no longer exists.";

    public NotFound() {
        super(MESSAGE);
    }
}
