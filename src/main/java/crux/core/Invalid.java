package crux.core;

/** What was entered breaks a rule (too long, out of range, not one of the choices): the message says which. */
public final class Invalid extends Refusal {

    public Invalid(String message) {
        super(message);
    }
}
