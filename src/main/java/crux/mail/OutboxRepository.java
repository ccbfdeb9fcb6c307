package crux.mail;

import static crux.db.generated.Tables.MAIL_OUTBOX;
import static crux.db.generated.Tables.MEMBER;

import crux.db.Database;
import crux.db.generated.tables.records.MailOutboxRecord;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * The outbox: every mail Crux sends is first a row here, written in the transaction of what caused it (so a mail is
 * queued exactly when its cause is stored, and survives any crash after that). The sender ({@link MailSender}) claims
 * rows one at a time with one conditional UPDATE, so of several instances only one sends each mail.
 */
public final class OutboxRepository {

    /** Attempts before a mail is given up as failed and shown to admins: with {@link #backoff}, about four hours. */
    public static final int MAX_ATTEMPTS = 8;
    /** The wait after the first failure; it doubles after each further one. */
    static final Duration FIRST_RETRY = Duration.ofMinutes(1);
    /**
     * How long a claim holds: longer than one SMTP exchange can take with the sender's timeouts. A claim still held
     * after it (the sender was killed mid-send) is taken over, so the mail is sent, at worst twice, never lost.
     */
    static final Duration CLAIM = Duration.ofMinutes(5);
    /** Sent mails are kept (without their bodies) this long for the admin page, then deleted. */
    static final Duration KEEP_SENT = Duration.ofDays(7);
    /** Failed mails shown to admins at most. */
    static final int FAILED_SHOWN = 50;

    private static final SecureRandom RANDOM = new SecureRandom();

    /** A claimed mail, to be sent now. */
    public record Claimed(long id, String claimToken, int attempts, Mail mail) {
    }

    /** A mail that failed for good, as admins see it: the member and a masked address, never the whole one. */
    public record Failed(long id, String kind, String memberName, String maskedRecipient, String subject,
                         int attempts, String lastError, OffsetDateTime createdAt) {
    }

    /** What the outbox holds, for admins. */
    public record Status(int queued, int failed, List<Failed> recentFailures) {
    }

    private final Database db;
    private final Clock clock;

