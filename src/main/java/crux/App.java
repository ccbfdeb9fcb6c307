package crux;

import crux.article.ArticleHandlers;
import crux.article.ArticleRepository;
import crux.db.Database;
import crux.web.Routes;
import crux.web.Site;
import crux.web.SystemHandlers;
import crux.web.Views;
import crux.web.Web;
import io.javalin.Javalin;

/** One running Crux: database, web server and everything wired between them, by hand. */
public final class App implements AutoCloseable {

    private final Config config;
    private final Database db;
    private final Javalin web;

    private App(Config config, Database db, Javalin web) {
        this.config = config;
        this.db = db;
        this.web = web;
    }

    /** Opens (and migrates) the database, then starts serving. */
    public static App start(Config config) {
        config.checkHome();
        Database db = Database.open(config.jdbcUrl(), config.databaseUser(), config.databasePassword(),
                config.home().resolve("db/migration"));
        try {
            Views views = new Views(config.home().resolve("templates"), config.cacheTemplates(),
                    ctx -> new Site(ctx.attribute(crux.web.Web.REQUEST_ID), null, null, null, 0));
            ArticleHandlers article = new ArticleHandlers(new ArticleRepository(db));
            Javalin web = Web.create(config, views, Routes.table(article, new SystemHandlers(db)), ctx -> { },
                    db.statements());
            web.start();
            return new App(config, db, web);
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

    /** Stops in the order H2 needs: web server first, then the pool and the database. */
    @Override
    public void close() {
        try {
            web.stop();
        } finally {
            db.close();
        }
    }
}
