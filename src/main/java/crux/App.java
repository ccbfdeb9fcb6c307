package crux;

import crux.accounts.AccountRepository;
import crux.accounts.EmailRepository;
import crux.accounts.PasswordResetRepository;
import crux.accounts.Passwords;
import crux.accounts.SessionRepository;
import crux.accounts.TrustedDevices;
import crux.accounts.TwoFactorRepository;
import crux.accounts.PendingSignIns;
import crux.accounts.web.AccountsWeb;
import crux.accounts.web.EmailHandlers;
import crux.accounts.web.PasswordResetHandlers;
import crux.article.ArticleActivity;
import crux.article.ArticleRepository;
import crux.article.Item;
import crux.core.RateLimitRepository;
import crux.db.Database;
import crux.db.LeaseRepository;
import crux.db.OperatorChannel;
import crux.db.StoredSecrets;
import crux.debate.CommentRepository;
import crux.debate.CommentRow;
import crux.debate.CommentWriteRepository;
import crux.debate.MemberCommentRepository;
import crux.debate.MindChangeRepository;
import crux.debate.VisitRepository;
import crux.debate.VoteRepository;
import crux.debate.web.CommentFragments;
import crux.debate.web.DebateHandlers;
import crux.debate.web.DebateViewBuilder;
import crux.forecasts.ForecastRepository;
import crux.forecasts.ResolutionRepository;
import crux.forecasts.ScoreRepository;
import crux.forecasts.web.ChartFragments;
import crux.forecasts.web.ForecastHandlers;
import crux.forecasts.web.ForecastPanelBuilder;
import crux.forecasts.web.ResolutionHandlers;
import crux.live.EventBus;
import crux.mail.MailSender;
import crux.mail.MailTemplates;
import crux.mail.OutboxRepository;
import crux.live.web.LiveHandlers;
import crux.moderation.ArticleModerationRepository;
import crux.moderation.CommentModerationRepository;
import crux.moderation.FlagQueueRepository;
import crux.moderation.ItemModerationRepository;
import crux.moderation.MemberModerationRepository;
import crux.moderation.ModerationLogRepository;
import crux.moderation.ProposalRepository;
import crux.moderation.RoleRepository;
import crux.moderation.web.ArticleModerationHandlers;
import crux.moderation.web.CommentModerationHandlers;
import crux.moderation.web.ModerationHandlers;
import crux.moderation.web.ProposalHandlers;
import crux.notifications.FollowRepository;
import crux.notifications.InboxRepository;
import crux.notifications.NotificationRepository;
import crux.notifications.web.FollowHandlers;
import crux.notifications.web.InboxHandlers;
import crux.notifications.web.MailSettingsHandlers;
import crux.notifications.NoticeMail;
import crux.opendata.MyDataRepository;
import crux.opendata.OpenDataRepository;
import crux.opendata.PseudonymRepository;
import crux.opendata.SitemapRepository;
import crux.opendata.web.CrawlerHandlers;
import crux.opendata.web.MyDataHandlers;
import crux.opendata.web.OpenDataHandlers;
import crux.pages.ArticleHandlers;
import crux.pages.ItemPageBuilder;
import crux.pages.FrontPageHandlers;
import crux.pages.PageCache;
import crux.pages.PageCaches;
import crux.pages.ProfileHandlers;
import crux.search.KeptSearches;
import crux.search.LuceneSearch;
import crux.search.PostgresSearchRepository;
import crux.search.RationedSearches;
import crux.search.SearchEngine;
import crux.search.SearchRepository;
import crux.search.web.SearchHandlers;
import crux.stances.CampJob;
import crux.stances.CampRepository;
import crux.stances.CommonGround;
import crux.stances.StanceRepository;
import crux.stances.web.StanceHandlers;
import crux.stances.web.StancePanelBuilder;
import crux.web.Assets;
import crux.web.ClientIp;
import crux.web.Fragments;
import crux.web.Gate;
import crux.web.Metrics;
import crux.web.Paths;
import crux.web.Previews;
import crux.web.Route;
import crux.web.SiteBuilder;
import crux.web.SystemHandlers;
import crux.web.Views;
import crux.web.VisitorTokens;
import crux.web.Web;
import io.javalin.Javalin;
import io.javalin.http.HandlerType;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/** One running Crux: database, web server and everything wired between them, by hand. */
public final class App implements AutoCloseable {

