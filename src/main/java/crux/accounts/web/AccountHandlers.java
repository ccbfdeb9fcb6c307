package crux.accounts.web;

import crux.accounts.AccountRepository;
import crux.accounts.Addresses;
import crux.accounts.EmailRepository;
import crux.accounts.Member;
import crux.accounts.Passwords;
import crux.accounts.SessionRepository;
import crux.accounts.Usernames;
import crux.core.OverLimit;
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

    /**
     * Failed attempts from one address: enough for a classroom's typos, too few to guess passwords. A sign-in whose
     * password is right is not counted.
     */
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
    /**
     * New accounts from one address (the forwarded one behind a trusted proxy): a classroom or an office behind one
     * router joins in an hour; a sock-puppet farm does not.
     */
    public static final RateLimitRepository.Limit REGISTRATIONS_PER_IP = new RateLimitRepository.Limit("register-ip", 30,
            Duration.ofHours(1));

    public static final String BAD_LOGIN = "That name and password do not match. Check both and try again.";

    /** A sign-in or registration page; {@code mailEnabled}: Crux can send mail (the address field is offered). */
    public record AuthPage(Forms.State form, String next, boolean mailEnabled) {
    }

    private final AccountRepository accounts;
    private final Passwords passwords;
    private final RateLimitRepository limiter;
    private final ClientIp clientIp;
    private final Gate gate;
    private final SignInLimits signIns;
    private final SignIn signIn;
    private final TwoFactorHandlers twoFactor;
    private final EmailRepository emails;
    private final boolean mailEnabled;

    /** @param mailEnabled Crux can send mail: registration then takes an optional address and mails it a link */
    AccountHandlers(AccountRepository accounts, Passwords passwords, RateLimitRepository limiter, ClientIp clientIp,
                    Gate gate, SignInLimits signIns, SignIn signIn, TwoFactorHandlers twoFactor,
                    EmailRepository emails, boolean mailEnabled) {
        this.emails = emails;
        this.mailEnabled = mailEnabled;
        this.accounts = accounts;
        this.passwords = passwords;
        this.limiter = limiter;
        this.clientIp = clientIp;
        this.gate = gate;
        this.signIns = signIns;
        this.signIn = signIn;
        this.twoFactor = twoFactor;
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
        if (!form.hasErrors()) {
            accounts.lookAlike(name).ifPresent(other -> form.error("name", "That name looks too much like "
                    + other + ", a member already here. Please choose another."));
        }
        passwords.problem(password, name).ifPresent(p -> form.error("password", p));
        if (!password.equals(Forms.asSent(ctx, "confirm"))) {
            form.error("confirm", "The two passwords are not the same.");
        }
        if (form.hasErrors()) {
            rerender(ctx, "accounts/register", form);
            return;
        }
        Optional<Member> member;
        try {
            RateLimitRepository.Decision d = limiter.hit(REGISTRATIONS_PER_IP, clientIp.of(ctx));
            if (!d.allowed()) {
                throw new OverLimit("Too many new accounts from your network in the last hour. Try again "
                        + OverLimit.in(d.retryAfterSeconds()) + ".", d.retryAfterSeconds());
            }
            member = accounts.create(name, passwords.hash(password));
        } catch (OverLimit over) {
            overLimit(ctx, "accounts/register", form, "name", over);
            return;
        }
        if (member.isEmpty()) {
            rerender(ctx, "accounts/register", form.error("name", "That name is taken. Please choose another."));
            return;
        }
        signIn.start(ctx, member.get(), false);
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
        Forms.Builder form = new Forms.Builder().value("name", name);
        String next = Forms.safeNext(ctx.formParam("next"));
        Optional<AccountRepository.Credentials> credentials;
        Passwords.Check check;
        RateLimitRepository.Attempt fromIp;
        RateLimitRepository.Attempt onName;
        try {
            fromIp = limiter.attempt(LOGIN_PER_IP, clientIp.of(ctx));
            if (!fromIp.allowed()) {
                long wait = fromIp.decision().retryAfterSeconds();
                throw new OverLimit("Too many sign-in attempts from your network. Try again " + OverLimit.in(wait)
                        + ".", wait);
            }
            credentials = password.length() > Passwords.MAX_LENGTH * 4 ? Optional.empty()
                    : accounts.credentials(name);
            onName = signIns.attempt(ctx, Usernames.key(name),
                    credentials.map(AccountRepository.Credentials::memberId),
                    "Too many failed sign-ins for this name.");
            check = passwords.check(password, credentials.map(AccountRepository.Credentials::passwordHash)
                    .orElse(null));
        } catch (OverLimit over) {
            overLimit(ctx, "accounts/login", form, "password", over);
            return;
        }
        if (!check.matches()) {
            rerender(ctx, "accounts/login", form.error("password", BAD_LOGIN));
            return;
        }
        // a right password is no failure, whatever follows
        limiter.giveBack(fromIp);
        long id = credentials.get().memberId();
        if (check.rehash()) {
            accounts.setPasswordHash(id, passwords.hash(password));
        }
        Member member = accounts.byId(id).orElseThrow(HttpError::notFound);
        if (member.banned()) {
            signIns.passwordRight(onName);
            rerender(ctx, "accounts/login", form.error("password", "This account has been banned."));
            return;
        }
        if (member.totpEnrolled()) {
            signIns.passwordRight(onName);
            twoFactor.startSignIn(ctx, member, next);
            return;
        }
        signIns.succeeded(ctx, onName, id);
        signIn.start(ctx, member, false);
        ctx.redirect(next);
    }

    public void logout(Context ctx) {
        SessionRepository.Session s = Gate.session(ctx);
        if (s != null) {
            signIn.end(s);
        }
        gate.clearSessionCookie(ctx);
        Flash.set(ctx, "You have signed out.");
        ctx.redirect("/");
    }

    private void rerender(Context ctx, String template, Forms.Builder form) {
        ctx.status(422);
        render(ctx, template, form);
    }

    /**
     * Over a limit: the form comes back as typed (never the password) with the refusal beside {@code field}, the
     * status and Retry-After an error page would have had.
     */
    private void overLimit(Context ctx, String template, Forms.Builder form, String field, OverLimit over) {
        ctx.status(429);
        ctx.header("Retry-After", Long.toString(over.retryAfterSeconds()));
        render(ctx, template, form.error(field, over.getMessage()));
    }

    private void render(Context ctx, String template, Forms.Builder form) {
        gate.issueVisitorToken(ctx); // the form comes back with a fresh token, so a second try is not refused
        ctx.render(template, Map.of("page", new AuthPage(form.build(), Forms.safeNext(ctx.formParam("next")),
                mailEnabled)));
    }

    private static String next(Context ctx) {
        return Forms.safeNext(ctx.queryParam("next"));
    }
}
