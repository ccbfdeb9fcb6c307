package crux.notifications;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The kinds of notice a member chooses how to receive (inbox only, mail at once, or a daily digest): each covers one
 * or more {@link NotificationRepository.Kind}s. Stored by {@link #code()}.
 */
public enum MailTopic {
    REPLIES("Replies to your arguments and comments", NotificationRepository.Kind.REPLY),
    MENTIONS("Mentions of you (@name)", NotificationRepository.Kind.MENTION),
    FOLLOWED("News on items you follow", NotificationRepository.Kind.FOLLOW),
    RESOLUTIONS("Resolutions and scores of your forecasts", NotificationRepository.Kind.RESOLUTION),
    MODERATION("Moderation of your posts and proposals", NotificationRepository.Kind.MODERATION,
            NotificationRepository.Kind.PROPOSAL);

    /** How a member receives the notices of a topic. */
    public enum Delivery {
        /** Only in the inbox on the site: the default. */
        INBOX,
        /** A mail as each notice is made. */
        IMMEDIATE,
        /** One mail a day listing the day's notices. */
        DIGEST;

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Optional<Delivery> parse(String code) {
            for (Delivery d : values()) {
                if (d.code().equals(code)) {
                    return Optional.of(d);
                }
            }
            return Optional.empty();
        }
    }

    private final String label;
    private final List<NotificationRepository.Kind> kinds;

    MailTopic(String label, NotificationRepository.Kind... kinds) {
        this.label = label;
        this.kinds = List.of(kinds);
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String label() {
        return label;
    }

    public List<NotificationRepository.Kind> kinds() {
        return kinds;
    }

    /** The topic a notice's kind belongs to. */
    public static MailTopic of(NotificationRepository.Kind kind) {
        for (MailTopic t : values()) {
            if (t.kinds.contains(kind)) {
                return t;
            }
        }
        throw new IllegalArgumentException("no mail topic for " + kind);
    }

    /** The topic of a stored notice kind, if it has one. */
    public static Optional<MailTopic> ofCode(String kindCode) {
        for (MailTopic t : values()) {
            for (NotificationRepository.Kind k : t.kinds) {
                if (k.code().equals(kindCode)) {
                    return Optional.of(t);
                }
            }
        }
        return Optional.empty();
    }

    public static Optional<MailTopic> parse(String code) {
        for (MailTopic t : values()) {
            if (t.code().equals(code)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
