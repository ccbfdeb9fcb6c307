package crux.accounts.web;

import crux.accounts.AccountRepository;
import crux.accounts.Addresses;
import crux.accounts.EmailRepository;
import crux.accounts.Member;
import crux.accounts.Passwords;
import crux.accounts.SessionRepository;
import crux.accounts.Usernames;
import crux.core.RateLimitRepository;
import crux.web.ClientIp;
import crux.web.Flash;
import crux.web.Forms;
import crux.web.Gate;
import crux.web.HttpError;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** Registration, sign-in and sign-out. */
public final class AccountHandlers {

    /** Attempts from one address: enough for typos, too few to guess passwords. */
    public static final RateLimitRepository.Limit LOGIN_PER_IP = new RateLimitRepository.Limit("login-ip", 20,
            Duration.ofMinutes(10));
    /**
     * Failed attempts on one name from browsers that have never signed in to it: stops a distributed guess at one
     * account without locking out its owner's own browsers ({@link SignInLimits}).
     */
    public static final RateLimitRepository.Limit LOGIN_FAILURES_PER_NAME = new RateLimitRepository.Limit("login-name",
            5, Duration.ofMinutes(15));
    /** Failed attempts from one of the member's own browsers: as few as for a name, in case the device is stolen. */
    public static final RateLimitRepository.Limit LOGIN_FAILURES_PER_DEVICE = new RateLimitRepository.Limit(
            "login-device", LOGIN_FAILURES_PER_NAME.max(), LOGIN_FAILURES_PER_NAME.window());
    /** New accounts from one address: a household, not a sock-puppet farm. */
    public static final RateLimitRepository.Limit REGISTRATIONS_PER_IP = new RateLimitRepository.Limit("register-ip", 5,
            Duration.ofHours(1));

    public static final String BAD_LOGIN = "That name and password do not match. Check both and try again.";

    /** A sign-in or registration page; {@code mailEnabled}: Crux can send mail (the address field is offered). */
    public record AuthPage(Forms.State form, String next, boolean mailEnabled) {
    }

    private final AccountRepository accounts;
    private final SessionRepository sessions;
    private final Passwords passwords;
    private final RateLimitRepository limiter;
    private final ClientIp clientIp;
    private final Gate gate;
    private final SignInLimits signIns;
    private final EmailRepository emails;
    private final boolean mailEnabled;

    /** @param mailEnabled Crux can send mail: registration then takes an optional address and mails it a link */
    public AccountHandlers(AccountRepository accounts, SessionRepository sessions, Passwords passwords,
                           RateLimitRepository limiter, ClientIp clientIp, Gate gate, SignInLimits signIns,
                           EmailRepository emails, boolean mailEnabled) {
        this.emails = emails;
        this.mailEnabled = mailEnabled;
        this.signIns = signIns;
        this.accounts = accounts;
        this.sessions = sessions;
        this.passwords = passwords;
        this.limiter = limiter;
        this.clientIp = clientIp;
        this.gate = gate;
    }

    public void registerForm(Context ctx) {
        gate.issueVisitorToken(ctx);
        ctx.render("accounts/register", Map.of("page", new AuthPage(Forms.State.empty(), next(ctx), mailEnabled)));
    }

