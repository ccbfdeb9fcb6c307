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
import crux.debate.CommentRepository;
import crux.debate.Comments;
import crux.debate.DebateHandlers;
import crux.debate.DebateViews;
import crux.debate.Votes;
import crux.moderation.ItemModeration;
import crux.moderation.MemberModeration;
import crux.moderation.ModerationHandlers;
import crux.moderation.ModerationLogRepository;
import crux.notifications.InboxHandlers;
import crux.notifications.InboxRepository;
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

    /** The pieces tests and the command line reach for directly. */
    public record Services(Clock clock, AccountRepository accounts, Sessions sessions, Passwords passwords,
                           TwoFactor twoFactor, Roles roles, RateLimiter limiter, ModerationLog log) {
    }

    private App(Config config, Database db, Javalin web, Services services, Jobs jobs) {
        this.config = config;
        this.db = db;
        this.web = web;
        this.services = services;
        this.jobs = jobs;
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
            Notifications notifications = new Notifications(db, s.clock());
            Views views = new Views(config.home().resolve("templates"), config.cacheTemplates(),
                    new SiteBuilder(s.clock(), notifications::unread));
            ArticleRepository articles = new ArticleRepository(db);
            ItemModeration itemModeration = new ItemModeration(db, s.log(), s.clock());
            CommentRepository comments = new CommentRepository(db);
            DebateViews debateViews = new DebateViews(comments, s.clock());
            ArticleHandlers articleHandlers = new ArticleHandlers(articles, itemModeration, debateViews);
            Routes.Handlers handlers = new Routes.Handlers(
                    articleHandlers,
                    new AccountHandlers(s.accounts(), s.sessions(), s.passwords(), s.limiter(), clientIp, gate),
                    new SettingsHandlers(s.accounts(), s.sessions(), s.passwords(), s.twoFactor(), clientIp, gate),
                    new ProfileHandlers(s.accounts(), s.roles()),
                    new ModerationHandlers(articles, s.accounts(), itemModeration,
                            new MemberModeration(db, s.log(), notifications, s.clock()),
                            new ModerationLogRepository(db), s.clock()),
                    new InboxHandlers(new InboxRepository(db, s.clock())),
                    new SystemHandlers(db),
                    new DebateHandlers(articles, articleHandlers, comments,
                            new Comments(db, s.clock(), s.limiter(), notifications), new Votes(db, s.clock()),
                            debateViews));
            Javalin web = Web.create(config, views, Routes.table(handlers), gate, db.statements());
            web.start();
            Jobs jobs = Jobs.start(s);
            return new App(config, db, web, s, jobs);
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
