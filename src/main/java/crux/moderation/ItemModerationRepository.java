package crux.moderation;

import static crux.db.generated.Tables.ARTICLE;
import static crux.db.generated.Tables.ITEM;
import static crux.db.generated.Tables.ITEM_REVISION;

import crux.accounts.Member;
import crux.article.Article;
import crux.article.Item;
import crux.article.ItemKind;
import crux.article.ItemStatus;
import crux.core.Conflict;
import crux.core.Malformed;
import crux.core.Target;
import crux.db.Database;
import crux.db.Reusable;
import crux.db.WriteBudget;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Record3;

/** Moderators curate items: edit a statement (history kept), add an item from a passage, retire an item. */
public final class ItemModerationRepository {

    public static final int MAX_STATEMENT = 200;
    /** A passage is a sentence or a clause, not a section. */
    public static final int MAX_QUOTE = 1000;
    public static final int MIN_QUOTE = 8;

    /** A statement as it was, for the item page's history. */
    public record Revision(String statement, OffsetDateTime editedAt, String reason) {
    }

    /** A new item, as a moderator describes it. */
    public record Draft(ItemKind kind, String statement, String assertedBy, String quote, int occurrence,
                        String resolutionCriteria, LocalDate resolveBy, Integer impliedProbability,
                        String impliedWording) {
    }

    private final Database db;
    private final ModerationLogRepository log;
    private final Clock clock;

    public ItemModerationRepository(Database db, ModerationLogRepository log, Clock clock) {
        this.db = db;
        this.log = log;
        this.clock = clock;
    }

    /**
     * Replaces the statement, keeping the old one as a revision. {@code previous} is the statement the moderator
     * saw: if another moderator changed it meanwhile, this edit is refused rather than silently overwriting theirs.
     */
    public void edit(WriteBudget budget, Member actor, long itemId, String previous, String statement, String reason) {
        db.run(budget, tx -> {
            int changed = tx.update(ITEM).set(ITEM.STATEMENT, statement)
                    .set(ITEM.REVISION_COUNT, ITEM.REVISION_COUNT.plus(1))
                    .where(ITEM.ID.eq(itemId)).and(ITEM.STATEMENT.eq(previous)).execute();
            if (changed == 0) {
                throw new Conflict("Someone changed this statement while you were editing it. "
                        + "Reload the item to see the current version.");
            }
            tx.insertInto(ITEM_REVISION).set(ITEM_REVISION.ITEM_ID, itemId).set(ITEM_REVISION.STATEMENT, previous)
                    .set(ITEM_REVISION.EDITED_AT, OffsetDateTime.now(clock)).set(ITEM_REVISION.EDITOR_ID, actor.id())
                    .set(ITEM_REVISION.REASON, reason).execute();
            log.record(tx,
                    new ModerationLogRepository.Entry(actor.id(), "edit_item", Target.item(itemId), statement, reason));
        });
    }

    public void retire(WriteBudget budget, Member actor, long itemId, String statement, String reason) {
        db.run(budget, tx -> {
            int changed = tx.update(ITEM).set(ITEM.RETIRED_AT, OffsetDateTime.now(clock)).set(ITEM.RETIRE_REASON,
                    reason)
                    .where(ITEM.ID.eq(itemId)).and(ITEM.RETIRED_AT.isNull()).execute();
            if (changed == 0) {
                throw new Conflict("This item has already been retired.");
            }
            log.record(tx,
                    new ModerationLogRepository.Entry(actor.id(), "retire_item", Target.item(itemId), statement,
                    reason));
        });
    }

    /**
     * Sets the probability the article's wording implies for a prediction. Only while it is unresolved: once it
     * resolves, the article's score is settled, and changing what it "implied" then would be rewriting history.
     */
    public void setImplied(WriteBudget budget, Member actor, long itemId, String statement, int implied,
            String wording, String reason) {
        db.run(budget, tx -> {
            int changed = tx.update(ITEM).set(ITEM.IMPLIED_PROBABILITY, implied).set(ITEM.IMPLIED_WORDING, wording)
                    .where(ITEM.ID.eq(itemId)).and(ITEM.KIND.eq(ItemKind.PREDICTION.code()))
                    .and(ITEM.STATUS.in(ItemStatus.codes(ItemStatus.UNRESOLVED)))
                    .execute();
            if (changed == 0) {
                throw new Conflict("This prediction has resolved, so what the article implied is settled. "
                        + "Reopen it first if the resolution was wrong.");
            }
            log.record(tx, new ModerationLogRepository.Entry(actor.id(), "set_implied_probability", Target.item(itemId),
                    statement,
                    implied + " % (\u201c" + wording + "\u201d): " + reason));
        });
    }

