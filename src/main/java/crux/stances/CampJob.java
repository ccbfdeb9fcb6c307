package crux.stances;

import crux.article.Article;
import crux.article.ArticleRepository;
import crux.article.Item;
import crux.db.LeaseRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Recomputes each article's camps in the background, off every request's path: on start, then every {@link #EVERY}
 * for the articles whose stances changed since their last run. Idempotent (the result replaces the stored camps whole), so instances
 * sharing a database may overlap.
 */
public final class CampJob implements AutoCloseable {

    /** Camps describe broad patterns: a minute late is invisible, and the clustering is O(members²). */
    public static final Duration EVERY = Duration.ofSeconds(60);

    /**
     * The most of one core the job may use on average: after a run that took d, the next scheduled run waits until
     * d × (1 / share − 1) has passed (2 s of clustering 100,000 stances → 38 s; a minute on a loaded machine → 19 min),
     * so a large site's clustering cannot crowd out requests.
     */
    static final double CPU_SHARE = 0.05;

    /** A run takes milliseconds for thousands of votes; waiting longer than this on shutdown means it is stuck. */
    static final Duration STOP_WAIT = Duration.ofSeconds(5);

    private static final Logger LOG = LoggerFactory.getLogger(CampJob.class);

    private final StanceRepository stances;
    private final CampRepository camps;
    private final ArticleRepository articles;
    private final Clock clock;
    /** Told after a run has stored its results: pages that keep what the camps show drop it. */
    private volatile Runnable stored = () -> { };
    /** One computation at a time in this instance: the scheduled run and a test's {@link #runNow}. */
    private final Object running = new Object();
    private ScheduledExecutorService executor;
    /** When the duty-cycle cap allows the next scheduled run ({@link #CPU_SHARE}). */
    private volatile Instant nextRun = Instant.MIN;

    public CampJob(StanceRepository stances, CampRepository camps, ArticleRepository articles, Clock clock) {
        this.stances = stances;
        this.camps = camps;
        this.articles = articles;
        this.clock = clock;
    }

    /**
     * Starts the schedule: a first run after {@code firstRunAfter}, then every {@link #EVERY} — on whichever instance
     * holds the "camps" lease, so instances sharing a database compute camps once, not once each.
     */
    public CampJob start(LeaseRepository leases, String instance, Duration firstRunAfter) {
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "crux-camps");
            t.setDaemon(true);
            return t;
        });
        Runnable scheduled = () -> {
            try {
                if (mayRunNow() && leases.acquire("camps", instance, EVERY.plusSeconds(30))) {
                    runIfChanged();
                }
            } catch (RuntimeException e) {
                LOG.warn("computing camps failed; will try again", e);
            }
        };
        // zero: the first run happens here, before start returns, so nothing it writes lands during the first requests
        if (firstRunAfter.isZero()) {
            scheduled.run();
        }
        executor.scheduleWithFixedDelay(scheduled, firstRunAfter.isZero() ? EVERY.toMillis() : firstRunAfter.toMillis(),
                EVERY.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /**
     * {@code listener} runs after each run has stored its results, on the job's thread: this instance's kept pages
     * show them at once (other instances' within their caches' maximum age).
     */
    public CampJob onStored(Runnable listener) {
        this.stored = listener;
        return this;
    }

    /** Recomputes the camps of each article whose stances changed since its last run; true when any did. */
    public boolean runIfChanged() {
        synchronized (running) {
            Map<Long, CampRepository.Snapshot> now = camps.snapshots();
            Map<Long, CampRepository.Snapshot> last = camps.lastRuns();
            List<Article> changed = articles.all().stream().filter(a -> {
                CampRepository.Snapshot before = last.get(a.id());
                return before == null || !same(before, now.getOrDefault(a.id(), CampRepository.Snapshot.NONE));
            }).toList();
            if (changed.isEmpty()) {
                return false;
            }
            compute(changed, now);
            return true;
        }
    }

    /**
     * Recomputes every article's camps now, whatever changed: for tests and operators. Returns the first article's
     * camps, empty when it has not enough data.
     */
    public Optional<Camps> runNow() {
        synchronized (running) {
            return Optional.ofNullable(compute(articles.all(), camps.snapshots()).get(articles.first().id()));
        }
    }

    /** Recomputes one article's camps now: empty when it has not enough data. */
    public Optional<Camps> runNow(long articleId) {
        synchronized (running) {
            Article article = articles.byId(articleId).orElseThrow(() -> new IllegalArgumentException(
                    "no article " + articleId));
            return Optional.ofNullable(compute(List.of(article), camps.snapshots()).get(articleId));
        }
    }

    /** Each article's camps computed and stored; the articles with enough data, by id. */
    private Map<Long, Camps> compute(List<Article> which, Map<Long, CampRepository.Snapshot> seen) {
        long started = System.nanoTime();
        try {
            Map<Long, Camps> out = new HashMap<>();
            for (Article a : which) {
                computeNow(a, seen.getOrDefault(a.id(), CampRepository.Snapshot.NONE))
                        .ifPresent(c -> out.put(a.id(), c));
            }
            stored.run();
            return out;
        } finally {
            // the pause covers the whole pass over the articles: the job's share of a core stays the same
            nextRun = clock.instant().plus(pauseAfter(Duration.ofNanos(System.nanoTime() - started)));
        }
    }

    /** How long the next scheduled run waits after a run that took {@code took}: {@link #CPU_SHARE} of one core. */
    static Duration pauseAfter(Duration took) {
        return Duration.ofNanos((long) (took.toNanos() * (1 / CPU_SHARE - 1)));
    }

    /** Whether the duty-cycle cap lets a scheduled run start now. */
    boolean mayRunNow() {
        return !clock.instant().isBefore(nextRun);
    }

    private Optional<Camps> computeNow(Article article, CampRepository.Snapshot seen) {
        long started = System.nanoTime();
        // the snapshot is taken before the votes are read: a change in between is simply picked up next time
        List<Vote> votes = stances.votesIn(article.id());
        Optional<Camps.Analysis> analysis = Camps.analyse(votes);
        Optional<Camps> result = analysis.map(Camps.Analysis::camps);
        Optional<CampRepository.Computed> computed = analysis.map(a -> {
            List<Item> items = articles.activeItems(article.id());
            Map<Long, String> statements = items.stream().collect(Collectors.toMap(Item::id, Item::statement));
            OpinionMap map = OpinionMap.build(a, votes, CampLabels.match(a.camps(), camps.labels(article.id())),
                    items.stream().map(Item::id).toList(), camps.latestForecasts(article.id()));
            Map<Long, double[]> points = new HashMap<>();
            for (int m = 0; m < a.members().size(); m++) {
                points.put(a.members().get(m), a.projection().points()[m]);
            }
            return new CampRepository.Computed(a.camps(), CampDescriptions.describe(a.camps(), votes, statements),
                    map, points);
        });
        camps.store(article.id(), computed, seen, OffsetDateTime.now(clock));
        LOG.info("camps: {} from {} votes in {} ms ({})", result.map(c -> c.k() + " camps of " + c.campOf().size()
                + " members").orElse("not enough data"), votes.size(), (System.nanoTime() - started) / 1_000_000,
                article.slug());
        return result;
    }

    private static boolean same(CampRepository.Snapshot a, CampRepository.Snapshot b) {
        return a.stances() == b.stances() && Objects.equals(
                a.changedAt() == null ? null : a.changedAt().toInstant(),
                b.changedAt() == null ? null : b.changedAt().toInstant());
    }

    /** Stops the schedule and waits briefly for a run in progress, so the database is closed after it. */
    @Override
    public void close() {
        if (executor != null) {
            executor.shutdownNow();
            try {
                executor.awaitTermination(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
