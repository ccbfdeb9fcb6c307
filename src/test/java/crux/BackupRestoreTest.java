package crux;

import static crux.db.generated.Tables.FORECAST;
import static crux.db.generated.Tables.ITEM_STANCE;
import static crux.db.generated.Tables.MEMBER;
import static crux.testing.TestClient.form;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import crux.bench.Seed;
import crux.db.Backups;
import crux.testing.CommandRun;
import crux.testing.TestApp;
import crux.testing.TestClient;
import crux.testing.Wait;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code crux.jar backup FILE} while Crux runs, {@code crux.jar restore FILE}, daily backups, and what a crash leaves. */
class BackupRestoreTest {

    /** An embedded file database in {@code folder}, as in production. */
    static String fileUrl(Path folder) {
        return "jdbc:h2:file:" + folder.resolve("crux") + ";DB_CLOSE_ON_EXIT=FALSE";
    }

    static CommandRun run(Config config, String... args) {
        return CommandRun.of(() -> Main.command(config, args));
    }

    static JdbcDataSource h2(Path folder) {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:file:" + folder.resolve("crux") + ";IFEXISTS=TRUE");
        ds.setUser("sa");
        ds.setPassword("");
        return ds;
    }

    static long count(JdbcDataSource ds, String sql) throws Exception {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static void shutdown(JdbcDataSource ds) throws Exception {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            st.execute("SHUTDOWN");
        }
    }

