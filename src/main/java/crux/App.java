package crux;

import crux.accounts.AccountHandlers;
import crux.accounts.AccountRepository;
import crux.accounts.Passwords;
import crux.accounts.ProfileHandlers;
import crux.accounts.Roles;
import crux.accounts.Sessions;
import crux.accounts.SettingsHandlers;
import crux.accounts.TwoFactor;
import crux.article.ArticleHandlers;
import crux.article.ArticleRepository;
import crux.article.ItemPages;
import crux.forecasts.ForecastHandlers;
import crux.forecasts.ForecastPanels;
import crux.forecasts.ForecastRepository;
import crux.forecasts.ResolutionHandlers;
import crux.forecasts.Resolutions;
import crux.forecasts.ScoreRepository;
import crux.stances.CampJob;
import crux.stances.CampRepository;
import crux.stances.CommonGround;
import crux.stances.StanceHandlers;
import crux.stances.StancePanels;
import crux.stances.StanceRepository;
import crux.db.Database;
import crux.moderation.ItemModeration;
import crux.moderation.MemberModeration;
import crux.moderation.ModerationHandlers;
import crux.moderation.ModerationLogRepository;
import crux.notifications.Notifications;
import crux.moderation.ModerationLog;
import crux.web.ClientIp;
import crux.web.Gate;
import crux.web.RateLimiter;
import crux.web.Routes;
import crux.web.SiteBuilder;
import crux.web.SystemHandlers;
import crux.web.Views;
import crux.web.Web;
import io.javalin.Javalin;
import java.time.Clock;

/** One running Crux: database, web server and everything wired between them, by hand. */
public final class App implements AutoCloseable {

    private final Config config;
    private final Database db;
    private final Javalin web;
    private final Services services;
    private final Jobs jobs;
    private final CampJob camps;

    /** The pieces tests and the command line reach for directly. */
    public record Services(Clock clock, AccountRepository accounts, Sessions sessions, Passwords passwords,
                           TwoFactor twoFactor, Roles roles, RateLimiter limiter, ModerationLog log) {
    }

    private App(Config config, Database db, Javalin web, Services services, Jobs jobs, CampJob camps) {
        this.config = config;
        this.db = db;
        this.web = web;
        this.services = services;
        this.jobs = jobs;
        this.camps = camps;
    }

    /** Opens (and migrates) the database and builds the services, without serving. */
    public static Services services(Config config, Database db) {
        Clock clock = Clock.systemUTC();
        AccountRepository accounts = new AccountRepository(db, clock);
        ModerationLog log = new ModerationLog(clock);
        return new Services(clock, accounts, new Sessions(db, clock), new Passwords(config.passwordParams()),
                new TwoFactor(db, clock), new Roles(db, accounts, log), new RateLimiter(db, clock), log);
    }

    public static Database openDatabase(Config config) {
        return Database.open(config.jdbcUrl(), config.databaseUser(), config.databasePassword(),
                config.home().resolve("db/migration"));
    }

    /** Opens (and migrates) the database, then starts serving. */
    public static App start(Config config) {
        config.checkHome();
        Database db = openDatabase(config);
        try {
            Services s = services(config, db);
            ClientIp clientIp = new ClientIp(config.trustedProxies());
            Gate gate = new Gate(s.sessions(), s.limiter(), s.clock(), config.secureCookies());
            Views views = new Views(config.home().resolve("templates"), config.cacheTemplates(),
                    new SiteBuilder(s.clock(), memberId -> new Notifications(db, s.clock()).unread(memberId)));
            ArticleRepository articles = new ArticleRepository(db);
            Notifications notifications = new Notifications(db, s.clock());
            ItemModeration itemModeration = new ItemModeration(db, s.log(), s.clock());
            StanceRepository stances = new StanceRepository(db, s.clock());
            CampRepository campRepository = new CampRepository(db);
            ForecastRepository forecasts = new ForecastRepository(db, s.clock());
            ScoreRepository scores = new ScoreRepository(db);
            ItemPages itemPages = new ItemPages(articles, itemModeration,
                    new StancePanels(stances, campRepository, s.clock()),
                    new ForecastPanels(forecasts, scores, s.clock()), stances, s.clock());
            Routes.Handlers handlers = new Routes.Handlers(
                    new ArticleHandlers(articles, itemPages, stances, scores, s.clock()),
                    new AccountHandlers(s.accounts(), s.sessions(), s.passwords(), s.limiter(), clientIp, gate),
                    new SettingsHandlers(s.accounts(), s.sessions(), s.passwords(), s.twoFactor(), clientIp, gate),
                    new ProfileHandlers(s.accounts(), s.roles(), stances, forecasts, scores),
                    new ModerationHandlers(articles, s.accounts(), itemModeration,
                            new MemberModeration(db, s.log(), notifications, s.clock()),
                            new ModerationLogRepository(db), s.clock()),
                    new SystemHandlers(db),
                    new StanceHandlers(articles, stances, itemPages, new CommonGround(articles, campRepository)),
                    new ForecastHandlers(articles, forecasts, scores, itemPages),
                    new ResolutionHandlers(articles, new Resolutions(db, s.log(), notifications, s.clock()), itemModeration));
            Javalin web = Web.create(config, views, Routes.table(handlers), gate, db.statements());
            web.start();
            Jobs jobs = Jobs.start(s);
            CampJob camps = new CampJob(stances, campRepository, articles, s.clock()).start();
            return new App(config, db, web, s, jobs, camps);
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
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

    /** The camps job: tests (and operators) run it now rather than waiting for its schedule. */
    public CampJob camps() {
        return camps;
    }

    /** Stops in the order H2 needs: jobs and web server first, then the pool and the database. */
    @Override
    public void close() {
        try {
            camps.close();
            jobs.close();
            web.stop();
        } finally {
            db.close();
        }
    }
}
