package crux;

import static crux.db.generated.Tables.COMMENT;
import static crux.db.generated.Tables.MEMBER;
import static crux.testing.TestClient.form;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import crux.accounts.SessionRepository;
import crux.bench.Seed;
import crux.db.Database;
import crux.db.PostgresMove;
import crux.db.RowChecksum;
import crux.db.SchemaMap;
import crux.debate.PostTokens;
import crux.testing.CommandRun;
import crux.testing.EveryTable;
import crux.testing.TestApp;
import crux.testing.TestClient;
import crux.testing.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jooq.Record3;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code crux.jar move-to-postgres}: the benchmark's dataset (at a small size, with a row put into every table it
 * leaves empty) moves from the embedded H2 to a fresh PostgreSQL schema with equal counts and checksums in every
 * table, members keep their sessions and passwords there, and writing goes on with ids past the moved ones; a
 * target that is not empty, and a source a running Crux writes to, are refused with nothing written.
 * Runs when CRUX_TEST_POSTGRES_URL is set.
 */
class MoveToPostgresTest {

    @TempDir
    static Path dir;
    static Path data;
    static List<String> sessions;
    static final List<String> schemas = new java.util.ArrayList<>();

    @BeforeAll
    static void seedTheEmbeddedDatabase() throws Exception {
        assumeTrue(TestDatabases.postgresBase() != null, "CRUX_TEST_POSTGRES_URL is not set: the move to PostgreSQL"
                + " is not tested (set it, e.g. jdbc:postgresql://127.0.0.1:5432/test?user=postgres)");
        data = dir.resolve("data");
        String url = h2Url(data);
        try (Database db = TestDatabases.open(url)) {
            Seed.run(TestApp.config(url, Map.of()), db.dataSource(), 42, dir.resolve("bench"), Seed.SMALL);
            EveryTable.fill(db.dataSource());
        }
        sessions = Files.readAllLines(dir.resolve("bench/sessions.txt"));
    }

    @AfterAll
    static void dropSchemas() {
        schemas.forEach(TestDatabases::drop);
    }

    static String h2Url(Path folder) {
        return "jdbc:h2:file:" + folder.resolve("crux") + ";DB_CLOSE_ON_EXIT=FALSE";
    }

    static String freshSchema() {
        String url = TestDatabases.freshPostgresSchema();
        schemas.add(url);
        return url;
    }

    static CommandRun move(Path source, String target) {
        Config config = Config.fromMap(Map.of("CRUX_DATA", source.toString(), "DATABASE_URL", target,
                "CRUX_HOME", TestApp.repositoryRoot().toString()));
        return CommandRun.of(() -> Main.command(config, new String[] {"move-to-postgres"}));
    }

    static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    /** Every table's rows and checksum, read independently of the command, from an H2 file or a PostgreSQL schema. */
    static Map<String, RowChecksum> checksums(Connection c) throws Exception {
        Map<String, RowChecksum> sums = new LinkedHashMap<>();
        for (SchemaMap.Table t : SchemaMap.read(c).inDependencyOrder()) {
            sums.put(t.key(), RowChecksum.of(c, t, t.columns().stream().map(SchemaMap.Column::key).sorted().toList()));
        }
        return sums;
    }

