package crux.web;

import crux.accounts.Member;
import crux.accounts.SessionRepository;
import crux.core.OverLimit;
import crux.core.RateLimitRepository;
import crux.db.Database;
import crux.db.WriteBudget;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import io.javalin.http.SameSite;
import io.javalin.security.RouteRole;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs before every matched route, in this order: find the session, refuse cross-site and token-less POSTs,
 * check the route's {@link Access}, spend the member's write budget. The one place access is decided.
 */
public final class Gate implements Handler {

    private static final Logger LOG = LoggerFactory.getLogger(Gate.class);

    public static final String SESSION = "crux.session";
    /** The request attribute holding its write budget (paying writes only). */
    private static final String BUDGET = "crux.budget";
    /** The CSRF token issued to a visitor without a session in this request ({@link VisitorTokens}). */
    public static final String VISITOR_CSRF = "crux.visitorCsrf";
    public static final String CSRF_FIELD = "_csrf";
    public static final String CSRF_HEADER = "X-CSRF-Token";

    /** Every write a member makes, whatever it is: generous for people, a ceiling for scripts (CRUX_WRITE_BUDGET). */
    public static final RateLimitRepository.Limit WRITES_PER_MEMBER = writesPerMember(crux.Config.DEFAULT_WRITE_BUDGET);

    public static RateLimitRepository.Limit writesPerMember(int max) {
        return new RateLimitRepository.Limit("writes", max, Duration.ofMinutes(10));
    }

    private final SessionRepository sessions;
    private final RateLimitRepository limiter;
    private final Database db;
    private final Clock clock;
    private final boolean secureCookies;
    private final RateLimitRepository.Limit writes;
    private final VisitorTokens visitors;
    /** The site's public origin (scheme, host, port) from CRUX_BASE_URL, or null when it is not set. */
    private final String publicOrigin;

    /**
     * @param baseUrl CRUX_BASE_URL, or null: forms whose Origin is this address are the site's own even when a proxy
     *                in front rewrites the Host header
     */
    public Gate(SessionRepository sessions, RateLimitRepository limiter, Database db, Clock clock,
            boolean secureCookies, RateLimitRepository.Limit writes, VisitorTokens visitors, String baseUrl) {
        this.publicOrigin = baseUrl == null || baseUrl.isBlank() ? null : origin(baseUrl);
        this.writes = writes;
        this.visitors = visitors;
        this.sessions = sessions;
        this.db = db;
        this.limiter = limiter;
        this.clock = clock;
        this.secureCookies = secureCookies;
    }

    @Override
    public void handle(Context ctx) {
        Access access = access(ctx.routeRoles());
        boolean write = ctx.method() != HandlerType.GET && ctx.method() != HandlerType.HEAD;
        String token = ctx.cookie(SessionRepository.COOKIE);
        // a page anyone may read takes the session as read a moment ago (a statement fewer on most views); whatever
        // acts on the session or needs rights checked now (writes, account and staff pages) reads it afresh
        SessionRepository.Session session = (!write && access == Access.PUBLIC ? sessions.findKept(token)
                : sessions.find(token).map(sessions::touch)).orElse(null);
        if (session != null) {
            ctx.attribute(SESSION, session);
        }
        if (write && access != Access.TOKEN) {
            checkOrigin(ctx);
            checkCsrf(ctx, session, visitors);
        }
        Member member = session == null ? null : session.member();
        switch (access) {
            case PUBLIC, TOKEN -> { }
            case ACCOUNT, MEMBER -> requireMember(ctx, member);
            case MODERATOR -> requireStaff(ctx, session, member != null && member.moderator(), "moderators");
            case ADMIN -> requireStaff(ctx, session, member != null && member.admin(), "admins");
        }
        if (write && member != null && access != Access.PUBLIC && access != Access.TOKEN
                && access != Access.ACCOUNT) {
            if (!member.canWrite(OffsetDateTime.now(clock))) {
                throw HttpError.forbidden("Your account is suspended" + (member.suspendedUntil() != null
                        ? " until " + member.suspendedUntil().toLocalDate() : "")
                        + ". You can still read everything, but cannot post, vote or flag.");
            }
            // spent inside the write's own transaction: one commit, and nothing spent when the write is refused
            ctx.attribute(BUDGET, new RequestBudget(Long.toString(member.id())));
        }
    }

