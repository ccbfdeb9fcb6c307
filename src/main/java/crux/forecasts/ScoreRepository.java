package crux.forecasts;

import static crux.db.generated.Tables.FORECAST_SCORE;
import static crux.db.generated.Tables.ITEM;
import static crux.db.generated.Tables.MEMBER;
import static crux.db.generated.Tables.RESOLUTION;

import crux.db.Database;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.impl.DSL;

/** Reads the scores stored at resolution: a member's track record, the leaderboard, resolved predictions. */
public final class ScoreRepository {

    /** A resolved prediction with the crowd's stored result and what the article implied. */
    public record Resolved(long itemId, String statement, Outcome outcome, OffsetDateTime openedAt,
                           OffsetDateTime resolvedAt, String resolver, String note, String source, int forecasters,
                           Integer implied, String impliedWording, Double crowdFinal, Score crowd) {
    }

    /** One member's score on one resolved prediction. */
    public record Scored(long itemId, String statement, Outcome outcome, int finalProbability, Score score,
                         OffsetDateTime resolvedAt) {
    }

    /** A member's averages over every prediction they were scored on. */
    public record LeaderboardRow(String member, int predictions, double meanLog, double meanBrier, double meanCoverage) {
    }

    private final Database db;

    public ScoreRepository(Database db) {
        this.db = db;
    }

    /** Every resolved prediction still in use, latest resolution first. */
    public List<Resolved> resolved() {
        return resolved(DSL.trueCondition());
    }

    /** Every resolved prediction of one article still in use, latest resolution first: its own scorecard. */
    public List<Resolved> resolvedIn(long articleId) {
        return resolved(ITEM.ARTICLE_ID.eq(articleId));
    }

    /** One prediction's resolution, if it is resolved. */
    public Optional<Resolved> resolution(long itemId) {
        return resolved(ITEM.ID.eq(itemId)).stream().findFirst();
    }

    private List<Resolved> resolved(Condition which) {
        return db.dsl().select(ITEM.ID, ITEM.STATEMENT, RESOLUTION.OUTCOME, ITEM.CREATED_AT, RESOLUTION.RESOLVED_AT,
                        MEMBER.NAME, RESOLUTION.NOTE, RESOLUTION.SOURCE_URL, RESOLUTION.FORECASTERS,
                        ITEM.IMPLIED_PROBABILITY, ITEM.IMPLIED_WORDING, RESOLUTION.CROWD_FINAL,
                        RESOLUTION.CROWD_BRIER, RESOLUTION.CROWD_LOG_SCORE, RESOLUTION.CROWD_COVERAGE)
                .from(RESOLUTION).join(ITEM).on(ITEM.ID.eq(RESOLUTION.ITEM_ID))
                .leftJoin(MEMBER).on(MEMBER.ID.eq(RESOLUTION.RESOLVED_BY))
                .where(ITEM.RETIRED_AT.isNull()).and(which)
                .orderBy(RESOLUTION.RESOLVED_AT.desc(), ITEM.ID)
                .fetch(r -> new Resolved(r.value1(), r.value2(), outcome(r.value3()), r.value4(), r.value5(),
                        r.value6() == null ? "a moderator" : r.value6(), r.value7(), r.value8(), r.value9(),
                        r.value10(), r.value11(), r.value12(),
                        r.value13() == null ? null : new Score(r.value13(), r.value14(), r.value15())));
    }

    /** A member's score on every resolved prediction they forecast, latest resolution first. */
    public List<Scored> trackRecord(long memberId) {
        return db.dsl().select(ITEM.ID, ITEM.STATEMENT, RESOLUTION.OUTCOME, FORECAST_SCORE.FINAL_PROBABILITY,
                        FORECAST_SCORE.BRIER, FORECAST_SCORE.LOG_SCORE, FORECAST_SCORE.COVERAGE, RESOLUTION.RESOLVED_AT)
                .from(FORECAST_SCORE).join(ITEM).on(ITEM.ID.eq(FORECAST_SCORE.ITEM_ID))
                .join(RESOLUTION).on(RESOLUTION.ITEM_ID.eq(FORECAST_SCORE.ITEM_ID))
                .where(FORECAST_SCORE.MEMBER_ID.eq(memberId)).and(ITEM.RETIRED_AT.isNull())
                .orderBy(RESOLUTION.RESOLVED_AT.desc(), ITEM.ID)
                .fetch(r -> new Scored(r.value1(), r.value2(), outcome(r.value3()), r.value4(),
                        new Score(r.value5(), r.value6(), r.value7()), r.value8()));
    }

    /** One member's stored score on one prediction, if they were scored on it. */
    public Optional<Score> score(long itemId, long memberId) {
        return db.dsl().select(FORECAST_SCORE.BRIER, FORECAST_SCORE.LOG_SCORE, FORECAST_SCORE.COVERAGE)
                .from(FORECAST_SCORE)
                .where(FORECAST_SCORE.ITEM_ID.eq(itemId)).and(FORECAST_SCORE.MEMBER_ID.eq(memberId))
                .fetchOptional(r -> new Score(r.value1(), r.value2(), r.value3()));
    }

    /** Every scored member's averages, best mean log score first: one grouped query. */
    public List<LeaderboardRow> standings() {
        return standings(DSL.trueCondition());
    }

    /** The same, scored on one article's predictions only: one grouped query. */
    public List<LeaderboardRow> standingsIn(long articleId) {
        return standings(ITEM.ARTICLE_ID.eq(articleId));
    }

    private List<LeaderboardRow> standings(Condition which) {
        var count = DSL.count();
        var meanLog = DSL.avg(FORECAST_SCORE.LOG_SCORE);
        return db.dsl().select(MEMBER.NAME, count, meanLog, DSL.avg(FORECAST_SCORE.BRIER), DSL.avg(FORECAST_SCORE.COVERAGE))
                .from(FORECAST_SCORE).join(MEMBER).on(MEMBER.ID.eq(FORECAST_SCORE.MEMBER_ID))
                .join(ITEM).on(ITEM.ID.eq(FORECAST_SCORE.ITEM_ID))
                .where(MEMBER.DELETED_AT.isNull()).and(ITEM.RETIRED_AT.isNull()).and(which)
                .groupBy(MEMBER.ID, MEMBER.NAME)
                .orderBy(meanLog.desc(), count.desc(), MEMBER.NAME)
                .fetch(r -> new LeaderboardRow(r.value1(), r.value2(), r.value3().doubleValue(), r.value4().doubleValue(),
                        r.value5().doubleValue()));
    }

    static Outcome outcome(String code) {
        return ResolutionRepository.fromCode(code).orElseThrow(() -> new IllegalStateException("unknown outcome " + code));
    }
}
