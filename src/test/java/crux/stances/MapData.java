package crux.stances;

import static crux.db.generated.Tables.FORECAST;
import static crux.db.generated.Tables.FORECAST_LATEST;
import static crux.db.generated.Tables.ITEM_STANCE;
import static crux.db.generated.Tables.MEMBER;

import crux.testing.TestApp;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Members and their stances and forecasts written straight into a test app's database: as many as a real debate has,
 * in seconds. Two camps fight over {@code pro} and {@code contra} claims and both accept {@code shared}.
 */
final class MapData {

    private final TestApp app;
    private final List<Long> pro;
    private final List<Long> contra;
    private final long shared;
    private final OffsetDateTime start = OffsetDateTime.now(ZoneOffset.UTC).minusDays(3).withNano(0);
    private int step;

    MapData(TestApp app, List<Long> pro, List<Long> contra, long shared) {
        this.app = app;
        this.pro = pro;
        this.contra = contra;
        this.shared = shared;
    }

    /** {@code count} members named {@code prefix0000}…; their ids in that order. */
    List<Long> members(String prefix, int count) {
        String hash = app.dsl().select(MEMBER.PASSWORD_HASH).from(MEMBER).where(MEMBER.PASSWORD_HASH.isNotNull())
                .limit(1).fetchOne().value1();
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String name = String.format("%s%04d", prefix, i);
            ids.add(app.dsl().insertInto(MEMBER).set(MEMBER.NAME, name).set(MEMBER.NAME_KEY, name)
                    .set(MEMBER.PASSWORD_HASH, hash).set(MEMBER.ROLE, "member").set(MEMBER.CREATED_AT, start)
                    .returning(MEMBER.ID).fetchOne().getId());
        }
        return ids;
    }

    void stance(long member, long item, String stance) {
        OffsetDateTime at = start.plusSeconds(++step);
        app.dsl().insertInto(ITEM_STANCE).set(ITEM_STANCE.MEMBER_ID, member).set(ITEM_STANCE.ITEM_ID, item)
                .set(ITEM_STANCE.STANCE, stance).set(ITEM_STANCE.CREATED_AT, at).set(ITEM_STANCE.UPDATED_AT, at)
                .execute();
    }

    /**
     * {@code count} new members who vote as the pro (or contra) camp does and agree with the shared claim; every
     * {@code unsureEvery}-th of them is unsure of one claim instead, so the camps spread over a few bins (0: never).
     */
    List<Long> camp(String prefix, int count, boolean isPro, int unsureEvery) {
        List<Long> ids = members(prefix, count);
        for (int i = 0; i < ids.size(); i++) {
            long m = ids.get(i);
            for (int j = 0; j < pro.size(); j++) {
                boolean unsure = unsureEvery > 0 && i % unsureEvery == 0 && j == i % pro.size();
                stance(m, pro.get(j), unsure ? "unsure" : isPro ? "agree" : "disagree");
            }
            for (long item : contra) {
                stance(m, item, isPro ? "disagree" : "agree");
            }
            stance(m, shared, "agree");
        }
        return ids;
    }

    /** Each member's one forecast on {@code prediction}: what the community forecast per camp is made of. */
    void forecasts(long prediction, List<Long> members, int probability) {
        for (long m : members) {
            OffsetDateTime at = start.plusSeconds(++step);
            long id = app.dsl().insertInto(FORECAST).set(FORECAST.ITEM_ID, prediction).set(FORECAST.MEMBER_ID, m)
                    .set(FORECAST.PROBABILITY, probability).set(FORECAST.CREATED_AT, at).returning(FORECAST.ID)
                    .fetchOne().getId();
            app.dsl().insertInto(FORECAST_LATEST).set(FORECAST_LATEST.ITEM_ID, prediction)
                    .set(FORECAST_LATEST.MEMBER_ID, m).set(FORECAST_LATEST.PROBABILITY, probability)
                    .set(FORECAST_LATEST.CREATED_AT, at).set(FORECAST_LATEST.FORECAST_ID, id).execute();
        }
    }
}