    @Test
    @Timeout(180)
    void aBackupTakenWhileMembersWriteRestoresToAConsistentDatabaseTheyCanSignInTo(@TempDir Path dir) throws Exception {
        Path live = dir.resolve("live");
        Path backup = dir.resolve("backups/now.zip");
        String url = fileUrl(live);
        List<String> names = List.of("Ada", "Brook", "Cyd", "Dee");
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger writes = new AtomicInteger();
        ExecutorService writers = Executors.newFixedThreadPool(names.size());
        try (TestApp app = TestApp.startOn(url, Map.of())) {
            List<Long> claims = app.items("claim");
            List<Long> all = app.items("prediction");
            // the last prediction is resolved while the others take forecasts: its scores go into the backup too
            long resolved = all.get(all.size() - 1);
            List<Long> predictions = all.subList(0, all.size() - 1);
            TestClient moderator = app.member("Mod", "moderator");
            List<Future<?>> running = new ArrayList<>();
            for (String name : names) {
                app.account(name);
                TestClient c = app.client();
                assertThat(c.login(name, TestApp.PASSWORD).status()).isEqualTo(302);
                String token = c.csrf("/items/" + claims.get(0));
                assertThat(c.post("/items/" + resolved + "/forecast", form("probability", "70", "_csrf", token))
                        .status()).isEqualTo(303);
                running.add(writers.submit(() -> {
                    String[] stances = {"agree", "unsure", "disagree"};
                    for (int i = 0; writing.get(); i++) {
                        long claim = claims.get(i % claims.size());
                        long prediction = predictions.get(i % predictions.size());
                        assertThat(c.post("/items/" + claim + "/stance", form("stance", stances[i % 3], "_csrf", token))
                                .status()).isEqualTo(303);
                        assertThat(c.post("/items/" + prediction + "/forecast",
                                form("probability", Integer.toString(5 + i % 90), "_csrf", token)).status()).isEqualTo(303);
                        writes.addAndGet(2);
                    }
                    return null;
                }));
            }
            Wait.until("20 writes before the resolution", Duration.ofSeconds(60), () -> writes.get() >= 20);
            assertThat(moderator.submit("/items/" + resolved, "/mod/items/" + resolved + "/resolve", form("outcome",
                    "yes", "note", "n", "source", "https://example.org", "early", "confirmed")).status()).isEqualTo(303);
            Wait.until("40 writes before the backup", Duration.ofSeconds(60), () -> writes.get() >= 40);
            int before = writes.get();
            CommandRun made = run(TestApp.config(url, Map.of()), "backup", backup.toString());
            assertThat(made.exit()).isZero();
            assertThat(made.out()).contains("Backed up the running Crux to " + backup);
            Wait.until("40 writes after the backup", Duration.ofSeconds(60), () -> writes.get() >= before + 40);
            writing.set(false);
            for (Future<?> f : running) {
                f.get();
            }
            assertThat(app.client().get("/healthz").body()).as("the site kept serving, and says when it was backed up")
                    .startsWith("ok\n").contains("last backup: 20");
        } finally {
            writers.shutdownNow();
        }
        assertThat(Backups.isH2Backup(backup)).isTrue();
        try (Stream<Path> files = Files.list(backup.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("now.zip");
        }

        Path restored = dir.resolve("restored");
        CommandRun back = run(TestApp.config(fileUrl(restored), Map.of()), "restore", backup.toString());
        assertThat(back.exit()).isZero();
        assertThat(back.out()).contains("it matches the migrations");

        JdbcDataSource ds = h2(restored);
        assertThat(Seed.check(ds)).as("tallies, forecaster counts, latest forecasts and scores agree with the rows")
                .isTrue();
        assertThat(count(ds, "SELECT COUNT(*) FROM forecast_score")).as("each forecaster's score on the resolution")
                .isEqualTo(names.size());
        long stances = count(ds, "SELECT COUNT(*) FROM item_stance");
        long forecasts = count(ds, "SELECT COUNT(*) FROM forecast");
        shutdown(ds);
        assertThat(stances).as("the stances taken before the backup are in it").isPositive();
        assertThat(forecasts).isPositive();
        JdbcDataSource after = h2(live);
        assertThat(count(after, "SELECT COUNT(*) FROM forecast")).as("writes went on after the backup")
                .isGreaterThan(forecasts);
        shutdown(after);

        try (TestApp again = TestApp.startOn(fileUrl(restored), Map.of())) {
            assertThat(again.count(MEMBER)).as("the writers and the moderator").isEqualTo(names.size() + 1);
            assertThat(again.count(ITEM_STANCE)).isEqualTo((int) stances);
            assertThat(again.count(FORECAST)).isEqualTo((int) forecasts);
            TestClient ada = again.client();
            assertThat(ada.login("Ada", TestApp.PASSWORD).status()).as("members sign in on the restored site")
                    .isEqualTo(302);
        }
    }

    @Test
    @Timeout(120)
    void restoreRefusesAFolderHoldingADatabaseAndReplaceMovesItAside(@TempDir Path dir) throws Exception {
        Path source = dir.resolve("source");
        Path backup = dir.resolve("b.zip");
        try (TestApp app = TestApp.startOn(fileUrl(source), Map.of())) {
            app.account("FromBackup");
        }
        assertThat(run(TestApp.config(fileUrl(source), Map.of()), "backup", backup.toString()).exit())
                .as("with Crux stopped the command reads the file itself").isZero();

        Path target = dir.resolve("target");
        try (TestApp app = TestApp.startOn(fileUrl(target), Map.of())) {
            app.account("AlreadyHere");
        }
        Path db = target.resolve("crux.mv.db");
        byte[] bytes = Files.readAllBytes(db);
        FileTime modified = Files.getLastModifiedTime(db);
        Config config = TestApp.config(fileUrl(target), Map.of());
        List<String> listing = listing(target);

        CommandRun refused = run(config, "restore", backup.toString());
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err()).contains(target + " already holds a database (crux.mv.db); nothing changed.")
                .contains("--replace");
        assertThat(Files.readAllBytes(db)).as("nothing changed").isEqualTo(bytes);
        assertThat(Files.getLastModifiedTime(db)).isEqualTo(modified);
        assertThat(listing(target)).isEqualTo(listing);

        try (TestApp running = TestApp.startOn(fileUrl(target), Map.of())) {
            CommandRun busy = run(config, "restore", backup.toString(), "--replace");
            assertThat(busy.exit()).isEqualTo(1);
            assertThat(busy.err()).contains("Crux is running on " + db + ": stop it before restoring; nothing changed.");
            assertThat(running.memberNamed("AlreadyHere")).isNotNull();
        }

        CommandRun replaced = run(config, "restore", backup.toString(), "--replace");
        assertThat(replaced.exit()).isZero();
        Path aside;
        try (Stream<Path> files = Files.list(target)) {
            aside = files.filter(p -> p.getFileName().toString().startsWith("replaced-")).findFirst().orElseThrow();
        }
        assertThat(replaced.out()).contains("Moved the database that was there to " + aside);
        JdbcDataSource oldOne = h2(aside);
        assertThat(count(oldOne, "SELECT COUNT(*) FROM member WHERE name = 'AlreadyHere'")).as("the old database, whole")
                .isEqualTo(1);
        shutdown(oldOne);
        try (TestApp app = TestApp.startOn(fileUrl(target), Map.of())) {
            assertThat(app.dsl().select(MEMBER.NAME).from(MEMBER).fetch(MEMBER.NAME)).containsExactly("FromBackup");
        }
    }

