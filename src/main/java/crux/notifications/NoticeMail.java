package crux.notifications;

import static crux.db.generated.Tables.COMMENT;
import static crux.db.generated.Tables.ITEM_FOLLOW;
import static crux.db.generated.Tables.MAIL_DIGEST;
import static crux.db.generated.Tables.MAIL_PREFERENCE;
import static crux.db.generated.Tables.MEMBER;
import static crux.db.generated.Tables.NOTIFICATION;

import crux.db.Database;
import crux.mail.Mail;
import crux.mail.MailTemplates;
import crux.mail.OutboxRepository;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * Notices by mail: each member's choice per {@link MailTopic} (inbox only, at once, or a daily digest), their time
 * zone, the mails themselves (queued through the outbox in the transaction that makes the notice, or that records the
 * day's digest), and the one-click unsubscribe links every such mail carries.
 *
 * <p>Notices about a comment that is hidden, pending review, removed or deleted are never mailed: an immediate mail is
 * not queued when the comment is not visible at that moment, and a digest leaves out the notices whose comment is not
 * visible when the digest is made. Moderation notices are the exception: they tell the author what happened to their
 * own comment, and carry no one else's words.
 */
public final class NoticeMail {

    /** The local hour (in the member's time zone) from which the day's digest is made. */
    public static final int DIGEST_HOUR = 8;
    /** A first digest covers at most this far back. */
    static final Duration FIRST_DIGEST_COVERS = Duration.ofDays(1);
    /** Notices listed in one digest at most; the rest wait in the inbox (the mail says how many). */
    public static final int DIGEST_MAX = 100;
    /** Members looked at by one digest run at most, so a run stays short under its lease; the next takes the rest. */
    static final int DIGESTS_PER_RUN = 500;
    /** How often digests are looked for: the sender runs every second, digests need not. */
    static final Duration DIGEST_EVERY = Duration.ofMinutes(1);
    /** The stored secret unsubscribe links are signed with. */
    public static final String SETTING = "unsubscribe_secret";

    /** What a member chose, and whether mail can reach them. */
    public record Preferences(Map<MailTopic, MailTopic.Delivery> byTopic, String timeZone, boolean canMail) {
    }

    /** One notice in a mail. */
    public record Line(String kind, String summary, String reason, String url, String at) {
    }

    /** A digest's notices of one topic. */
    public record Group(String title, List<Line> lines) {
    }

    /** Where an unsubscribe link leads: the member (by name) and the topic it turns off. */
    public record Unsubscribe(long memberId, String memberName, MailTopic topic, MailTopic.Delivery current) {
    }

    private final Database db;
    private final Clock clock;
    private final OutboxRepository outbox;
    private final MailTemplates templates;
    private final byte[] key;
    private final boolean enabled;
    private volatile OffsetDateTime lastDigestRun;

    /**
     * @param enabled false when mail is not set up: nothing is queued, and the settings page says so
     */
    public NoticeMail(Database db, Clock clock, OutboxRepository outbox, MailTemplates templates, byte[] key,
                      boolean enabled) {
        this.db = db;
        this.clock = clock;
        this.outbox = outbox;
        this.templates = templates;
        this.key = key.clone();
        this.enabled = enabled;
    }

    public boolean enabled() {
        return enabled;
    }

    // ---- preferences and time zone ---------------------------------------------------------------------------------

    public Preferences preferences(long memberId) {
        Map<MailTopic, MailTopic.Delivery> chosen = new EnumMap<>(MailTopic.class);
        for (MailTopic t : MailTopic.values()) {
            chosen.put(t, MailTopic.Delivery.INBOX);
        }
        var member = db.dsl().select(MEMBER.TIME_ZONE, MEMBER.EMAIL_VERIFIED_AT, MEMBER.EMAIL).from(MEMBER)
                .where(MEMBER.ID.eq(memberId)).fetchOne();
        db.dsl().select(MAIL_PREFERENCE.TOPIC, MAIL_PREFERENCE.DELIVERY).from(MAIL_PREFERENCE)
                .where(MAIL_PREFERENCE.MEMBER_ID.eq(memberId))
                .forEach(r -> MailTopic.parse(r.value1()).ifPresent(t ->
                        chosen.put(t, MailTopic.Delivery.parse(r.value2()).orElse(MailTopic.Delivery.INBOX))));
        boolean verified = member != null && member.value2() != null && member.value3() != null;
        return new Preferences(chosen, member == null || member.value1() == null ? "UTC" : member.value1(),
                verified);
    }

    /** Replaces the member's choices: topics left out (or INBOX) stay in the inbox only. */
    public void save(long memberId, Map<MailTopic, MailTopic.Delivery> choices) {
        db.run(tx -> {
            tx.deleteFrom(MAIL_PREFERENCE).where(MAIL_PREFERENCE.MEMBER_ID.eq(memberId)).execute();
            choices.forEach((topic, delivery) -> {
                if (delivery != MailTopic.Delivery.INBOX) {
                    tx.insertInto(MAIL_PREFERENCE).set(MAIL_PREFERENCE.MEMBER_ID, memberId)
                            .set(MAIL_PREFERENCE.TOPIC, topic.code()).set(MAIL_PREFERENCE.DELIVERY, delivery.code())
                            .execute();
                }
            });
        });
    }

    /** The zone for a stored or typed id: one of {@link ZoneId#getAvailableZoneIds()}, or empty. */
    public static Optional<ZoneId> zone(String id) {
        if (id == null || id.isBlank() || id.length() > 64 || !ZoneId.getAvailableZoneIds().contains(id.strip())) {
            return Optional.empty();
        }
        try {
            return Optional.of(ZoneId.of(id.strip()));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    /** Stores the member's time zone (already checked with {@link #zone}). */
    public void saveTimeZone(long memberId, ZoneId zone) {
        db.run(tx -> tx.update(MEMBER).set(MEMBER.TIME_ZONE, zone.getId()).where(MEMBER.ID.eq(memberId)).execute());
    }

    // ---- immediate mail ---------------------------------------------------------------------------------------------

    /**
     * Queues, inside the transaction {@code tx} that stores the notices, a mail to each of {@code members} who wants
     * notices of {@code kind} at once and has a confirmed address.
     */
    void immediate(DSLContext tx, NotificationRepository.Kind kind, Collection<Long> members, String summary,
                   String reason, String url, Long commentId) {
        if (members.isEmpty()) {
            return;
        }
        immediate(tx, kind, MEMBER.ID.in(members), summary, reason, url, commentId);
    }

    /** As {@link #immediate}, for the followers of an item other than {@code actorId} and those in {@code except}. */
    void immediateToFollowers(DSLContext tx, long itemId, Long actorId, Collection<Long> except, String summary,
                              String url, Long commentId) {
        Condition followers = MEMBER.ID.in(DSL.select(ITEM_FOLLOW.MEMBER_ID).from(ITEM_FOLLOW)
                .where(ITEM_FOLLOW.ITEM_ID.eq(itemId)));
        if (actorId != null) {
            followers = followers.and(MEMBER.ID.ne(actorId));
        }
        if (!except.isEmpty()) {
            followers = followers.and(MEMBER.ID.notIn(except));
        }
        immediate(tx, NotificationRepository.Kind.FOLLOW, followers, summary, null, url, commentId);
    }

    private void immediate(DSLContext tx, NotificationRepository.Kind kind, Condition who, String summary,
                           String reason, String url, Long commentId) {
        if (!enabled) {
            return;
        }
        MailTopic topic = MailTopic.of(kind);
        if (commentId != null && topic != MailTopic.MODERATION && !tx.fetchExists(COMMENT, COMMENT.ID.eq(commentId)
                .and(COMMENT.MODERATION_STATE.eq("visible")).and(COMMENT.DELETED_AT.isNull()))) {
            return; // held for review or hidden already: its words go nowhere but the site's moderation queue
        }
        var recipients = tx.select(MEMBER.ID, MEMBER.NAME, MEMBER.EMAIL, MEMBER.TIME_ZONE).from(MEMBER)
                .join(MAIL_PREFERENCE).on(MAIL_PREFERENCE.MEMBER_ID.eq(MEMBER.ID))
                .where(who).and(mailable())
                .and(MAIL_PREFERENCE.TOPIC.eq(topic.code()))
                .and(MAIL_PREFERENCE.DELIVERY.eq(MailTopic.Delivery.IMMEDIATE.code()))
                .fetch();
        for (var r : recipients) {
            ZoneId zone = zone(r.value4()).orElse(ZoneOffset.UTC);
            Line line = new Line(kind.code(), summary, reason, absolute(url), when(OffsetDateTime.now(clock), zone));
            Map<String, Object> model = new LinkedHashMap<>();
            model.put("name", r.value2());
            model.put("subject", subject(summary));
            model.put("line", line);
            model.put("topic", topic);
            model.put("unsubscribe", unsubscribeUrl(r.value1(), topic));
            Mail m = templates.write("notice", r.value1(), r.value3(), model);
            outbox.enqueue(tx, withUnsubscribe(m, unsubscribeUrl(r.value1(), topic)));
        }
    }

    /** Of the members of {@code notices}, those who want some of these notices' kinds mailed at once. */
    Set<Long> wantImmediately(DSLContext tx, List<NotificationRepository.Notice> notices) {
        if (!enabled || notices.isEmpty()) {
            return Set.of();
        }
        Set<Long> members = notices.stream().map(NotificationRepository.Notice::memberId).collect(Collectors.toSet());
        Set<String> topics = notices.stream().map(n -> MailTopic.of(n.kind()).code()).collect(Collectors.toSet());
        return new java.util.HashSet<>(tx.select(MAIL_PREFERENCE.MEMBER_ID).from(MAIL_PREFERENCE)
                .where(MAIL_PREFERENCE.MEMBER_ID.in(members)).and(MAIL_PREFERENCE.TOPIC.in(topics))
                .and(MAIL_PREFERENCE.DELIVERY.eq(MailTopic.Delivery.IMMEDIATE.code()))
                .fetch(MAIL_PREFERENCE.MEMBER_ID));
    }

    private static Condition mailable() {
        return MEMBER.EMAIL.isNotNull().and(MEMBER.EMAIL_VERIFIED_AT.isNotNull()).and(MEMBER.DELETED_AT.isNull());
    }

    // ---- daily digests ---------------------------------------------------------------------------------------------

    /**
     * Makes the digests due now: for each member with a digest topic and a confirmed address whose local time has
     * reached {@link #DIGEST_HOUR} on a day without a digest yet. Runs at most every {@link #DIGEST_EVERY}; returns the
     * digests queued.
     */
    public int digestsIfDue() {
        OffsetDateTime now = OffsetDateTime.now(clock);
        OffsetDateTime last = lastDigestRun;
        if (last != null && now.isBefore(last.plus(DIGEST_EVERY)) && !now.isBefore(last)) {
            return 0;
        }
        lastDigestRun = now;
        return digests();
    }

    /**
     * Makes every digest due now (see {@link #digestsIfDue}). Each is its own transaction that first inserts the
     * member's row for the day: a second instance, or this one after a restart, finds the row and makes none.
     */
    public int digests() {
        if (!enabled) {
            return 0;
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        org.jooq.Field<LocalDate> lastDigest = DSL.field(DSL.select(DSL.max(MAIL_DIGEST.LOCAL_DAY)).from(MAIL_DIGEST)
                .where(MAIL_DIGEST.MEMBER_ID.eq(MEMBER.ID)));
        var candidates = db.dsl().select(MEMBER.ID, MEMBER.NAME, MEMBER.EMAIL, MEMBER.TIME_ZONE, lastDigest)
                .from(MEMBER)
                .where(mailable())
                .and(DSL.exists(DSL.selectOne().from(MAIL_PREFERENCE).where(MAIL_PREFERENCE.MEMBER_ID.eq(MEMBER.ID))
                        .and(MAIL_PREFERENCE.DELIVERY.eq(MailTopic.Delivery.DIGEST.code()))))
                .orderBy(MEMBER.ID)
                .fetch();
        int made = 0;
        int looked = 0;
        for (var r : candidates) {
            ZoneId zone = zone(r.value4()).orElse(ZoneOffset.UTC);
            ZonedDateTime local = now.atZoneSameInstant(zone);
            LocalDate day = local.toLocalDate();
            if (local.getHour() < DIGEST_HOUR || (r.value5() != null && !r.value5().isBefore(day))) {
                continue;
            }
            if (++looked > DIGESTS_PER_RUN) {
                break;
            }
            if (digest(r.value1(), r.value2(), r.value3(), zone, day, now)) {
                made++;
            }
        }
        return made;
    }

    /** One member's digest for {@code day}; false when there was nothing new or another run made it. */
    private boolean digest(long memberId, String name, String address, ZoneId zone, LocalDate day,
                           OffsetDateTime now) {
        try {
            return db.transaction(t -> {
                DSLContext tx = t.dsl();
                OffsetDateTime since = tx.select(DSL.max(MAIL_DIGEST.COVERED_UNTIL)).from(MAIL_DIGEST)
                        .where(MAIL_DIGEST.MEMBER_ID.eq(memberId)).fetchOne().value1();
                if (since == null || since.isBefore(now.minus(FIRST_DIGEST_COVERS))) {
                    since = now.minus(FIRST_DIGEST_COVERS);
                }
                List<String> topics = tx.select(MAIL_PREFERENCE.TOPIC).from(MAIL_PREFERENCE)
                        .where(MAIL_PREFERENCE.MEMBER_ID.eq(memberId))
                        .and(MAIL_PREFERENCE.DELIVERY.eq(MailTopic.Delivery.DIGEST.code()))
                        .fetch(MAIL_PREFERENCE.TOPIC);
                Set<MailTopic> chosen = topics.stream().map(MailTopic::parse).flatMap(Optional::stream)
                        .collect(Collectors.toSet());
                List<String> kinds = chosen.stream().flatMap(c -> c.kinds().stream())
                        .map(NotificationRepository.Kind::code).toList();
                Condition shown = NOTIFICATION.COMMENT_ID.isNull()
                        .or(NOTIFICATION.KIND.in(NotificationRepository.Kind.MODERATION.code(),
                                NotificationRepository.Kind.PROPOSAL.code()))
                        .or(COMMENT.MODERATION_STATE.eq("visible").and(COMMENT.DELETED_AT.isNull()));
                var rows = tx.select(NOTIFICATION.KIND, NOTIFICATION.SUMMARY, NOTIFICATION.REASON, NOTIFICATION.URL,
                                NOTIFICATION.CREATED_AT)
                        .from(NOTIFICATION).leftJoin(COMMENT).on(COMMENT.ID.eq(NOTIFICATION.COMMENT_ID))
                        .where(NOTIFICATION.MEMBER_ID.eq(memberId)).and(NOTIFICATION.KIND.in(kinds))
                        .and(NOTIFICATION.CREATED_AT.gt(since)).and(NOTIFICATION.CREATED_AT.le(now))
                        .and(shown)
                        .orderBy(NOTIFICATION.CREATED_AT, NOTIFICATION.ID)
                        .limit(DIGEST_MAX + 1)
                        .fetch();
                tx.insertInto(MAIL_DIGEST).set(MAIL_DIGEST.MEMBER_ID, memberId).set(MAIL_DIGEST.LOCAL_DAY, day)
                        .set(MAIL_DIGEST.COVERED_UNTIL, now).set(MAIL_DIGEST.NOTICES, rows.size()).execute();
                if (rows.isEmpty()) {
                    return false; // nothing new: no mail, and none looked for again today
                }
                boolean more = rows.size() > DIGEST_MAX;
                Map<MailTopic, List<Line>> grouped = new EnumMap<>(MailTopic.class);
                for (var r : rows.subList(0, Math.min(rows.size(), DIGEST_MAX))) {
                    MailTopic topic = MailTopic.ofCode(r.value1()).orElseThrow();
                    grouped.computeIfAbsent(topic, k -> new ArrayList<>()).add(new Line(r.value1(), r.value2(),
                            r.value3(), absolute(r.value4()), when(r.value5(), zone)));
                }
                List<Group> groups = new ArrayList<>();
                grouped.forEach((topic, lines) -> groups.add(new Group(topic.label(), lines)));
                Map<String, Object> model = new LinkedHashMap<>();
                model.put("name", name);
                model.put("subject", "Your Crux digest for " + day.format(DateTimeFormatter.ofPattern("d MMMM",
                        Locale.ENGLISH)));
                model.put("groups", groups);
                model.put("count", Math.min(rows.size(), DIGEST_MAX));
                model.put("more", more);
                model.put("unsubscribe", unsubscribeUrl(memberId, null));
                Mail m = templates.write("digest", memberId, address, model);
                outbox.enqueue(tx, withUnsubscribe(m, unsubscribeUrl(memberId, null)));
                return true;
            });
        } catch (RuntimeException e) {
            if (Database.isUniqueViolation(e)) {
                return false; // another instance made this day's digest first
            }
            throw e;
        }
    }

    // ---- unsubscribing ----------------------------------------------------------------------------------------------

    /**
     * The one-click link that turns off the mail of {@code topic} (null: the daily digest, every topic in it). The
     * token names the member and the topic, signed with a stored secret: it cannot be guessed or altered.
     */
    public String unsubscribeUrl(long memberId, MailTopic topic) {
        return templates.baseUrl() + "/mail/unsubscribe/" + token(memberId, topic);
    }

    String token(long memberId, MailTopic topic) {
        String payload = memberId + "-" + (topic == null ? "digest" : topic.code());
        return payload + "-" + sign(payload);
    }

    private String sign(String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] full = mac.doFinal(payload.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(full, 0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What a link's token turns off; empty when the token is not one Crux signed, or its member is gone. */
    public Optional<Unsubscribe> unsubscribeTarget(String token) {
        Optional<Parsed> p = parse(token);
        if (p.isEmpty()) {
            return Optional.empty();
        }
        var member = db.dsl().select(MEMBER.NAME).from(MEMBER).where(MEMBER.ID.eq(p.get().memberId()))
                .and(MEMBER.DELETED_AT.isNull()).fetchOne();
        if (member == null) {
            return Optional.empty();
        }
        Map<MailTopic, MailTopic.Delivery> prefs = preferences(p.get().memberId()).byTopic();
        MailTopic.Delivery current = p.get().topic() == null
                ? (prefs.containsValue(MailTopic.Delivery.DIGEST) ? MailTopic.Delivery.DIGEST : MailTopic.Delivery.INBOX)
                : prefs.get(p.get().topic());
        return Optional.of(new Unsubscribe(p.get().memberId(), member.value1(), p.get().topic(), current));
    }

    /**
     * Turns off what the token names: its topic back to the inbox only, or (the digest's link) every digest topic.
     * Empty when the token is not valid; nothing is changed then.
     */
    public Optional<Unsubscribe> unsubscribe(String token) {
        Optional<Unsubscribe> target = unsubscribeTarget(token);
        target.ifPresent(u -> db.run(tx -> {
            var delete = tx.deleteFrom(MAIL_PREFERENCE).where(MAIL_PREFERENCE.MEMBER_ID.eq(u.memberId()));
            if (u.topic() == null) {
                delete.and(MAIL_PREFERENCE.DELIVERY.eq(MailTopic.Delivery.DIGEST.code())).execute();
            } else {
                delete.and(MAIL_PREFERENCE.TOPIC.eq(u.topic().code())).execute();
            }
        }));
        return target;
    }

    private record Parsed(long memberId, MailTopic topic) {
    }

    private Optional<Parsed> parse(String token) {
        if (token == null || token.length() > 100 || !token.matches("[0-9]{1,18}-[a-z]{1,20}-[0-9a-f]{32}")) {
            return Optional.empty();
        }
        int sig = token.lastIndexOf('-');
        String payload = token.substring(0, sig);
        if (!MessageDigest.isEqual(sign(payload).getBytes(StandardCharsets.US_ASCII),
                token.substring(sig + 1).getBytes(StandardCharsets.US_ASCII))) {
            return Optional.empty();
        }
        String[] parts = payload.split("-");
        long member = Long.parseLong(parts[0]);
        if ("digest".equals(parts[1])) {
            return Optional.of(new Parsed(member, null));
        }
        return MailTopic.parse(parts[1]).map(t -> new Parsed(member, t));
    }

    /** RFC 8058 one-click unsubscribe: mail programs show an "Unsubscribe" button that POSTs to the link. */
    static Mail withUnsubscribe(Mail m, String url) {
        Map<String, String> headers = new LinkedHashMap<>(m.headers());
        headers.put("List-Unsubscribe", "<" + url + ">");
        headers.put("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        return new Mail(m.kind(), m.memberId(), m.to(), m.subject(), m.text(), m.html(), headers);
    }

    /** A notice's summary as a subject line: one line, short enough for mail programs to show. */
    static String subject(String summary) {
        String one = summary.replaceAll("\\s+", " ").strip();
        return one.length() > 120 ? one.substring(0, 119) + "…" : one;
    }

    private String absolute(String url) {
        return url.startsWith("/") ? templates.baseUrl() + url : url;
    }

    private static String when(OffsetDateTime at, ZoneId zone) {
        return at.atZoneSameInstant(zone).format(DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm", Locale.ENGLISH))
                + " " + zone.getId();
    }
}
