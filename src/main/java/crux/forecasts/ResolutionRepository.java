package crux.forecasts;

import static crux.db.generated.Tables.FORECAST;
import static crux.db.generated.Tables.FORECAST_SCORE;
import static crux.db.generated.Tables.ITEM;
import static crux.db.generated.Tables.RESOLUTION;

import crux.accounts.Member;
import crux.article.ItemStatus;
import crux.core.Conflict;
import crux.core.ScoreFormat;
import crux.core.Target;
import crux.db.Codes;
import crux.db.Database;
import crux.db.WriteBudget;
import crux.moderation.ModerationLogRepository;
import crux.notifications.FollowRepository;
import crux.notifications.NotificationRepository;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;

/**
 * Moderators resolve predictions (YES, NO or annulled) and reopen wrongly resolved ones. Each is a one-shot
 * transition: a conditional UPDATE on the item's status, so of two moderators racing exactly one changes it and
 * the other is told so (409). The scores of every forecaster and of the crowd are computed in the same
 * transaction and stored, the action is logged, and the forecasters are notified.
 */
public final class ResolutionRepository {

    /** Statuses from which a prediction may be resolved, and those it has once resolved (V1's CHECK). */
    /** A statement quoted in a one-line notification is cut here, so the score in front of it always shows. */
    static final int QUOTED_STATEMENT = 120;

    private final Database db;
    private final ModerationLogRepository log;
    private final NotificationRepository notifications;
    private final Clock clock;

    /** Followers of a prediction hear of its resolution too (forecasters among them once). */
    private final FollowRepository follows;

    public ResolutionRepository(Database db, ModerationLogRepository log, NotificationRepository notifications,
            FollowRepository follows,
                       Clock clock) {
        this.follows = follows;
        this.db = db;
        this.log = log;
        this.notifications = notifications;
        this.clock = clock;
    }

    public static ItemStatus status(Outcome outcome) {
        return switch (outcome) {
            case YES -> ItemStatus.RESOLVED_YES;
            case NO -> ItemStatus.RESOLVED_NO;
            case ANNULLED -> ItemStatus.ANNULLED;
        };
    }

    public static String code(Outcome outcome) {
        return Codes.of(outcome);
    }

    public static Optional<Outcome> fromCode(String code) {
        return Codes.parse(Outcome.class, code);
    }

    /**
     * @param earlyConfirmed the moderator confirmed a YES or NO before the resolve-by date ({@link EarlyResolution});
     *                       without it such a resolution is refused and nothing is stored
     */
    public void resolve(WriteBudget budget, Member actor, long itemId, String statement, Outcome outcome, String note,
            String source, boolean earlyConfirmed) {
        db.run(budget, tx -> {
            int changed = tx.update(ITEM).set(ITEM.STATUS, status(outcome).code())
                    .where(ITEM.ID.eq(itemId)).and(ITEM.KIND.eq("prediction")).and(ITEM.RETIRED_AT.isNull())
                    .and(ITEM.STATUS.in(ItemStatus.codes(ItemStatus.UNRESOLVED)))
                    .execute();
            if (changed == 0) {
                throw new Conflict("This prediction has already been resolved — perhaps by another moderator "
                        + "a moment ago. Reload it to see how; reopen it first if that resolution was wrong.");
            }
            // the time is taken once the row is ours, so every forecast accepted before counts
            OffsetDateTime now = OffsetDateTime.now(clock);
            // the community forecast kept on the item is final: forecasts lock the item row and now find it resolved
            var item = tx.select(ITEM.CREATED_AT, ITEM.COMMUNITY_FORECAST, ITEM.FORECASTER_COUNT, ITEM.RESOLVE_BY)
                    .from(ITEM).where(ITEM.ID.eq(itemId)).fetchOne();
            Optional<String> early = EarlyResolution.ahead(outcome, item.value4(),
                    now.atZoneSameInstant(ZoneOffset.UTC).toLocalDate());
            if (early.isPresent() && !earlyConfirmed) {
                throw new Conflict("This prediction's resolve-by date is " + early.get() + " away. "
                        + "Confirm that it is resolved early to score it now.");
            }
            Instant opened = item.value1().toInstant();
            Instant closed = now.toInstant();
            if (!opened.isBefore(closed)) {
                opened = closed.minusSeconds(1);
            }
            List<Forecast> updates = ForecastRepository.forecasts(tx, itemId);
            Map<Long, List<Forecast>> byMember = new LinkedHashMap<>();
            updates.forEach(f -> byMember.computeIfAbsent(f.memberId(), m -> new ArrayList<>()).add(f));
            Optional<Score> crowd = updates.isEmpty() ? Optional.empty()
                    : Scoring.crowd(outcome, opened, closed, ForecastRepository.points(tx, itemId));
            tx.insertInto(RESOLUTION)
                    .set(RESOLUTION.ITEM_ID, itemId).set(RESOLUTION.OUTCOME, code(outcome))
                    .set(RESOLUTION.NOTE, note).set(RESOLUTION.SOURCE_URL, source)
                    .set(RESOLUTION.RESOLVED_AT, now).set(RESOLUTION.RESOLVED_BY, actor.id())
                    .set(RESOLUTION.FORECASTERS, item.value3())
                    .set(RESOLUTION.CROWD_FINAL, item.value2())
                    .set(RESOLUTION.CROWD_BRIER, crowd.map(Score::brier).orElse(null))
                    .set(RESOLUTION.CROWD_LOG_SCORE, crowd.map(Score::logScore).orElse(null))
                    .set(RESOLUTION.CROWD_COVERAGE, crowd.map(Score::coverage).orElse(null))
                    .execute();
            Map<Long, Score> scores = storeScores(tx, itemId, outcome, opened, closed, byMember);
            log.record(tx,
                    new ModerationLogRepository.Entry(actor.id(), "resolve_prediction", Target.item(itemId), statement,
                    label(outcome) + ": " + early.map(a -> EarlyResolution.logNote(a, item.value4())).orElse("")
                            + note + (source == null ? "" : " (source: " + source + ")")));
            List<NotificationRepository.Notice> notices = new ArrayList<>();
            for (long member : byMember.keySet()) {
                notices.add(new NotificationRepository.Notice(member, NotificationRepository.Kind.RESOLUTION,
                        actor.id(),
                        summary(outcome, scores.get(member)) + ": \u201c" + quote(statement) + "\u201d", note,
                        Target.itemSection(itemId, "forecast")));
            }
            notifications.notifyAll(tx, notices);
            follows.notifyFollowers(tx, itemId, actor.id(), byMember.keySet(),
                    label(outcome) + ": \u201c" + quote(statement) + "\u201d", Target.itemSection(itemId, "forecast"));
        });
    }