    @Test
    void aBackupThatFailsOrIsKilledMidWayLeavesNoFileThatPassesForComplete(@TempDir Path dir) throws Exception {
        Path target = dir.resolve("backups/crux-20261206T033000Z.zip");
        // fails mid-way: half a file written, then the disk fills (or the process is stopped)
        assertThatThrownBy(() -> Backups.atomically(target, temporary -> {
            Files.write(temporary, new byte[] {'P', 'K', 3, 4, 20, 0});
            throw new IOException("No space left on device");
        }, Backups::isH2Backup)).hasMessage("No space left on device");
        assertThat(target).doesNotExist();
        try (Stream<Path> files = Files.list(target.getParent())) {
            assertThat(files).as("the temporary file is gone too").isEmpty();
        }

        // killed mid-way: the temporary file stays, under a name no one takes for a backup
        Path source = dir.resolve("source");
        try (TestApp app = TestApp.startOn(fileUrl(source), Map.of())) {
            app.account("Someone");
        }
        Path whole = dir.resolve("whole.zip");
        assertThat(run(TestApp.config(fileUrl(source), Map.of()), "backup", whole.toString()).exit()).isZero();
        byte[] zip = Files.readAllBytes(whole);
        Path partial = target.resolveSibling("." + target.getFileName() + ".1f2e" + Backups.PARTIAL);
        Files.write(partial, Arrays.copyOf(zip, zip.length / 2));
        assertThat(Backups.list(target.getParent())).as("not listed among the backups").isEmpty();
        assertThat(Backups.isH2Backup(partial)).isFalse();
        // even renamed by hand, a cut-off zip has no central directory: it is not a backup
        Path renamed = target.resolveSibling("crux-20261205T033000Z.zip");
        Files.copy(partial, renamed);
        assertThat(Backups.isH2Backup(renamed)).isFalse();
        Path empty = dir.resolve("empty");
        CommandRun refused = run(TestApp.config(fileUrl(empty), Map.of()), "restore", renamed.toString());
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err()).contains("is not a complete Crux backup");
        assertThat(empty).as("nothing was made").doesNotExist();