    private final Config config;
    private final Database db;
    private final Javalin web;
    private final Services services;
    private final Jobs jobs;
    private final CampJob camps;
    private final ArticleActivity activity;

    /** The pieces tests and the command line reach for directly. */
    public record Services(Clock clock, AccountRepository accounts, SessionRepository sessions, Passwords passwords,
                           TwoFactorRepository twoFactor, RoleRepository roles, RateLimitRepository limiter,
                           ModerationLogRepository log, PendingSignIns pendingSignIns) {
    }

    private final Metrics metrics;

    private final EventBus bus;
    private final LiveHandlers live;

    private final List<Route> routes;

    private final Runnable dropCaches;

    private final Operations.Status backups;
    private final OperatorChannel operatorChannel;
    /** Sends the outbox; null when mail is not set up (or Crux is read-only). */
    private final MailSender mailSender;
    private final PasswordResetRepository passwordResets;
    private final NoticeMail noticeMail;

    private final SearchEngine search;

    private App(Config config, Database db, Javalin web, Services services, Jobs jobs, Metrics metrics,
                EventBus bus, LiveHandlers live, List<Route> routes, CampJob camps, ArticleActivity activity,
                Runnable dropCaches, Operations.Status backups, OperatorChannel operatorChannel,
                MailSender mailSender, PasswordResetRepository passwordResets, SearchEngine search,
                NoticeMail noticeMail) {
        this.noticeMail = noticeMail;
        this.mailSender = mailSender;
        this.passwordResets = passwordResets;
        this.search = search;
        this.dropCaches = dropCaches;
        this.backups = backups;
        this.operatorChannel = operatorChannel;
        this.activity = activity;
        this.camps = camps;
        this.bus = bus;
        this.live = live;
        this.config = config;
        this.db = db;
        this.web = web;
        this.services = services;
        this.jobs = jobs;
        this.metrics = metrics;
        this.routes = routes;
    }

    /** Builds the services on an open database, without serving. */
    public static Services services(Config config, Database db) {
        return services(config, db, Clock.systemUTC(), new Passwords(config.passwordParams()));
    }

    private static Services services(Config config, Database db, Clock clock, Passwords passwords) {
        AccountRepository accounts = new AccountRepository(db, clock);
        ModerationLogRepository log = new ModerationLogRepository(db, clock);
        return new Services(clock, accounts, new SessionRepository(db, clock), passwords,
                new TwoFactorRepository(db, clock), new RoleRepository(db, accounts, log),
                        new RateLimitRepository(db, clock), log, new PendingSignIns(db, clock));
    }

    public static Database openDatabase(Config config) {
        return Database.open(config.jdbcUrl(), config.databaseUser(), config.databasePassword(),
                config.home().resolve("db/migration"));
    }

    /** Opens (and migrates) the database, then starts serving. */
    public static App start(Config config) {
        return start(config, Clock.systemUTC());
    }