    static Map<String, RowChecksum> h2Checksums(Path folder) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + folder.resolve("crux")
                + ";ACCESS_MODE_DATA=r;IFEXISTS=TRUE", "sa", "")) {
            return checksums(c);
        }
    }

    @Test
    @Timeout(240)
    void theSeededSiteMovesWhole_andMembersCarryOnThereWithTheirSessionsAndPasswords() throws Exception {
        Path file = data.resolve("crux.mv.db");
        String before = sha256(file);
        Map<String, RowChecksum> source = h2Checksums(data);
        assertThat(source.keySet()).as("the dataset covers the tables").contains("member", "item_stance", "forecast",
                "comment", "member_session", "moderation_log", "notification");
        assertThat(source).as("every table holds rows, so every table's copy is tested")
                .allSatisfy((table, sum) -> assertThat(sum.rows()).as(table).isPositive());
        String target = freshSchema();

        CommandRun moved = move(data, target);

        assertThat(moved.exit()).as(moved.err() + moved.out()).isZero();
        assertThat(moved.out()).contains("every table's rows and checksum match").contains("member_session")
                .doesNotContain("DIFFERS");
        assertThat(sha256(file)).as("the embedded database is untouched, to the byte").isEqualTo(before);
        try (Connection pg = DriverManager.getConnection(target)) {
            assertThat(checksums(pg)).as("equal counts and checksums in every table").isEqualTo(source);
            assertThat(PostgresMove.objectsIn(pg)).contains("flyway_schema_history");
            // reltuples is -1 until a table's statistics are first gathered (Flyway's history is not a table moved)
            List<String> unanalyzed = new ArrayList<>();
            try (var rs = pg.createStatement().executeQuery("SELECT c.relname FROM pg_class c JOIN pg_namespace n"
                    + " ON n.oid = c.relnamespace WHERE n.nspname = current_schema() AND c.relkind = 'r'"
                    + " AND c.reltuples < 0 AND c.relname <> 'flyway_schema_history'")) {
                while (rs.next()) {
                    unanalyzed.add(rs.getString(1));
                }
            }
            assertThat(unanalyzed).as("every moved table has the planner's statistics").isEmpty();
            assertThat(moved.out()).contains("Gathering the query planner's statistics");
        }

        try (TestApp app = TestApp.startOn(target, Map.of())) {
            // a member signed in on the embedded site is still signed in, with the same form token
            String[] session = sessions.get(0).split(" ");
            String name = "bench00001";
            TestClient member = app.client();
            member.setCookie(SessionRepository.COOKIE, session[0]);
            TestClient.Response settings = member.get("/settings");
            assertThat(settings.status()).isEqualTo(200);
            assertThat(settings.body()).contains(name);
            long claim = app.claim(1);
            var tallies = app.dsl().select(crux.db.generated.Tables.ITEM.AGREE_COUNT,
                    crux.db.generated.Tables.ITEM.UNSURE_COUNT, crux.db.generated.Tables.ITEM.DISAGREE_COUNT)
                    .from(crux.db.generated.Tables.ITEM).where(crux.db.generated.Tables.ITEM.ID.eq(claim)).fetchSingle();
            assertThat(member.post("/items/" + claim + "/stance", form("stance", "agree", "_csrf", session[1]))
                    .status()).as("a stance, with the moved session's form token").isEqualTo(303);
            assertThat(Seed.check(app.app().database().dataSource())).as("tallies still equal the stance rows")
                    .isTrue();
            Record3<Integer, Integer, Integer> after = app.dsl().select(crux.db.generated.Tables.ITEM.AGREE_COUNT,
                    crux.db.generated.Tables.ITEM.UNSURE_COUNT, crux.db.generated.Tables.ITEM.DISAGREE_COUNT)
                    .from(crux.db.generated.Tables.ITEM).where(crux.db.generated.Tables.ITEM.ID.eq(claim)).fetchSingle();
            assertThat(after.value1() + after.value2() + after.value3())
                    .as("the stance counted once, whether new or changed")
                    .isBetween(tallies.value1() + tallies.value2() + tallies.value3(),
                            tallies.value1() + tallies.value2() + tallies.value3() + 1);

            // their arguments are there, and a new one takes an id past the moved ones
            var theirs = app.dsl().select(COMMENT.ID, COMMENT.BODY_SOURCE).from(COMMENT).join(MEMBER)
                    .on(MEMBER.ID.eq(COMMENT.AUTHOR_ID)).where(MEMBER.NAME.eq(name)).orderBy(COMMENT.ID).fetch();
            long highest = app.dsl().select(org.jooq.impl.DSL.max(COMMENT.ID)).from(COMMENT).fetchSingle().value1();
            assertThat(theirs).as("the first seeded member wrote arguments").isNotEmpty();
            assertThat(member.get(member.get("/comments/" + theirs.get(0).value1()).location()).html().text())
                    .contains(theirs.get(0).value2().substring(0, 30));
            long item = app.claim(2);
            TestClient.Response posted = member.post("/items/" + item + "/arguments", form("side", "supports",
                    "body", "Posted on PostgreSQL after the move", "token", PostTokens.next(), "_csrf", session[1]));
            assertThat(posted.status()).isEqualTo(302);
            long newest = app.dsl().select(COMMENT.ID).from(COMMENT)
                    .where(COMMENT.BODY_SOURCE.eq("Posted on PostgreSQL after the move")).fetchSingle().value1();
            assertThat(newest).isGreaterThan(highest);
            assertThat(member.get(posted.location()).html().text()).contains("Posted on PostgreSQL after the move");

            // another member signs in with their password; a newcomer registers past the moved member ids
            TestClient other = app.client();
            assertThat(other.login("bench00050", Seed.PASSWORD).status()).isEqualTo(302);
            assertThat(other.get("/settings").body()).contains("bench00050");
            long members = app.count(MEMBER);
            assertThat(app.client().register("Newcomer", TestApp.PASSWORD).status()).isEqualTo(302);
            assertThat(app.count(MEMBER)).isEqualTo(members + 1);
        }
    }

    @Test
    @Timeout(120)
    void aTargetThatIsNotEmptyIsRefusedAndNothingIsWrittenToEitherSide() throws Exception {
        String before = sha256(data.resolve("crux.mv.db"));
        String target = freshSchema();
        try (Connection pg = DriverManager.getConnection(target)) {
            pg.createStatement().execute("CREATE TABLE notes (body VARCHAR(100))");
            pg.createStatement().execute("INSERT INTO notes VALUES ('already here')");
        }

        CommandRun refused = move(data, target);

        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err()).contains("is not empty: it holds 1 object (notes)")
                .contains("move-to-postgres fills only an empty database; nothing was written.");
        try (Connection pg = DriverManager.getConnection(target)) {
            assertThat(PostgresMove.objectsIn(pg)).containsExactly("notes");
            var rs = pg.createStatement().executeQuery("SELECT COUNT(*) FROM notes");
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(1);
        }
        assertThat(sha256(data.resolve("crux.mv.db"))).isEqualTo(before);

        CommandRun noTarget = CommandRun.of(() -> Main.command(Config.fromMap(Map.of("CRUX_DATA", data.toString(),
                "CRUX_HOME", TestApp.repositoryRoot().toString())), new String[] {"move-to-postgres"}));
        assertThat(noTarget.exit()).isEqualTo(2);
        assertThat(noTarget.err()).contains("Set DATABASE_URL to the empty PostgreSQL database to move to");
        CommandRun noSource = move(dir.resolve("nothing-here"), target);
        assertThat(noSource.exit()).isEqualTo(1);
        assertThat(noSource.err()).contains("There is no embedded database at");
        assertThat(dir.resolve("nothing-here")).as("no empty database made").doesNotExist();
    }

    @Test
    @Timeout(120)
    void aDatabaseFileHeldByAnotherProcessIsRefusedBeforeAnythingIsWritten() throws Exception {
        Path held = dir.resolve("held");
        try (Database db = TestDatabases.open(h2Url(held))) {
            db.dsl().fetchCount(MEMBER);
        }
        // another process with the file open and no operator channel: H2's lock is all there is to go by
        Path holder = dir.resolve("Hold.java");
        Files.writeString(holder, """
                public class Hold {
                    public static void main(String[] args) throws Exception {
                        java.sql.DriverManager.getConnection(args[0], "sa", "");
                        System.out.println("open");
                        new java.util.concurrent.CountDownLatch(1).await(); // until it is killed
                    }
                }
                """);
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), holder.toString(), "jdbc:h2:file:" + held.resolve("crux"))
                .redirectErrorStream(true).redirectOutput(dir.resolve("hold.log").toFile()).start();
        try {
            crux.testing.Wait.until("the other process to open the file", java.time.Duration.ofSeconds(60),
                    () -> Files.exists(dir.resolve("hold.log")) && readQuietly(dir.resolve("hold.log")).contains("open"));
            String target = freshSchema();
            CommandRun refused = move(held, target);
            assertThat(refused.exit()).isEqualTo(1);
            assertThat(refused.err()).contains("is in use by a process that does not answer on the operator channel:"
                    + " stop it, then move. Nothing was written.");
            try (Connection pg = DriverManager.getConnection(target)) {
                assertThat(PostgresMove.objectsIn(pg)).isEmpty();
            }
        } finally {
            process.destroyForcibly().waitFor();
        }
    }

    static String readQuietly(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            return "";
        }
    }

    @Test
    @Timeout(120)
    void aMoveThatFailsHalfWayLeavesTheTargetEmptySoItCanRunAgain() throws Exception {
        Path broken = dir.resolve("broken");
        try (Database db = TestDatabases.open(h2Url(broken))) {
            // H2 keeps a NUL character in a text; PostgreSQL refuses it, in the middle of the copy
            db.dsl().insertInto(MEMBER).set(MEMBER.NAME, "nul\u0000name").set(MEMBER.NAME_KEY, "nul\u0000name")
                    .set(MEMBER.CREATED_AT, java.time.OffsetDateTime.now()).execute();
        }
        String before = sha256(broken.resolve("crux.mv.db"));
        String target = freshSchema();

        CommandRun failed = move(broken, target);

        assertThat(failed.exit()).isEqualTo(1);
        assertThat(failed.err()).startsWith("The move failed: ");
        assertThat(failed.out()).contains("Emptying the target again, so that the move can be run again");
        try (Connection pg = DriverManager.getConnection(target)) {
            assertThat(PostgresMove.objectsIn(pg)).as("the target is empty again").isEmpty();
        }
        assertThat(sha256(broken.resolve("crux.mv.db"))).isEqualTo(before);
    }

    @Test
    @Timeout(180)
    void aRunningCruxIsMovedOnlyInReadOnlyMode() throws Exception {
        Path live = dir.resolve("live");
        String target = freshSchema();
        try (TestApp app = TestApp.startOn(h2Url(live), Map.of())) {
            app.account("Writer");
            CommandRun refused = move(live, target);
            assertThat(refused.exit()).isEqualTo(1);
            assertThat(refused.err()).contains("Crux is running on " + live.resolve("crux.mv.db")
                    + " and taking writes").contains("CRUX_READ_ONLY=true").contains("Nothing was written.");
        }
        try (Connection pg = DriverManager.getConnection(target)) {
            assertThat(PostgresMove.objectsIn(pg)).as("nothing written").isEmpty();
        }
        try (TestApp app = TestApp.startOn(h2Url(live), Map.of("CRUX_READ_ONLY", "true"))) {
            CommandRun moved = move(live, target);
            assertThat(moved.exit()).as(moved.err()).isZero();
            assertThat(moved.out()).contains("Crux is running in read-only mode: moving the snapshot it made just now.")
                    .contains("every table's rows and checksum match");
            assertThat(app.client().get("/").status()).as("it kept serving").isEqualTo(200);
        }
        try (Connection pg = DriverManager.getConnection(target)) {
            assertThat(checksums(pg)).isEqualTo(h2Checksums(live));
        }
        try (Stream<Path> files = Files.list(live)) {
            assertThat(files.map(p -> p.getFileName().toString())).as("the staging copy is gone")
                    .noneMatch(n -> n.startsWith(".move-"));
        }
    }
}
