package crux.moderation;

import static crux.db.generated.Tables.MEMBER;
import static crux.db.generated.Tables.MEMBER_SESSION;

import crux.accounts.Member;
import crux.core.Conflict;
import crux.core.NotAllowed;
import crux.core.NotFound;
import crux.core.Target;
import crux.db.Database;
import crux.db.WriteBudget;
import crux.notifications.NotificationRepository;
import java.time.Clock;
import java.time.OffsetDateTime;

/** Suspending, banning and reinstating members: each logged publicly and told to the member. */
public final class MemberModerationRepository {

    /** Long enough for any cooling-off; anything longer is a ban and should say so. */
    public static final int MAX_SUSPENSION_DAYS = 365;

    private final Database db;
    private final ModerationLogRepository log;
    private final NotificationRepository notifications;
    private final Clock clock;

    public MemberModerationRepository(Database db, ModerationLogRepository log, NotificationRepository notifications,
            Clock clock) {
        this.db = db;
        this.log = log;
        this.notifications = notifications;
        this.clock = clock;
    }

    /** Refuses what no moderator may do to this member. */
    public static void checkMayAct(Member actor, Member target) {
        if (target.deleted()) {
            throw new NotFound();
        }
        if (actor.id() == target.id()) {
            throw new NotAllowed("You cannot moderate your own account.");
        }
        if (target.admin() || (target.moderator() && !actor.admin())) {
            throw new NotAllowed("Only an admin can act on a moderator, and admins only from the command line.");
        }
    }

    public void suspend(WriteBudget budget, Member actor, Member target, OffsetDateTime until, String reason) {
        checkMayAct(actor, target);
        db.run(budget, tx -> {
            tx.update(MEMBER).set(MEMBER.SUSPENDED_UNTIL, until).where(MEMBER.ID.eq(target.id())).execute();
            log.record(tx, new ModerationLogRepository.Entry(actor.id(), "suspend_member", Target.member(target.id(),
                    target.name()), target.name(),
                    "until " + until.toLocalDate() + ": " + reason));
            notifications.notify(tx,
                    new NotificationRepository.Notice(target.id(), NotificationRepository.Kind.MODERATION, actor.id(),
                    "Your account is suspended until " + until.toLocalDate() + ". You can read but not post, vote or flag.",
                    reason, Target.member(target.id(), target.name())));
        });
    }

    /** A ban ends every session of the member in the same transaction: they are signed out everywhere at once. */
    public void ban(WriteBudget budget, Member actor, Member target, String reason) {
        checkMayAct(actor, target);
        db.run(budget, tx -> {
            int changed = tx.update(MEMBER).set(MEMBER.BANNED_AT, OffsetDateTime.now(clock))
                    .where(MEMBER.ID.eq(target.id())).and(MEMBER.BANNED_AT.isNull()).execute();
            if (changed == 0) {
                throw new Conflict(target.name() + " is already banned.");
            }
            tx.deleteFrom(MEMBER_SESSION).where(MEMBER_SESSION.MEMBER_ID.eq(target.id())).execute();
            log.record(tx,
                    new ModerationLogRepository.Entry(actor.id(), "ban_member",
                    Target.member(target.id(), target.name()),
                    target.name(), reason));
            notifications.notify(tx,
                    new NotificationRepository.Notice(target.id(), NotificationRepository.Kind.MODERATION, actor.id(),
                    "Your account has been banned.", reason, Target.member(target.id(), target.name())));
        });
    }

    public void reinstate(WriteBudget budget, Member actor, Member target, String reason) {
        checkMayAct(actor, target);
        db.run(budget, tx -> {
            int changed = tx.update(MEMBER).set(MEMBER.BANNED_AT, (OffsetDateTime) null)
                    .set(MEMBER.SUSPENDED_UNTIL, (OffsetDateTime) null)
                    .where(MEMBER.ID.eq(target.id()))
                    .and(MEMBER.BANNED_AT.isNotNull().or(MEMBER.SUSPENDED_UNTIL.gt(OffsetDateTime.now(clock))))
                    .execute();
            if (changed == 0) {
                throw new Conflict(target.name() + " is neither suspended nor banned.");
            }
            log.record(tx, new ModerationLogRepository.Entry(actor.id(), "reinstate_member",
                    Target.member(target.id(), target.name()), target.name(), reason));
            notifications.notify(tx,
                    new NotificationRepository.Notice(target.id(), NotificationRepository.Kind.MODERATION, actor.id(),
                    "Your account has been reinstated.", reason, Target.member(target.id(), target.name())));
        });
    }
}
