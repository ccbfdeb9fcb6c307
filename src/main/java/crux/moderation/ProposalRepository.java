package crux.moderation;

import static crux.db.generated.Tables.ARTICLE;
import static crux.db.generated.Tables.ITEM;
import static crux.db.generated.Tables.ITEM_PROPOSAL;
import static crux.db.generated.Tables.MEMBER;

import crux.accounts.Member;
import crux.article.Article;
import crux.article.ItemKind;
import crux.core.Conflict;
import crux.core.Invalid;
import crux.core.NotAllowed;
import crux.core.OverLimit;
import crux.core.RateLimitRepository;
import crux.core.Target;
import crux.db.Database;
import crux.db.WriteBudget;
import crux.notifications.NotificationRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Record;

/**
 * Members propose items from exact passages of an article; moderators accept them (the item is added, crediting its
 * proposer) or decline them with a reason. Either way the proposer is told and the public log records it.
 */
public final class ProposalRepository {

    /** A proposal is reviewed by a person: a few a day per member keeps the queue workable. */
    public static final RateLimitRepository.Limit PROPOSING = new RateLimitRepository.Limit("proposals", 5,
            Duration.ofDays(1));
    /** Why the item is worth having: a sentence or two, like a reason. */
    public static final int MAX_WHY = 1000;
    /** The queue shows this many, oldest first; deciding them brings up the next. */
    public static final int PAGE = 50;
    /** A member's own proposals, newest first. */
    public static final int MINE = 20;

    public enum Status {
        PENDING, ACCEPTED, DECLINED;

        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** What a member proposes. {@code occurrence} says which of the quote's places in the text is meant. */
    public record Draft(ItemKind kind, String statement, String quote, int occurrence, String why) {
    }

    /** A stored proposal as the queue, the review page and its proposer see it. */
    public record Proposal(long id, long articleId, long proposerId, String proposer, ItemKind kind, String statement,
                           String quote, int quoteStart, String why, Status status, OffsetDateTime createdAt,
                           String declineReason, Long itemId) {
        public boolean pending() {
            return status == Status.PENDING;
        }
    }

    private final Database db;
    private final ItemModerationRepository items;
    private final ModerationLogRepository log;
    private final NotificationRepository notifications;
    private final RateLimitRepository limiter;
    private final Clock clock;

    public ProposalRepository(Database db, ItemModerationRepository items, ModerationLogRepository log,
                              NotificationRepository notifications, RateLimitRepository limiter, Clock clock) {
        this.db = db;
        this.items = items;
        this.log = log;
        this.notifications = notifications;
        this.limiter = limiter;
        this.clock = clock;
    }

    /**
     * Stores a proposal after checking the passage (found at that occurrence, not an existing item's or a pending
     * proposal's) and the member's daily limit, counted in the same transaction so a refusal counts nothing.
     */
    public long propose(WriteBudget budget, Member proposer, Article article, Draft d) {
        if (!proposer.canWrite(OffsetDateTime.now(clock))) {
            throw new NotAllowed("Your account can't propose items at the moment.");
        }
        if (article.retired()) {
            throw new Invalid("This article has been retired: it takes no new items.");
        }
        List<Integer> at = ItemModerationRepository.occurrences(article.body(), d.quote());
        if (d.occurrence() < 1 || d.occurrence() > at.size()) {
            throw new Invalid("That passage is not in the article at that occurrence.");
        }
        int start = at.get(d.occurrence() - 1);
        return db.transaction(budget, tx -> {
            DSLContext t = tx.dsl();
            // an item (not retired) starting at the same place, or quoting the very same words, is already there;
            // so is a proposal of the same passage still waiting for a moderator
            boolean item = t.fetchExists(ITEM, ITEM.ARTICLE_ID.eq(article.id()).and(ITEM.RETIRED_AT.isNull())
                    .and(ITEM.QUOTE_START.eq(start).or(ITEM.QUOTE.eq(d.quote()))));
            if (item) {
                throw new Invalid("An item already quotes this passage. Open it from the article to take part.");
            }
            boolean waiting = t.fetchExists(ITEM_PROPOSAL, ITEM_PROPOSAL.ARTICLE_ID.eq(article.id())
                    .and(ITEM_PROPOSAL.STATUS.eq(Status.PENDING.code()))
                    .and(ITEM_PROPOSAL.QUOTE_START.eq(start).or(ITEM_PROPOSAL.QUOTE.eq(d.quote()))));
            if (waiting) {
                throw new Invalid("Someone has already proposed this passage; it is waiting for a moderator.");
            }
            RateLimitRepository.Decision decision = limiter.hit(t, PROPOSING, Long.toString(proposer.id()));
            if (!decision.allowed()) {
                throw new OverLimit("You have proposed " + PROPOSING.max() + " items today, the most a day allows. "
                        + "Please wait for the moderators to catch up.", decision.retryAfterSeconds());
            }
            return t.insertInto(ITEM_PROPOSAL)
                    .set(ITEM_PROPOSAL.ARTICLE_ID, article.id()).set(ITEM_PROPOSAL.PROPOSER_ID, proposer.id())
                    .set(ITEM_PROPOSAL.KIND, d.kind().code()).set(ITEM_PROPOSAL.STATEMENT, d.statement())
                    .set(ITEM_PROPOSAL.QUOTE, d.quote()).set(ITEM_PROPOSAL.QUOTE_START, start)
                    .set(ITEM_PROPOSAL.WHY, d.why()).set(ITEM_PROPOSAL.CREATED_AT, OffsetDateTime.now(clock))
                    .returningResult(ITEM_PROPOSAL.ID).fetchOne().value1();
        });
    }

