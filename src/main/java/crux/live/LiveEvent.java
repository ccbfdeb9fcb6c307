package crux.live;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Something changed on an item page. The event carries no viewer-specific content: pages fetch their own fragment
 * when told, so "vote first" still holds.
 */
public record LiveEvent(long itemId, Kind kind) {

    /** What changed; {@link #code()} names the server-sent event and travels between instances. */
    public enum Kind {
        ARGUMENT, TALLY, FORECAST;

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Kind parse(String code) {
            for (Kind k : values()) {
                if (k.code().equals(code)) {
                    return k;
                }
            }
            return null;
        }
    }

    /** Between the events of one payload: several travel in one NOTIFY. */
    static final char SEPARATOR = ' ';

    String encode() {
        return itemId + ":" + kind.code();
    }

    /** The events of a payload another instance sent, in order, without those this version does not know. */
    static List<LiveEvent> decodeAll(String payload) {
        List<LiveEvent> events = new ArrayList<>();
        for (String one : payload.split(String.valueOf(SEPARATOR))) {
            LiveEvent e = decode(one);
            if (e != null) {
                events.add(e);
            }
        }
        return events;
    }

    /** The event another instance sent, or null for a payload this version does not know. */
    static LiveEvent decode(String payload) {
        int colon = payload.indexOf(':');
        if (colon <= 0) {
            return null;
        }
        Kind kind = Kind.parse(payload.substring(colon + 1));
        try {
            return kind == null ? null : new LiveEvent(Long.parseLong(payload.substring(0, colon)), kind);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
