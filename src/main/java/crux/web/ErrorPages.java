package crux.web;

import crux.core.Conflict;
import crux.core.Invalid;
import crux.core.Malformed;
import crux.core.NotAllowed;
import crux.core.NotFound;
import crux.core.OverLimit;
import crux.core.Refusal;
import crux.db.Database;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import java.io.EOFException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.exception.DataAccessException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps every failure to a friendly page with the status and the request id that is also in the log.
 * Nothing from the exception (class, message of a library, SQL, stack) reaches the response.
 */
public final class ErrorPages {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorPages.class);

    /** Seconds a refused request is told to wait while the database cannot be reached. */
    static final long RETRY_AFTER_OUTAGE_SECONDS = 10;
    /** Form fields echoed on a refused POST at most: Crux's forms have a handful. */
    static final int MAX_ECHOED_FIELDS = 20;
    /** Never echoed: passwords are not shown again, even to the person who typed them. */
    static final Set<String> SECRET_FIELDS = Set.of("password", "current", "confirm");
    /** Sent again as they came, but not shown: tokens and where to go next. */
    static final Set<String> HIDDEN_FIELDS = Set.of(Gate.CSRF_FIELD, "token", "next", Htmx.RETURN_FIELD);

    /** What an error page shows; {@code resend} is the refused form, when it can be sent again as it was. */
    public record ErrorPage(int status, String title, String message, String requestId, Resend resend) {
    }

    /** A refused form, to send again: where it went and what was in it. */
    public record Resend(String action, List<Field> fields) {
    }

    /** One field of a refused form; hidden ones are sent again without being shown. */
    public record Field(String name, String value, boolean hidden) {
    }

    public void httpError(HttpError e, Context ctx) {
        if (e.retryAfterSeconds() > 0) {
            ctx.header("Retry-After", Long.toString(e.retryAfterSeconds()));
        }
        render(ctx, e.status(), e.getMessage());
    }

    /** What the domain refused, each kind with its status: the one place where domain words meet HTTP. */
    public void refusal(Refusal e, Context ctx) {
        int status = status(e);
        if (e instanceof OverLimit over) {
            ctx.header("Retry-After", Long.toString(over.retryAfterSeconds()));
        }
        render(ctx, status, e.getMessage());
    }

    /** The status of each kind of refusal. */
    static int status(Refusal e) {
        if (e instanceof NotFound) {
            return 404;
        } else if (e instanceof Conflict) {
            return 409;
        } else if (e instanceof NotAllowed) {
            return 403;
        } else if (e instanceof Invalid) {
            return 422;
        } else if (e instanceof Malformed) {
            return 400;
        }
        return 429; // OverLimit, the last kind Refusal permits
    }

    /** Javalin's own refusals (bad form encoding, body too large, wrong method): their status, our words. */
    public void javalinError(HttpResponseException e, Context ctx) {
        render(ctx, e.getStatus(), defaultMessage(e.getStatus()));
    }

    public void unexpected(Exception e, Context ctx) {
        if (Database.isUnavailable(e)) {
            // an outage, not a bug: said honestly, quickly, once per request and without a stack trace
            LOG.warn("request {} {} {}: the database cannot be reached ({})", requestId(ctx), ctx.method(), ctx.path(),
                    e.getClass().getSimpleName());
            ctx.header("Retry-After", Long.toString(RETRY_AFTER_OUTAGE_SECONDS));
            render(ctx, 503, defaultMessage(503), resend(ctx));
            return;
        }
        if (clientGone(e)) {
            // the client closed the connection mid-request: its doing, one line, and nobody is left to read an answer
            LOG.info("request {} {} {}: the client closed the connection ({})", requestId(ctx), ctx.method(),
                    ctx.path(), e.getClass().getSimpleName());
            ctx.status(400);
            return;
        }
        Integer clientError = badMessage(e);
        if (clientError != null) {
            // a request Jetty could not parse (a broken multipart body, say), surfacing when a form is read: the
            // client's mistake, answered with its 4xx and not logged as our failure
            render(ctx, clientError, defaultMessage(clientError));
            return;
        }
        LOG.error("request {} {} {} failed", requestId(ctx), ctx.method(), ctx.path(), e);
        render(ctx, 500, defaultMessage(500));
    }

    /** Whether an end of input the client caused (Jetty's EofException is one) is anywhere in the chain. */
    static boolean clientGone(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException || t instanceof DataAccessException) {
                return false; // an end of input beneath a database error is the database's connection, not the client's
            }
            if (t instanceof EOFException) {
                return true;
            }
        }
        return false;
    }

    /** The 4xx status of a Jetty BadMessageException anywhere in the chain (Javalin may wrap it), or null. */
    static Integer badMessage(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof org.eclipse.jetty.http.BadMessageException bad && bad.getCode() >= 400 && bad.getCode() < 500) {
                return bad.getCode();
            }
        }
        return null;
    }

    /** For statuses set without an exception (no route matched, wrong method): only when nothing was rendered. */
    public void status(Context ctx) {
        String body = ctx.result();
        if (body == null || body.isEmpty() || body.equals("Not Found") || body.equals("Method Not Allowed")) {
            render(ctx, ctx.statusCode(), defaultMessage(ctx.statusCode()));
        }
    }

    /**
     * The form a refused POST carried, so that nothing the person typed is lost: it comes back on the error page,
     * ready to send again. Null for other requests, and for bodies that are not a readable form.
     */
    static Resend resend(Context ctx) {
        if (ctx.method() != HandlerType.POST) {
            return null;
        }
        List<Field> fields = new ArrayList<>();
        try {
            ctx.formParamMap().forEach((name, values) -> {
                if (!SECRET_FIELDS.contains(name) && fields.size() < MAX_ECHOED_FIELDS && !values.isEmpty()) {
                    fields.add(new Field(name, values.get(0), HIDDEN_FIELDS.contains(name)));
                }
            });
        } catch (RuntimeException unreadable) {
            return null;
        }
        return fields.stream().allMatch(Field::hidden) ? null : new Resend(ctx.path(), fields);
    }

    private void render(Context ctx, int status, String message) {
        render(ctx, status, message, null);
    }

    private void render(Context ctx, int status, String message, Resend resend) {
        ctx.status(status);
        ctx.header("Cache-Control", "no-store");
        try {
            ctx.render("error", Map.of("page", new ErrorPage(status, title(status), message, requestId(ctx), resend)));
        } catch (RuntimeException renderFailure) {
            LOG.error("request {}: the error page itself failed", requestId(ctx), renderFailure);
            ctx.contentType("text/plain; charset=utf-8");
            ctx.result(title(status) + "\n\n" + message + "\n\nRequest id: " + requestId(ctx) + "\n");
        }
    }

    static String requestId(Context ctx) {
        String id = ctx.attribute(Web.REQUEST_ID);
        return id == null ? "-" : id;
    }

    static String title(int status) {
        return switch (status) {
            case 400 -> "Bad request";
            case 403 -> "Not allowed";
            case 404 -> "Page not found";
            case 405 -> "Method not allowed";
            case 409 -> "Conflict";
            case 413 -> "Too large";
            case 415 -> "Unsupported content";
            case 422 -> "Please check the form";
            case 429 -> "Slow down";
            case 503 -> "Unavailable";
            default -> status >= 500 ? "Something went wrong" : "Request refused";
        };
    }

    static String defaultMessage(int status) {
        return switch (status) {
            case 400 -> "The request could not be understood. Please go back and try again.";
            case 403 -> "You are not allowed to do that.";
            case 404 -> NotFound.MESSAGE;
            case 405 -> "This address does not accept that kind of request.";
            case 413 -> "What you sent is larger than Crux accepts.";
            case 415 -> "Crux expects a form here.";
            case 429 -> "Too many requests. Please wait a moment and try again.";
            case 503 -> "Crux cannot reach its database right now. Please try again in a few seconds.";
            default -> status >= 500
                    ? "Crux hit an unexpected error. It has been logged; if you report it, quote the request id below."
                    : "The request was refused.";
        };
    }
}
