package crux;

import static org.assertj.core.api.Assertions.assertThat;

import crux.db.Backups;
import crux.db.Database;
import crux.testing.ChildCrux;
import crux.testing.CommandRun;
import crux.testing.TestApp;
import crux.testing.TestClient;
import crux.testing.TestDatabases;
import crux.testing.Wait;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real crash in the middle of a backup: the running Crux (the real Main, in a child JVM) is killed with SIGKILL
 * while it writes a backup the {@code backup} command asked it for. What is left is a {@code .partial} file that no
 * list of backups, no restore and no count of backups kept takes for a backup; the database itself is whole, and the
 * next Crux started on it backs up again.
 */
class BackupKilledMidWayTest {

    static final String PW = "lantern orbit cactus 77";
    /** Revisions of 100 kB each that do not compress much: a backup long enough to be caught writing. */
    static final int BULK_ROWS = 300;

    @Test
    @Timeout(180)
    void aCruxKilledWhileWritingABackupLeavesNoFileThatPassesForABackup(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data");
        bulk(data);
        Path backups = dir.resolve("backups");
        Path target = backups.resolve("crux-now.zip");
        Map<String, String> embedded = Map.of("CRUX_DATA", data.toString());
        Config config = Config.fromMap(Map.of("CRUX_DATA", data.toString(),
                "CRUX_HOME", TestApp.repositoryRoot().toString()));

        ChildCrux first = ChildCrux.start("first", dir.resolve("first.log"), embedded);
        CompletableFuture<CommandRun> asked;
        try {
            first.awaitHealthy();
            assertThat(first.client().register("Keeper", PW).status()).isEqualTo(302);
            asked = CompletableFuture.supplyAsync(() -> CommandRun.of(
                    () -> Main.command(config, new String[] {"backup", target.toString()})));
            first.await("the backup to be under way", Duration.ofSeconds(60), () -> !partials(backups).isEmpty());
        } finally {
            assertThat(first.kill()).as("killed mid-way, not shut down").isEqualTo(137);
        }
        CommandRun answer = asked.get();
        assertThat(answer.exit()).as("the command says the backup failed").isEqualTo(1);
        assertThat(answer.out()).doesNotContain("Backed up");

        assertThat(target).as("no file under the backup's name").doesNotExist();
        List<Path> left = partials(backups);
        assertThat(left).as("the crash left the temporary file").hasSize(1);
        assertThat(Backups.isH2Backup(left.get(0))).isFalse();
        assertThat(Backups.list(backups)).as("not counted among the backups").isEmpty();
        Path empty = dir.resolve("restored");
        CommandRun refused = CommandRun.of(() -> Main.command(Config.fromMap(Map.of("CRUX_DATA", empty.toString(),
                "CRUX_HOME", TestApp.repositoryRoot().toString())), new String[] {"restore", left.get(0).toString()}));
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err()).contains("is not a complete Crux backup");
        assertThat(empty).doesNotExist();

        try (ChildCrux second = ChildCrux.start("second", dir.resolve("second.log"), embedded)) {
            second.awaitHealthy();
            TestClient keeper = second.client();
            assertThat(keeper.login("Keeper", PW).status()).as("the database came through whole").isEqualTo(302);
            CommandRun again = CommandRun.of(() -> Main.command(config, new String[] {"backup", target.toString()}));
            assertThat(again.exit()).as(again.err()).isZero();
        }
        assertThat(Backups.isH2Backup(target)).isTrue();
        assertThat(Backups.list(backups)).containsExactly(target);
    }

    /** The temporary files of backups being written in {@code folder}. */
    static List<Path> partials(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.getFileName().toString().endsWith(Backups.PARTIAL)).toList();
        } catch (java.io.IOException e) {
            return List.of(); // renamed or deleted while listed: look again
        }
    }

    /** An embedded database with {@link #BULK_ROWS} large comment revisions under one seeded comment. */
    static void bulk(Path data) throws Exception {
        try (Database db = TestDatabases.open("jdbc:h2:file:" + data.resolve("crux") + ";DB_CLOSE_ON_EXIT=FALSE");
             var c = db.dataSource().getConnection(); var st = c.createStatement()) {
            st.execute("INSERT INTO member (name, name_key, created_at) VALUES ('bulk', 'bulk', CURRENT_TIMESTAMP)");
            st.execute("INSERT INTO comment (id, item_id, author_id, path, depth, side, body_source, body_html,"
                    + " created_at, post_key) SELECT NEXT VALUE FOR comment_id_seq, MIN(i.id), MIN(m.id), '0000000001',"
                    + " 1, 'supports', 'bulk', '<p>bulk</p>', CURRENT_TIMESTAMP, 'bulk' FROM item i, member m");
            st.execute("INSERT INTO comment_revision (comment_id, body_source, body_html, written_at, replaced_at)"
                    + " SELECT (SELECT MIN(id) FROM comment), 'bulk', RAWTOHEX(SECURE_RAND(50000)), CURRENT_TIMESTAMP,"
                    + " CURRENT_TIMESTAMP FROM SYSTEM_RANGE(1, " + BULK_ROWS + ")");
        }
    }
}
