package crux.core;

/** This member may not do this, for the reason given. */
public final class NotAllowed extends Refusal {

    public NotAllowed(String message) {
        super(message);
    }
}