    /** As {@link #start(Config)}, on a given clock: tests travel in time through it (expiry, windows, TOTP). */
    public static App start(Config config, Clock clock) {
        config.checkHome();
        // Steps that need nothing from each other run beside the main thread, so that start-up uses both cores; each
        // is joined before the first request is served. The static files (gzip and Brotli at their best settings) and
        // the password hasher (its decoy hash is a real Argon2 hash) need no database either.
        Starting starting = new Starting();
        CompletableFuture<Assets> assets = starting.begin(() -> Assets.load(config.home().resolve("static"),
                !config.cacheTemplates()));
        CompletableFuture<Passwords> passwords = starting.begin(() -> new Passwords(config.passwordParams()));
        Database db;
        try {
            db = openDatabase(config);
        } catch (RuntimeException e) {
            starting.close();
            throw e;
        }
        CompletableFuture<SearchEngine> opening = null;
        try {
            Services s = services(config, db, clock, Starting.join(passwords));
            int skeletons = s.accounts().fillSkeletons();
            if (skeletons > 0) {
                LOG.info("gave {} existing member names their look-alike skeleton", skeletons);
            }
            Metrics metrics = new Metrics(db.dataSource());
            Operations.Status backups = new Operations.Status();
            if (config.backupDir() != null) {
                Operations.recall(config.backupDir(), backups);
            }
            ClientIp clientIp = new ClientIp(config.trustedProxies());
            VisitorTokens visitors = new VisitorTokens(
                    java.util.HexFormat.of().parseHex(StoredSecrets.get(db, VisitorTokens.SETTING)), s.clock(),
                    config.secureCookies());
            Gate gate = new Gate(s.sessions(), s.limiter(), db, s.clock(), config.secureCookies(),
                    Gate.writesPerMember(config.writeBudget()), visitors, config.baseUrl());
            AtomicInteger publicPort = new AtomicInteger(config.port());
            boolean mailEnabled = config.smtp() != null;
            OutboxRepository outbox = new OutboxRepository(db, s.clock());
            MailTemplates mails = new MailTemplates(config.home().resolve("templates"), config.cacheTemplates(),
                    () -> config.publicBaseUrl(publicPort.get()));
            NoticeMail noticeMail = new NoticeMail(db, s.clock(), outbox, mails,
                    java.util.HexFormat.of().parseHex(StoredSecrets.get(db, NoticeMail.SETTING)), mailEnabled);
            NotificationRepository notifications = new NotificationRepository(db, s.clock(), Paths.INSTANCE,
                    noticeMail);
            Views views = new Views(config.home().resolve("templates"), config.cacheTemplates(),
                    new SiteBuilder(s.clock(), notifications::unread),
                    Starting.join(assets),
                    new Previews(() -> config.publicBaseUrl(publicPort.get())));
            ArticleRepository articles = new ArticleRepository(db);
            // opened (and brought up to date with the database) before anything is served, so that nothing writes
            // while it catches up; beside the rest of the wiring
            CompletableFuture<SearchEngine> index = starting.begin(() -> searchEngine(config, db));
            opening = index;
            // the handler's engine, joined below before the web server starts: by the first search it is open
            SearchEngine searchLater = request -> Starting.join(index).search(request);
            VisitRepository visits = new VisitRepository(db, s.clock());
            PageCache<byte[]> anonymousFront = new PageCache<>();
            FrontPageHandlers front = new FrontPageHandlers(articles, visits, views, anonymousFront);
            CompletableFuture<Void> warm = starting.begin(() -> {
                try {
                    front.warm();
                } catch (RuntimeException e) {
                    // the first request renders it again, and shows what is wrong
                    LOG.warn("could not render the front page ahead of the first request", e);
                }
                return null;
            });
            EventBus bus = new EventBus(db.dataSource(), config.postgres() ? config.jdbcUrl() : null,
                    config.databaseUser(), config.databasePassword());
            metrics.liveEvents(bus);
            metrics.groupCommits(db);
            LiveHandlers live = new LiveHandlers(bus, articles, clientIp);
            FollowRepository follows = new FollowRepository(db, s.clock(), Paths.INSTANCE, noticeMail);
            ItemModerationRepository itemModeration = new ItemModerationRepository(db, s.log(), s.clock());
            CommentRepository comments = new CommentRepository(db);
            // each debate's thread as a visitor sees it, for the debates being read (2,000 rows on the largest)
            PageCaches<Long, List<CommentRow>> threads = new PageCaches<>(
                    () -> new PageCache<>(PageCache.MAX_AGE, false), 256);
            bus.subscribeAll(threads.listener());
            DebateViewBuilder debateViews = new DebateViewBuilder(articles, comments, visits, s.clock(), threads::get);
            StanceRepository stances = new StanceRepository(db, s.clock());
            MindChangeRepository mindChanges = new MindChangeRepository(db, s.clock());
            CampRepository campRepository = new CampRepository(db);
            ForecastRepository forecasts = new ForecastRepository(db, s.clock());
            metrics.forecastCopies(forecasts);
            ScoreRepository scores = new ScoreRepository(db);
            StancePanelBuilder stancePanels = new StancePanelBuilder(articles, stances, campRepository, mindChanges, s.clock());
            ForecastPanelBuilder forecastPanels = new ForecastPanelBuilder(articles, forecasts, scores, campRepository,
                    mindChanges, s.clock());
            ProposalRepository proposalRepository = new ProposalRepository(db, itemModeration, s.log(), notifications,
                    s.limiter(), s.clock());
            ProposalHandlers proposals = new ProposalHandlers(articles, proposalRepository, s.clock());
            // a prediction's forecast section as everyone sees it, for the predictions being read: each a few KB
            PageCaches<Long, ForecastPanelBuilder.Shared> forecastShared =
                    new PageCaches<>(() -> new PageCache<>(PageCache.MAX_AGE, false), 256);
            bus.subscribeAll(forecastShared.listener());
            // an item's stance section as everyone sees it (tally, camps, arguments to credit): a few hundred bytes
            PageCaches<Long, StancePanelBuilder.Shared> stanceShared =
                    new PageCaches<>(() -> new PageCache<>(PageCache.MAX_AGE, false), 1_024);
            bus.subscribeAll(stanceShared.listener());
            ItemPageBuilder itemPages = new ItemPageBuilder(articles, itemModeration, stancePanels, forecastPanels, db,
                    debateViews, proposalRepository, forecastShared, stanceShared);
            PageCaches<Long, byte[]> anonymousArticle = new PageCaches<>(PageCache::new);
            bus.subscribeAll(anonymousArticle.listener());
            PageCaches<Long, ArticleHandlers.Shared> articleShared =
                    new PageCaches<>(() -> new PageCache<>(PageCache.MAX_AGE, false));
            bus.subscribeAll(articleShared.listener());
            // an item page as seen without a session, for the items being read: each is 5–100 KB
            PageCaches<Long, byte[]> anonymousItem = new PageCaches<>(PageCache::new, 256);
            bus.subscribeAll(anonymousItem.listener());
            // each item's row for its pages, for the items being read: after a change every view reads it afresh until
            // one has kept it, so a member's page after their own write (a moderator's edit) shows the write
            PageCaches<Long, Item> itemRows = new PageCaches<>(() -> new PageCache<>(PageCache.MAX_AGE, false), 1_024);
            bus.subscribeAll(itemRows.listener());
            bus.subscribeAll(anonymousFront.listener());
            // 10 MB of rendered fragments (UTF-8): the article's text, index lines and standings, the frames of article
            // and item pages per state, each member's menu (~1.4 KB), the stance, forecast and debate sections per state,
            // the comments of the debates being read (~2 KB each per viewer state) and the predictions' charts (~20 KB
            // each) — the least recently used are rendered again. Their keys, not weighed, add to it. With 16 MB, the
            // live set after the benchmark's varied searches reached ~80 MB of the 128 MB heap: back-to-back full
            // collections, then "GC overhead limit exceeded".
            Fragments pageFragments = new Fragments(views, 10_000_000);
            ArticleHandlers articleHandlers = new ArticleHandlers(articles, itemPages, db, scores, s.clock(),
                    views, pageFragments, anonymousArticle, articleShared, anonymousItem, itemRows,
                    new CommentFragments(pageFragments), new ChartFragments(pageFragments));
            EmailRepository emails = new EmailRepository(db, s.clock(), outbox, mails);
            PasswordResetRepository resets = new PasswordResetRepository(db, s.clock(), outbox, mails);
            AccountsWeb accountsWeb = AccountsWeb.wire(s.accounts(), s.sessions(), s.passwords(), s.twoFactor(),
                    s.pendingSignIns(), s.limiter(), clientIp, gate,
                    new TrustedDevices(StoredSecrets.get(db, TrustedDevices.SETTING), s.clock()),
                    config.secureCookies(), emails, mailEnabled);
            Routes.Handlers handlers = new Routes.Handlers(
                    front,
                    articleHandlers,
                    accountsWeb.accounts(),
                    accountsWeb.settings(),
                    accountsWeb.twoFactor(),
                    new ProfileHandlers(s.accounts(), s.roles(), stances, forecasts, scores, follows,
                            mailEnabled ? outbox::status : null, new MemberCommentRepository(db), proposalRepository),
                    new ModerationHandlers(articles, s.accounts(), itemModeration,
                            new MemberModerationRepository(db, s.log(), notifications, s.clock()),
                            s.log(), s.clock()),
                    new InboxHandlers(new InboxRepository(db, s.clock())),
                    live,
                    new FollowHandlers(follows, articles),
                    new SystemHandlers(db, metrics, clientIp, config.metricsAllow(), config.metricsToken(),
                            () -> backups.line(config.backupDir() != null)),
                    new StanceHandlers(articles, stances, stancePanels, new CommonGround(articles, campRepository, stances),
                            mindChanges, bus),
                    new ForecastHandlers(articles, forecasts, scores, forecastPanels,
                            articleHandlers::renderItemWithForecast, mindChanges,
                            follows, bus),
                    new ResolutionHandlers(articles,
                            new ResolutionRepository(db, s.log(), notifications, follows, s.clock()),
                            itemModeration, s.clock()),
                    new DebateHandlers(articles, articleHandlers::renderItem, comments,
                            new CommentWriteRepository(db, s.clock(), s.limiter(), notifications, s.log(), follows,
                                    Paths.INSTANCE),
                            new VoteRepository(db, s.clock()), debateViews, bus),
                    new CommentModerationHandlers(new CommentModerationRepository(db, s.log(),
                            notifications, s.limiter(), s.clock()), new FlagQueueRepository(db), proposals::queue,
                            articles::all),
                    new OpenDataHandlers(new OpenDataRepository(db,
                            new PseudonymRepository(db, config.pseudonymSecret())), s.accounts(),
                            articles, forecasts, scores, () -> config.publicBaseUrl(publicPort.get())),
                    new MyDataHandlers(new MyDataRepository(db)),
                    new ArticleModerationHandlers(articles,
                            new ArticleModerationRepository(db, s.log(), s.clock()), s.clock()),
                    proposals,
                    new EmailHandlers(emails, s.limiter(), gate, mailEnabled),
                    new PasswordResetHandlers(resets, s.passwords(), s.limiter(), clientIp, gate, mailEnabled),
                    new SearchHandlers(searchLater, articles, views),
                    new CrawlerHandlers(new SitemapRepository(db), () -> config.publicBaseUrl(publicPort.get())),
                    new MailSettingsHandlers(noticeMail));
            Runnable dropPages = () -> {
                anonymousArticle.invalidate();
                articleShared.invalidate();
                anonymousItem.invalidate();
                itemRows.invalidate();
                anonymousFront.invalidate();
                forecastShared.invalidate();
                stanceShared.invalidate();
                threads.invalidate();
            };
            Runnable dropCaches = () -> {
                s.sessions().forgetKept();
                articles.forget();
                dropPages.run();
            };
            List<Route> routes = invalidating(Routes.table(handlers, config.benchmark()), dropPages, dropCaches);
            Javalin web = Web.create(config, views, routes, gate, db.statements(), metrics);
            SearchEngine search = Starting.join(opening);
            Starting.join(warm);
            web.start();
            publicPort.set(web.port());
            LeaseRepository leases = new LeaseRepository(db, s.clock(), metrics::leaseAttempt);
            String instance = instanceId();
            ArticleActivity activity = new ArticleActivity(db, s.clock());
            Jobs jobs = config.readOnly() ? Jobs.paused() : Jobs.start(s, activity, leases, instance, config.jobsAfter());
            CampJob camps = new CampJob(stances, campRepository, articles, s.clock()).onStored(dropPages);
            if (!config.readOnly()) {
                camps.start(leases, instance, config.jobsAfter());
            }
            if (config.backupDir() != null) {
                jobs.daily(config.backupAt(), s.clock(), () -> {
                    try {
                        LOG.info("daily backup written to {}", Operations.daily(config, db, s.clock()));
                        backups.succeeded(s.clock().instant());
                    } catch (Exception e) {
                        backups.failed(s.clock().instant());
                        throw new IllegalStateException("the daily backup failed: " + e.getMessage(), e);
                    }
                }, leases, instance);
            }
            // without SMTP settings nothing is queued (the pages that would send mail say so), so there is no sender
            MailSender mailSender = mailEnabled && !config.readOnly()
                    ? new MailSender(config.smtp(), outbox, leases, instance, List.of(resets::processRequests, noticeMail::digestsIfDue),
                            s.clock()).start()
                    : null;
            OperatorChannel channel = operatorChannel(config, db, s, backups);
            return new App(config, db, web, s, jobs, metrics, bus, live, routes, camps, activity, dropCaches,
                    backups, channel, mailSender, resets, search, noticeMail);
        } catch (RuntimeException | Error e) {
            if (opening != null) {
                // opened by now, or failed: either way it no longer reads the database
                SearchEngine search = opening.handle((engine, failure) -> engine).join();
                if (search != null) {
                    search.close();
                }
            }
            db.close();
            throw e;
        } finally {
            starting.close();
        }
    }

