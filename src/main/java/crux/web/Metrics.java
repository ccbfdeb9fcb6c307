package crux.web;

import com.zaxxer.hikari.HikariDataSource;
import crux.db.Database;
import crux.forecasts.ForecastRepository;
import crux.live.EventBus;
import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * Prometheus metrics at /metrics: requests by route and status with latency, SQL statements per request,
 * the connection pool, and the JVM. Labels use the route pattern, never the raw path, so they stay few.
 */
public final class Metrics {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();

    public Metrics(DataSource dataSource) {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        gc.bindTo(registry);
        if (dataSource instanceof HikariDataSource hikari) {
            hikari.setMetricRegistry(registry);
        }
    }

    /** Records one finished request. */
    void record(Context ctx, float millis, int statements) {
        Endpoint matched = ctx.endpoints().matchedHttpEndpoint();
        String route = matched != null ? matched.path
                : ctx.path().startsWith("/static/") || ctx.path().startsWith("/webjars/") ? "static" : "unmatched";
        Timer.builder("crux_http_requests")
                .tag("method", ctx.method().name())
                .tag("route", route)
                .tag("status", Integer.toString(ctx.statusCode()))
                .publishPercentileHistogram(false)
                .register(registry)
                .record(Duration.ofNanos((long) (millis * 1_000_000)));
        registry.summary("crux_sql_statements_per_request", "route", route).record(statements);
    }

    /**
     * Counts one try of a background job for its lease: {@code taken} when this instance runs the job now, not when
     * another instance holds it. Summed over instances, the taken ones show that each job runs once, not once each.
     */
    public void leaseAttempt(String job, boolean taken) {
        registry.counter("crux_job_leases", "job", job, "taken", Boolean.toString(taken)).increment();
    }

    /** Live events published by this instance and delivered to it (from any instance), as counters. */
    public void liveEvents(EventBus bus) {
        FunctionCounter.builder("crux_live_events_published", bus,
                EventBus::published).register(registry);
        FunctionCounter.builder("crux_live_events_delivered", bus,
                EventBus::delivered).register(registry);
    }

    /**
     * How many forecasts found no valid copy of their item's latest forecasts in memory and read the rows instead:
     * once per item after a start, and again only when another instance (or a replay) changed them.
     */
    public void forecastCopies(ForecastRepository forecasts) {
        FunctionCounter.builder("crux_forecast_copy_reloads", forecasts,
                ForecastRepository::reloads).register(registry);
    }

    /** Group commits and the writes they committed: their ratio is how many writes shared each commit. */
    public void groupCommits(Database db) {
        FunctionCounter.builder("crux_group_commits", db,
                Database::groupCommits).register(registry);
        FunctionCounter.builder("crux_grouped_writes", db,
                Database::groupedWrites).register(registry);
    }

    public void scrape(Context ctx) {
        ctx.header("Cache-Control", "no-store");
        ctx.contentType("text/plain; version=0.0.4; charset=utf-8");
        ctx.result(registry.scrape());
    }

    public void close() {
        gc.close();
        registry.close();
    }
}
