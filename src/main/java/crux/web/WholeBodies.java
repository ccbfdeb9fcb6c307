package crux.web;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gathers each request body in full before a request thread sees the request. Javalin reads a form with blocking
 * calls on a request thread, so a client sending its body a byte every few seconds would hold that thread for as long
 * as it kept sending, and a few dozen such clients would hold every thread. Here the bytes are collected as Jetty
 * reports them (no thread waits), the body must be complete within a deadline, and only then is the request handed
 * on, its body already in memory. Requests that cannot use a body (GET, HEAD) are handed on without reading it.
 *
 * <p>Also drops {@code X-HTTP-Method-Override}: Javalin would otherwise answer a GET carrying it as a POST (or the
 * reverse), and no part of Crux sends it.
 */
final class WholeBodies extends Handler.Wrapper {

    private static final Logger LOG = LoggerFactory.getLogger("crux.request");

    static final String METHOD_OVERRIDE = "X-HTTP-Method-Override";

    private final int maxBytes;
    private final Duration deadline;

    /**
     * @param maxBytes larger bodies are refused with 413 (by Javalin when their Content-Length says so)
     * @param deadline a body still incomplete this long after its headers arrived is refused with 408
     */
    WholeBodies(long maxBytes, Duration deadline) {
        this.maxBytes = Math.toIntExact(maxBytes);
        this.deadline = deadline;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        Request plain = request.getHeaders().contains(METHOD_OVERRIDE) ? new WithoutOverride(request) : request;
        if (!expectsBody(plain) || plain.getLength() > maxBytes) {
            // Javalin refuses a declared length over the limit (413, its error page) without reading a byte
            return super.handle(plain, response, callback);
        }
        CompletableFuture<byte[]> body = Content.Source.asByteArrayAsync(plain, maxBytes);
        if (body.isDone()) {
            // the whole body came with the headers (the usual case): carry on on this thread
            proceed(plain, response, callback, body);
            return true;
        }
        Scheduler.Task timer = plain.getComponents().getScheduler().schedule(
                () -> plain.fail(new TimeoutException("body not complete in time")),
                deadline.toMillis(), TimeUnit.MILLISECONDS);
        body.whenComplete((bytes, failure) -> {
            timer.cancel();
            // called back on a thread that must not block (a selector's): the application runs on a pool thread
            plain.getContext().execute(() -> proceed(plain, response, callback, body));
        });
        return true;
    }

    private static boolean expectsBody(Request request) {
        String method = request.getMethod();
        if (HttpMethod.GET.is(method) || HttpMethod.HEAD.is(method)) {
            return false;
        }
        return request.getLength() > 0 || request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING);
    }

    private void proceed(Request request, Response response, Callback callback, CompletableFuture<byte[]> body) {
        byte[] bytes;
        try {
            bytes = body.join();
        } catch (CompletionException | java.util.concurrent.CancellationException e) {
            refused(request, response, callback, e.getCause() == null ? e : e.getCause());
            return;
        }
        Request whole = new Gathered(request, bytes);
        try {
            if (!super.handle(whole, response, callback)) {
                Response.writeError(whole, response, callback, 404);
            }
        } catch (Throwable t) {
            Response.writeError(whole, response, callback, t);
        }
    }

    /** A body that did not arrive whole: one line in the request log, no stack trace, and a 4xx if anyone listens. */
    private void refused(Request request, Response response, Callback callback, Throwable failure) {
        if (hasCause(failure, TimeoutException.class)) {
            refuse(request, response, callback, 408, "The request body did not arrive in time.");
        } else if (hasCause(failure, IOException.class)) {
            // the client went away (or broke the framing) mid-body: its mistake, and nobody is left to answer
            LOG.info("{} {} 400 client closed the connection before its body arrived ({})", request.getMethod(),
                    request.getHttpURI().getPath(), failure.getClass().getSimpleName());
            callback.failed(failure);
        } else {
            // the accumulator refuses a body over the limit that did not declare its length (chunked)
            refuse(request, response, callback, 413, "What you sent is larger than Crux accepts.");
        }
    }

    private static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }

    /** A short plain-text refusal that closes the connection: whatever else the client sends is not read. */
    private static void refuse(Request request, Response response, Callback callback, int status, String message) {
        LOG.info("{} {} {} {}", request.getMethod(), request.getHttpURI().getPath(), status, message);
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
        response.getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        Web.SECURITY_HEADERS.forEach(response.getHeaders()::put);
        response.write(true, ByteBuffer.wrap((message + "\n").getBytes(StandardCharsets.UTF_8)), callback);
    }

    /** The request with its body already gathered: reads give it at once, and never wait. */
    private static final class Gathered extends Request.Wrapper {
        private Content.Chunk next;

        Gathered(Request wrapped, byte[] body) {
            super(wrapped);
            this.next = Content.Chunk.from(ByteBuffer.wrap(body), true);
        }

        @Override
        public synchronized Content.Chunk read() {
            Content.Chunk c = next;
            next = Content.Chunk.EOF;
            return c;
        }

        @Override
        public void demand(Runnable demandCallback) {
            demandCallback.run();
        }

        @Override
        public synchronized boolean consumeAvailable() {
            next = Content.Chunk.EOF;
            return true;
        }
    }

    /** The request without {@link #METHOD_OVERRIDE}. */
    private static final class WithoutOverride extends Request.Wrapper {
        private final HttpFields headers;

        WithoutOverride(Request wrapped) {
            super(wrapped);
            HttpFields.Mutable h = HttpFields.build(wrapped.getHeaders());
            h.remove(METHOD_OVERRIDE);
            this.headers = h.asImmutable();
        }

        @Override
        public HttpFields getHeaders() {
            return headers;
        }
    }
}
