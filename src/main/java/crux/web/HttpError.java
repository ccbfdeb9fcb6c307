package crux.web;

import crux.core.NotFound;

/**
 * A request that cannot be served, with the status and a message written for the person who sent it.
 * Mapped once to a friendly error page by {@link ErrorPages}; never carries internals.
 */
public class HttpError extends RuntimeException {

    private final int status;
    private final long retryAfterSeconds;

    public HttpError(int status, String message) {
        this(status, message, 0);
    }

    public HttpError(int status, String message, long retryAfterSeconds) {
        super(message, null, false, false);
        this.status = status;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public int status() {
        return status;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public static HttpError notFound() {
        return new HttpError(404, NotFound.MESSAGE);
    }

    public static HttpError badRequest(String message) {
        return new HttpError(400, message);
    }

    public static HttpError forbidden(String message) {
        return new HttpError(403, message);
    }

    public static HttpError conflict(String message) {
        return new HttpError(409, message);
    }

    public static HttpError tooManyRequests(String message, long retryAfterSeconds) {
        return new HttpError(429, message, Math.max(1, retryAfterSeconds));
    }
}
