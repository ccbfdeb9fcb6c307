package crux.web;

import static crux.db.generated.Tables.COMMENT;
import static crux.db.generated.Tables.COMMENT_FLAG;
import static crux.db.generated.Tables.COMMENT_REVISION;
import static crux.db.generated.Tables.COMMENT_VOTE;
import static crux.db.generated.Tables.FORECAST;
import static crux.db.generated.Tables.ITEM;
import static crux.db.generated.Tables.ITEM_FOLLOW;
import static crux.db.generated.Tables.ITEM_REVISION;
import static crux.db.generated.Tables.ITEM_STANCE;
import static crux.db.generated.Tables.MEMBER;
import static crux.db.generated.Tables.MEMBER_SESSION;
import static crux.db.generated.Tables.MIND_CHANGE;
import static crux.db.generated.Tables.MODERATION_LOG;
import static crux.db.generated.Tables.NOTIFICATION;

import crux.bench.Seed;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.TableRecord;
import org.jooq.impl.DSL;

/**
 * Lots of rows in a few seconds, for tests that need a big site: jOOQ batch inserts straight into the tables, then
 * set-based updates that bring the counters Crux keeps beside them (tallies, votes, flags, minds moved) back in
 * line with the rows. Everything is dated in the past, so it sits behind anything a test does over HTTP.
 * ({@link Seed} fills only an empty database, with fixed comment ids; this adds to a live one.)
 */
final class BulkData {

    private static final String[] STANCES = {"agree", "unsure", "disagree"};
    private static final String[] FLAG_REASONS = {"off-topic", "uncivil", "spam", "duplicate", "unsupported"};
    private static final String[][] LOG_ACTIONS = {{"hide_comment", "comment"}, {"remove_comment", "comment"},
            {"suspend_member", "member"}, {"edit_item", "item"}, {"lock_debate", "item"}, {"resolve_prediction", "item"}};

    private final DSLContext dsl;
    private final Random random = new Random(42);
    private final OffsetDateTime start = OffsetDateTime.now(ZoneOffset.UTC).minusDays(20).withNano(0);

    BulkData(DSLContext dsl) {
        this.dsl = dsl;
    }

    private OffsetDateTime at(int step) {
        return start.plusSeconds(step * 13L);
    }

    /** Multi-row INSERTs of a thousand rows each (a JDBC batch of single-row ones is several times slower). */
    private void insert(List<? extends TableRecord<?>> records) {
        if (records.isEmpty()) {
            return;
        }
        TableRecord<?> first = records.get(0);
        Field<?>[] columns = Arrays.stream(first.fields()).filter(first::changed).toArray(Field<?>[]::new);
        for (int from = 0; from < records.size(); from += 1_000) {
            dsl.insertInto(first.getTable()).columns(columns)
                    .valuesOfRecords(records.subList(from, Math.min(records.size(), from + 1_000)).stream()
                            .map(r -> r.into(columns)).toList())
                    .execute();
        }
    }

