package crux.article;

import crux.db.Codes;
import java.util.List;

/**
 * Where a prediction is in its life: open for forecasts, closed (its date passed), or resolved YES, NO or annulled.
 * Claims and recommendations stay open. Stored by {@link #code()}.
 */
public enum ItemStatus {
    OPEN, CLOSED, RESOLVED_YES, RESOLVED_NO, ANNULLED;

    /** Not yet resolved: what a resolution may move from. */
    public static final List<ItemStatus> UNRESOLVED = List.of(OPEN, CLOSED);
    /** Resolved one way or another: what reopening may move from. */
    public static final List<ItemStatus> RESOLVED = List.of(RESOLVED_YES, RESOLVED_NO, ANNULLED);

    public String code() {
        return Codes.of(this);
    }

    /** The status stored as {@code code}; an unknown code is a broken database, not bad input. */
    public static ItemStatus of(String code) {
        return Codes.parse(ItemStatus.class, code)
                .orElseThrow(() -> new IllegalStateException("unknown item status " + code));
    }

    /** The codes of {@code statuses}, for a query's IN list. */
    public static List<String> codes(List<ItemStatus> statuses) {
        return statuses.stream().map(ItemStatus::code).toList();
    }

    public boolean resolved() {
        return RESOLVED.contains(this);
    }
}
