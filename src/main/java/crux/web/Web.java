package crux.web;

import crux.Config;
import crux.core.Refusal;
import crux.db.StatementCounter;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds the Javalin server: route table, access check, security headers, errors, request log. */
public final class Web {

    public static final String REQUEST_ID = "crux.requestId";
    static final String STARTED = "crux.started";
    /** The request attribute saying whether cookies are marked Secure (CRUX_SECURE_COOKIES). */
    public static final String SECURE_COOKIES = "crux.secureCookies";

    /** Bodies larger than this are refused with 413: the largest form (a comment) is far smaller. */
    public static final long MAX_REQUEST_BYTES = 256 * 1024;

    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; font-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; "
            + "object-src 'none'";

    private static final Logger LOG = LoggerFactory.getLogger("crux.request");
    private static final SecureRandom RANDOM = new SecureRandom();

    private Web() {
    }

    /** Jetty's request threads at most (acceptors and selectors included). */
    static final int MAX_THREADS = 48;
    /** The array Javalin copies a response's result through (see {@link #create}). */
    static final int COPY_BUFFER_BYTES = 8 * 1024;

    /**
     * Jetty's per-connection cache of request header lines, in trie nodes. Jetty's default of 1,024 gives every new
     * connection a 98 KB char array on its second request; the connection outlives young collections, so at 256
     * connections that was ~20 MB/s promoted to the old generation (JFR's promotion events: 202 MB of char[] in 10 s)
     * and a full collection every 5–10 s. 64 nodes (6 KB) still hold a client's short repeated lines (Host,
     * Connection, Accept-Encoding); what does not fit is parsed as if uncached, a few short-lived strings.
     */
    static final int HEADER_CACHE_CHARS = 64;

    /** What every write is answered with while CRUX_READ_ONLY is on (a move or an upgrade is under way). */
    public static final String READ_ONLY_MESSAGE = "Crux is read-only for a short while for maintenance, and will be"
            + " back soon. Nothing was saved: please try again in a few minutes.";
    /** Retry-After of a write refused in read-only mode: maintenance takes minutes, not seconds. */
    static final long READ_ONLY_RETRY_SECONDS = 300;

