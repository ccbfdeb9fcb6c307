package crux.accounts;

import static crux.db.generated.Tables.MEMBER;
import static crux.db.generated.Tables.MEMBER_SESSION;
import static crux.db.generated.Tables.NOTIFICATION;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import crux.db.Database;
import crux.db.Reusable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jooq.Record17;
import org.jooq.impl.DSL;

/**
 * Sessions live in the database (so they survive restarts and every instance sees them). The cookie holds a
 * random 256-bit token; only its SHA-256 is stored, so a leaked table does not leak live sessions.
 */
public final class SessionRepository {

    public static final String COOKIE = "crux_session";

    /** A member who has not been seen for a week signs in again. */
    public static final Duration IDLE_TIMEOUT = Duration.ofDays(7);
    /** However active, a session ends after 30 days: a stolen cookie does not last forever. */
    public static final Duration ABSOLUTE_LIFETIME = Duration.ofDays(30);
    /**
     * Sessions one member keeps at most; signing in beyond it ends their least recently seen one. Phones, laptops and
     * browsers of one person stay far below it, and a script signing in again and again cannot grow the table.
     */
    public static final int MAX_PER_MEMBER = 20;
    /** last_seen is refreshed at most this often: a write on every request costs more than idle precision is worth. */
    static final Duration TOUCH_EVERY = Duration.ofMinutes(5);

    private static final SecureRandom RANDOM = new SecureRandom();

    /** A live session, with its member (null before login). */
    /**
     * @param unread the member's unread notifications when the session was looked up (the header shows them: one
     *               statement fewer on every page), or null when not counted (a session made in this request)
     */
    public record Session(long id, Member member, String csrf, boolean mfaPassed, String pendingTotp,
                          OffsetDateTime createdAt, OffsetDateTime lastSeenAt, OffsetDateTime expiresAt,
                          Integer unread) {
        public boolean signedIn() {
            return member != null;
        }
    }

    /** A new session and the token for its cookie (shown once, never stored). */
    public record Created(String token, Session session) {
    }

    /** A row of "your sessions". */
    public record Listed(long id, OffsetDateTime createdAt, OffsetDateTime lastSeenAt, String userAgent, String ip,
                         boolean current) {

        /** "Firefox on Windows": enough to recognise one's own devices (the full User-Agent is in a tooltip). */
        public String device() {
            return describe(userAgent);
        }
    }

    static String describe(String ua) {
        if (ua == null || ua.isBlank()) {
            return "Unknown browser";
        }
        String browser = ua.contains("Edg/") ? "Edge" : ua.contains("OPR/") ? "Opera" : ua.contains("Firefox/") ? "Firefox"
                : ua.contains("Chrome/") || ua.contains("Chromium/") ? "Chrome" : ua.contains("Safari/") ? "Safari" : null;
        String os = ua.contains("Android") ? "Android" : ua.contains("iPhone") || ua.contains("iPad") ? "iOS"
                : ua.contains("Windows") ? "Windows" : ua.contains("Macintosh") ? "macOS" : ua.contains("CrOS") ? "ChromeOS"
                : ua.contains("Linux") ? "Linux" : null;
        if (browser == null) {
            return ua.length() <= 40 ? ua : ua.substring(0, 39) + "…";
        }
        return os == null ? browser : browser + " on " + os;
    }

    /** How long {@link #findKept} serves a session read before: as long as a content page is kept. */
    public static final Duration KEPT_FOR = Duration.ofSeconds(1);
    /** At most this many sessions kept, the least recently used going first. */
    static final int MAX_KEPT = 10_000;

    private final Database db;
    private final Clock clock;
    /** A session as {@link #findKept} read it, with the count of {@link #forgetKept}s before that reading began. */
    private record Kept(Session session, long generation) {
    }

    /** Sessions by their token's hash (never the token itself), for {@link #findKept}. */
    private final Cache<String, Kept> kept;
    /**
     * Counts {@link #forgetKept}s: a kept session is served only while the count is what it was when its reading
     * began, so neither one kept before a write nor one read while the write committed outlives it.
     */
    private final AtomicLong keptGeneration = new AtomicLong();

