package crux.core;

/** The request itself cannot be used (a stale form, a required value missing), as opposed to a rule it breaks. */
public final class Malformed extends Refusal {

    public Malformed(String message) {
        super(message);
    }
}
