package crux;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import crux.db.Database;
import crux.db.RowChecksum;
import crux.db.SchemaMap;
import crux.testing.EveryTable;
import crux.testing.TestApp;
import crux.testing.TestDatabases;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An upgrade: a database made by an earlier release's migrations, with rows in every one of its tables, takes the
 * newer migrations cleanly when the new Crux starts, and keeps every row. "An earlier release" is the schema as it was
 * {@link #NEWER} migrations ago, so the test always covers the migrations most recently added; the rows come from
 * {@link EveryTable}, which reads the tables from the schema itself.
 */
class UpgradeTest {

    /** How many of the newest migrations the old database has not had yet. */
    static final int NEWER = 3;

    /**
     * Derived data, which the camp job recomputes from the stances: a migration may make these tables anew, empty (V61
     * did, when camps became per article), so they are the only ones whose rows an upgrade need not keep.
     */
    static final java.util.Set<String> DERIVED = java.util.Set.of("camp", "member_camp", "camp_run");

    static List<String> kinds() {
        return TestDatabases.kinds();
    }

    @ParameterizedTest
    @MethodSource("kinds")
    @Timeout(180)
    void aDatabaseOfAnEarlierReleaseWithRowsInEveryTableUpgradesAndKeepsThem(String kind) throws Exception {
        String url = TestDatabases.fresh(kind);
        Path migrations = TestApp.repositoryRoot().resolve("db/migration");
        try (HikariDataSource pool = TestDatabases.pool(url)) {
            MigrationInfo[] all = Database.flyway(pool, migrations).load().info().all();
            List<MigrationVersion> versions = Arrays.stream(all).map(MigrationInfo::getVersion).sorted().toList();
            assertThat(versions).hasSizeGreaterThan(NEWER);
            MigrationVersion earlier = versions.get(versions.size() - 1 - NEWER);
            Database.flyway(pool, migrations).target(earlier).load().migrate();
            EveryTable.fill(pool);
            Map<String, RowChecksum> before = keys(pool);
            assertThat(before).as("every table of version " + earlier + " holds rows")
                    .allSatisfy((table, sum) -> assertThat(sum.rows()).as(table).isPositive());

            // what a starting Crux does first: open the database and run the migrations it has not had
            try (Database upgraded = TestDatabases.open(url)) {
                assertThat(Database.flyway(pool, migrations).load().info().current().getVersion())
                        .as("the newer migrations ran").isEqualTo(versions.get(versions.size() - 1));
                Map<String, RowChecksum> after = keys(pool);
                before.forEach((table, sum) -> {
                    if (!DERIVED.contains(table)) {
                        assertThat(after.get(table)).as(table + ": every row kept").isEqualTo(sum);
                    }
                });
                try (TestApp app = TestApp.startOn(url, Map.of())) {
                    assertThat(app.client().get("/").status()).isEqualTo(200);
                    assertThat(app.client().get("/healthz").status()).isEqualTo(200);
                    assertThat(app.client().register("AfterTheUpgrade", TestApp.PASSWORD).status()).isEqualTo(302);
                }
            }
        } finally {
            TestDatabases.drop(url);
        }
    }

    /** Each table's row count and the checksum of its primary keys: what an upgrade must keep. */
    static Map<String, RowChecksum> keys(javax.sql.DataSource ds) throws Exception {
        Map<String, RowChecksum> sums = new LinkedHashMap<>();
        try (Connection c = ds.getConnection()) {
            for (SchemaMap.Table t : SchemaMap.read(c).inDependencyOrder()) {
                List<String> key = t.primaryKey().isEmpty()
                        ? t.columns().stream().map(SchemaMap.Column::key).toList() : t.primaryKey();
                sums.put(t.key(), RowChecksum.of(c, t, key));
            }
        }
        return sums;
    }
}
