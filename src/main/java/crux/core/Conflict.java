package crux.core;

/** The request no longer fits the state of things: someone acted first, or it was already done. */
public final class Conflict extends Refusal {

    public Conflict(String message) {
        super(message);
    }
}
