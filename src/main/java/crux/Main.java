package crux;

import crux.accounts.Role;
import crux.db.Database;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts Crux: {@code java -jar target/crux.jar}. Operator commands:
 * {@code java -jar target/crux.jar promote NAME admin|moderator|member}, {@code reset-link NAME}, {@code backup FILE},
 * {@code restore FILE [--replace]}, {@code move-to-postgres} (see {@link Operations}), {@code reindex} (the search index).
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
        Config config = Config.fromEnvironment();
        if (args.length > 0) {
            System.exit(command(config, args));
        }
        Logger log = LoggerFactory.getLogger(Main.class);
        App app = App.start(config);
        Runtime.getRuntime().addShutdownHook(new Thread(app::close, "crux-shutdown"));
        log.info("Crux is running on http://localhost:{} (database: {})", app.port(),
                config.embedded() ? config.dataDir() : "external");
    }

    /**
     * {@code reindex}: empties the embedded database's search index and reads every row into it again (with Crux
     * stopped: the database's file is locked while it runs). PostgreSQL needs none: its search columns are part of
     * the rows.
     */
    static int reindex(Config config) {
        if (config.postgres()) {
            System.out.println("PostgreSQL searches its own columns, kept by every write: there is no index to rebuild.");
            return 0;
        }
        config.checkHome();
        try (Database db = App.openDatabase(config); var search = App.searchEngine(config, db)) {
            search.rebuild();
            System.out.println("Rebuilt the search index in " + config.searchIndex() + ".");
            return 0;
        }
    }

    /** Runs an operator command against the configured database; returns the process exit code. */
    static int command(Config config, String[] args) {
        if (args[0].equals("promote") && args.length == 3) {
            Optional<Role> role = Role.parse(args[2]);
            if (role.isEmpty()) {
                System.err.println("The role must be admin, moderator or member, not '" + args[2] + "'.");
                return 2;
            }
            return new Operations(config, System.out, System.err).run("promote", List.of(args[1], args[2]),
                    db -> Operations.promote(App.services(config, db), args[1], args[2]));
        }
        if (args[0].equals("reset-link") && args.length == 2) {
            Operations operations = new Operations(config, System.out, System.err);
            return operations.run("reset-link", List.of(args[1]),
                    db -> Operations.resetLink(App.passwordResets(config, db), args[1]));
        }
        if (args[0].equals("reindex") && args.length == 1) {
            return reindex(config);
        }
        if (args[0].equals("backup") && args.length == 2) {
            return new Operations(config, System.out, System.err).backup(java.nio.file.Path.of(args[1]));
        }
        if (args[0].equals("restore") && (args.length == 2 || args.length == 3 && args[2].equals("--replace"))) {
            return new Operations(config, System.out, System.err).restore(java.nio.file.Path.of(args[1]),
                    args.length == 3);
        }
        if (args[0].equals("move-to-postgres") && args.length == 1) {
            return new Operations(config, System.out, System.err).moveToPostgres();
        }
        System.err.println("Unknown command: " + String.join(" ", Arrays.asList(args)) + "\n"
                + "Usage: java -jar target/crux.jar                         start Crux\n"
                + "       java -jar target/crux.jar promote NAME ROLE       make NAME an admin, moderator or member,"
                + " while Crux runs or not\n"
                + "       java -jar target/crux.jar reset-link NAME         print a one-time password reset link, while"
                + " Crux runs or not\n"
                + "       java -jar target/crux.jar reindex                 rebuild the embedded database's search index\n"
                + "       java -jar target/crux.jar backup FILE             write a backup, while Crux runs or not\n"
                + "       java -jar target/crux.jar restore FILE [--replace]  restore a backup into CRUX_DATA\n"
                + "       java -jar target/crux.jar move-to-postgres        copy CRUX_DATA into the empty DATABASE_URL");
        return 2;
    }
}