    /** Each forecaster's time-averaged score, stored in one statement; annulled predictions score nothing. */
    private static Map<Long, Score> storeScores(DSLContext tx, long itemId, Outcome outcome, Instant opened,
                                                Instant closed, Map<Long, List<Forecast>> byMember) {
        Map<Long, Score> scores = new LinkedHashMap<>();
        var insert = tx.insertInto(FORECAST_SCORE, FORECAST_SCORE.ITEM_ID, FORECAST_SCORE.MEMBER_ID,
                FORECAST_SCORE.FINAL_PROBABILITY, FORECAST_SCORE.BRIER, FORECAST_SCORE.LOG_SCORE,
                        FORECAST_SCORE.COVERAGE);
        for (Map.Entry<Long, List<Forecast>> e : byMember.entrySet()) {
            Optional<Score> s = Scoring.member(outcome, opened, closed, e.getValue());
            if (s.isPresent()) {
                scores.put(e.getKey(), s.get());
                insert = insert.values(itemId, e.getKey(), finalProbability(e.getValue(), closed),
                        s.get().brier(), s.get().logScore(), s.get().coverage());
            }
        }
        if (!scores.isEmpty()) {
            insert.execute();
        }
        return scores;
    }

    /** The member's last forecast before the close (the list is oldest first). */
    static int finalProbability(List<Forecast> oldestFirst, Instant closed) {
        int p = oldestFirst.get(0).probability();
        for (Forecast f : oldestFirst) {
            if (f.at().isBefore(closed)) {
                p = f.probability();
            }
        }
        return p;
    }

    public void reopen(WriteBudget budget, Member actor, long itemId, String statement, String reason) {
        db.run(budget, tx -> {
            int changed = tx.update(ITEM).set(ITEM.STATUS, ItemStatus.OPEN.code())
                    .where(ITEM.ID.eq(itemId)).and(ITEM.STATUS.in(ItemStatus.codes(ItemStatus.RESOLVED)))
                    .execute();
            if (changed == 0) {
                throw new Conflict("This prediction is not resolved — perhaps another moderator reopened it "
                        + "a moment ago. Reload it to see where it stands.");
            }
            tx.deleteFrom(FORECAST_SCORE).where(FORECAST_SCORE.ITEM_ID.eq(itemId)).execute();
            tx.deleteFrom(RESOLUTION).where(RESOLUTION.ITEM_ID.eq(itemId)).execute();
            log.record(tx,
                    new ModerationLogRepository.Entry(actor.id(), "reopen_prediction", Target.item(itemId), statement,
                    reason));
            List<NotificationRepository.Notice> notices = tx.selectDistinct(FORECAST.MEMBER_ID).from(FORECAST)
                    .where(FORECAST.ITEM_ID.eq(itemId))
                    .fetch(r -> new NotificationRepository.Notice(r.value1(), NotificationRepository.Kind.RESOLUTION,
                            actor.id(),
                            "Reopened, its scores withdrawn until it resolves again: \u201c" + quote(statement) + "\u201d",
                            reason, Target.itemSection(itemId, "forecast")));
            notifications.notifyAll(tx, notices);
        });
    }

    public static String label(Outcome outcome) {
        return switch (outcome) {
            case YES -> "Resolved YES";
            case NO -> "Resolved NO";
            case ANNULLED -> "Annulled";
        };
    }

    /** "Resolved YES — your score: log +23.4, Brier 0.123, coverage 87 %", or why there is none. */
    static String summary(Outcome outcome, Score score) {
        if (outcome == Outcome.ANNULLED) {
            return "Annulled, so it is not scored";
        }
        if (score == null) {
            return label(outcome) + " — no score for you: your forecasts came after the close";
        }
        return label(outcome) + " — your score: log " + ScoreFormat.log(score.logScore()) + ", Brier "
                + ScoreFormat.brier(score.brier()) + ", coverage " + ScoreFormat.percent(score.coverage());
    }

    private static String quote(String statement) {
        return statement.length() <= QUOTED_STATEMENT ? statement : statement.substring(0, QUOTED_STATEMENT - 1) + "…";
    }
}
