package crux.notifications;

import static crux.db.generated.Tables.NOTIFICATION;

import crux.core.Links;
import crux.core.Target;
import crux.db.Codes;
import crux.db.Database;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;
import org.jooq.DSLContext;

/** Stores what members are told. Written inside the transaction of whatever caused it. */
public final class NotificationRepository {

    /** A summary is one line in the inbox. */
    static final int MAX_SUMMARY = 300;

    /** What a notice is about; stored by its lower-case name. */
    public enum Kind {
        REPLY, MENTION, MODERATION, RESOLUTION, FOLLOW,
        /** A moderator accepted or declined the member's proposed item. */
        PROPOSAL;

        public String code() {
            return Codes.of(this);
        }
    }

    private final Database db;
    private final Clock clock;
    private final Links links;
    /** Mails the notices members asked to have mailed at once; null when there is no mail. */
    private final NoticeMail mail;

    public NotificationRepository(Database db, Clock clock, Links links) {
        this(db, clock, links, null);
    }

    public NotificationRepository(Database db, Clock clock, Links links, NoticeMail mail) {
        this.db = db;
        this.clock = clock;
        this.links = links;
        this.mail = mail;
    }

    /** The comment a notice is about, kept so mail can leave out notices whose comment is hidden since. */
    static Long commentOf(Target target) {
        return target.kind() == Target.Kind.COMMENT ? target.id() : null;
    }

    /** What happened, to whom, by whom, why, and what it is about. */
    public record Notice(long memberId, Kind kind, Long actorId, String summary, String reason, Target target) {
    }

    /** Stores a notice, unless the member caused it themselves: nobody is told about their own actions. */
    public void notify(DSLContext tx, Notice n) {
        if (Objects.equals(n.actorId(), n.memberId())) {
            return;
        }
        String summary = summary(n);
        String url = links.to(n.target());
        tx.insertInto(NOTIFICATION)
                .set(NOTIFICATION.MEMBER_ID, n.memberId())
                .set(NOTIFICATION.KIND, n.kind().code())
                .set(NOTIFICATION.CREATED_AT, OffsetDateTime.now(clock))
                .set(NOTIFICATION.ACTOR_ID, n.actorId())
                .set(NOTIFICATION.SUMMARY, summary)
                .set(NOTIFICATION.REASON, n.reason())
                .set(NOTIFICATION.URL, url)
                .set(NOTIFICATION.COMMENT_ID, commentOf(n.target()))
                .execute();
        if (mail != null) {
            mail.immediate(tx, n.kind(), List.of(n.memberId()), summary, n.reason(), url, commentOf(n.target()));
        }
    }

    /**
     * Stores many notices in one statement (a resolution tells every forecaster), leaving out, as {@link #notify}
     * does, the ones a member caused themselves.
     */
    public void notifyAll(DSLContext tx, List<Notice> notices) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        var insert = tx.insertInto(NOTIFICATION, NOTIFICATION.MEMBER_ID, NOTIFICATION.KIND, NOTIFICATION.CREATED_AT,
                NOTIFICATION.ACTOR_ID, NOTIFICATION.SUMMARY, NOTIFICATION.REASON, NOTIFICATION.URL,
                NOTIFICATION.COMMENT_ID);
        boolean any = false;
        for (Notice n : notices) {
            if (!Objects.equals(n.actorId(), n.memberId())) {
                insert = insert.values(n.memberId(), n.kind().code(), now, n.actorId(), summary(n), n.reason(),
                        links.to(n.target()), commentOf(n.target()));
                any = true;
            }
        }
        if (any) {
            insert.execute();
            if (mail != null) {
                // each member's own words (a resolution tells each forecaster their score): one lookup finds who
                // asked for these at once, and only their notices are looked at again
                java.util.Set<Long> wanting = mail.wantImmediately(tx, notices.stream()
                        .filter(n -> !Objects.equals(n.actorId(), n.memberId())).toList());
                for (Notice n : notices) {
                    if (wanting.contains(n.memberId()) && !Objects.equals(n.actorId(), n.memberId())) {
                        mail.immediate(tx, n.kind(), List.of(n.memberId()), summary(n), n.reason(),
                                links.to(n.target()), commentOf(n.target()));
                    }
                }
            }
        }
    }

    private static String summary(Notice n) {
        return summary(n.summary());
    }

    /** A summary cut to {@link #MAX_SUMMARY} characters, marked with an ellipsis where it was cut. */
    static String summary(String s) {
        return s.length() > MAX_SUMMARY ? s.substring(0, MAX_SUMMARY - 1) + "…" : s;
    }

    public int unread(long memberId) {
        return db.dsl().fetchCount(NOTIFICATION,
                NOTIFICATION.MEMBER_ID.eq(memberId).and(NOTIFICATION.READ_AT.isNull()));
    }
}
