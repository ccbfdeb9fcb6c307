package crux;

import crux.accounts.Role;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts Crux: {@code java -jar target/crux.jar}. Operator commands:
 * {@code java -jar target/crux.jar promote NAME admin|moderator|member}, {@code backup FILE},
 * {@code restore FILE [--replace]} (see {@link Operations}).
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

    /** Runs an operator command against the configured database; returns the process exit code. */
    static int command(Config config, String[] args) {
        if (args[0].equals("promote") && args.length == 3) {
            Optional<Role> role = Role.parse(args[2]);
            if (role.isEmpty()) {
                System.err.println("The role must be admin, moderator or member, not '" + args[2] + "'.");
                return 2;
            }
            return new Operations(config, System.out, System.err).run("promote", List.of(args[1], args[2]),
                    s -> Operations.promote(s, args[1], args[2]));
        }
        if (args[0].equals("backup") && args.length == 2) {
            return new Operations(config, System.out, System.err).backup(java.nio.file.Path.of(args[1]));
        }
        if (args[0].equals("restore") && (args.length == 2 || args.length == 3 && args[2].equals("--replace"))) {
            return new Operations(config, System.out, System.err).restore(java.nio.file.Path.of(args[1]),
                    args.length == 3);
        }
        System.err.println("Unknown command: " + String.join(" ", Arrays.asList(args)) + "\n"
                + "Usage: java -jar target/crux.jar                         start Crux\n"
                + "       java -jar target/crux.jar promote NAME ROLE       make NAME an admin, moderator or member,"
                + " while Crux runs or not\n"
                + "       java -jar target/crux.jar backup FILE             write a backup, while Crux runs or not\n"
                + "       java -jar target/crux.jar restore FILE [--replace]  restore a backup into CRUX_DATA");
        return 2;
    }
}
