package crux.web;

import crux.db.Database;
import io.javalin.http.Context;

/** Endpoints for operators and load balancers. */
public final class SystemHandlers {

    private final Database db;
    private final Metrics metrics;

    public SystemHandlers(Database db, Metrics metrics) {
        this.db = db;
        this.metrics = metrics;
    }

    /** Prometheus text format. */
    public void metrics(Context ctx) {
        metrics.scrape(ctx);
    }

    /** 200 when the database answers, 503 when it does not. */
    public void health(Context ctx) {
        ctx.header("Cache-Control", "no-store");
        ctx.contentType("text/plain; charset=utf-8");
        if (db.healthy()) {
            ctx.result("ok\n");
        } else {
            ctx.status(503).result("database unavailable\n");
        }
    }
}
