package crux.debate;

import static crux.db.generated.Tables.COMMENT;
import static crux.db.generated.Tables.MEMBER;
import static crux.db.generated.Tables.MIND_CHANGE;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import crux.core.Stance;
import crux.db.Codes;
import crux.db.Database;
import crux.markdown.Markdown;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Record2;
import org.jooq.impl.DSL;

/**
 * "Changed my mind": a member who changes their stance or moves their forecast credits the comment that moved
 * them. Each comment keeps, as counters on its row, how many distinct members it moved and how many percentage
 * points of forecast movement they credited it with; {@link Sort#PERSUASIVE} ranks by those.
 *
 * <p>For the stance and forecast forms: include the {@code debate/credit :: credit-select(options)} fragment with
 * {@link #options(long)}, read the choice with {@link #parseCredit(String)}, and call {@link #credit} inside the
 * transaction that stores the change.
 */
public final class MindChangeRepository {

    /** The name of the select in the stance and forecast forms. */
    public static final String FIELD = "credit";
    /** Arguments offered in the select: the best of them; a long list is not read. */
    public static final int OPTIONS = 20;
    /** Characters of an argument shown in its option. */
    static final int OPTION_EXCERPT = 90;

    /** What {@link #credit} did. Only {@code CREDITED} changed anything. */
    public enum Result {
        CREDITED,
        /** This member already credited this comment with this change: nothing to add. */
        ALREADY_CREDITED,
        /** Members cannot credit their own comment. */
        OWN_COMMENT,
        /** The comment is about another item than the change. */
        OTHER_ITEM,
        /** No such comment, or it was deleted. */
        NO_SUCH_COMMENT,
        /** From and to are the same: nothing changed. */
        NO_CHANGE
    }

    /** One argument in the select. */
    public record CreditOption(long id, Side side, String excerpt, String author) {
        public String label() {
            return side.label() + ": " + excerpt + " (" + author + ")";
        }
    }

    private final Database db;
    private final Clock clock;

