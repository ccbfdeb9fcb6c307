package crux.core;

/** Over a named limit (posting, flagging, the write budget, busy hashing): try again after the given time. */
public non-sealed class OverLimit extends Refusal {

    private final long retryAfterSeconds;

    public OverLimit(String message, long retryAfterSeconds) {
        super(message);
        this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** "in 3 minutes", for refusal messages (the Retry-After header carries the exact seconds). */
    public static String in(long seconds) {
        long minutes = (seconds + 59) / 60;
        return "in " + minutes + (minutes == 1 ? " minute" : " minutes");
    }
}
