package crux;

import crux.accounts.Role;
import crux.db.OperatorChannel;
import crux.db.WriteBudget;
import crux.db.Backups;
import crux.db.Database;
import crux.db.PostgresMove;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.flywaydb.core.api.output.ValidateResult;
import org.h2.jdbcx.JdbcDataSource;

/**
 * The operator's backup and restore: {@code crux.jar backup FILE}, {@code crux.jar restore FILE [--replace]}, and the
 * daily backups a running Crux makes into CRUX_BACKUP_DIR.
 */
public final class Operations {

    /** H2's error code for a database file locked by another process. */
    static final int H2_LOCKED = 90020;
    /** How long pg_dump may run before the command gives up on it. */
    static final long PG_DUMP_HOURS = 6;

    private final Config config;
    private final PrintStream out;
    private final PrintStream err;

    Operations(Config config, PrintStream out, PrintStream err) {
        this.config = config;
        this.out = out;
        this.err = err;
    }

    /** When the last backup this instance made (or found in CRUX_BACKUP_DIR at start) was completed. */
    public static final class Status {
        private final AtomicReference<Instant> last = new AtomicReference<>();
        private final AtomicReference<Instant> failed = new AtomicReference<>();

        void succeeded(Instant at) {
            last.accumulateAndGet(at, (a, b) -> a == null || b.isAfter(a) ? b : a);
        }

        void failed(Instant at) {
            failed.set(at);
        }

        /** The line /healthz adds: when the last backup succeeded, and a failure since, if any. */
        public Optional<String> line(boolean scheduled) {
            Instant ok = last.get();
            Instant bad = failed.get();
            if (ok == null && bad == null && !scheduled) {
                return Optional.empty();
            }
            String line = "last backup: " + (ok == null ? "none yet" : ok.toString());
            if (bad != null && (ok == null || bad.isAfter(ok))) {
                line += " (the backup at " + bad + " failed: see the log)";
            }
            return Optional.of(line);
        }
    }

    /** Writes a backup of the open database {@code db} to {@code file}: what the running instance does. */
    static void backup(Config config, Database db, Path file) throws Exception {
        if (config.postgres()) {
            pgDump(config, file);
        } else {
            Backups.h2(db.dataSource(), file);
        }
    }

    /** The daily backup: a new file in CRUX_BACKUP_DIR, then only the newest CRUX_BACKUP_KEEP are kept. */
    static Path daily(Config config, Database db, Clock clock) throws Exception {
        Instant now = clock.instant();
        Path file = config.backupDir().resolve(Backups.fileName(now, config.postgres() ? ".dump" : ".zip"));
        backup(config, db, file);
        Backups.prune(config.backupDir(), config.backupKeep(), now);
        return file;
    }

    /** {@code backup FILE}: asks the running instance, or reads the database itself when Crux is stopped. */
    int backup(Path file) {
        Path target = file.toAbsolutePath().normalize();
        try {
            if (config.postgres()) {
                out.println("On PostgreSQL Crux is backed up with pg_dump, which reads a consistent snapshot while Crux"
                        + " runs. The command: " + String.join(" ", pgDumpCommand(config, Path.of("FILE"))));
                if (findOnPath("pg_dump").isEmpty()) {
                    err.println("pg_dump is not installed here (Debian: apt-get install postgresql-client): run it"
                            + " where it is, with the password in PGPASSWORD.");
                    return 1;
                }
                pgDump(config, target);
                out.println("Backed up to " + target + " (restore with: pg_restore --no-owner --dbname=… " + target
                        + ").");
                return 0;
            }
            Path h2 = config.h2File();
            if (h2 == null) {
                err.println("This database lives in memory only: there is nothing to back up.");
                return 1;
            }
            Optional<OperatorChannel.Reply> answer = OperatorChannel.ask(OperatorChannel.socketFor(h2), "backup",
                    target.toString());
            if (answer.isPresent()) {
                if (!answer.get().ok()) {
                    err.println("The running Crux could not make the backup: " + answer.get().text());
                    return 1;
                }
                out.println("Backed up the running Crux to " + target + ".");
                return 0;
            }
            if (!Files.exists(Path.of(h2 + Backups.H2_SUFFIX))) {
                err.println("There is no database at " + h2 + Backups.H2_SUFFIX + " (CRUX_DATA).");
                return 1;
            }
            Backups.h2(existingH2(config.jdbcUrl()), target);
            out.println("Backed up " + h2 + Backups.H2_SUFFIX + " to " + target + ".");
            return 0;
        } catch (SQLException e) {
            if (e.getErrorCode() == H2_LOCKED) {
                err.println("The database is in use by a Crux that does not answer on its operator channel ("
                        + OperatorChannel.socketFor(config.h2File()) + "): stop it, or start it again so that it opens"
                        + " the channel, then back up.");
            } else {
                err.println("The backup failed: " + e.getMessage());
            }
            return 1;
        } catch (Exception e) {
            err.println("The backup failed: " + e.getMessage());
            return 1;
        }
    }

