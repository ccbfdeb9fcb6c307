package crux.opendata;

import static crux.db.generated.Tables.COMMENT;
import static crux.db.generated.Tables.COMMENT_FLAG;
import static crux.db.generated.Tables.COMMENT_VOTE;
import static crux.db.generated.Tables.FORECAST;
import static crux.db.generated.Tables.ITEM_FOLLOW;
import static crux.db.generated.Tables.ITEM_STANCE;
import static crux.db.generated.Tables.MEMBER;
import static crux.db.generated.Tables.MEMBER_SESSION;
import static crux.db.generated.Tables.MIND_CHANGE;
import static crux.db.generated.Tables.NOTIFICATION;

import crux.db.Database;
import java.time.temporal.TemporalAccessor;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Table;

/**
 * "Download my data": everything a member created, as plain maps ready for JSON. Secrets never leave: password
 * hashes, session token hashes, CSRF tokens, two-factor secrets and recovery codes are dropped by column name.
 */
public final class MyDataRepository {

    /** Columns never exported, whoever asks. */
    static final Pattern SECRET = Pattern.compile("(?i).*(password|token|hash|secret|totp|recovery|post_key).*");

    private final Database db;

    public MyDataRepository(Database db) {
        this.db = db;
    }

    /** The member's rows, by kind, with lower-case column names and times as ISO text: one query per kind. */
    public Map<String, Object> of(long memberId) {
        DSLContext d = db.dsl();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("profile", rows(d, MEMBER, MEMBER.ID.eq(memberId)).stream().findFirst().orElse(Map.of()));
        out.put("stances", rows(d, ITEM_STANCE, ITEM_STANCE.MEMBER_ID.eq(memberId)));
        out.put("forecasts", rows(d, FORECAST, FORECAST.MEMBER_ID.eq(memberId)));
        out.put("comments", rows(d, COMMENT, COMMENT.AUTHOR_ID.eq(memberId)));
        out.put("votes", rows(d, COMMENT_VOTE, COMMENT_VOTE.MEMBER_ID.eq(memberId)));
        out.put("mind_changes", rows(d, MIND_CHANGE, MIND_CHANGE.MEMBER_ID.eq(memberId)));
        out.put("follows", rows(d, ITEM_FOLLOW, ITEM_FOLLOW.MEMBER_ID.eq(memberId)));
        out.put("notifications", rows(d, NOTIFICATION, NOTIFICATION.MEMBER_ID.eq(memberId)));
        out.put("sessions", rows(d, MEMBER_SESSION, MEMBER_SESSION.MEMBER_ID.eq(memberId)));
        out.put("flags", rows(d, COMMENT_FLAG, COMMENT_FLAG.MEMBER_ID.eq(memberId)));
        return out;
    }

    private static List<Map<String, Object>> rows(DSLContext d, Table<?> table, Condition where) {
        return d.selectFrom(table).where(where).fetchMaps().stream().map(MyDataRepository::clean).toList();
    }

    private static Map<String, Object> clean(Map<String, Object> row) {
        Map<String, Object> out = new LinkedHashMap<>();
        row.forEach((k, v) -> {
            String key = k.toLowerCase(Locale.ROOT);
            if (!SECRET.matcher(key).matches()) {
                out.put(key, v instanceof TemporalAccessor || v instanceof Date ? v.toString() : v);
            }
        });
        return out;
    }
}