        // the daily pruning removes a partial file once it is clearly dead, and never a fresh one
        Files.setLastModifiedTime(partial, FileTime.from(Instant.now().minusSeconds(7 * 3600)));
        Path fresh = target.resolveSibling(".crux-20261206T040000Z.zip.99" + Backups.PARTIAL);
        Files.write(fresh, new byte[] {1});
        assertThat(Backups.prune(target.getParent(), 7, Instant.now())).containsExactly(partial);
        assertThat(fresh).exists();
    }

    @Test
    @Timeout(120)
    void theDailyBackupKeepsTheNewestAndReadOnlyModeServesPagesButStoresNothing(@TempDir Path dir) throws Exception {
        assertThat(Jobs.untilNext(LocalTime.of(3, 30), Instant.parse("2026-12-06T03:00:00Z")).toMinutes()).isEqualTo(30);
        assertThat(Jobs.untilNext(LocalTime.of(3, 30), Instant.parse("2026-12-06T03:30:00Z")).toHours()).isEqualTo(24);
        Path backups = dir.resolve("daily");
        String url = fileUrl(dir.resolve("data"));
        Map<String, String> env = Map.of("CRUX_BACKUP_DIR", backups.toString(), "CRUX_BACKUP_KEEP", "2");
        try (TestApp app = TestApp.startOn(url, env)) {
            assertThat(app.client().get("/healthz").body()).isEqualTo("ok\nlast backup: none yet\n");
            for (String day : new String[] {"2026-12-03", "2026-12-04", "2026-12-05"}) {
                Operations.daily(app.app().config(), app.app().database(),
                        java.time.Clock.fixed(Instant.parse(day + "T03:30:00Z"), java.time.ZoneOffset.UTC));
            }
        }
        assertThat(Backups.list(backups).stream().map(p -> p.getFileName().toString()))
                .containsExactly("crux-20261205T033000Z.zip", "crux-20261204T033000Z.zip");
        assertThat(Backups.list(backups)).allMatch(Backups::isH2Backup);

        try (TestApp app = TestApp.startOn(url, Map.of("CRUX_READ_ONLY", "true"))) {
            TestClient visitor = app.client();
            assertThat(visitor.get("/").status()).isEqualTo(200);
            assertThat(visitor.get("/items/" + app.claim(1)).status()).isEqualTo(200);
            String token = visitor.csrf("/register");
            var before = app.snapshot();
            TestClient.Response refused = visitor.register("Newcomer", TestApp.PASSWORD);
            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.header("Retry-After")).contains("300");
            assertThat(refused.html().text()).contains("will be back soon. Nothing was saved");
            assertThat(visitor.post("/items/" + app.claim(1) + "/stance", form("stance", "agree", "_csrf", token))
                    .status()).isEqualTo(503);
            assertThat(visitor.login("Someone", TestApp.PASSWORD).status()).isEqualTo(503);
            assertThat(app.snapshot()).as("nothing stored").isEqualTo(before);
            assertThat(app.app().config().readOnly()).isTrue();
        }
        try (TestApp app = TestApp.startOn(url, Map.of())) {
            assertThat(app.client().register("Newcomer", TestApp.PASSWORD).status()).as("writable again").isEqualTo(302);
        }
    }

    @Test
    @Timeout(120)
    void onPostgresqlBackupRunsPgDumpAndRestoreExplainsPgRestore(@TempDir Path dir) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(crux.testing.TestDatabases.postgresBase() != null,
                "CRUX_TEST_POSTGRES_URL is not set");
        org.junit.jupiter.api.Assumptions.assumeTrue(Operations.findOnPath("pg_dump").isPresent(), "no pg_dump here");
        try (TestApp app = TestApp.start("postgres")) {
            app.account("Pia");
            Config config = TestApp.config(app.databaseUrl(), Map.of());
            Path dump = dir.resolve("pg.dump");
            CommandRun made = run(config, "backup", dump.toString());
            assertThat(made.exit()).isZero();
            assertThat(made.out()).contains("pg_dump --format=custom --no-owner --no-privileges").contains("Backed up to " + dump);
            byte[] head = Arrays.copyOf(Files.readAllBytes(dump), 5);
            assertThat(new String(head, java.nio.charset.StandardCharsets.US_ASCII)).as("pg_dump's custom format")
                    .isEqualTo("PGDMP");
            assertThat(listing(dir)).containsExactly("pg.dump");
            CommandRun restore = run(config, "restore", dump.toString());
            assertThat(restore.exit()).isEqualTo(2);
            assertThat(restore.err()).contains("pg_restore --no-owner --no-privileges");
        }
        for (String[] args : new String[][] {{"backup"}, {"restore"}, {"restore", "x.zip", "--force"}}) {
            CommandRun usage = run(TestApp.config(fileUrl(dir), Map.of()), args);
            assertThat(usage.exit()).isEqualTo(2);
            assertThat(usage.err()).contains("Usage:").contains("backup FILE");
        }
    }

    static List<String> listing(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
