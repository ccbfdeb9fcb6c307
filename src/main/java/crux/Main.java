package crux;

import crux.accounts.Role;
import crux.bench.Seed;
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

    private static int bench(Config config, String[] args) {
        long seed = 42;
        java.nio.file.Path out = java.nio.file.Path.of(".bench/out");
        for (int i = 1; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--seed" -> seed = Long.parseLong(args[i + 1]);
                case "--out" -> out = java.nio.file.Path.of(args[i + 1]);
                default -> {
                    System.err.println("Unknown option " + args[i]);
                    return 2;
                }
            }
        }
        config.checkHome();
        try (Database db = App.openDatabase(config)) {
            if (args[0].equals("bench-check")) {
                return Seed.check(db.dataSource()) ? 0 : 1;
            }
            long t0 = System.nanoTime();
            var made = Seed.run(config, db.dataSource(), seed, out);
            System.out.printf("MADE big=%d small=%d prediction=%d claim=%d seconds=%.1f%n", made.bigItem(),
                    made.smallItem(), made.predictionItem(), made.claimItem(), (System.nanoTime() - t0) / 1e9);
            return 0;
        } catch (java.sql.SQLException | java.io.IOException e) {
            System.err.println("bench: " + e);
            return 1;
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
        if (args[0].equals("bench-seed") || args[0].equals("bench-check")) {
            return bench(config, args);
        }
        System.err.println("Unknown command: " + String.join(" ", Arrays.asList(args)) + "\n"
                + "Usage: java -jar target/crux.jar                         start Crux\n"
                + "       java -jar target/crux.jar promote NAME ROLE       make NAME an admin, moderator or member\n"
                + "       java -jar target/crux.jar bench-seed [--seed N] [--out DIR]   fill a fresh database for .bench/run\n"
                + "       java -jar target/crux.jar bench-check            counters equal the rows after a benchmark");
        return 2;
    }
}