    private static void spend(RateLimitRepository.Decision d) {
        if (!d.allowed()) {
            throw new OverLimit("You have made a lot of changes in a short time. "
                    + "Please wait a few minutes and try again.", d.retryAfterSeconds());
        }
    }

    /**
     * After every request: a write forgets the sessions kept for content pages. A write that succeeded without a
     * transaction of its own (none should) still spends its budget, here; a refused one (4xx, 5xx) spends nothing.
     * Either way nothing is left for the thread's next request.
     */
    public void settle(Context ctx) {
        if (ctx.method() != HandlerType.GET && ctx.method() != HandlerType.HEAD) {
            // any write may have changed a session, a member or their unread count: kept sessions are read again
            sessions.forgetKept();
        }
        RequestBudget budget = ctx.attribute(BUDGET);
        if (budget != null && !budget.spent() && ctx.statusCode() < 400) {
            LOG.warn("{} {} wrote without spending its write budget; it is spent after it", ctx.method(), ctx.path());
            try {
                db.run(budget, tx -> { });
            } catch (OverLimit tooLate) {
                // already written: the limit refuses the member's next write instead
            }
        }
    }

    /**
     * What this request's writes cost: the member's write budget on member, moderator and admin writes,
     * {@link WriteBudget#FREE} on anything else. Handlers pass it to the one write they make.
     */
    public static WriteBudget budget(Context ctx) {
        WriteBudget budget = ctx.attribute(BUDGET);
        return budget == null ? WriteBudget.FREE : budget;
    }

    /**
     * This request, though a POST by a member, writes nothing (a preview): it spends no write budget, so a member
     * checking how their text looks cannot run out of allowance for posting it.
     */
    public static void writesNothing(Context ctx) {
        ctx.attribute(BUDGET, null);
    }

    /** One request's write budget: spends the member's allowance, remembering whether a write has spent it. */
    private final class RequestBudget implements WriteBudget {
        private final String key;
        private final AtomicBoolean spent = new AtomicBoolean();

        RequestBudget(String key) {
            this.key = key;
        }

        @Override
        public void spend(DSLContext tx) {
            Gate.spend(limiter.hit(tx, writes, key));
            spent.set(true);
        }

        boolean spent() {
            return spent.get();
        }
    }

    /** The session of this request, if any (set by the gate). */
    public static SessionRepository.Session session(Context ctx) {
        return ctx.attribute(SESSION);
    }

    /** The signed-in member of this request, or null for a visitor without a session. */
    public static Member viewer(Context ctx) {
        SessionRepository.Session s = session(ctx);
        return s == null ? null : s.member();
    }

    /** The signed-in member; the gate has already refused anonymous requests on member routes. */
    public static Member member(Context ctx) {
        SessionRepository.Session s = session(ctx);
        if (s == null || s.member() == null) {
            throw HttpError.forbidden("Please sign in first.");
        }
        return s.member();
    }

    /**
     * Gives a visitor without a session a CSRF token for the page's forms (sign-in, registration): nothing is stored,
     * only a cookie set (see {@link VisitorTokens}). A visitor with a session uses the session's token.
     */
    public void issueVisitorToken(Context ctx) {
        if (session(ctx) == null) {
            ctx.attribute(VISITOR_CSRF, visitors.issue(ctx));
        }
    }

    /** Sets the session cookie: HttpOnly, SameSite=Lax, Path=/ (and Secure behind HTTPS). */
    public void setSessionCookie(Context ctx, SessionRepository.Created created) {
        ctx.cookie(new Cookie(SessionRepository.COOKIE, created.token(), "/", -1, secureCookies, true, null,
                SameSite.LAX));
        ctx.attribute(SESSION, created.session());
    }

    public void clearSessionCookie(Context ctx) {
        ctx.cookie(new Cookie(SessionRepository.COOKIE, "", "/", 0, secureCookies, true, null, SameSite.LAX));
        ctx.attribute(SESSION, null);
    }

