package crux.debate;

import static crux.db.generated.Tables.COMMENT;
import static crux.db.generated.Tables.COMMENT_VOTE;

import crux.accounts.Member;
import crux.core.Conflict;
import crux.core.NotFound;
import crux.db.Database;
import crux.db.WriteBudget;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Record2;
import org.jooq.impl.DSL;

/** Up and down votes on comments: one per member per comment, changeable and withdrawable. */
public final class VoteRepository {

    /** The counts after a vote, and the voter's vote now (1, -1, or 0 when withdrawn). */
    public record VoteCount(int ups, int downs, int myVote) {
    }

    private final Database db;
    private final Clock clock;

    public VoteRepository(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** The vote a form sends: up, down, or none (withdraw); anything else is not a vote. */
    public static Optional<Integer> parse(String value) {
        return Optional.ofNullable(switch (value == null ? "" : value) {
            case "up" -> 1;
            case "down" -> -1;
            case "none" -> 0;
            default -> null;
        });
    }

    /**
     * Sets {@code voter}'s vote on a comment (0 withdraws it) and recounts its ups and downs, in one transaction.
     * The comment's row is locked first, so votes on one comment take turns: the counts always equal the rows,
     * however many arrive at once. The upsert is a real INSERT … ON CONFLICT on PostgreSQL and a MERGE on H2,
     * which {@link Database#transaction} retries when it loses a race.
     */
    public VoteCount vote(WriteBudget budget, Member voter, long commentId, int vote) {
        if (vote < -1 || vote > 1) {
            throw new IllegalArgumentException("a vote is -1, 0 or 1: " + vote);
        }
        return db.transaction(budget, tx -> {
            DSLContext t = tx.dsl();
            Comment c = CommentRepository.lock(t, commentId).orElseThrow(NotFound::new);
            CommentPolicy.requireVote(voter, c);
            if (c.deleted()) {
                throw new Conflict("This comment has been deleted; it takes no more votes.");
            }
            if (vote == 0) {
                t.deleteFrom(COMMENT_VOTE).where(COMMENT_VOTE.COMMENT_ID.eq(commentId))
                        .and(COMMENT_VOTE.MEMBER_ID.eq(voter.id())).execute();
            } else {
                OffsetDateTime now = OffsetDateTime.now(clock);
                t.insertInto(COMMENT_VOTE)
                        .set(COMMENT_VOTE.COMMENT_ID, commentId)
                        .set(COMMENT_VOTE.MEMBER_ID, voter.id())
                        .set(COMMENT_VOTE.VOTE, (short) vote)
                        .set(COMMENT_VOTE.VOTED_AT, now)
                        .onConflict(COMMENT_VOTE.COMMENT_ID, COMMENT_VOTE.MEMBER_ID)
                        .doUpdate().set(COMMENT_VOTE.VOTE, (short) vote).set(COMMENT_VOTE.VOTED_AT, now)
                        .execute();
            }
            Record2<Integer, Integer> counts = t.select(
                            DSL.count().filterWhere(COMMENT_VOTE.VOTE.eq((short) 1)),
                            DSL.count().filterWhere(COMMENT_VOTE.VOTE.eq((short) -1)))
                    .from(COMMENT_VOTE).where(COMMENT_VOTE.COMMENT_ID.eq(commentId)).fetchOne();
            // votes are not searched: keeping the change number spares the search index a needless update
            t.update(COMMENT).set(COMMENT.UPS, counts.value1()).set(COMMENT.DOWNS, counts.value2())
                    .set(COMMENT.SEARCH_SEQ, COMMENT.SEARCH_SEQ)
                    .where(COMMENT.ID.eq(commentId)).execute();
            return new VoteCount(counts.value1(), counts.value2(), vote);
        });
    }
}