    public OutboxRepository(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Queues {@code mail} inside the caller's transaction {@code tx}: it is sent only if that transaction commits. */
    public long enqueue(DSLContext tx, Mail mail) {
        OffsetDateTime now = now();
        return tx.insertInto(MAIL_OUTBOX)
                .set(MAIL_OUTBOX.KIND, mail.kind())
                .set(MAIL_OUTBOX.MEMBER_ID, mail.memberId())
                .set(MAIL_OUTBOX.RECIPIENT, mail.to())
                .set(MAIL_OUTBOX.SUBJECT, mail.subject())
                .set(MAIL_OUTBOX.TEXT_BODY, mail.text())
                .set(MAIL_OUTBOX.HTML_BODY, mail.html())
                .set(MAIL_OUTBOX.HEADERS, headers(mail.headers()))
                .set(MAIL_OUTBOX.STATE, "queued")
                .set(MAIL_OUTBOX.NEXT_ATTEMPT_AT, now)
                .set(MAIL_OUTBOX.CREATED_AT, now)
                .returningResult(MAIL_OUTBOX.ID)
                .fetchOne().value1();
    }

    /**
     * Claims the oldest mail that is due (queued and its retry time come, or claimed by a sender whose claim has run
     * out). One UPDATE whose WHERE repeats the "due" test: of two senders racing for a row, the second finds it no
     * longer due once the first has committed, and claims nothing.
     */
    public Optional<Claimed> claimNext() {
        OffsetDateTime now = now();
        var due = MAIL_OUTBOX.STATE.eq("queued").and(MAIL_OUTBOX.NEXT_ATTEMPT_AT.le(now))
                .or(MAIL_OUTBOX.STATE.eq("sending").and(MAIL_OUTBOX.CLAIMED_UNTIL.lt(now)));
        Long next = db.dsl().select(MAIL_OUTBOX.ID).from(MAIL_OUTBOX).where(due)
                .orderBy(MAIL_OUTBOX.NEXT_ATTEMPT_AT, MAIL_OUTBOX.ID).limit(1).fetchOne(MAIL_OUTBOX.ID);
        if (next == null) {
            return Optional.empty();
        }
        String token = token();
        int claimed = db.dsl().update(MAIL_OUTBOX)
                .set(MAIL_OUTBOX.STATE, "sending")
                .set(MAIL_OUTBOX.CLAIM_TOKEN, token)
                .set(MAIL_OUTBOX.CLAIMED_UNTIL, now.plus(CLAIM))
                .where(MAIL_OUTBOX.ID.eq(next)).and(due)
                .execute();
        if (claimed == 0) {
            return Optional.empty(); // another sender took it first
        }
        MailOutboxRecord r = db.dsl().selectFrom(MAIL_OUTBOX).where(MAIL_OUTBOX.ID.eq(next)).fetchOne();
        return Optional.of(new Claimed(r.getId(), token, r.getAttempts(), new Mail(r.getKind(), r.getMemberId(),
                r.getRecipient(), r.getSubject(), r.getTextBody(), r.getHtmlBody(), parseHeaders(r.getHeaders()))));
    }

    /** The mail went out: its bodies (which may hold one-time links) are dropped; false if the claim was lost. */
    public boolean sent(Claimed c) {
        return db.dsl().update(MAIL_OUTBOX)
                .set(MAIL_OUTBOX.STATE, "sent")
                .set(MAIL_OUTBOX.SENT_AT, now())
                .set(MAIL_OUTBOX.ATTEMPTS, c.attempts() + 1)
                .set(MAIL_OUTBOX.TEXT_BODY, (String) null)
                .set(MAIL_OUTBOX.HTML_BODY, (String) null)
                .set(MAIL_OUTBOX.CLAIM_TOKEN, (String) null)
                .set(MAIL_OUTBOX.LAST_ERROR, (String) null)
                .where(MAIL_OUTBOX.ID.eq(c.id())).and(MAIL_OUTBOX.CLAIM_TOKEN.eq(c.claimToken()))
                .execute() == 1;
    }

    /**
     * Sending failed: tried again after {@link #backoff} unless {@code permanent} (the server refused the address)
     * or this was the last attempt, when it is marked failed for admins and its bodies are dropped.
     */
    public void failed(Claimed c, String error, boolean permanent) {
        int attempts = c.attempts() + 1;
        boolean last = permanent || attempts >= MAX_ATTEMPTS;
        var update = db.dsl().update(MAIL_OUTBOX)
                .set(MAIL_OUTBOX.STATE, last ? "failed" : "queued")
                .set(MAIL_OUTBOX.ATTEMPTS, attempts)
                .set(MAIL_OUTBOX.NEXT_ATTEMPT_AT, now().plus(backoff(attempts)))
                .set(MAIL_OUTBOX.CLAIM_TOKEN, (String) null)
                .set(MAIL_OUTBOX.CLAIMED_UNTIL, (OffsetDateTime) null)
                .set(MAIL_OUTBOX.LAST_ERROR, error == null ? null : error.length() > 500 ? error.substring(0, 500)
                        : error);
        if (last) {
            update = update.set(MAIL_OUTBOX.TEXT_BODY, (String) null).set(MAIL_OUTBOX.HTML_BODY, (String) null);
        }
        update.where(MAIL_OUTBOX.ID.eq(c.id())).and(MAIL_OUTBOX.CLAIM_TOKEN.eq(c.claimToken())).execute();
    }

    /** The wait before attempt {@code attempts + 1}: 1, 2, 4, 8 … minutes. */
    static Duration backoff(int attempts) {
        return FIRST_RETRY.multipliedBy(1L << Math.min(Math.max(attempts - 1, 0), 16));
    }

    /** Deletes sent mails older than {@link #KEEP_SENT}; returns how many. */
    public int deleteOldSent() {
        return db.dsl().deleteFrom(MAIL_OUTBOX).where(MAIL_OUTBOX.STATE.eq("sent"))
                .and(MAIL_OUTBOX.SENT_AT.lt(now().minus(KEEP_SENT))).execute();
    }

    /** Queued and failed counts and the latest failures: two statements, however many mails. */
    public Status status() {
        var counts = db.dsl().select(
                        DSL.count().filterWhere(MAIL_OUTBOX.STATE.in("queued", "sending")),
                        DSL.count().filterWhere(MAIL_OUTBOX.STATE.eq("failed")))
                .from(MAIL_OUTBOX).fetchOne();
        List<Failed> failures = db.dsl().select(MAIL_OUTBOX.ID, MAIL_OUTBOX.KIND, MEMBER.NAME, MAIL_OUTBOX.RECIPIENT,
                        MAIL_OUTBOX.SUBJECT, MAIL_OUTBOX.ATTEMPTS, MAIL_OUTBOX.LAST_ERROR, MAIL_OUTBOX.CREATED_AT)
                .from(MAIL_OUTBOX).leftJoin(MEMBER).on(MEMBER.ID.eq(MAIL_OUTBOX.MEMBER_ID))
                .where(MAIL_OUTBOX.STATE.eq("failed"))
                .orderBy(MAIL_OUTBOX.ID.desc()).limit(FAILED_SHOWN)
                .fetch(r -> new Failed(r.value1(), r.value2(), r.value3(), mask(r.value4()), r.value5(), r.value6(),
                        r.value7(), r.value8()));
        return new Status(counts.value1(), counts.value2(), failures);
    }

    /**
     * "a…@example.org": enough to tell addresses apart (an admin looking at failures, the old address told of a
     * change), not enough to learn a member's address.
     */
    public static String mask(String address) {
        int at = address.lastIndexOf('@');
        if (at <= 0) {
            return "…";
        }
        return address.charAt(0) + "…" + address.substring(at);
    }

    static String headers(Map<String, String> headers) {
        if (headers.isEmpty()) {
            return null;
        }
        StringBuilder b = new StringBuilder();
        headers.forEach((k, v) -> b.append(k).append(": ").append(v).append('\n'));
        return b.toString();
    }

    static Map<String, String> parseHeaders(String stored) {
        Map<String, String> out = new LinkedHashMap<>();
        if (stored != null) {
            for (String line : stored.split("\n")) {
                int colon = line.indexOf(": ");
                if (colon > 0) {
                    out.put(line.substring(0, colon), line.substring(colon + 2));
                }
            }
        }
        return out;
    }

    private static String token() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }
}