    public void register(Context ctx) {
        String name = Usernames.normalise(Forms.asSent(ctx, "name"));
        String password = Forms.asSent(ctx, "password");
        String email = mailEnabled ? Addresses.normalise(Forms.asSent(ctx, "email")) : "";
        Forms.Builder form = new Forms.Builder().value("name", name).value("email", email);
        Usernames.problem(name).ifPresent(p -> form.error("name", p));
        if (!email.isEmpty()) {
            Addresses.problem(email).ifPresent(p -> form.error("email", p));
        }
        passwords.problem(password, name).ifPresent(p -> form.error("password", p));
        if (!password.equals(Forms.asSent(ctx, "confirm"))) {
            form.error("confirm", "The two passwords are not the same.");
        }
        if (form.hasErrors()) {
            rerender(ctx, "accounts/register", form);
            return;
        }
        limit(REGISTRATIONS_PER_IP, clientIp.of(ctx),
                "Too many new accounts from your network. Please try again later.");
        var member = accounts.create(name, passwords.hash(password));
        if (member.isEmpty()) {
            rerender(ctx, "accounts/register", form.error("name", "That name is taken. Please choose another."));
            return;
        }
        signIn(ctx, member.get());
        if (!email.isEmpty()) {
            emails.requestVerification(member.get().id(), email);
        }
        Flash.set(ctx, "Welcome to Crux, " + member.get().name() + "."
                + (email.isEmpty() ? "" : " Open the link we mailed to " + email + " to confirm your address."));
        ctx.redirect(Forms.safeNext(ctx.formParam("next")));
    }

    public void loginForm(Context ctx) {
        gate.issueVisitorToken(ctx);
        ctx.render("accounts/login", Map.of("page", new AuthPage(Forms.State.empty(), next(ctx), mailEnabled)));
    }

    public void login(Context ctx) {
        String name = Usernames.normalise(Forms.asSent(ctx, "name"));
        String password = Forms.asSent(ctx, "password");
        limit(LOGIN_PER_IP, clientIp.of(ctx), "Too many sign-in attempts. Please wait and try again.");
        var credentials = password.length() > Passwords.MAX_LENGTH * 4 ? Optional.<AccountRepository.Credentials>empty()
                : accounts.credentials(name);
        RateLimitRepository.Attempt attempt = signIns.attempt(ctx, Usernames.key(name),
                credentials.map(AccountRepository.Credentials::memberId),
                "Too many failed sign-ins for this name. Please wait and try again.");
        boolean ok = passwords.matches(password,
                credentials.map(AccountRepository.Credentials::passwordHash).orElse(null));
        if (!ok) {
            rerender(ctx, "accounts/login", new Forms.Builder().value("name", name).error("password", BAD_LOGIN));
            return;
        }
        long id = credentials.get().memberId();
        if (passwords.needsRehash(credentials.get().passwordHash())) {
            accounts.setPasswordHash(id, passwords.hash(password));
        }
        Member member = accounts.byId(id).orElseThrow(HttpError::notFound);
        if (member.banned()) {
            rerender(ctx, "accounts/login", new Forms.Builder().value("name", name)
                    .error("password", "This account has been banned."));
            return;
        }
        signIns.succeeded(ctx, attempt, id);
        signIn(ctx, member);
        ctx.redirect(Forms.safeNext(ctx.formParam("next")));
    }

    public void logout(Context ctx) {
        SessionRepository.Session s = Gate.session(ctx);
        if (s != null) {
            sessions.end(s.id());
        }
        gate.clearSessionCookie(ctx);
        Flash.set(ctx, "You have signed out.");
        ctx.redirect("/");
    }

    /** A new session (and token) at every sign-in: a cookie planted before login is worthless after it. */
    void signIn(Context ctx, Member member) {
        SessionRepository.Session old = Gate.session(ctx);
        if (old != null) {
            sessions.end(old.id());
        }
        gate.setSessionCookie(ctx, sessions.create(member, false, ctx.userAgent(), clientIp.of(ctx)));
    }

    private void rerender(Context ctx, String template, Forms.Builder form) {
        ctx.status(422);
        gate.issueVisitorToken(ctx); // the form comes back with a fresh token, so a second try is not refused
        ctx.render(template, Map.of("page", new AuthPage(form.build(), Forms.safeNext(ctx.formParam("next")), mailEnabled)));
    }

    private void limit(RateLimitRepository.Limit limit, String key, String message) {
        RateLimitRepository.Decision d = limiter.hit(limit, key);
        if (!d.allowed()) {
            throw HttpError.tooManyRequests(message, d.retryAfterSeconds());
        }
    }

    private static String next(Context ctx) {
        return Forms.safeNext(ctx.queryParam("next"));
    }
}