    /**
     * The commands a running Crux answers on its operator channel, each one line: a new command is one more entry
     * here, and a call to {@link #run} in {@link Main}.
     */
    static Map<String, OperatorChannel.Command> channelCommands(Config config, Database db, App.Services s,
                                                                Status backups) {
        return Map.of(
                "backup", new OperatorChannel.Command(1, args -> {
                    backup(config, db, Path.of(args.get(0)));
                    backups.succeeded(s.clock().instant());
                    return OperatorChannel.Reply.ok("Backed up the running Crux to " + args.get(0) + ".");
                }),
                "promote", new OperatorChannel.Command(2, args -> promote(s, args.get(0), args.get(1))),
                "reset-link", new OperatorChannel.Command(1, args -> resetLink(App.passwordResets(config, db),
                        args.get(0))),
                // a move to PostgreSQL goes ahead on a running instance only when it takes no writes
                "mode", new OperatorChannel.Command(0, args -> OperatorChannel.Reply.ok(config.readOnly() ? READ_ONLY
                        : READ_WRITE)));
    }

    /** The answer to {@code mode} from an instance that refuses writes (CRUX_READ_ONLY=true). */
    static final String READ_ONLY = "read-only";
    /** The answer to {@code mode} from an instance that takes writes. */
    static final String READ_WRITE = "read-write";

    /** {@code reset-link NAME}: a one-time link for the member to choose a new password, for the operator to pass on. */
    static OperatorChannel.Reply resetLink(crux.accounts.PasswordResetRepository resets, String name) {
        var link = resets.issueLink(name);
        return link.isEmpty()
                ? OperatorChannel.Reply.refused("There is no member named '" + name + "' (or the account is deleted or"
                        + " banned).")
                : OperatorChannel.Reply.ok("A one-time link for " + name + " to choose a new password (it works once, for "
                        + crux.accounts.PasswordResetRepository.VALID.toMinutes() + " minutes):\n" + link.get());
    }

    /** {@code promote NAME ROLE}: sets a member's role, logged as the operator's doing. */
    static OperatorChannel.Reply promote(App.Services s, String name, String roleCode) {
        Optional<Role> role = Role.parse(roleCode);
        if (role.isEmpty()) {
            return OperatorChannel.Reply.refused("The role must be admin, moderator or member, not '" + roleCode
                    + "'.");
        }
        var member = s.roles().set(WriteBudget.FREE, name, role.get(), null, "set by the operator");
        return member.isEmpty()
                ? OperatorChannel.Reply.refused("There is no member named '" + name + "'. They must register first.")
                : OperatorChannel.Reply.ok(member.get().name() + " is now " + member.get().role().code() + ".");
    }

