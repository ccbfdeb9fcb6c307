package crux.core;

/**
 * Something the domain will not do, with a message written for the person who asked. Domain code knows nothing of
 * HTTP: the web edge maps each kind to its status, once. No stack trace is taken:
 * a refusal is an answer, not a failure.
 */
public abstract sealed class Refusal extends RuntimeException
        permits NotFound, Conflict, NotAllowed, Invalid, Malformed, OverLimit {

    protected Refusal(String message) {
        super(message, null, false, false);
    }
}