    /**
     * The search engine for this database: PostgreSQL's own full-text search, or a Lucene index beside the embedded
     * database (in memory beside an in-memory one), brought up to date with it before anything is served.
     */
    public static SearchEngine searchEngine(Config config, Database db) {
        if (config.postgres()) {
            PostgresSearchRepository postgres = new PostgresSearchRepository(db);
            return new KeptSearches(new RationedSearches(postgres, SEARCHES_AT_ONCE, SEARCH_WAIT), postgres::version);
        }
        return LuceneSearch.open(new SearchRepository(db), config.searchIndex());
    }

    /**
     * Searches PostgreSQL runs at once per instance: two, one per core. A search most rows match takes a core for
     * hundreds of milliseconds; at 32 at once they took every connection and pages failed for want of one.
     */
    static final int SEARCHES_AT_ONCE = 2;
    /** How long a search waits for its turn before it is refused (429, try again). */
    static final java.time.Duration SEARCH_WAIT = java.time.Duration.ofSeconds(10);

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(App.class);

    /**
     * The local channel the operator's commands ({@code backup}, {@code promote}) reach an embedded database through
     * while Crux holds its file; none for PostgreSQL (the commands open it directly, beside the running Crux). Crux
     * serves without it when it cannot be opened (a path longer than a Unix socket's 107 bytes, say): the commands
     * then say so.
     */
    private static OperatorChannel operatorChannel(Config config, Database db, Services s,
                                                   Operations.Status backups) {
        if (config.h2File() == null) {
            return null;
        }
        java.nio.file.Path socket = OperatorChannel.socketFor(config.h2File());
        try {
            return OperatorChannel.open(socket, Operations.channelCommands(config, db, s, backups));
        } catch (java.io.IOException | RuntimeException e) {
            LOG.warn("no operator channel at {} ({}): stop Crux to run operator commands", socket, e.toString());
            return null;
        }
    }