    /**
     * Runs an operator command: through the running instance when one holds the embedded database (H2 locks its file
     * to one process), otherwise on the database directly (Crux stopped, or PostgreSQL, which any number of processes
     * share). Prints the reply; returns the exit code (0 done, 1 refused or failed).
     */
    int run(String command, List<String> args, java.util.function.Function<Database, OperatorChannel.Reply> direct) {
        OperatorChannel.Reply reply;
        try {
            Path h2 = config.h2File();
            Optional<OperatorChannel.Reply> answer = h2 == null ? Optional.empty()
                    : OperatorChannel.ask(OperatorChannel.socketFor(h2), command, args.toArray(String[]::new));
            if (answer.isPresent()) {
                reply = answer.get();
            } else {
                config.checkHome();
                try (Database db = App.openDatabase(config)) {
                    reply = direct.apply(db);
                }
            }
        } catch (IOException | RuntimeException e) {
            boolean locked = e.getCause() instanceof SQLException sql && sql.getErrorCode() == H2_LOCKED
                    || String.valueOf(e.getMessage()).contains("90020");
            err.println(locked ? "The database is in use by a Crux that does not answer on its operator channel ("
                    + OperatorChannel.socketFor(config.h2File()) + "): stop it, or start it again so that it opens"
                    + " the channel, then run the command again." : command + " failed: " + e.getMessage());
            return 1;
        }
        (reply.ok() ? out : err).println(reply.text());
        return reply.ok() ? 0 : 1;
    }

    /**
     * {@code restore FILE [--replace]}: the backup's database goes into the empty data folder, once it has been
     * checked against the migrations; with {@code replace}, a database already there is first moved aside.
     */
    int restore(Path file, boolean replace) {
        Path h2 = config.h2File();
        if (h2 == null) {
            err.println(config.postgres()
                    ? "On PostgreSQL restore a pg_dump file with pg_restore into an empty database, e.g.\n"
                    + "  pg_restore --no-owner --no-privileges --dbname=postgresql://HOST:PORT/DATABASE " + file + "\n"
                    + "then start Crux on it: its migrations run on start."
                    : "This database lives in memory only: there is nowhere to restore to.");
            return 2;
        }
        if (!Backups.isH2Backup(file)) {
            err.println(file + " is not a complete Crux backup (a zip holding the database file); nothing changed.");
            return 1;
        }
        Path current = Path.of(h2 + Backups.H2_SUFFIX);
        Path dir = current.getParent();
        boolean occupied = Files.exists(current);
        if (occupied && !replace) {
            err.println(dir + " already holds a database (" + current.getFileName() + "); nothing changed. Restore"
                    + " into an empty folder (CRUX_DATA), or add --replace to move the old database aside first.");
            return 1;
        }
        String stamp = Backups.fileName(Instant.now(), "").substring("crux-".length());
        Path staging = dir.resolve(".restore-" + stamp);
        try {
            if (occupied && inUse(h2)) {
                err.println("Crux is running on " + current + ": stop it before restoring; nothing changed.");
                return 1;
            }
            config.checkHome();
            Path restored = staging.resolve(h2.getFileName() + Backups.H2_SUFFIX);
            Files.createDirectories(staging);
            Optional<String> invalid = load(file, staging.resolve(h2.getFileName().toString()));
            if (invalid.isPresent()) {
                err.println("The backup does not match this Crux's migrations, so it was not restored; nothing"
                        + " changed.\n" + invalid.get());
                return 1;
            }
            if (occupied) {
                Path aside = dir.resolve("replaced-" + stamp);
                Files.createDirectories(aside);
                for (String suffix : new String[] {Backups.H2_SUFFIX, ".trace.db"}) {
                    Path f = Path.of(h2 + suffix);
                    if (Files.exists(f)) {
                        Files.move(f, aside.resolve(f.getFileName()));
                    }
                }
                out.println("Moved the database that was there to " + aside + ".");
            }
            Files.move(restored, current, StandardCopyOption.ATOMIC_MOVE);
            // the search index described the database that was there: the next start rebuilds it from this one
            if (config.searchIndex() != null && Files.exists(config.searchIndex())) {
                deleteTree(config.searchIndex());
            }
            out.println("Restored " + file + " into " + dir + "; it matches the migrations. Start Crux on it.");
            return 0;
        } catch (IOException | SQLException | RuntimeException e) {
            err.println("The restore failed: " + e.getMessage());
            return 1;
        } finally {
            deleteTree(staging);
        }
    }