    public MindChangeRepository(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** What to tell the member about a credit they asked for; null when there is nothing to add. */
    public static String message(Result result) {
        if (result == null) {
            return null;
        }
        return switch (result) {
            case CREDITED -> "You credited an argument with changing your mind.";
            case ALREADY_CREDITED -> "You had already credited that argument with this change.";
            case OWN_COMMENT -> "Your change is saved, but no argument was credited: you cannot credit your own argument.";
            case OTHER_ITEM -> "Your change is saved, but no argument was credited: that argument is about another item.";
            case NO_SUCH_COMMENT -> "Your change is saved, but no argument was credited: that argument no longer exists.";
            case NO_CHANGE -> "No argument was credited: nothing changed.";
        };
    }

    /** The comment chosen in the select: empty for "None", a missing or malformed value. */
    public static Optional<Long> parseCredit(String raw) {
        if (raw == null || raw.isEmpty() || raw.length() > 18 || !raw.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.empty();
        }
        long id = Long.parseLong(raw);
        return id > 0 ? Optional.of(id) : Optional.empty();
    }

    /**
     * A change of mind to credit: a stance (from and to are stance codes) or a forecast (whole percentages), and the
     * key that identifies it, so crediting the same comment with the same change twice adds nothing. The factories
     * spell the stored kinds and keys; the constructor refuses values no caller should send.
     */
    public record Change(Kind kind, String from, String to, String key) {

        /** Stored by {@link #code()}. */
        public enum Kind {
            STANCE, FORECAST;

            public String code() {
                return Codes.of(this);
            }
        }

        public Change {
            movement(kind, from, to);
        }

        /** A stance changed at {@code at} (a member changes a stance at most once per instant). */
        public static Change stance(Stance from, Stance to, OffsetDateTime at) {
            return new Change(Kind.STANCE, Codes.of(from), Codes.of(to), "stance:" + at.toInstant().toEpochMilli());
        }

        /** A forecast moved, by the forecast that moved it. */
        public static Change forecast(int from, int to, long forecastId) {
            return new Change(Kind.FORECAST, Integer.toString(from), Integer.toString(to), "forecast:" + forecastId);
        }

        /** Percentage points moved: 0 for a stance. */
        public int points() {
            return movement(kind, from, to);
        }
    }

    /**
     * Credits comment {@code commentId} with one change of {@code memberId}'s mind on item {@code itemId}, inside the
     * caller's transaction {@code tx}, updating the comment's counters in it too.
     */
    public Result credit(DSLContext tx, long memberId, long itemId, long commentId, Change change) {
        int points = change.points();
        String kind = change.kind().code();
        String from = change.from();
        String to = change.to();
        String changeKey = change.key();
        if (from.equals(to)) {
            return Result.NO_CHANGE;
        }
        Optional<Comment> found = CommentRepository.lock(tx, commentId);
        if (found.isEmpty() || found.get().deleted()) {
            return Result.NO_SUCH_COMMENT;
        }
        Comment c = found.get();
        if (c.authorId() == memberId) {
            return Result.OWN_COMMENT;
        }
        if (c.itemId() != itemId) {
            return Result.OTHER_ITEM;
        }
        int inserted = tx.insertInto(MIND_CHANGE)
                .set(MIND_CHANGE.MEMBER_ID, memberId)
                .set(MIND_CHANGE.COMMENT_ID, commentId)
                .set(MIND_CHANGE.ITEM_ID, itemId)
                .set(MIND_CHANGE.KIND, kind)
                .set(MIND_CHANGE.FROM_VALUE, from)
                .set(MIND_CHANGE.TO_VALUE, to)
                .set(MIND_CHANGE.POINTS, points)
                .set(MIND_CHANGE.CHANGE_KEY, changeKey)
                .set(MIND_CHANGE.CREATED_AT, OffsetDateTime.now(clock))
                .onConflictDoNothing()
                .execute();
        if (inserted == 0) {
            return Result.ALREADY_CREDITED;
        }
        Record2<Integer, BigDecimal> totals = tx.select(DSL.countDistinct(MIND_CHANGE.MEMBER_ID),
                        DSL.coalesce(DSL.sum(MIND_CHANGE.POINTS), BigDecimal.ZERO))
                .from(MIND_CHANGE).where(MIND_CHANGE.COMMENT_ID.eq(commentId)).fetchOne();
        tx.update(COMMENT).set(COMMENT.MEMBERS_MOVED, totals.value1())
                .set(COMMENT.FORECAST_MOVEMENT, totals.value2().intValueExact())
                .set(COMMENT.SEARCH_SEQ, COMMENT.SEARCH_SEQ) // not searched: the search index has nothing to redo
                .where(COMMENT.ID.eq(commentId)).execute();
        return Result.CREDITED;
    }

    /** Percentage points between two forecasts; 0 for a stance. */
    static int movement(Change.Kind kind, String from, String to) {
        if (kind == null) {
            throw new IllegalArgumentException("a change has a kind");
        }
        if (from == null || to == null || from.isBlank() || to.isBlank() || from.length() > 20 || to.length() > 20) {
            throw new IllegalArgumentException("a change has a from and a to value: " + from + " → " + to);
        }
        return switch (kind) {
            case STANCE -> 0;
            case FORECAST -> Math.abs(percent(to) - percent(from));
        };
    }

    private static int percent(String value) {
        try {
            int p = Integer.parseInt(value);
            if (p < 0 || p > 100) {
                throw new IllegalArgumentException("a forecast is a percentage: " + value);
            }
            return p;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a forecast is a whole percentage: " + value);
        }
    }

    /**
     * Options' excerpts by the text they are cut from: every view of an item by a member with a stance lists them, and
     * reading each argument's Markdown again was a seventh of that page's time. An edited argument is a new text.
     */
    private static final Cache<String, String> EXCERPTS = Caffeine.newBuilder().maximumSize(10_000).build();

    /** The item's best live arguments, for the select (one query). */
    public List<CreditOption> options(long itemId) {
        record Candidate(long id, Side side, String source, String author, Instant createdAt, int ups, int downs,
                         int membersMoved, double forecastMovement) implements Ranked {
        }
        return db.dsl().select(COMMENT.ID, COMMENT.SIDE, COMMENT.BODY_SOURCE, MEMBER.NAME, MEMBER.DELETED_AT,
                        COMMENT.CREATED_AT, COMMENT.UPS, COMMENT.DOWNS, COMMENT.MEMBERS_MOVED,
                                COMMENT.FORECAST_MOVEMENT)
                .from(COMMENT).join(MEMBER).on(MEMBER.ID.eq(COMMENT.AUTHOR_ID))
                .where(COMMENT.ITEM_ID.eq(itemId)).and(COMMENT.PARENT_ID.isNull()).and(COMMENT.DELETED_AT.isNull())
                .fetch(r -> new Candidate(r.value1(), Side.fromCode(r.value2()).orElseThrow(), r.value3(),
                        r.value5() != null ? "[deleted member]" : r.value4(), r.value6().toInstant(), r.value7(),
                        r.value8(), r.value9(), r.value10()))
                .stream()
                .sorted(Sort.BEST.<Candidate>comparator())
                .limit(OPTIONS)
                .map(c -> new CreditOption(c.id(), c.side(), EXCERPTS.get(c.source(),
                        source -> Markdown.plainText(source, OPTION_EXCERPT)), c.author()))
                .toList();
    }
}
