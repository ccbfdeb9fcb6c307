package crux.article;

import static crux.db.generated.Tables.ARTICLE;
import static crux.db.generated.Tables.COMMENT;
import static crux.db.generated.Tables.FORECAST;
import static crux.db.generated.Tables.FORECAST_LATEST;
import static crux.db.generated.Tables.ITEM;
import static crux.db.generated.Tables.ITEM_STANCE;

import crux.db.Database;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * What the front page says of each article's activity: how many members took part (a stance, a forecast or an
 * argument on any of its items), how many such actions the last {@link #RECENT} saw, and when the last one was.
 * Recomputed from the rows by a periodic job rather than kept on every write: a counter there would add a statement
 * to every stance and forecast, the two writes members make most, for a number the front page may show a minute late.
 */
public final class ArticleActivity {

    /** "Recent" activity: the last week. */
    public static final Duration RECENT = Duration.ofDays(7);

    /** One article's numbers. */
    public record Numbers(int participants, int recentActions, OffsetDateTime lastActivity) {
    }

    /**
     * The longest the numbers go uncounted while no stance, forecast or argument is added: actions still age out of
     * the {@link #RECENT} week, and an item retired or an argument removed changes them without a new row.
     */
    public static final Duration RECOUNT_AT_LEAST_EVERY = Duration.ofMinutes(15);

    private final Database db;
    private final Clock clock;
    /** What {@link #marker} said at the last count, and when that count was. */
    private volatile Marker counted;
    private volatile OffsetDateTime countedAt;

    public ArticleActivity(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Counts every article's activity from the rows, as of now. */
    public Map<Long, Numbers> count() {
        OffsetDateTime since = OffsetDateTime.now(clock).minus(RECENT);
        Field<Long> member = DSL.field("m", Long.class);
        Field<Long> item = DSL.field("i", Long.class);
        Field<OffsetDateTime> at = DSL.field("t", OffsetDateTime.class);
        Table<?> who = DSL.select(ITEM_STANCE.ITEM_ID.as("i"), ITEM_STANCE.MEMBER_ID.as("m")).from(ITEM_STANCE)
                .union(DSL.select(FORECAST_LATEST.ITEM_ID, FORECAST_LATEST.MEMBER_ID).from(FORECAST_LATEST))
                .union(DSL.select(COMMENT.ITEM_ID, COMMENT.AUTHOR_ID).from(COMMENT))
                .asTable("w");
        Table<?> when = DSL.select(ITEM_STANCE.ITEM_ID.as("i"), ITEM_STANCE.UPDATED_AT.as("t")).from(ITEM_STANCE)
                .unionAll(DSL.select(FORECAST.ITEM_ID, FORECAST.CREATED_AT).from(FORECAST))
                .unionAll(DSL.select(COMMENT.ITEM_ID, COMMENT.CREATED_AT).from(COMMENT))
                .asTable("a");
        Map<Long, Integer> participants = new HashMap<>();
        db.dsl().select(ITEM.ARTICLE_ID, DSL.countDistinct(who.field(member)))
                .from(who).join(ITEM).on(ITEM.ID.eq(who.field(item)))
                .groupBy(ITEM.ARTICLE_ID)
                .forEach(r -> participants.put(r.value1(), r.value2()));
        Map<Long, Numbers> out = new HashMap<>();
        db.dsl().select(ITEM.ARTICLE_ID, DSL.count().filterWhere(when.field(at).ge(since)), DSL.max(when.field(at)))
                .from(when).join(ITEM).on(ITEM.ID.eq(when.field(item)))
                .groupBy(ITEM.ARTICLE_ID)
                .forEach(r -> out.put(r.value1(), new Numbers(participants.getOrDefault(r.value1(), 0), r.value2(),
                        r.value3())));
        return out;
    }

    /** The newest stance change, forecast and argument: while none of them moves, no action was added. */
    private record Marker(OffsetDateTime stance, Long forecast, Long comment) {
    }

    /** One statement, each part answered by an index's last entry. */
    private Marker marker() {
        var r = db.dsl().select(
                DSL.field(DSL.select(DSL.max(ITEM_STANCE.UPDATED_AT)).from(ITEM_STANCE)),
                DSL.field(DSL.select(DSL.max(FORECAST.ID)).from(FORECAST)),
                DSL.field(DSL.select(DSL.max(COMMENT.ID)).from(COMMENT))).fetchOne();
        return new Marker(r.value1() == null ? null : r.value1().toInstant().atOffset(java.time.ZoneOffset.UTC),
                r.value2(), r.value3());
    }

    /**
     * {@link #refresh} when a stance, forecast or argument was added since the last count, or that count is
     * {@link #RECOUNT_AT_LEAST_EVERY} old; true when it counted. The count reads every stance, forecast and
     * argument (~2 s of a core on the benchmark's dataset): run every minute whatever happened, it took a core from
     * the pages for seconds at a time on a site nobody was writing to.
     */
    public boolean refreshIfChanged() {
        Marker now = marker();
        OffsetDateTime at = countedAt;
        if (now.equals(counted) && at != null && OffsetDateTime.now(clock).isBefore(at.plus(RECOUNT_AT_LEAST_EVERY))) {
            return false;
        }
        refresh();
        counted = now;
        return true;
    }

    /** Counts every article's activity and stores what changed; returns the numbers counted. */
    public Map<Long, Numbers> refresh() {
        countedAt = OffsetDateTime.now(clock);
        Map<Long, Numbers> numbers = count();
        db.transaction(tx -> {
            tx.dsl().select(ARTICLE.ID, ARTICLE.PARTICIPANT_COUNT, ARTICLE.RECENT_ACTIONS, ARTICLE.LAST_ACTIVITY_AT)
                    .from(ARTICLE).forUpdate().forEach(r -> {
                        Numbers now = numbers.get(r.value1());
                        // an article whose activity has all gone (items retired, arguments removed) counts nothing
                        // and keeps the time of its last activity
                        Numbers n = now != null ? now : new Numbers(0, 0, r.value4());
                        if (n.participants() != r.value2() || n.recentActions() != r.value3()
                                || !sameInstant(n.lastActivity(), r.value4())) {
                            tx.dsl().update(ARTICLE)
                                    .set(ARTICLE.PARTICIPANT_COUNT, n.participants())
                                    .set(ARTICLE.RECENT_ACTIONS, n.recentActions())
                                    .set(ARTICLE.LAST_ACTIVITY_AT, n.lastActivity())
                                    // activity is not searched: a new change number would re-index its items
                                    .set(ARTICLE.SEARCH_SEQ, ARTICLE.SEARCH_SEQ)
                                    .where(ARTICLE.ID.eq(r.value1()))
                                    .execute();
                        }
                    });
            return null;
        });
        return numbers;
    }

    private static boolean sameInstant(OffsetDateTime a, OffsetDateTime b) {
        return a == null ? b == null : b != null && a.isEqual(b);
    }
}
