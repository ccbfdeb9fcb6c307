package crux.forecasts;

import static crux.db.generated.Tables.FORECAST_LATEST;
import static crux.db.generated.Tables.ITEM;
import static crux.db.generated.Tables.MEMBER;
import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import crux.db.Database;
import crux.testing.MutableClock;
import crux.testing.TestApp;
import crux.testing.TestDatabases;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What {@link ForecastRepository#add} keeps as forecasts arrive — each member's latest forecast, one community point
 * per update, the item's community forecast and forecaster count — equals a full replay of the forecast rows
 * ({@link CommunityForecast#history}), number for number; and so does what migration V51 backfills for forecasts
 * made before those tables existed. On H2, and on PostgreSQL when configured.
 */
class ForecastStoreTest {

    /** An open prediction of the seeded article. */
    static final long ITEM_ID = 4;
    static final int MEMBERS = 40;
    static final int FORECASTS = 300;

    /** As the app renders names: unquoted, so PostgreSQL folds them to lower case like the migrations'. */
    static final Settings UNQUOTED = new Settings().withRenderQuotedNames(RenderQuotedNames.EXPLICIT_DEFAULT_UNQUOTED);

    static List<String> kinds() {
        return TestDatabases.kinds();
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void incrementalStoreEqualsAFullReplay(String kind) {
        String url = TestDatabases.fresh(kind);
        try (Database db = TestDatabases.open(url)) {
            MutableClock clock = MutableClock.atNow();
            ForecastRepository repository = new ForecastRepository(db, clock);
            long[] members = members(db.dsl(), MEMBERS);
            Random random = new Random(7);
            Double[] lastAfter = {null};
            for (int i = 0; i < FORECASTS; i++) {
                // equal times (no advance) and, now and then, a clock stepped back
                int step = random.nextInt(10);
                if (step == 0) {
                    clock.advance(Duration.ofSeconds(-30));
                } else if (step > 3) {
                    clock.advance(Duration.ofMillis(random.nextInt(5_000)));
                }
                long member = members[random.nextInt(i < MEMBERS ? MEMBERS : 8)];
                int probability = 1 + random.nextInt(99);
                List<Forecast> before = ForecastRepository.forecasts(db.dsl(), ITEM_ID);
                repository.add(member, ITEM_ID, probability, null, (tx, previous, p, id, communityBefore, communityAfter) -> {
                    Forecast mine = CommunityForecast.latest(before).stream().filter(f -> f.memberId() == member)
                            .findFirst().orElse(null);
                    assertThat(previous).isEqualTo(mine == null ? null : mine.probability());
                    assertThat(communityBefore).isEqualTo(lastAfter[0]);
                    assertThat(communityAfter).isEqualTo(
                            CommunityForecast.of(CommunityForecast.latest(ForecastRepository.forecasts(tx, ITEM_ID))).getAsDouble());
                });
                lastAfter[0] = db.dsl().select(ITEM.COMMUNITY_FORECAST).from(ITEM).where(ITEM.ID.eq(ITEM_ID)).fetchOne().value1();
            }
            assertStoredEqualsReplay(db.dsl());
        } finally {
            TestDatabases.drop(url);
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void migrationBackfillEqualsAFullReplay(String kind) throws Exception {
        String url = TestDatabases.fresh(kind);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        if (url.startsWith("jdbc:h2:")) {
            config.setUsername("sa");
        }
        config.setMaximumPoolSize(2);
        SQLDialect dialect = url.startsWith("jdbc:h2:") ? SQLDialect.H2 : SQLDialect.POSTGRES;
        try (HikariDataSource ds = new HikariDataSource(config)) {
            var flyway = Database.flyway(ds, TestApp.repositoryRoot().resolve("db/migration"));
            flyway.target("40").load().migrate();
            Random random = new Random(11);
            OffsetDateTime t = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS).minusDays(3);
            try (Connection c = ds.getConnection()) {
                long[] members = members(org.jooq.impl.DSL.using(c, dialect, UNQUOTED), MEMBERS);
                try (PreparedStatement p = c.prepareStatement(
                        "INSERT INTO forecast (item_id, member_id, probability, created_at) VALUES (?, ?, ?, ?)")) {
                    for (int i = 0; i < FORECASTS; i++) {
                        // stored out of time order now and then, and with equal times
                        OffsetDateTime at = random.nextInt(10) == 0 ? t.minusSeconds(40) : (t = t.plusSeconds(random.nextInt(3)));
                        p.setLong(1, random.nextBoolean() ? ITEM_ID : 22);
                        p.setLong(2, members[random.nextInt(MEMBERS)]);
                        p.setInt(3, 1 + random.nextInt(99));
                        p.setObject(4, at);
                        p.executeUpdate();
                    }
                }
            }
            flyway.target("latest").load().migrate();
            try (Connection c = ds.getConnection()) {
                DSLContext dsl = org.jooq.impl.DSL.using(c, dialect, UNQUOTED);
                assertStoredEqualsReplay(dsl);
                assertStoredEqualsReplay(dsl, 22);
            }
        } finally {
            TestDatabases.drop(url);
        }
    }

    private static void assertStoredEqualsReplay(DSLContext d) {
        assertStoredEqualsReplay(d, ITEM_ID);
    }

    static void assertStoredEqualsReplay(DSLContext d, long itemId) {
        List<Forecast> updates = ForecastRepository.forecasts(d, itemId);
        assertThat(updates).hasSizeGreaterThan(10);
        assertThat(ForecastRepository.points(d, itemId)).isEqualTo(CommunityForecast.history(updates));
        List<Forecast> latest = CommunityForecast.latest(updates);
        Map<Long, String> expected = new LinkedHashMap<>();
        latest.forEach(f -> expected.put(f.memberId(), f.probability() + "@" + f.at()));
        Map<Long, String> stored = new LinkedHashMap<>();
        d.select(FORECAST_LATEST.MEMBER_ID, FORECAST_LATEST.PROBABILITY, FORECAST_LATEST.CREATED_AT).from(FORECAST_LATEST)
                .where(FORECAST_LATEST.ITEM_ID.eq(itemId))
                .orderBy(FORECAST_LATEST.CREATED_AT, FORECAST_LATEST.FORECAST_ID)
                .forEach(r -> stored.put(r.value1(), r.value2() + "@" + r.value3().toInstant()));
        assertThat(new ArrayList<>(stored.entrySet())).isEqualTo(new ArrayList<>(expected.entrySet()));
        var item = d.select(ITEM.COMMUNITY_FORECAST, ITEM.FORECASTER_COUNT).from(ITEM).where(ITEM.ID.eq(itemId)).fetchOne();
        assertThat(item.value1()).isEqualTo(CommunityForecast.of(latest).getAsDouble());
        assertThat(item.value2()).isEqualTo(latest.size());
    }

    /** Members made with one statement each; no passwords needed. */
    static long[] members(DSLContext d, int count) {
        long[] ids = new long[count];
        String prefix = "fs" + Long.toString(System.nanoTime() % 100_000, 36);
        for (int i = 0; i < count; i++) {
            String name = prefix + "m" + i;
            ids[i] = d.insertInto(MEMBER).set(MEMBER.NAME, name).set(MEMBER.NAME_KEY, name)
                    .set(MEMBER.CREATED_AT, OffsetDateTime.now(ZoneOffset.UTC))
                    .returningResult(MEMBER.ID).fetchOne().value1();
        }
        return ids;
    }
}