    /**
     * @param gate runs before every matched route: resolves the session and enforces {@link Access}
     */
    public static Javalin create(Config config, Views views, List<Route> routes, Gate gate,
                                 StatementCounter statements, Metrics metrics) {
        ErrorPages errors = new ErrorPages();
        return Javalin.create(c -> {
            c.startup.showJavalinBanner = false;
            c.startup.showOldJavalinVersionWarning = false;
            c.jetty.host = config.host();
            c.jetty.port = config.port();
            // Live streams hold no thread (SseClient.keepAlive is asynchronous), and requests share a database pool
            // of Database.POOL_SIZE connections on a couple of cores: Jetty's default of 250 threads would only add
            // memory (a stack per thread) and contention.
            c.jetty.threadPool = new QueuedThreadPool(MAX_THREADS, 8);
            // bodies are gathered before a request thread takes the request (see WholeBodies); Javalin serves inside
            c.jetty.modifyServer(server -> server.setHandler(new WholeBodies(MAX_REQUEST_BYTES, config.bodyTimeout())));
            c.jetty.modifyHttpConfiguration(http -> {
                http.setHeaderCacheSize(HEADER_CACHE_CHARS);
                http.setSendServerVersion(false);
                http.setSendXPoweredBy(false);
            });
            c.http.maxRequestSize = MAX_REQUEST_BYTES;
            // Javalin copies each result into Jetty's output through a new array of this size (its default is Jetty's
            // 32 KB output buffer): 32 KB of garbage per response, most of the allocation of the cached anonymous pages.
            // Jetty still gathers the writes in its own 32 KB buffer, so 8 KB costs no extra network writes.
            c.http.responseBufferSize = COPY_BUFFER_BYTES;
            c.http.prefer405over404 = true;
            c.fileRenderer(views);
            c.staticFiles.add(sf -> {
                sf.hostedPath = "/static";
                sf.directory = config.home().resolve("static").toString();
                sf.location = Location.EXTERNAL;
                // the plain names, for pages rendered before a deploy changed a file; pages link fingerprinted URLs
                sf.headers = Map.of("Cache-Control", "public, max-age=3600");
            });
            for (Assets.Asset asset : views.assets().all()) {
                c.routes.get(asset.path(), ctx -> Assets.serve(ctx, asset));
                c.routes.head(asset.path(), ctx -> Assets.serve(ctx, asset));
            }
            // the one webjar file Crux uses, from memory (see WebjarFile for why not enableWebjars())
            WebjarFile htmx = WebjarFile.load(Paths.HTMX, "text/javascript; charset=utf-8");
            c.routes.get(htmx.path(), htmx::serve);
            c.routes.head(htmx.path(), htmx::serve);

            c.routes.before(ctx -> {
                ctx.attribute(STARTED, System.nanoTime());
                ctx.attribute(REQUEST_ID, newRequestId());
                ctx.attribute(SECURE_COOKIES, config.secureCookies());
                statements.reset();
                securityHeaders(ctx);
            });
            c.routes.beforeMatched(ctx -> {
                if (config.readOnly() && ctx.method() == HandlerType.POST) {
                    throw new HttpError(503, READ_ONLY_MESSAGE, READ_ONLY_RETRY_SECONDS);
                }
                // static files and webjars need no session; every route does
                if (!ctx.routeRoles().isEmpty()) {
                    gate.handle(ctx);
                }
            });
            for (Route r : routes) {
                if (r.method() == HandlerType.GET) {
                    c.routes.get(r.path(), r.handler(), r.access());
                    // HEAD is answered like GET, but registered explicitly so that it carries the route's access:
                    // Javalin's implicit HEAD-as-GET skips the before-matched handlers, and with them the gate
                    c.routes.head(r.path(), r.handler(), r.access());
                } else if (r.method() == HandlerType.POST) {
                    c.routes.post(r.path(), r.handler(), r.access());
                } else {
                    throw new IllegalArgumentException("Crux routes are GET or POST: " + r);
                }
            }
            c.routes.after(ctx -> {
                gate.settle(ctx);
                if (ctx.attribute(Gate.SESSION) != null || ctx.attribute(Gate.VISITOR_CSRF) != null) {
                    // pages for a session (or a visitor's form) carry a CSRF token, and a member's pages their private view
                    ctx.header("Cache-Control", "no-store");
                }
                if (config.debugHeaders()) {
                    ctx.header("X-Sql-Statements", Integer.toString(statements.current()));
                }
            });

            c.routes.exception(Gate.Redirect.class, (e, ctx) -> ctx.redirect(e.location()));
            c.routes.exception(HttpError.class, errors::httpError);
            c.routes.exception(Refusal.class, errors::refusal);
            c.routes.exception(HttpResponseException.class, errors::javalinError);
            c.routes.exception(Exception.class, errors::unexpected);
            for (int status : new int[] {400, 404, 405, 413, 500}) {
                c.routes.error(status, errors::status);
            }
            c.requestLogger.http((ctx, ms) -> {
                int sql = statements.current();
                metrics.record(ctx, ms, sql);
                LOG.info("{} {} {} {}ms id={} sql={}", ctx.method(), ctx.path(), ctx.statusCode(),
                        tenths(ms), ctx.attribute(REQUEST_ID), sql);
            });
        });
    }

    /**
     * Milliseconds to one decimal for the request log, whatever the default locale ("12.3", never "12,3"). Every
     * request logs one, so it is integer arithmetic rather than String.format.
     */
    static String tenths(double ms) {
        if (!(ms >= 0) || ms > Long.MAX_VALUE / 10.0) {
            return "?";
        }
        long t = Math.round(ms * 10);
        return (t / 10) + "." + (t % 10);
    }

    /** On every response, refusals made before Javalin included. */
    static final java.util.Map<String, String> SECURITY_HEADERS = java.util.Map.of(
            "Content-Security-Policy", CSP,
            "X-Content-Type-Options", "nosniff",
            "X-Frame-Options", "DENY",
            "Referrer-Policy", "same-origin",
            "Cross-Origin-Opener-Policy", "same-origin",
            "Permissions-Policy", "camera=(), microphone=(), geolocation=()");

    static void securityHeaders(Context ctx) {
        SECURITY_HEADERS.forEach(ctx::header);
        ctx.header("X-Request-Id", (String) ctx.attribute(REQUEST_ID));
    }

    static String newRequestId() {
        byte[] b = new byte[8];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