    /** Pending proposals, oldest first (they have waited longest), with their proposers' names: one query. */
    public List<Proposal> pending() {
        return select(db.dsl()).where(ITEM_PROPOSAL.STATUS.eq(Status.PENDING.code()))
                .orderBy(ITEM_PROPOSAL.CREATED_AT, ITEM_PROPOSAL.ID).limit(PAGE).fetch(ProposalRepository::toProposal);
    }

    public Optional<Proposal> byId(long id) {
        return select(db.dsl()).where(ITEM_PROPOSAL.ID.eq(id)).fetchOptional(ProposalRepository::toProposal);
    }

    /** A member's own proposals of one article, newest first: one query. */
    public List<Proposal> mine(long memberId, long articleId) {
        return select(db.dsl()).where(ITEM_PROPOSAL.PROPOSER_ID.eq(memberId))
                .and(ITEM_PROPOSAL.ARTICLE_ID.eq(articleId))
                .orderBy(ITEM_PROPOSAL.CREATED_AT.desc(), ITEM_PROPOSAL.ID.desc()).limit(MINE)
                .fetch(ProposalRepository::toProposal);
    }

    /** A proposal as its proposer's profile lists it, with the article it belongs to. */
    public record MemberProposal(long id, String articleSlug, String articleTitle, ItemKind kind, String statement,
                                 Status status, OffsetDateTime createdAt, String declineReason, Long itemId) {
        public boolean accepted() {
            return status == Status.ACCEPTED;
        }
    }

    /**
     * A member's proposals across every article, newest first: one query. Others see the accepted ones only (each is
     * an item now); a pending proposal waits in the moderators' queue and a declined one with its reason is between
     * the member and the moderators, so only the member sees those.
     */
    public List<MemberProposal> ofMember(long memberId, boolean own) {
        var where = ITEM_PROPOSAL.PROPOSER_ID.eq(memberId);
        if (!own) {
            where = where.and(ITEM_PROPOSAL.STATUS.eq(Status.ACCEPTED.code()));
        }
        return db.dsl().select(ITEM_PROPOSAL.ID, ARTICLE.SLUG, ARTICLE.TITLE, ITEM_PROPOSAL.KIND,
                        ITEM_PROPOSAL.STATEMENT, ITEM_PROPOSAL.STATUS, ITEM_PROPOSAL.CREATED_AT,
                        ITEM_PROPOSAL.DECLINE_REASON, ITEM_PROPOSAL.ITEM_ID)
                .from(ITEM_PROPOSAL).join(ARTICLE).on(ARTICLE.ID.eq(ITEM_PROPOSAL.ARTICLE_ID))
                .where(where)
                .orderBy(ITEM_PROPOSAL.CREATED_AT.desc(), ITEM_PROPOSAL.ID.desc()).limit(MINE)
                .fetch(r -> new MemberProposal(r.value1(), r.value2(), r.value3(),
                        ItemKind.fromCode(r.value4()).orElseThrow(), r.value5(),
                        Status.valueOf(r.value6().toUpperCase(java.util.Locale.ROOT)), r.value7(), r.value8(),
                        r.value9()));
    }

