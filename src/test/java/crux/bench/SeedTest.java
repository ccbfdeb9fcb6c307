package crux.bench;

import static crux.db.generated.Tables.ITEM;
import static crux.db.generated.Tables.ITEM_STANCE;
import static crux.db.generated.Tables.MEMBER;
import static org.assertj.core.api.Assertions.assertThat;

import crux.Config;
import crux.db.Database;
import crux.testing.CommandRun;
import crux.testing.TestApp;
import crux.testing.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark's dataset tool from the command line ({@code Seed make|check}): what it refuses, and that
 * its check tells counters that equal the rows from counters that do not. {@code .bench/run} runs the full seeding.
 */
class SeedTest {

    static CommandRun run(Config config, String... args) {
        return CommandRun.of(() -> Seed.command(config, args));
    }

    @Test
    void commandLinesItDoesNotKnowAreRefusedBeforeTouchingTheDatabase(@TempDir Path dir) {
        Config config = TestApp.config(fileDatabase(dir), Map.of());
        String out = dir.resolve("out").toString();
        Map<String[], String> refusals = Map.of(
                new String[] {}, "Unknown command",
                new String[] {"frobnicate"}, "Unknown command",
                new String[] {"check", "now"}, "Unknown command",
                new String[] {"make", "--seed"}, "Unknown option or missing value: --seed",
                new String[] {"make", "--size", "3", "--out", out}, "Unknown option or missing value: --size",
                new String[] {"make", "--seed", "forty-two", "--out", out}, "The seed must be a whole number, not 'forty-two'.");
        refusals.forEach((args, message) -> {
            CommandRun r = run(config, args);
            assertThat(r.exit()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(r.err()).contains(message);
            assertThat(r.out()).isEmpty();
        });
        assertThat(run(config, "frobnicate").err()).contains("Usage:", "Seed make [--seed N] [--out DIR]");
        assertThat(dir.toFile().list()).as("no database made, no sessions written").isEmpty();
    }

    @Test
    void makeFillsOnlyAFreshDatabase(@TempDir Path dir) {
        String url = fileDatabase(dir);
        try (Database db = TestDatabases.open(url)) {
            member(db, "already-here");
        }

        CommandRun r = run(TestApp.config(url, Map.of()), "make", "--seed", "7", "--out", dir.resolve("out").toString());

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("The seeder fills a fresh database; this one already has members.");
        assertThat(Files.exists(dir.resolve("out"))).as("no sessions written").isFalse();
        try (Database db = TestDatabases.open(url)) {
            assertThat(db.dsl().fetchCount(MEMBER)).isEqualTo(1);
            assertThat(db.dsl().fetchCount(ITEM_STANCE)).isZero();
        }
    }

    @Test
    void checkTellsCountersThatEqualTheRowsFromCountersThatDoNot(@TempDir Path dir) {
        String url = fileDatabase(dir);
        Config config = TestApp.config(url, Map.of());
        CommandRun consistent = run(config, "check");
        assertThat(consistent.exit()).isZero();
        assertThat(consistent.out()).contains("items_with_tally_mismatch=0").endsWith(" OK\n");

        try (Database db = TestDatabases.open(url)) {
            // a stance row its item's tally does not count
            long item = db.dsl().select(ITEM.ID).from(ITEM).where(ITEM.KIND.eq("claim")).orderBy(ITEM.POSITION)
                    .limit(1).fetchSingle().value1();
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
            db.dsl().insertInto(ITEM_STANCE).set(ITEM_STANCE.MEMBER_ID, member(db, "uncounted"))
                    .set(ITEM_STANCE.ITEM_ID, item).set(ITEM_STANCE.STANCE, "agree")
                    .set(ITEM_STANCE.CREATED_AT, now).set(ITEM_STANCE.UPDATED_AT, now).execute();
        }
        CommandRun broken = run(config, "check");
        assertThat(broken.exit()).isEqualTo(1);
        assertThat(broken.out()).contains("items_with_tally_mismatch=1").endsWith(" FAILED\n");
    }

    /**
     * An embedded file database, as the benchmark seeds: each command opens it and shuts it down when done, which would
     * drop an in-memory one.
     */
    private static String fileDatabase(Path dir) {
        return "jdbc:h2:file:" + dir.resolve("crux") + ";DB_CLOSE_ON_EXIT=FALSE";
    }

    private static long member(Database db, String name) {
        return db.dsl().insertInto(MEMBER).set(MEMBER.NAME, name).set(MEMBER.NAME_KEY, name)
                .set(MEMBER.CREATED_AT, OffsetDateTime.now(ZoneOffset.UTC)).returningResult(MEMBER.ID)
                .fetchOne().value1();
    }
}