    /** Offsets of every occurrence of {@code quote} in the article body. */
    public static List<Integer> occurrences(String body, String quote) {
        List<Integer> at = new ArrayList<>();
        if (quote.isEmpty()) {
            return at;
        }
        for (int i = body.indexOf(quote); i >= 0; i = body.indexOf(quote, i + 1)) {
            at.add(i);
        }
        return at;
    }

    /**
     * Adds an item anchored at the chosen occurrence of the quote; the anchor is computed here and verified
     * against the stored text in the same transaction. Returns the new item's id.
     */
    public long add(WriteBudget budget, Member actor, Article article, Draft d, String reason) {
        return db.transaction(budget, tx -> {
            long id = insert(tx.dsl(), article, d, null);
            log.record(tx.dsl(),
                    new ModerationLogRepository.Entry(actor.id(), "add_item", Target.item(id), d.statement(),
                    reason));
            return id;
        });
    }

    /**
     * Inserts the item in the caller's transaction {@code tx}, anchored at the chosen occurrence of its quote and
     * verified against the stored text; {@code proposedBy} is the member whose proposal it was, if any. Not logged:
     * the caller records the action that added it.
     */
    long insert(DSLContext tx, Article article, Draft d, Long proposedBy) {
        List<Integer> at = occurrences(article.body(), d.quote());
        if (d.occurrence() < 1 || d.occurrence() > at.size()) {
            throw new IllegalArgumentException("occurrence out of range");
        }
        int start = at.get(d.occurrence() - 1);
        String stored = tx.select(ARTICLE.BODY).from(ARTICLE)
                .where(ARTICLE.ID.eq(article.id())).fetchOne().value1();
        if (!stored.startsWith(d.quote(), start)) {
            throw new Conflict("The article text changed; the passage could not be anchored.");
        }
        // position: after every item of this article that starts at or before this passage
        int position = tx.fetchCount(ITEM, ITEM.ARTICLE_ID.eq(article.id()).and(ITEM.QUOTE_START.le(start))) + 1;
        tx.update(ITEM).set(ITEM.POSITION, ITEM.POSITION.plus(1))
                .where(ITEM.ARTICLE_ID.eq(article.id()).and(ITEM.POSITION.ge(position))).execute();
        return tx.insertInto(ITEM)
                .set(ITEM.ARTICLE_ID, article.id()).set(ITEM.POSITION, position).set(ITEM.KIND, d.kind().code())
                .set(ITEM.STATEMENT, d.statement()).set(ITEM.ASSERTED_BY, d.assertedBy())
                .set(ITEM.QUOTE, d.quote()).set(ITEM.QUOTE_START, start)
                .set(ITEM.RESOLUTION_CRITERIA, d.resolutionCriteria()).set(ITEM.RESOLVE_BY, d.resolveBy())
                .set(ITEM.IMPLIED_PROBABILITY, d.impliedProbability()).set(ITEM.IMPLIED_WORDING, d.impliedWording())
                .set(ITEM.PROPOSED_BY, proposedBy)
                .set(ITEM.CREATED_AT, OffsetDateTime.now(clock))
                .returningResult(ITEM.ID).fetchOne().value1();
    }

    public List<Revision> history(long itemId) {
        return HISTORY.fetch(db.dsl(), itemId).map(r -> new Revision(r.value1(), r.value2(), r.value3()));
    }

    /** An item's earlier wordings, newest first: every view of an item page reads them. */
    private static final Reusable<Record3<String, OffsetDateTime, String>> HISTORY = Reusable.query(1, d -> d
            .select(ITEM_REVISION.STATEMENT, ITEM_REVISION.EDITED_AT, ITEM_REVISION.REASON)
            .from(ITEM_REVISION).where(ITEM_REVISION.ITEM_ID.eq(Reusable.value(0, ITEM_REVISION.ITEM_ID)))
            .orderBy(ITEM_REVISION.EDITED_AT.desc(), ITEM_REVISION.ID.desc()));

    /** Refuses a statement or reason that is missing or too long; returns the trimmed text. */
    public static String requireText(String value, int max, String what) {
        String v = value == null ? "" : value.strip();
        if (v.isEmpty() || v.length() > max) {
            throw new Malformed(what + " is required (at most " + max + " characters).");
        }
        return v;
    }

    static boolean isPrediction(Item item) {
        return item.kind() == ItemKind.PREDICTION;
    }
}