    private static Access access(Set<RouteRole> roles) {
        for (RouteRole r : roles) {
            if (r instanceof Access a) {
                return a;
            }
        }
        // a route without a declared role is treated as the strictest: it cannot slip through by omission
        return Access.ADMIN;
    }

    private static void requireMember(Context ctx, Member member) {
        if (member == null) {
            if (ctx.method() == HandlerType.GET || ctx.method() == HandlerType.HEAD) {
                throw new Redirect("/login?next=" + URLEncoder.encode(ctx.path(), StandardCharsets.UTF_8));
            }
            throw HttpError.forbidden("Please sign in first.");
        }
    }

    private static void requireStaff(Context ctx, SessionRepository.Session session, boolean hasRole, String who) {
        if (session == null || session.member() == null) {
            requireMember(ctx, null);
        }
        if (!hasRole) {
            throw HttpError.forbidden("This page is for " + who + ".");
        }
        if (!session.member().totpEnrolled()) {
            throw new Redirect("/settings/two-factor");
        }
        if (!session.mfaPassed()) {
            throw new Redirect("/two-factor?next=" + URLEncoder.encode(ctx.path(), StandardCharsets.UTF_8));
        }
    }

    /** A cross-site form post is refused even before the token is looked at. */
    private void checkOrigin(Context ctx) {
        String site = ctx.header("Sec-Fetch-Site");
        if (site != null && !site.equals("same-origin") && !site.equals("none")) {
            throw HttpError.forbidden("This form was sent from another site and was refused.");
        }
        String origin = ctx.header("Origin");
        if (origin != null && publicOrigin != null && publicOrigin.equalsIgnoreCase(origin(origin))) {
            return;
        }
        if (origin != null && !origin.equals("null")) {
            String host = ctx.header("Host");
            try {
                URI u = URI.create(origin);
                String originHost = u.getPort() == -1 ? u.getHost() : u.getHost() + ":" + u.getPort();
                if (host == null || originHost == null || !originHost.equalsIgnoreCase(host)) {
                    throw HttpError.forbidden("This form was sent from another site and was refused.");
                }
            } catch (IllegalArgumentException e) {
                throw HttpError.forbidden("This form was sent from another site and was refused.");
            }
        } else if ("null".equals(origin)) {
            throw HttpError.forbidden("This form was sent from another site and was refused.");
        }
    }

    /** scheme://host[:port] of an address, with the scheme's default port left out; "" when it is not one. */
    static String origin(String url) {
        try {
            URI u = URI.create(url.strip());
            if (u.getScheme() == null || u.getHost() == null) {
                return "";
            }
            String scheme = u.getScheme().toLowerCase(java.util.Locale.ROOT);
            int port = u.getPort();
            boolean defaultPort = port == -1 || scheme.equals("https") && port == 443 || scheme.equals("http") && port == 80;
            return scheme + "://" + u.getHost().toLowerCase(java.util.Locale.ROOT) + (defaultPort ? "" : ":" + port);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    private static void checkCsrf(Context ctx, SessionRepository.Session session, VisitorTokens visitors) {
        String sent = ctx.header(CSRF_HEADER);
        if (sent == null) {
            try {
                sent = ctx.formParam(CSRF_FIELD);
            } catch (HttpResponseException javalinsOwnAnswer) {
                throw javalinsOwnAnswer; // e.g. 413 for a body over the size limit: its status is the right answer
            } catch (RuntimeException unreadableBody) {
                throw HttpError.badRequest("The form could not be read. Please reload the page and try again.");
            }
        }
        boolean valid = session == null ? visitors.matches(ctx.cookie(VisitorTokens.COOKIE), sent)
                : sent != null && MessageDigest.isEqual(sent.getBytes(StandardCharsets.UTF_8),
                        session.csrf().getBytes(StandardCharsets.UTF_8));
        if (!valid) {
            throw HttpError.forbidden("This form has expired or did not come from Crux. Please reload the page and try again.");
        }
    }

    /** Thrown to send the browser elsewhere before the handler runs (sign in, two-factor). */
    public static final class Redirect extends RuntimeException {
        private final String location;

        public Redirect(String location) {
            super(location, null, false, false);
            this.location = location;
        }

        public String location() {
            return location;
        }
    }
}