    /** The name of the member who proposed an item, for its page's credit. */
    public Optional<String> proposerName(long memberId) {
        return db.dsl().select(MEMBER.NAME).from(MEMBER).where(MEMBER.ID.eq(memberId)).and(MEMBER.DELETED_AT.isNull())
                .fetchOptional(MEMBER.NAME);
    }

    /**
     * Adds the item a moderator made of the proposal (they may have reworded it), marks the proposal accepted, tells
     * the proposer and logs it, all in one transaction. The proposal is claimed first by a conditional update, so
     * of two moderators accepting at once one adds the item and the other is refused.
     */
    public long accept(WriteBudget budget, Member moderator, Proposal p, Article article,
                       ItemModerationRepository.Draft d) {
        return db.transaction(budget, tx -> {
            DSLContext t = tx.dsl();
            OffsetDateTime now = OffsetDateTime.now(clock);
            claim(t, p.id(), Status.ACCEPTED, moderator, now, null);
            long itemId = items.insert(t, article, d, p.proposerId());
            t.update(ITEM_PROPOSAL).set(ITEM_PROPOSAL.ITEM_ID, itemId).where(ITEM_PROPOSAL.ID.eq(p.id())).execute();
            notifications.notify(t, new NotificationRepository.Notice(p.proposerId(),
                    NotificationRepository.Kind.PROPOSAL, moderator.id(),
                    "Your proposal was accepted: \u201c" + d.statement() + "\u201d", null, Target.item(itemId)));
            log.record(t, new ModerationLogRepository.Entry(moderator.id(), "accept_proposal", Target.item(itemId),
                    d.statement(), "Proposed by " + p.proposer() + ": " + p.why()));
            return itemId;
        });
    }

    /** Declines the proposal with a reason the proposer is told and the public log shows. */
    public void decline(WriteBudget budget, Member moderator, Proposal p, Article article, String reason) {
        db.run(budget, t -> {
            claim(t, p.id(), Status.DECLINED, moderator, OffsetDateTime.now(clock), reason);
            notifications.notify(t, new NotificationRepository.Notice(p.proposerId(),
                    NotificationRepository.Kind.PROPOSAL, moderator.id(),
                    "Your proposal was declined: \u201c" + p.statement() + "\u201d", reason,
                    Target.article(article.id(), article.slug())));
            log.record(t, new ModerationLogRepository.Entry(moderator.id(), "decline_proposal",
                    Target.article(article.id(), article.slug()), p.statement(), reason));
        });
    }

    /** Moves a pending proposal to its decision; one already decided (perhaps a moment ago) is a conflict. */
    private static void claim(DSLContext t, long id, Status status, Member moderator, OffsetDateTime now,
                              String reason) {
        int changed = t.update(ITEM_PROPOSAL).set(ITEM_PROPOSAL.STATUS, status.code())
                .set(ITEM_PROPOSAL.DECIDED_AT, now).set(ITEM_PROPOSAL.DECIDED_BY, moderator.id())
                .set(ITEM_PROPOSAL.DECLINE_REASON, reason)
                .where(ITEM_PROPOSAL.ID.eq(id)).and(ITEM_PROPOSAL.STATUS.eq(Status.PENDING.code())).execute();
        if (changed == 0) {
            throw new Conflict("This proposal has already been decided.");
        }
    }

    private static org.jooq.SelectOnConditionStep<Record> select(DSLContext d) {
        return d.select(ITEM_PROPOSAL.fields()).select(MEMBER.NAME).from(ITEM_PROPOSAL)
                .join(MEMBER).on(MEMBER.ID.eq(ITEM_PROPOSAL.PROPOSER_ID));
    }

    private static Proposal toProposal(Record r) {
        return new Proposal(r.get(ITEM_PROPOSAL.ID), r.get(ITEM_PROPOSAL.ARTICLE_ID), r.get(ITEM_PROPOSAL.PROPOSER_ID),
                r.get(MEMBER.NAME), ItemKind.fromCode(r.get(ITEM_PROPOSAL.KIND)).orElseThrow(),
                r.get(ITEM_PROPOSAL.STATEMENT), r.get(ITEM_PROPOSAL.QUOTE), r.get(ITEM_PROPOSAL.QUOTE_START),
                r.get(ITEM_PROPOSAL.WHY), Status.valueOf(r.get(ITEM_PROPOSAL.STATUS).toUpperCase(java.util.Locale.ROOT)),
                r.get(ITEM_PROPOSAL.CREATED_AT), r.get(ITEM_PROPOSAL.DECLINE_REASON), r.get(ITEM_PROPOSAL.ITEM_ID));
    }
}
