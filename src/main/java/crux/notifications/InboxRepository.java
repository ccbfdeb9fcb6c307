package crux.notifications;

import static crux.db.generated.Tables.MEMBER;
import static crux.db.generated.Tables.NOTIFICATION;

import crux.db.Database;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;

/** A member's notifications: newest first, one page at a time; marking them read. */
public final class InboxRepository {

    /** Notifications per inbox page. */
    public static final int PAGE_SIZE = 50;

    /** One notification as the inbox shows it. */
    public record Entry(long id, String kind, OffsetDateTime at, boolean read, String actor, String summary,
                        String reason, String url) {
    }

    /** A page of the inbox. */
    public record Page(List<Entry> entries, int unread, int page, boolean hasNext) {
    }

    private final Database db;
    private final Clock clock;

    public InboxRepository(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    public Page page(long memberId, int page) {
        List<Entry> rows = db.dsl().select(NOTIFICATION.ID, NOTIFICATION.KIND, NOTIFICATION.CREATED_AT,
                        NOTIFICATION.READ_AT, MEMBER.NAME, MEMBER.DELETED_AT, NOTIFICATION.SUMMARY,
                        NOTIFICATION.REASON, NOTIFICATION.URL)
                .from(NOTIFICATION).leftJoin(MEMBER).on(MEMBER.ID.eq(NOTIFICATION.ACTOR_ID))
                .where(NOTIFICATION.MEMBER_ID.eq(memberId))
                .orderBy(NOTIFICATION.CREATED_AT.desc(), NOTIFICATION.ID.desc())
                .limit(PAGE_SIZE + 1).offset((page - 1) * PAGE_SIZE)
                .fetch(r -> new Entry(r.value1(), r.value2(), r.value3(), r.value4() != null,
                        r.value5() == null ? null : r.value6() != null ? "[deleted member]" : r.value5(),
                        r.value7(), r.value8(), r.value9()));
        int unread = db.dsl().fetchCount(NOTIFICATION, NOTIFICATION.MEMBER_ID.eq(memberId).and(NOTIFICATION.READ_AT.isNull()));
        boolean more = rows.size() > PAGE_SIZE;
        return new Page(more ? rows.subList(0, PAGE_SIZE) : rows, unread, page, more);
    }

    /** Marks one of the member's own notifications read; false when it is not theirs. */
    public boolean markRead(long memberId, long id) {
        return db.transaction(tx -> tx.dsl().update(NOTIFICATION).set(NOTIFICATION.READ_AT, OffsetDateTime.now(clock))
                .where(NOTIFICATION.ID.eq(id)).and(NOTIFICATION.MEMBER_ID.eq(memberId))
                .and(NOTIFICATION.READ_AT.isNull()).execute() == 1
                || tx.dsl().fetchExists(NOTIFICATION, NOTIFICATION.ID.eq(id).and(NOTIFICATION.MEMBER_ID.eq(memberId))));
    }

    public int markAllRead(long memberId) {
        return db.transaction(tx -> tx.dsl().update(NOTIFICATION).set(NOTIFICATION.READ_AT, OffsetDateTime.now(clock))
                .where(NOTIFICATION.MEMBER_ID.eq(memberId)).and(NOTIFICATION.READ_AT.isNull()).execute());
    }
}