    public SessionRepository(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
        // on the repository's clock, so that a test travelling in time sees kept sessions expire
        this.kept = Caffeine.newBuilder().maximumSize(MAX_KEPT).expireAfterWrite(KEPT_FOR)
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis())).build();
    }

    /**
     * A session for a member who has just signed in (visitors without one get stateless form tokens instead, see
     * the web side's visitor tokens: a session row is made only at sign-in).
     */
    public Created create(Member member, boolean mfaPassed, String userAgent, String ip) {
        java.util.Objects.requireNonNull(member, "sessions are made at sign-in, for a member");
        String token = randomToken();
        String csrf = randomToken();
        OffsetDateTime now = OffsetDateTime.now(clock);
        OffsetDateTime expires = now.plus(ABSOLUTE_LIFETIME);
        long id = db.dsl().insertInto(MEMBER_SESSION)
                .set(MEMBER_SESSION.TOKEN_HASH, hash(token))
                .set(MEMBER_SESSION.MEMBER_ID, member.id())
                .set(MEMBER_SESSION.CSRF_TOKEN, csrf)
                .set(MEMBER_SESSION.MFA_PASSED, mfaPassed)
                .set(MEMBER_SESSION.CREATED_AT, now)
                .set(MEMBER_SESSION.LAST_SEEN_AT, now)
                .set(MEMBER_SESSION.EXPIRES_AT, expires)
                .set(MEMBER_SESSION.USER_AGENT, truncate(userAgent, 200))
                .set(MEMBER_SESSION.IP, truncate(ip, 64))
                .returningResult(MEMBER_SESSION.ID)
                .fetchOne().value1();
        db.dsl().deleteFrom(MEMBER_SESSION).where(MEMBER_SESSION.MEMBER_ID.eq(member.id()))
                .and(MEMBER_SESSION.ID.notIn(DSL.select(MEMBER_SESSION.ID).from(MEMBER_SESSION)
                        .where(MEMBER_SESSION.MEMBER_ID.eq(member.id()))
                        .orderBy(MEMBER_SESSION.LAST_SEEN_AT.desc(), MEMBER_SESSION.ID.desc())
                        .limit(MAX_PER_MEMBER)))
                .execute();
        return new Created(token, new Session(id, member, csrf, mfaPassed, null, now, now, expires, null));
    }

    /**
     * The session of a token with its member and unread count: the columns they need, not every column of both, and
     * rendered once (this runs on every request).
     */
    private static final Reusable<Record17<Long, String, Boolean, String, OffsetDateTime, OffsetDateTime,
            OffsetDateTime, Long, String, String, OffsetDateTime, OffsetDateTime, OffsetDateTime, OffsetDateTime,
            Boolean, Integer, String>> FIND = Reusable.query(2, d -> d
            .select(MEMBER_SESSION.ID, MEMBER_SESSION.CSRF_TOKEN, MEMBER_SESSION.MFA_PASSED,
                    MEMBER_SESSION.PENDING_TOTP, MEMBER_SESSION.CREATED_AT, MEMBER_SESSION.LAST_SEEN_AT,
                    MEMBER_SESSION.EXPIRES_AT, MEMBER.ID, MEMBER.NAME, MEMBER.ROLE, MEMBER.CREATED_AT,
                    MEMBER.DELETED_AT, MEMBER.SUSPENDED_UNTIL, MEMBER.BANNED_AT,
                    DSL.field(MEMBER.TOTP_SECRET.isNotNull()),
                    DSL.field(DSL.selectCount().from(NOTIFICATION)
                            .where(NOTIFICATION.MEMBER_ID.eq(MEMBER_SESSION.MEMBER_ID))
                            .and(NOTIFICATION.READ_AT.isNull())),
                    MEMBER.TIME_ZONE)
            .from(MEMBER_SESSION)
            .leftJoin(MEMBER).on(MEMBER.ID.eq(MEMBER_SESSION.MEMBER_ID))
            .where(MEMBER_SESSION.TOKEN_HASH.eq(Reusable.value(0, MEMBER_SESSION.TOKEN_HASH)))
            .and(MEMBER_SESSION.EXPIRES_AT.gt(Reusable.value(1, MEMBER_SESSION.EXPIRES_AT))));

    /** The live session for a cookie token: one indexed query; expired sessions are not found. */
    public Optional<Session> find(String token) {
        String hash = hashOf(token);
        return hash == null ? Optional.empty() : findHashed(hash);
    }

    /** The hash a well-formed cookie token is stored under, or null for anything else (nothing to look up). */
    private static String hashOf(String token) {
        return token == null || token.length() != 43 ? null : hash(token);
    }

    private Optional<Session> findHashed(String hash) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        return FIND.fetchOptional(db.dsl(), hash, now)
                .map(r -> {
                    Member m = r.value8() == null ? null : new Member(r.value8(), r.value9(), Role.of(r.value10()),
                            r.value11(), r.value12(), r.value13(), r.value14(), Boolean.TRUE.equals(r.value15()), r.value17());
                    return new Session(r.value1(), m, r.value2(), r.value3(), r.value4(), r.value5(), r.value6(),
                            r.value7(), r.value16());
                })
                .filter(s -> s.member() == null || !s.lastSeenAt().plus(IDLE_TIMEOUT).isBefore(now))
                .filter(s -> s.member() == null || !s.member().deleted() && !s.member().banned());
    }

    /**
     * The live session for a cookie token as {@link #find} read it at most {@link #KEPT_FOR} ago, touched: for
     * requests that only read what anyone may read (a content page), where a session ended or changed elsewhere a
     * moment ago shows no more than a page kept as long would. Every write on this instance forgets what is kept
     * ({@link #forgetKept}), so a member's next page after their own change reads afresh; requests that act on the
     * session (writes, account and staff pages) use {@link #find}. Only sessions found are kept: made-up tokens take
     * no room.
     */
    public Optional<Session> findKept(String token) {
        String hash = hashOf(token);
        if (hash == null) {
            return Optional.empty();
        }
        long generation = keptGeneration.get();
        Kept kept = this.kept.getIfPresent(hash);
        if (kept != null && kept.generation() == generation) {
            return Optional.of(kept.session());
        }
        Optional<Session> found = findHashed(hash).map(this::touch);
        found.ifPresent(session -> this.kept.put(hash, new Kept(session, generation)));
        return found;
    }

    /**
     * Forgets every kept session: after a write on this instance, which may have changed any of them. A count, not a
     * sweep (every POST calls it, and clearing the cache takes its lock): what was kept before is no longer served,
     * and ages out.
     */
    public void forgetKept() {
        keptGeneration.incrementAndGet();
    }

    /** Records activity, at most every {@link #TOUCH_EVERY}; returns the session as it now is. */
    public Session touch(Session s) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        if (s.lastSeenAt().plus(TOUCH_EVERY).isBefore(now)) {
            db.dsl().update(MEMBER_SESSION).set(MEMBER_SESSION.LAST_SEEN_AT, now)
                    .where(MEMBER_SESSION.ID.eq(s.id())).execute();
            return new Session(s.id(), s.member(), s.csrf(), s.mfaPassed(), s.pendingTotp(), s.createdAt(), now,
                    s.expiresAt(), s.unread());
        }
        return s;
    }

    public void end(long sessionId) {
        db.dsl().deleteFrom(MEMBER_SESSION).where(MEMBER_SESSION.ID.eq(sessionId)).execute();
    }

    /** Ends one of a member's own sessions; false when it is not theirs. */
    public boolean endOwn(long memberId, long sessionId) {
        return db.dsl().deleteFrom(MEMBER_SESSION).where(MEMBER_SESSION.ID.eq(sessionId))
                .and(MEMBER_SESSION.MEMBER_ID.eq(memberId)).execute() == 1;
    }

    /** Ends every session of a member at once (a ban, a deleted account). */
    public int endAll(long memberId) {
        return db.dsl().deleteFrom(MEMBER_SESSION).where(MEMBER_SESSION.MEMBER_ID.eq(memberId)).execute();
    }

    public int endOthers(long memberId, long keepSessionId) {
        return db.dsl().deleteFrom(MEMBER_SESSION).where(MEMBER_SESSION.MEMBER_ID.eq(memberId))
                .and(MEMBER_SESSION.ID.ne(keepSessionId)).execute();
    }

    public List<Listed> list(long memberId, long currentSessionId) {
        return db.dsl().selectFrom(MEMBER_SESSION).where(MEMBER_SESSION.MEMBER_ID.eq(memberId))
                .and(MEMBER_SESSION.EXPIRES_AT.gt(OffsetDateTime.now(clock)))
                .orderBy(MEMBER_SESSION.LAST_SEEN_AT.desc())
                .fetch(r -> new Listed(r.getId(), r.getCreatedAt(), r.getLastSeenAt(), r.getUserAgent(), r.getIp(),
                        r.getId() == currentSessionId));
    }

    public void passMfa(long sessionId) {
        db.dsl().update(MEMBER_SESSION).set(MEMBER_SESSION.MFA_PASSED, true)
                .set(MEMBER_SESSION.PENDING_TOTP, (String) null)
                .where(MEMBER_SESSION.ID.eq(sessionId)).execute();
    }

    public void setPendingTotp(long sessionId, String secret) {
        db.dsl().update(MEMBER_SESSION).set(MEMBER_SESSION.PENDING_TOTP, secret)
                .where(MEMBER_SESSION.ID.eq(sessionId)).execute();
    }

    /** Removes expired and idle sessions; returns how many. */
    public int deleteExpired() {
        OffsetDateTime now = OffsetDateTime.now(clock);
        return db.dsl().deleteFrom(MEMBER_SESSION)
                .where(MEMBER_SESSION.EXPIRES_AT.le(now))
                .or(MEMBER_SESSION.MEMBER_ID.isNotNull().and(MEMBER_SESSION.LAST_SEEN_AT.lt(now.minus(IDLE_TIMEOUT))))
                .execute();
    }

    /** 256 random bits, URL-safe Base64 without padding (43 characters). */
    static String randomToken() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String truncate(String s, int max) {
        return s == null ? null : s.length() <= max ? s : s.substring(0, max);
    }
}
