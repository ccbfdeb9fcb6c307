package crux.forecasts;

import static crux.db.generated.Tables.FORECAST;
import static crux.db.generated.Tables.FORECAST_LATEST;
import static crux.db.generated.Tables.ITEM;
import static crux.db.generated.Tables.MEMBER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import crux.core.Conflict;
import crux.db.Database;
import crux.db.WriteBudget;
import crux.testing.MutableClock;
import crux.testing.Seeded;
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
import java.util.concurrent.atomic.AtomicLong;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What {@link ForecastRepository#add} keeps as forecasts arrive — each member's latest forecast, one community point
 * per update, the item's community forecast and forecaster count — equals a full replay of the forecast rows
 * ({@link CommunityForecast#history}), number for number; and so does what migration V51 backfills for forecasts
 * made before those tables existed. On H2, and on PostgreSQL when configured.
 */
class ForecastStoreTest {

    static final int MEMBERS = 40;
    static final int FORECASTS = 300;

    /** As the app renders names: unquoted, so PostgreSQL folds them to lower case like the migrations'. */
    static final Settings UNQUOTED = new Settings().withRenderQuotedNames(RenderQuotedNames.EXPLICIT_DEFAULT_UNQUOTED);

    static List<String> kinds() {
        return TestDatabases.kinds();
    }

    /**
     * Random forecasts through two repositories on one database, as two instances would make them: runs through one
     * (its copy in memory serves), then a switch to the other (whose copy is now stale: brought up to date with the
     * rows the first one wrote, or read afresh the first time).
     */
    @ParameterizedTest
    @MethodSource("kinds")
    void incrementalStoreEqualsAFullReplay(String kind) {
        onFreshDatabase(kind, (db, clock, item) -> {
            ForecastRepository[] instances = {new ForecastRepository(db, clock), new ForecastRepository(db, clock)};
            long[] members = members(db.dsl(), MEMBERS);
            Random random = new Random(7);
            int current = 0;
            int activations = 1;
            for (int i = 0; i < FORECASTS; i++) {
                // equal times (no advance) and, now and then, a clock stepped back
                int step = random.nextInt(10);
                if (step == 0) {
                    clock.advance(Duration.ofSeconds(-30));
                } else if (step > 3) {
                    clock.advance(Duration.ofMillis(random.nextInt(5_000)));
                }
                if (random.nextInt(8) == 0) {
                    current = 1 - current;
                    activations++;
                }
                long member = members[random.nextInt(i < MEMBERS ? MEMBERS : 8)];
                addCheckingAgainstReplay(db, item, instances[current], member, 1 + random.nextInt(99));
                assertCopyEqualsStored(db.dsl(), item, instances[current]);
            }
            assertStoredEqualsReplay(db.dsl(), item);
            int used = activations > 1 ? 2 : 1;
            assertThat(instances[0].reloads() + instances[1].reloads())
                    .as("read from the database only by each instance's first forecast").isEqualTo(used);
            assertThat(instances[0].caughtUp() + instances[1].caughtUp())
                    .as("brought up to date each time an instance takes over from the other")
                    .isEqualTo(activations - used);
        });
    }

    /**
     * A copy is brought up to date only from the rows that say what changed. A forecaster removed behind the
     * instances' back (an operator deleting their forecasts and lowering the count in SQL) leaves no such row: a copy
     * caught up then disagrees with the item's forecaster count, and is read afresh instead.
     */
    @ParameterizedTest
    @MethodSource("kinds")
    void aCopyThatWouldDisagreeWithTheItemIsReadAfresh(String kind) {
        onFreshDatabase(kind, (db, clock, item) -> {
            ForecastRepository one = new ForecastRepository(db, clock);
            ForecastRepository two = new ForecastRepository(db, clock);
            long[] members = members(db.dsl(), 5);
            for (int i = 0; i < 5; i++) {
                aSecondLater(db, clock, item, one, members[i], 10 + 20 * i);
            }
            aSecondLater(db, clock, item, two, members[0], 60);
            aSecondLater(db, clock, item, one, members[1], 70);
            assertThat(one.caughtUp()).as("the other instance's forecast taken in").isEqualTo(1);
            assertThat(one.reloads()).isEqualTo(1);
            assertCopyEqualsStored(db.dsl(), item, one);

            db.dsl().deleteFrom(FORECAST_LATEST).where(FORECAST_LATEST.ITEM_ID.eq(item))
                    .and(FORECAST_LATEST.MEMBER_ID.eq(members[4])).execute();
            db.dsl().deleteFrom(FORECAST).where(FORECAST.ITEM_ID.eq(item)).and(FORECAST.MEMBER_ID.eq(members[4]))
                    .execute();
            db.dsl().update(ITEM).set(ITEM.FORECASTER_COUNT, ITEM.FORECASTER_COUNT.minus(1)).where(ITEM.ID.eq(item))
                    .execute();
            aSecondLater(db, clock, item, two, members[2], 80);
            assertThat(two.reloads()).as("caught up, it still counted the removed forecaster").isEqualTo(2);
            aSecondLater(db, clock, item, one, members[3], 90);
            assertThat(one.caughtUp()).isEqualTo(1);
            assertThat(one.reloads()).isEqualTo(2);
            assertCopyEqualsStored(db.dsl(), item, one);
            assertThat(one.cached(item).orElseThrow().indexOf(members[4])).isNegative();
        });
    }

    /**
     * A forecast refused (the prediction closed) or rolled back (the hook fails after the copy was changed) leaves
     * the copy in memory as it was, or drops it; either way the next forecasts, through this instance and another,
     * still equal the replay.
     */
    @ParameterizedTest
    @MethodSource("kinds")
    void rolledBackForecastLeavesTheCopyAlone(String kind) {
        onFreshDatabase(kind, (db, clock, item) -> {
            ForecastRepository repository = new ForecastRepository(db, clock);
            ForecastRepository other = new ForecastRepository(db, clock);
            long[] members = members(db.dsl(), 13);
            long newcomer = members[12];
            for (int i = 0; i < 20; i++) {
                aSecondLater(db, clock, item, repository, members[i % 12], 10 + 3 * i);
            }
            LatestForecasts kept = repository.cached(item).orElseThrow();
            List<LatestForecasts.Entry> entries = kept.entries();
            long version = kept.version();
            int rows = ForecastRepository.forecasts(db.dsl(), item).size();

            db.dsl().update(ITEM).set(ITEM.STATUS, "closed").where(ITEM.ID.eq(item)).execute();
            assertThatThrownBy(() -> repository.add(WriteBudget.FREE, members[0], item, 77, null)).isInstanceOf(Conflict.class)
                    .hasMessage("Forecasting on this prediction is over: it has been closed. Nothing was saved.");
            assertThat(repository.cached(item)).containsSame(kept);
            assertThat(kept.entries()).isEqualTo(entries);
            assertThat(kept.version()).isEqualTo(version);
            db.dsl().update(ITEM).set(ITEM.STATUS, "open").where(ITEM.ID.eq(item)).execute();

            for (long who : new long[] {members[0], newcomer}) { // an update, then a first forecast
                clock.advance(Duration.ofSeconds(1));
                assertThatThrownBy(() -> repository.add(WriteBudget.FREE, who, item, 88, null, (tx, previous, p, id, before, after) -> {
                    throw new IllegalStateException("the hook fails");
                })).hasMessage("the hook fails");
                assertThat(ForecastRepository.forecasts(db.dsl(), item)).hasSize(rows);
                repository.cached(item).ifPresent(copy -> {
                    assertThat(copy.entries()).isEqualTo(entries);
                    assertThat(copy.version()).isEqualTo(version);
                });
            }
            // the version the failed forecast would have had, now made by another instance: this one must not mistake
            // anything of the failed one for it
            aSecondLater(db, clock, item, other, members[1], 5);
            aSecondLater(db, clock, item, repository, members[0], 95);
            assertCopyEqualsStored(db.dsl(), item, repository);
            aSecondLater(db, clock, item, repository, members[2], 50);
            assertCopyEqualsStored(db.dsl(), item, repository);
            assertStoredEqualsReplay(db.dsl(), item);
        });
    }

    /**
     * A forecast puts its copy back just before committing. Should that commit then fail, the copy in memory holds a
     * forecast that was never stored, tagged with that forecast's id. Even when another instance then stores the next
     * forecast, this instance must read the rows again rather than use it, and the stored state must equal the replay.
     */
    @ParameterizedTest
    @MethodSource("kinds")
    void aCopyFromAFailedCommitIsNeverUsed(String kind) {
        onFreshDatabase(kind, (db, clock, item) -> {
            ForecastRepository repository = new ForecastRepository(db, clock);
            ForecastRepository other = new ForecastRepository(db, clock);
            long[] members = members(db.dsl(), 6);
            for (int i = 0; i < 12; i++) {
                aSecondLater(db, clock, item, repository, members[i % 5], 20 + 5 * i);
            }
            LatestForecasts kept = repository.cached(item).orElseThrow();
            // a forecast that rolls back: its id is used up, as a commit failing after the copy went back would leave it
            AtomicLong failedId = new AtomicLong();
            clock.advance(Duration.ofSeconds(1));
            assertThatThrownBy(() -> repository.add(WriteBudget.FREE, members[5], item, 99, null, (tx, previous, p, id, before, after) -> {
                failedId.set(id);
                throw new IllegalStateException("the commit fails");
            })).hasMessage("the commit fails");
            LatestForecasts failed = LatestForecasts.load(db.dsl(), item, kept.version());
            failed.add(members[5], 99, LatestForecasts.micros(OffsetDateTime.now(clock)), failedId.get());
            failed.version(failedId.get());
            repository.keep(item, failed);
            long reloads = repository.reloads();

            // another instance stores the next forecast (the next version), then this one stores one
            aSecondLater(db, clock, item, other, members[1], 5);
            aSecondLater(db, clock, item, repository, members[0], 1);
            assertThat(repository.reloads()).as("the failed copy was read again").isEqualTo(reloads + 1);
            assertThat(repository.caughtUp()).as("never brought up to date").isZero();
            assertThat(repository.cached(item).orElseThrow().indexOf(members[5])).isNegative();
            assertCopyEqualsStored(db.dsl(), item, repository);
            assertStoredEqualsReplay(db.dsl(), item);
        });
    }

    /**
     * A forecast takes the item's newest place before its row's id is known, counting on ids that only grow. Should a
     * sequence hand one out below the newest forecast of the same microsecond after all, the item is replayed instead:
     * its stored point, the item's community forecast and the copy in memory still equal the replay (storing the
     * point as if it came last would give 70 here, the replay 40), on this instance and another.
     */
    @ParameterizedTest
    @MethodSource("kinds")
    void anIdBelowTheNewestOfTheSameMicrosecondIsReplayed(String kind) {
        onFreshDatabase(kind, (db, clock, item) -> {
            ForecastRepository repository = new ForecastRepository(db, clock);
            ForecastRepository other = new ForecastRepository(db, clock);
            long[] members = members(db.dsl(), 4);
            for (int i = 0; i < 12; i++) { // the last three leave 20, 30 and 40 %
                aSecondLater(db, clock, item, repository, members[i % 3], i < 9 ? 5 + 9 * i : 20 + 10 * (i - 9));
            }
            long highest = db.dsl().select(DSL.max(FORECAST.ID)).from(FORECAST).fetchOne().value1();
            db.dsl().execute("ALTER TABLE forecast ALTER COLUMN id RESTART WITH " + (highest + 1_000));
            aSecondLater(db, clock, item, repository, members[0], 70);
            db.dsl().execute("ALTER TABLE forecast ALTER COLUMN id RESTART WITH " + (highest + 1));
            addCheckingAgainstReplay(db, item, repository, members[3], 90); // the same microsecond, a lower id
            assertThat(db.dsl().select(FORECAST.COMMUNITY).from(FORECAST).where(FORECAST.ID.eq(highest + 1)).fetchOne()
                    .value1()).isEqualTo(40.0);
            assertCopyEqualsStored(db.dsl(), item, repository);
            assertStoredEqualsReplay(db.dsl(), item);
            aSecondLater(db, clock, item, other, members[1], 5);
            aSecondLater(db, clock, item, repository, members[2], 50);
            assertCopyEqualsStored(db.dsl(), item, repository);
            assertStoredEqualsReplay(db.dsl(), item);
        });
    }

    /** A test on a fresh database, given a clock it can move and the seeded prediction it forecasts on. */
    private interface OnPrediction {
        void run(Database db, MutableClock clock, long item);
    }

    /** Runs {@code test} on a fresh, migrated database of the kind, on the article's first prediction (an open one). */
    private static void onFreshDatabase(String kind, OnPrediction test) {
        try {
            TestDatabases.withFresh(kind, db ->
                    test.run(db, MutableClock.atNow(), Seeded.items(db.dsl(), "prediction").get(0)));
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Adds a forecast, checking in its transaction what the hook is told against a replay of the rows. */
    /** {@link #addCheckingAgainstReplay}, a second after the forecast before it. */
    private static void aSecondLater(Database db, MutableClock clock, long item, ForecastRepository repository,
                                     long member, int probability) {
        clock.advance(Duration.ofSeconds(1));
        addCheckingAgainstReplay(db, item, repository, member, probability);
    }

    private static void addCheckingAgainstReplay(Database db, long item, ForecastRepository repository, long member, int probability) {
        List<Forecast> before = ForecastRepository.forecasts(db.dsl(), item);
        Double communityBefore = db.dsl().select(ITEM.COMMUNITY_FORECAST).from(ITEM).where(ITEM.ID.eq(item))
                .fetchOne().value1();
        repository.add(WriteBudget.FREE, member, item, probability, null, (tx, previous, p, id, storedBefore, communityAfter) -> {
            Forecast mine = CommunityForecast.latest(before).stream().filter(f -> f.memberId() == member)
                    .findFirst().orElse(null);
            assertThat(previous).isEqualTo(mine == null ? null : mine.probability());
            assertThat(storedBefore).isEqualTo(communityBefore);
            assertThat(communityAfter).isEqualTo(
                    CommunityForecast.of(CommunityForecast.latest(ForecastRepository.forecasts(tx, item))).getAsDouble());
        });
    }

    /** The instance's copy in memory is the stored latest forecasts, at the item's stored version. */
    private static void assertCopyEqualsStored(DSLContext d, long item, ForecastRepository repository) {
        LatestForecasts copy = repository.cached(item).orElseThrow();
        assertThat(copy.version()).isEqualTo(
                d.select(ITEM.FORECAST_VERSION).from(ITEM).where(ITEM.ID.eq(item)).fetchOne().value1());
        assertThat(copy.entries()).isEqualTo(LatestForecasts.load(d, item, copy.version()).entries());
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void migrationBackfillEqualsAFullReplay(String kind) throws Exception {
        String url = TestDatabases.fresh(kind);
        SQLDialect dialect = url.startsWith("jdbc:h2:") ? SQLDialect.H2 : SQLDialect.POSTGRES;
        try (HikariDataSource ds = TestDatabases.pool(url)) {
            var flyway = Database.flyway(ds, TestApp.repositoryRoot().resolve("db/migration"));
            flyway.target("40").load().migrate();
            Random random = new Random(11);
            OffsetDateTime t = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS).minusDays(3);
            long item;
            long other;
            try (Connection c = ds.getConnection()) {
                DSLContext dsl = DSL.using(c, dialect, UNQUOTED);
                List<Long> predictions = Seeded.items(dsl, "prediction");
                item = predictions.get(0);
                other = predictions.get(1);
                long[] members = members(dsl, MEMBERS);
                try (PreparedStatement p = c.prepareStatement(
                        "INSERT INTO forecast (item_id, member_id, probability, created_at) VALUES (?, ?, ?, ?)")) {
                    for (int i = 0; i < FORECASTS; i++) {
                        // stored out of time order now and then, and with equal times
                        OffsetDateTime at = random.nextInt(10) == 0 ? t.minusSeconds(40) : (t = t.plusSeconds(random.nextInt(3)));
                        p.setLong(1, random.nextBoolean() ? item : other);
                        p.setLong(2, members[random.nextInt(MEMBERS)]);
                        p.setInt(3, 1 + random.nextInt(99));
                        p.setObject(4, at);
                        p.executeUpdate();
                    }
                }
            }
            flyway.target("latest").load().migrate();
            try (Connection c = ds.getConnection()) {
                DSLContext dsl = DSL.using(c, dialect, UNQUOTED);
                assertStoredEqualsReplay(dsl, item);
                assertStoredEqualsReplay(dsl, other);
            }
        } finally {
            TestDatabases.drop(url);
        }
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
