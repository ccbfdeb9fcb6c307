package crux.live;

/**
 * Something changed on an item page: {@code type} is "argument", "tally" or "forecast". The event carries no
 * viewer-specific content: pages fetch their own fragment when told, so "vote first" still holds.
 */
public record LiveEvent(long itemId, String type) {

    String encode() {
        return itemId + ":" + type;
    }

    static LiveEvent decode(String payload) {
        int colon = payload.indexOf(':');
        if (colon <= 0) {
            return null;
        }
        try {
            return new LiveEvent(Long.parseLong(payload.substring(0, colon)), payload.substring(colon + 1));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