    /**
     * Successful writes to items, arguments, proposals and moderation drop the cached front page, article pages and
     * their shared data on this instance at once, whether or not the feature publishes a live event (other instances
     * hear the events, and {@link PageCache#MAX_AGE} bounds the rest); writes to articles also drop the articles
     * held in memory ({@link ArticleRepository#forget}).
     */
    static List<Route> invalidating(List<Route> routes, Runnable invalidate, Runnable invalidateArticles) {
        return routes.stream().map(r -> r.method() != HandlerType.POST
                || !(r.path().startsWith("/items/") || r.path().startsWith("/comments/") || r.path().startsWith("/mod/")
                || r.path().startsWith("/articles/"))
                ? r
                : new Route(r.method(), r.path(), r.access(), ctx -> {
                    r.handler().handle(ctx);
                    if (ctx.statusCode() < 400) {
                        // an article's own details and text change only under /mod/articles: every other write keeps
                        // the articles held in memory (reading them again would cost the next page a statement)
                        (r.path().startsWith("/mod/articles") ? invalidateArticles : invalidate).run();
                    }
                })).toList();
    }

    /** Names this process in job leases: host and a random part, so two instances on one host differ. */
    static String instanceId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "host";
        }
        return (host.length() > 60 ? host.substring(0,
                60) : host) + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public int port() {
        return web.port();
    }

    public Database database() {
        return db;
    }

    public Config config() {
        return config;
    }

    public Services services() {
        return services;
    }

    /** Live updates: features publish here after their change commits. */
    public EventBus events() {
        return bus;
    }

    /** The route table this app serves: tests walk it so that no route escapes the access and CSRF checks. */
    public List<Route> routes() {
        return routes;
    }

    /**
     * Drops what the article page keeps in memory, as a write through the site does: for tests and operators that
     * change the database behind Crux's back (otherwise {@link PageCache#MAX_AGE} later).
     */
    public void dropCaches() {
        dropCaches.run();
    }

    /** Password reset links: {@link PasswordResetRepository#issueLink} is what {@code crux.jar reset-link} runs. */
    public PasswordResetRepository passwordResets() {
        return passwordResets;
    }

    /**
     * Password resets on an open database without serving (the {@code reset-link} command while Crux is stopped):
     * links start with CRUX_BASE_URL, or the configured port on localhost.
     */
    public static PasswordResetRepository passwordResets(Config config, Database db) {
        Clock clock = Clock.systemUTC();
        return new PasswordResetRepository(db, clock, new OutboxRepository(db, clock),
                new MailTemplates(config.home().resolve("templates"), true, () -> config.publicBaseUrl(config.port())));
    }

    /** The search engine: tests (and the reindex command) reach it directly. */
    public SearchEngine search() {
        return search;
    }

    /** Notices by mail: {@link NoticeMail#digests} makes the digests due now (the mail sender also runs it). */
    public NoticeMail noticeMail() {
        return noticeMail;
    }

    /** When the last backup succeeded, for /healthz. */
    public Operations.Status backups() {
        return backups;
    }

    /** Live event streams open on this instance. */
    public int liveStreams() {
        return live.openStreams();
    }

    /** The camps job: tests (and operators) run it now rather than waiting for its schedule. */
    public CampJob camps() {
        return camps;
    }

    /** The front page's activity numbers: tests (and operators) recount them now rather than waiting a minute. */
    public ArticleActivity activity() {
        return activity;
    }

    /** Stops in the order H2 needs: jobs and web server first, then the pool and the database. */
    @Override
    public void close() {
        try {
            if (operatorChannel != null) {
                operatorChannel.close();
            }
            if (mailSender != null) {
                mailSender.close();
            }
            camps.close();
            jobs.close();
            live.close();
            web.stop();
            bus.close();
            metrics.close();
            search.close();
        } finally {
            db.close();
        }
    }
}