    /** {@code count} members named {@code prefix0001}…, with {@code role}; returns their ids in that order. */
    List<Long> members(String prefix, int count, String role) {
        String hash = dsl.select(MEMBER.PASSWORD_HASH).from(MEMBER).where(MEMBER.PASSWORD_HASH.isNotNull()).limit(1)
                .fetchOne().value1();
        List<TableRecord<?>> rows = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            var r = dsl.newRecord(MEMBER);
            String name = String.format("%s%04d", prefix, i);
            r.setName(name);
            r.setNameKey(name.toLowerCase());
            r.setPasswordHash(hash);
            r.setRole(role);
            r.setCreatedAt(at(i));
            rows.add(r);
        }
        insert(rows);
        return dsl.select(MEMBER.ID).from(MEMBER).where(MEMBER.NAME_KEY.like(prefix.toLowerCase() + "%"))
                .orderBy(MEMBER.NAME_KEY).fetch(MEMBER.ID);
    }

    /** Each member takes a stance on {@code perMember} of the items (different ones for different members). */
    void stances(List<Long> members, List<Long> items, int perMember) {
        List<TableRecord<?>> rows = new ArrayList<>();
        for (int m = 0; m < members.size(); m++) {
            for (int k = 0; k < perMember; k++) {
                rows.add(stance(members.get(m), items.get((m + k * 3) % items.size()), STANCES[(m * 7 + k) % 3], m));
            }
        }
        insert(rows);
    }

    /** The member's stance on every item they have none on yet. */
    void stancesOnEveryItem(long member, List<Long> items) {
        Set<Long> held = Set.copyOf(dsl.select(ITEM_STANCE.ITEM_ID).from(ITEM_STANCE)
                .where(ITEM_STANCE.MEMBER_ID.eq(member)).fetch(ITEM_STANCE.ITEM_ID));
        List<TableRecord<?>> rows = new ArrayList<>();
        for (long item : items) {
            if (!held.contains(item)) {
                rows.add(stance(member, item, STANCES[rows.size() % 3], rows.size()));
            }
        }
        insert(rows);
    }

    private TableRecord<?> stance(long member, long item, String stance, int step) {
        var r = dsl.newRecord(ITEM_STANCE);
        r.setMemberId(member);
        r.setItemId(item);
        r.setStance(stance);
        r.setCreatedAt(at(step));
        r.setUpdatedAt(at(step));
        return r;
    }

    /** {@code updates} forecasts by each member on each item, oldest first. */
    void forecasts(List<Long> members, List<Long> items, int updates) {
        List<TableRecord<?>> rows = new ArrayList<>();
        int step = 0;
        for (int u = 0; u < updates; u++) {
            for (long item : items) {
                for (long member : members) {
                    var r = dsl.newRecord(FORECAST);
                    r.setItemId(item);
                    r.setMemberId(member);
                    r.setProbability(1 + random.nextInt(99));
                    r.setRationale(u == 0 ? null : "update " + u);
                    r.setCreatedAt(at(step++));
                    rows.add(r);
                }
            }
        }
        insert(rows);
    }

    /** {@code perComment} flags on each comment, from members in turn; the comments' open-flag counts follow. */
    void flags(List<Long> comments, List<Long> flaggers, int perComment) {
        var of = dsl.select(COMMENT.ID, COMMENT.ITEM_ID, COMMENT.AUTHOR_ID).from(COMMENT).where(COMMENT.ID.in(comments))
                .fetchMap(COMMENT.ID);
        List<TableRecord<?>> rows = new ArrayList<>();
        int n = 0;
        for (long comment : comments) {
            for (int k = 0; k < perComment; k++) {
                var r = dsl.newRecord(COMMENT_FLAG);
                r.setCommentId(comment);
                r.setMemberId(flaggers.get(n++ % flaggers.size()));
                r.setItemId(of.get(comment).value2());
                r.setCommentAuthorId(of.get(comment).value3());
                r.setReason(FLAG_REASONS[n % FLAG_REASONS.length]);
                r.setCreatedAt(at(n));
                rows.add(r);
            }
        }
        insert(rows);
        dsl.update(COMMENT).set(COMMENT.OPEN_FLAGS, DSL.field(DSL.selectCount().from(COMMENT_FLAG)
                        .where(COMMENT_FLAG.COMMENT_ID.eq(COMMENT.ID)).and(COMMENT_FLAG.RESOLVED_AT.isNull())))
                .where(COMMENT.ID.in(comments)).execute();
    }

    /** The member's up-votes on the comments; the comments' counts follow. */
    void upVotes(long member, List<Long> comments) {
        List<TableRecord<?>> rows = new ArrayList<>();
        for (int i = 0; i < comments.size(); i++) {
            var r = dsl.newRecord(COMMENT_VOTE);
            r.setCommentId(comments.get(i));
            r.setMemberId(member);
            r.setVote((short) 1);
            r.setVotedAt(at(i));
            rows.add(r);
        }
        insert(rows);
        dsl.update(COMMENT).set(COMMENT.UPS, COMMENT.UPS.plus(1)).where(COMMENT.ID.in(comments)).execute();
    }

    /** Members credit comments with changing their stance; the comments' "members moved" follow. */
    void mindChanges(List<Long> members, List<Long> comments, long item) {
        List<TableRecord<?>> rows = new ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
            var r = dsl.newRecord(MIND_CHANGE);
            r.setMemberId(members.get(i));
            r.setCommentId(comments.get(i % comments.size()));
            r.setItemId(item);
            r.setKind("stance");
            r.setFromValue("unsure");
            r.setToValue("agree");
            r.setPoints(0);
            r.setChangeKey("stance:bulk-" + i);
            r.setCreatedAt(at(i));
            rows.add(r);
        }
        insert(rows);
        dsl.update(COMMENT).set(COMMENT.MEMBERS_MOVED, DSL.field(DSL.select(DSL.countDistinct(MIND_CHANGE.MEMBER_ID))
                        .from(MIND_CHANGE).where(MIND_CHANGE.COMMENT_ID.eq(COMMENT.ID))))
                .where(COMMENT.ID.in(comments)).execute();
    }

    void commentRevisions(long comment, int count) {
        List<TableRecord<?>> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            var r = dsl.newRecord(COMMENT_REVISION);
            r.setCommentId(comment);
            r.setBodySource("Earlier wording " + i);
            r.setBodyHtml("<p>Earlier wording " + i + "</p>\n");
            r.setWrittenAt(at(2 * i));
            r.setReplacedAt(at(2 * i + 1));
            rows.add(r);
        }
        insert(rows);
    }

    void itemRevisions(long item, long editor, int count) {
        List<TableRecord<?>> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            var r = dsl.newRecord(ITEM_REVISION);
            r.setItemId(item);
            r.setStatement("An earlier wording, number " + i);
            r.setEditedAt(at(i));
            r.setEditorId(editor);
            r.setReason("clearer wording " + i);
            rows.add(r);
        }
        insert(rows);
        // as an edit does: the item's page reads the history only of an item that counts some (a schema from before
        // the count, which FirstArticleMigrationTest fills, has the migration that adds it count these rows)
        if (hasColumn("ITEM", "REVISION_COUNT")) {
            dsl.update(ITEM).set(ITEM.REVISION_COUNT, ITEM.REVISION_COUNT.plus(count)).where(ITEM.ID.eq(item)).execute();
        }
    }

    private boolean hasColumn(String table, String column) {
        return dsl.fetchCount(DSL.selectOne().from("information_schema.columns")
                .where("upper(table_name) = ? and upper(column_name) = ? and table_schema = current_schema", table,
                        column)) > 0;
    }

    /** {@code count} log rows by the moderators in turn, over the kinds of action Crux logs. */
    void moderationLog(List<Long> moderators, long targetId, int count) {
        List<TableRecord<?>> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String[] action = LOG_ACTIONS[i % LOG_ACTIONS.length];
            var r = dsl.newRecord(MODERATION_LOG);
            r.setCreatedAt(at(i));
            r.setModeratorId(moderators.get(i % moderators.size()));
            r.setAction(action[0]);
            r.setTargetKind(action[1]);
            r.setTargetId(targetId);
            r.setTargetLabel(action[1] + " " + i);
            r.setReason("reason " + i);
            rows.add(r);
        }
        insert(rows);
        // the log's filter lists, as ModerationLog.record keeps them
        for (String[] action : LOG_ACTIONS) {
            dsl.insertInto(crux.db.generated.Tables.MODERATION_LOG_ACTION)
                    .set(crux.db.generated.Tables.MODERATION_LOG_ACTION.ACTION, action[0]).onConflictDoNothing().execute();
        }
        for (long m : moderators) {
            dsl.insertInto(crux.db.generated.Tables.MODERATION_LOG_MODERATOR)
                    .set(crux.db.generated.Tables.MODERATION_LOG_MODERATOR.MEMBER_ID, m).onConflictDoNothing().execute();
        }
    }

    /** {@code count} notifications for the member from the actors in turn; every third one already read. */
    void notifications(long member, List<Long> actors, int count) {
        List<TableRecord<?>> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            var r = dsl.newRecord(NOTIFICATION);
            r.setMemberId(member);
            r.setKind("reply");
            r.setCreatedAt(at(i));
            r.setReadAt(i % 3 == 0 ? at(i + 1) : null);
            r.setActorId(actors.get(i % actors.size()));
            r.setSummary("Someone replied to your argument (" + i + ")");
            r.setUrl("/items/1");
            rows.add(r);
        }
        insert(rows);
    }

    /** Every member follows every one of the items (skipping follows that already exist). */
    void follows(List<Long> members, List<Long> items) {
        Set<List<Long>> existing = Set.copyOf(dsl.select(ITEM_FOLLOW.MEMBER_ID, ITEM_FOLLOW.ITEM_ID).from(ITEM_FOLLOW)
                .fetch(r -> List.of(r.value1(), r.value2())));
        List<TableRecord<?>> rows = new ArrayList<>();
        for (long member : members) {
            for (long item : items) {
                if (!existing.contains(List.of(member, item))) {
                    var r = dsl.newRecord(ITEM_FOLLOW);
                    r.setMemberId(member);
                    r.setItemId(item);
                    r.setCreatedAt(at(rows.size()));
                    rows.add(r);
                }
            }
        }
        insert(rows);
    }

    /** {@code perMember} live sessions for each member (signed in on other devices). */
    void sessions(List<Long> members, int perMember) {
        List<TableRecord<?>> rows = new ArrayList<>();
        byte[] token = new byte[32];
        for (long member : members) {
            for (int i = 0; i < perMember; i++) {
                random.nextBytes(token);
                var r = dsl.newRecord(MEMBER_SESSION);
                r.setTokenHash(HexFormat.of().formatHex(token));
                r.setMemberId(member);
                r.setCsrfToken(HexFormat.of().formatHex(token, 0, 16));
                r.setCreatedAt(at(i));
                r.setLastSeenAt(OffsetDateTime.now(ZoneOffset.UTC).minusHours(1 + i % 48));
                r.setExpiresAt(OffsetDateTime.now(ZoneOffset.UTC).plusDays(20));
                r.setUserAgent(i % 2 == 0 ? "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0" : "curl/8.0");
                r.setIp("10.0." + (i / 250) + "." + (i % 250));
                rows.add(r);
            }
        }
        insert(rows);
    }

    /** Brings every item's stance tallies back to the rows, in one statement. */
    void recountTallies() {
        dsl.update(ITEM)
                .set(ITEM.AGREE_COUNT, tally("agree"))
                .set(ITEM.UNSURE_COUNT, tally("unsure"))
                .set(ITEM.DISAGREE_COUNT, tally("disagree"))
                .execute();
    }

    private static org.jooq.Field<Integer> tally(String stance) {
        return DSL.field(DSL.selectCount().from(ITEM_STANCE).where(ITEM_STANCE.ITEM_ID.eq(ITEM.ID))
                .and(ITEM_STANCE.STANCE.eq(stance)));
    }
}
