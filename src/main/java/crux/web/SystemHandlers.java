package crux.web;

import crux.db.Database;
import io.javalin.http.Context;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Set;

/** Endpoints for operators and load balancers. */
public final class SystemHandlers {

    private final Database db;
    private final Metrics metrics;
    private final ClientIp clientIp;
    private final Set<InetAddress> metricsAllow;
    private final byte[] metricsToken;
    private final java.util.function.Supplier<java.util.Optional<String>> backups;

    /**
     * @param metricsAllow addresses besides loopback that may read /metrics (CRUX_METRICS_ALLOW)
     * @param metricsToken a bearer token that opens /metrics from anywhere (CRUX_METRICS_TOKEN), or null
     */
    public SystemHandlers(Database db, Metrics metrics, ClientIp clientIp, Set<InetAddress> metricsAllow,
                          String metricsToken) {
        this(db, metrics, clientIp, metricsAllow, metricsToken, java.util.Optional::empty);
    }

    /** @param backups the line /healthz adds about the last backup, when there is one to say */
    public SystemHandlers(Database db, Metrics metrics, ClientIp clientIp, Set<InetAddress> metricsAllow,
                          String metricsToken, java.util.function.Supplier<java.util.Optional<String>> backups) {
        this.backups = backups;
        this.db = db;
        this.metrics = metrics;
        this.clientIp = clientIp;
        this.metricsAllow = metricsAllow;
        this.metricsToken = metricsToken == null ? null : metricsToken.getBytes(StandardCharsets.UTF_8);
    }

    /** The statement {@link #benchStatements} runs: the least a statement can be, one round trip. */
    private static final crux.db.Reusable<org.jooq.Record1<Integer>> ONE =
            crux.db.Reusable.query(0, d -> d.selectOne());

    /** The most statements {@link #benchStatements} runs in one request. */
    static final int MOST_BENCH_STATEMENTS = 10;

    /**
     * {@code GET /bench/statements/{n}} (the benchmark only, beside /bench/hello): the bare route plus {@code n}
     * statements that ask nothing of the database ({@code SELECT 1}), each run as a page runs its statements (its own
     * connection from the pool, rendered once). The benchmark measures it beside the pages: a page that needs n
     * statements cannot run faster than this, whatever it renders.
     */
    public void benchStatements(Context ctx) {
        int n;
        try {
            n = Integer.parseInt(ctx.pathParam("n"));
        } catch (NumberFormatException e) {
            throw HttpError.notFound();
        }
        if (n < 1 || n > MOST_BENCH_STATEMENTS) {
            throw HttpError.notFound();
        }
        for (int i = 0; i < n; i++) {
            ONE.fetchOptional(db.dsl());
        }
        ctx.result(Integer.toString(n));
    }

    /**
     * Prometheus text format, for operators only: routes, statuses and pool sizes tell an attacker what hurts. The
     * client's address is the one {@link ClientIp} believes, so a proxy on this host does not make everyone local.
     */
    public void metrics(Context ctx) {
        if (!mayReadMetrics(ctx)) {
            throw HttpError.forbidden("Metrics are for operators: they are served to this host, to the addresses in "
                    + "CRUX_METRICS_ALLOW, or with the CRUX_METRICS_TOKEN bearer token.");
        }
        ctx.header("Cache-Control", "no-store");
        metrics.scrape(ctx);
    }

    private boolean mayReadMetrics(Context ctx) {
        String auth = ctx.header("Authorization");
        if (metricsToken != null && auth != null && auth.startsWith("Bearer ")
                && MessageDigest.isEqual(metricsToken, auth.substring(7).trim().getBytes(StandardCharsets.UTF_8))) {
            return true;
        }
        String ip = clientIp.of(ctx);
        if (ip == null || ip.isEmpty()) {
            return false; // InetAddress.getByName would read "no name" as loopback
        }
        try {
            // a literal from the socket or from ClientIp's checked header: parsing it asks no DNS
            InetAddress address = InetAddress.getByName(ip);
            return address.isLoopbackAddress() || metricsAllow.contains(address);
        } catch (UnknownHostException | RuntimeException e) {
            return false;
        }
    }

    /** 200 when the database answers, 503 when it does not; then when the last backup succeeded, if backups run. */
    public void health(Context ctx) {
        ctx.header("Cache-Control", "no-store");
        ctx.contentType("text/plain; charset=utf-8");
        String backup = backups.get().map(line -> line + "\n").orElse("");
        if (db.healthy()) {
            ctx.result("ok\n" + backup);
        } else {
            ctx.status(503).result("database unavailable\n" + backup);
        }
    }
}
