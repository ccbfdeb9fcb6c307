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
import crux.db.Database;
import crux.moderation.ModerationHandlers;
import crux.moderation.ModerationLog;
import crux.web.ClientIp;
import crux.web.Gate;
import crux.web.RateLimiter;
import crux.web.Route;
import crux.web.Routes;
import crux.web.SiteBuilder;
import crux.web.SystemHandlers;
import crux.web.Views;
import crux.web.Web;
import io.javalin.Javalin;
import java.time.Clock;
import java.util.List;

/** One running Crux: database, web server and everything wired between them, by hand. */
public final class App implements AutoCloseable {

    private final Config config;
    private final Database db;
    private final Javalin web;
    private final Services services;
    private final Jobs jobs;
    private final List<Route> routes;

    /** The pieces tests and the command line reach for directly. */
    public record Services(Clock clock, AccountRepository accounts, Sessions sessions, Passwords passwords,
                           TwoFactor twoFactor, Roles roles, RateLimiter limiter, ModerationLog log) {
    }

    private App(Config config, Database db, Javalin web, Services services, Jobs jobs, List<Route> routes) {
        this.config = config;
        this.db = db;
        this.web = web;
        this.services = services;
        this.jobs = jobs;
        this.routes = routes;
    }

    /** Builds the services on an open database, without serving. */
    public static Services services(Config config, Database db) {
        return services(config, db, Clock.systemUTC());
    }

    private static Services services(Config config, Database db, Clock clock) {
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
        return start(config, Clock.systemUTC());
    }

    /** As {@link #start(Config)}, on a given clock: tests travel in time through it (expiry, windows, TOTP). */
    public static App start(Config config, Clock clock) {
        config.checkHome();
        Database db = openDatabase(config);
        try {
            Services s = services(config, db, clock);
            ClientIp clientIp = new ClientIp(config.trustedProxies());
            Gate gate = new Gate(s.sessions(), s.limiter(), s.clock(), config.secureCookies());
            Views views = new Views(config.home().resolve("templates"), config.cacheTemplates(),
                    new SiteBuilder(s.clock(), memberId -> 0));
            Routes.Handlers handlers = new Routes.Handlers(
                    new ArticleHandlers(new ArticleRepository(db)),
                    new AccountHandlers(s.accounts(), s.sessions(), s.passwords(), s.limiter(), clientIp, gate),
                    new SettingsHandlers(s.accounts(), s.sessions(), s.passwords(), s.twoFactor(), s.limiter(),
                            clientIp, gate),
                    new ProfileHandlers(s.accounts(), s.roles()),
                    new ModerationHandlers(),
                    new SystemHandlers(db));
            List<Route> routes = Routes.table(handlers);
            Javalin web = Web.create(config, views, routes, gate, db.statements());
            web.start();
            Jobs jobs = Jobs.start(s);
            return new App(config, db, web, s, jobs, routes);
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

    /** The route table this app serves: tests walk it so that no route escapes the access and CSRF checks. */
    public List<Route> routes() {
        return routes;
    }

    /** Stops in the order H2 needs: jobs and web server first, then the pool and the database. */
    @Override
    public void close() {
        try {
            jobs.close();
            web.stop();
        } finally {
            db.close();
        }
    }
}