    /**
     * Loads the backup into a new database at {@code h2} (without suffix) and validates it with Flyway; empty when it
     * matches the migrations.
     */
    private Optional<String> load(Path file, Path h2) throws IOException, SQLException {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:file:" + h2);
        ds.setUser("sa");
        ds.setPassword("");
        try {
            Backups.loadH2(file, ds);
            // migrations newer than the backup are fine: Crux applies them when it starts
            ValidateResult result = Database.flyway(ds, config.home().resolve("db/migration"))
                    .ignoreMigrationPatterns("*:pending").load().validateWithResult();
            return result.validationSuccessful ? Optional.empty()
                    : Optional.of(String.join("\n", result.getAllErrorMessages()));
        } finally {
            try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
                st.execute("SHUTDOWN COMPACT");
            }
        }
    }

    /**
     * {@code move-to-postgres}: copies the embedded database in CRUX_DATA into the empty PostgreSQL database that
     * DATABASE_URL names, then verifies every table. The embedded database is only read: opened read-only when no
     * Crux runs on it; when one does, only if it is in read-only mode (CRUX_READ_ONLY=true), through a snapshot it
     * makes over its operator channel, since rows written after the copy began would otherwise be lost.
     */
    int moveToPostgres() {
        if (config.databaseUrl() == null || !config.postgres()) {
            err.println("Set DATABASE_URL to the empty PostgreSQL database to move to (jdbc:postgresql://HOST:PORT/"
                    + "DATABASE), with DATABASE_USER and DATABASE_PASSWORD; the embedded database is read from"
                    + " CRUX_DATA (" + config.dataDir() + "). Nothing was written.");
            return 2;
        }
        Path h2 = config.dataDir().resolve("crux");
        Path file = Path.of(h2 + Backups.H2_SUFFIX);
        if (!Files.exists(file)) {
            err.println("There is no embedded database at " + file + " (CRUX_DATA): nothing to move.");
            return 1;
        }
        config.checkHome();
        Path migrations = config.home().resolve("db/migration");
        Path staging = null;
        JdbcDataSource source = null;
        try (com.zaxxer.hikari.HikariDataSource target = postgresPool(config)) {
            PostgresMove.requireEmpty(target);
            Optional<OperatorChannel.Reply> mode = OperatorChannel.ask(OperatorChannel.socketFor(h2), "mode");
            if (mode.isPresent() && !mode.get().text().equals(READ_ONLY)) {
                err.println("Crux is running on " + file + " and taking writes, which the move would leave behind:"
                        + " stop it, or restart it with CRUX_READ_ONLY=true, then move. Nothing was written.");
                return 1;
            }
            if (mode.isPresent()) {
                // a read-only instance holds the file: it writes a snapshot, which is read from a staging copy
                staging = config.dataDir().resolve(".move-" + Backups.fileName(Instant.now(), "").substring(5));
                Path snapshot = staging.resolve("snapshot.zip");
                Files.createDirectories(staging);
                OperatorChannel.Reply answer = OperatorChannel.ask(OperatorChannel.socketFor(h2), "backup",
                        snapshot.toString()).orElse(OperatorChannel.Reply.refused("it stopped"));
                if (!answer.ok()) {
                    err.println("The running Crux could not make the snapshot to move: " + answer.text() + ". Nothing"
                            + " was written.");
                    return 1;
                }
                source = h2Source("jdbc:h2:file:" + staging.resolve("crux"));
                Backups.loadH2(snapshot, source);
                out.println("Crux is running in read-only mode: moving the snapshot it made just now.");
            } else {
                source = h2Source("jdbc:h2:file:" + h2 + ";ACCESS_MODE_DATA=r;IFEXISTS=TRUE");
            }
            PostgresMove.Report report;
            // held open for the whole move: H2 locks the file while any connection is open, so no Crux starts on
            // it meanwhile (a read-only open shares the lock with other readers only), and a Crux that holds it
            // without an operator channel is found here, before anything is written
            try (Connection hold = source.getConnection()) {
                out.println("Moving " + file + " to " + withoutPassword(config.databaseUrl()) + "…");
                report = PostgresMove.move(source, target, migrations, out);
            }
            out.printf("%-30s %14s %14s  %-16s %s%n", "table", "rows (H2)", "rows (PG)", "checksum", "");
            for (PostgresMove.TableReport t : report.tables()) {
                out.printf("%-30s %,14d %,14d  %-16s %s%n", t.table(), t.source().rows(), t.target().rows(),
                        t.target().sum().substring(0, 16), t.matches() ? "ok" : "DIFFERS (H2 "
                                + t.source().sum().substring(0, 16) + ")");
            }
            if (!report.verified()) {
                err.println("The copy does not match the embedded database in the tables marked DIFFERS, so the"
                        + " target was emptied again; the embedded database is unchanged.");
                return 1;
            }
            out.println("Moved " + report.tables().size() + " tables, " + String.format("%,d", report.rows())
                    + " rows, at schema version " + report.version() + "; every table's rows and checksum match."
                    + " The embedded database is unchanged. Start Crux with DATABASE_URL set to serve from PostgreSQL.");
            return 0;
        } catch (PostgresMove.NotEmpty e) {
            err.println(e.getMessage() + " move-to-postgres fills only an empty database; nothing was written.");
            return 1;
        } catch (PostgresMove.Unmovable e) {
            err.println(e.getMessage() + " Nothing was written.");
            return 1;
        } catch (SQLException e) {
            if (e.getErrorCode() == H2_LOCKED) {
                err.println("The embedded database " + file + " is in use by a process that does not answer on the"
                        + " operator channel: stop it, then move. Nothing was written.");
            } else {
                err.println("The move failed: " + e.getMessage());
            }
            return 1;
        } catch (IOException | RuntimeException e) {
            err.println("The move failed: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            return 1;
        } finally {
            if (source != null && staging != null) {
                try (Connection c = source.getConnection(); Statement st = c.createStatement()) {
                    st.execute("SHUTDOWN");
                } catch (SQLException e) {
                    // not opened: nothing to close
                }
            }
            if (staging != null) {
                deleteTree(staging);
            }
        }
    }

    /** The embedded database (or its staging copy) as the move reads it. */
    private static JdbcDataSource h2Source(String url) {
        // LAZY_QUERY_EXECUTION: rows stream from the file instead of being gathered first
        return h2DataSource(url + ";LAZY_QUERY_EXECUTION=1");
    }

    /** A small pool on the target: a connection to copy through, and one for Flyway and the checks. */
    private static com.zaxxer.hikari.HikariDataSource postgresPool(Config config) {
        com.zaxxer.hikari.HikariConfig hc = new com.zaxxer.hikari.HikariConfig();
        hc.setJdbcUrl(config.databaseUrl());
        if (config.databaseUser() != null) {
            hc.setUsername(config.databaseUser());
        }
        if (config.databasePassword() != null) {
            hc.setPassword(config.databasePassword());
        }
        hc.setMaximumPoolSize(3);
        hc.setPoolName("crux-move");
        hc.setInitializationFailTimeout(10_000);
        // a batch of single-row inserts goes over as multi-row inserts: far fewer round trips
        hc.addDataSourceProperty("reWriteBatchedInserts", "true");
        return new com.zaxxer.hikari.HikariDataSource(hc);
    }

    /** A JDBC URL fit to print: without a password in its parameters. */
    static String withoutPassword(String url) {
        return url.replaceAll("(?i)([?&]password=)[^&]*", "$1…");
    }

    /** True when another process holds the database file open (or answers on its operator channel). */
    private static boolean inUse(Path h2) throws IOException {
        if (OperatorChannel.answers(OperatorChannel.socketFor(h2))) {
            return true;
        }
        try (Connection c = existingH2("jdbc:h2:file:" + h2).getConnection()) {
            return false;
        } catch (SQLException e) {
            if (e.getErrorCode() == H2_LOCKED) {
                return true;
            }
            throw new IOException("the database there cannot be opened: " + e.getMessage(), e);
        }
    }

    /** An H2 database that must already exist: opening it never creates an empty one. */
    private static JdbcDataSource existingH2(String url) {
        return h2DataSource(url + ";IFEXISTS=TRUE");
    }

    private static JdbcDataSource h2DataSource(String url) {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL(url);
        ds.setUser("sa");
        ds.setPassword("");
        return ds;
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (var files = Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // a staging folder left behind is named .restore-…: harmless, and removable by hand
        }
    }

    /** pg_dump writing {@code file} in its custom format (compressed; pg_restore reads it), written atomically. */
    static void pgDump(Config config, Path file) throws IOException, SQLException {
        Backups.atomically(file, temporary -> {
            ProcessBuilder pb = new ProcessBuilder(pgDumpCommand(config, temporary)).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.INHERIT);
            pb.environment().putAll(pgEnvironment(config));
            Process p = pb.start();
            try {
                if (!p.waitFor(PG_DUMP_HOURS, TimeUnit.HOURS)) {
                    p.destroyForcibly();
                    throw new IOException("pg_dump took longer than " + PG_DUMP_HOURS + " hours");
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while pg_dump ran", e);
            }
            if (p.exitValue() != 0) {
                throw new IOException("pg_dump failed with exit code " + p.exitValue());
            }
        }, f -> {
            try {
                return Files.size(f) > 0;
            } catch (IOException e) {
                return false;
            }
        });
    }

    /** The pg_dump command for the configured database: no owners or grants, so it restores under any role. */
    static List<String> pgDumpCommand(Config config, Path file) {
        URI uri = URI.create(config.jdbcUrl().substring("jdbc:".length()));
        Map<String, String> params = query(uri);
        List<String> cmd = new ArrayList<>(List.of("pg_dump", "--format=custom", "--no-owner", "--no-privileges",
                "--file=" + file, "--host=" + uri.getHost(), "--port=" + (uri.getPort() < 0 ? 5432 : uri.getPort())));
        if (params.containsKey("currentSchema")) {
            cmd.add("--schema=" + params.get("currentSchema"));
        }
        cmd.add(uri.getPath().substring(1));
        return cmd;
    }

    /** Who pg_dump connects as: DATABASE_USER/DATABASE_PASSWORD, or the user and password in DATABASE_URL. */
    static Map<String, String> pgEnvironment(Config config) {
        Map<String, String> params = query(URI.create(config.jdbcUrl().substring("jdbc:".length())));
        Map<String, String> env = new LinkedHashMap<>();
        String user = config.databaseUser() != null ? config.databaseUser() : params.get("user");
        String password = config.databasePassword() != null ? config.databasePassword() : params.get("password");
        if (user != null) {
            env.put("PGUSER", user);
        }
        if (password != null) {
            env.put("PGPASSWORD", password);
        }
        if (params.containsKey("sslmode")) {
            env.put("PGSSLMODE", params.get("sslmode"));
        }
        return env;
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> params = new LinkedHashMap<>();
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    params.put(pair.substring(0, eq), java.net.URLDecoder.decode(pair.substring(eq + 1),
                            java.nio.charset.StandardCharsets.UTF_8));
                }
            }
        }
        return params;
    }

    static Optional<Path> findOnPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, program);
            if (Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** The backups already in {@code dir}, so /healthz knows the last one from the moment Crux starts. */
    static void recall(Path dir, Status status) {
        try {
            List<Path> found = Backups.list(dir);
            if (!found.isEmpty()) {
                status.succeeded(Files.getLastModifiedTime(found.get(0)).toInstant());
            }
        } catch (IOException e) {
            // no folder yet: the first backup makes it
        }
    }
}
