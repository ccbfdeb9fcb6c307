package crux;

import crux.accounts.Role;
import crux.db.Database;
import crux.db.WriteBudget;
import java.util.Arrays;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts Crux: {@code java -jar target/crux.jar}. Operator commands:
 * {@code java -jar target/crux.jar promote NAME admin|moderator|member}.
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
            config.checkHome();
            try (Database db = App.openDatabase(config)) {
                var member = App.services(config, db).roles()
                        .set(WriteBudget.FREE, args[1], role.get(), null, "set by the operator");
                if (member.isEmpty()) {
                    System.err.println("There is no member named '" + args[1] + "'. They must register first.");
                    return 1;
                }
                System.out.println(member.get().name() + " is now " + member.get().role().code() + ".");
                return 0;
            }
        }
        System.err.println("Unknown command: " + String.join(" ", Arrays.asList(args)) + "\n"
                + "Usage: java -jar target/crux.jar                         start Crux\n"
                + "       java -jar target/crux.jar promote NAME ROLE       make NAME an admin, moderator or member");
        return 2;
    }
}
