package crux;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts Crux: {@code java -jar target/crux.jar}. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
        Logger log = LoggerFactory.getLogger(Main.class);
        Config config = Config.fromEnvironment();
        App app = App.start(config);
        Runtime.getRuntime().addShutdownHook(new Thread(app::close, "crux-shutdown"));
        log.info("Crux is running on http://localhost:{} (database: {})", app.port(),
                config.embedded() ? config.dataDir() : "external");
    }
}
