package crux.moderation;

import static crux.db.generated.Tables.MODERATION_LOG;
import static crux.db.generated.Tables.MODERATION_LOG_ACTION;
import static crux.db.generated.Tables.MODERATION_LOG_MODERATOR;

import crux.core.Target;
import java.time.Clock;
import java.time.OffsetDateTime;
import org.jooq.DSLContext;

/**
 * Writes the public moderation log. It has one operation, insert: nothing in Crux updates or deletes a row.
 * Called inside the transaction of the action it records, so an action and its log row land together.
 */
public final class ModerationLog {

    private final Clock clock;

    public ModerationLog(Clock clock) {
        this.clock = clock;
    }

    /** An entry: who (null for the operator's command line), what, on what, and why. */
    public record Entry(Long moderatorId, String action, Target target, String targetLabel, String reason) {
    }

    public void record(DSLContext tx, Entry e) {
        tx.insertInto(MODERATION_LOG)
                .set(MODERATION_LOG.CREATED_AT, OffsetDateTime.now(clock))
                .set(MODERATION_LOG.MODERATOR_ID, e.moderatorId())
                .set(MODERATION_LOG.ACTION, e.action())
                .set(MODERATION_LOG.TARGET_KIND, e.target().kind().code())
                .set(MODERATION_LOG.TARGET_ID, e.target().id())
                .set(MODERATION_LOG.TARGET_LABEL, e.targetLabel().length() > 200 ? e.targetLabel().substring(0,
                        200) : e.targetLabel())
                .set(MODERATION_LOG.REASON, e.reason())
                .execute();
        // the filter lists of the public log; a racing first use of the same value fails on the key and the
        // caller's transaction is retried (Database.transaction)
        tx.insertInto(MODERATION_LOG_ACTION).set(MODERATION_LOG_ACTION.ACTION, e.action())
                .onConflictDoNothing().execute();
        if (e.moderatorId() != null) {
            tx.insertInto(MODERATION_LOG_MODERATOR).set(MODERATION_LOG_MODERATOR.MEMBER_ID, e.moderatorId())
                    .onConflictDoNothing().execute();
        }
    }
}
