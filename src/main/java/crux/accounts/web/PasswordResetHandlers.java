package crux.accounts.web;

import crux.accounts.Addresses;
import crux.accounts.Passwords;
import crux.accounts.PasswordResetRepository;
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

/**
 * "Forgot your password?": a form asking for the address, which is answered alike whether or not anyone has it, and
 * the page a mailed reset link opens, where a new password is chosen.
 */
public final class PasswordResetHandlers {

    /** Reset requests from one network: a household forgetting passwords, not a script probing addresses. */
    public static final RateLimitRepository.Limit FORGOT_PER_IP = new RateLimitRepository.Limit("forgot-ip", 10,
            Duration.ofHours(1));
    /** Reset mails to one address: enough for a lost mail or two, too few to fill someone's inbox. */
    public static final RateLimitRepository.Limit FORGOT_PER_ADDRESS = new RateLimitRepository.Limit("forgot-address",
            3, Duration.ofHours(1));
    /** New passwords set through links from one network (each costs an Argon2 hash). */
    public static final RateLimitRepository.Limit RESETS_PER_IP = new RateLimitRepository.Limit("reset-ip", 20,
            Duration.ofHours(1));

    /** The answer to every request, known address or not. */
    public static final String SENT = "If a Crux account has that verified address, a link to choose a new password "
            + "is on its way to it. The link works for one hour, once. Nothing there? Check the spam folder, or ask "
            + "again in a few minutes.";
    /** What a link that does not work opens. */
    public static final String BROKEN_LINK = "This link does not work any more: it was already used, it has expired "
            + "(links work for one hour), or a newer one was sent since.";

    /** The "forgot your password?" page. */
    public record ForgotPage(Forms.State form, boolean mailEnabled) {
    }

    /** The page a reset link opens: the form for a new password, or why the link does not work. */
    public record ResetPage(Forms.State form, String token, String name, boolean works) {
    }

    private final PasswordResetRepository resets;
    private final Passwords passwords;
    private final RateLimitRepository limiter;
    private final ClientIp clientIp;
    private final Gate gate;
    private final boolean mailEnabled;

    public PasswordResetHandlers(PasswordResetRepository resets, Passwords passwords, RateLimitRepository limiter,
                                 ClientIp clientIp, Gate gate, boolean mailEnabled) {
        this.resets = resets;
        this.passwords = passwords;
        this.limiter = limiter;
        this.clientIp = clientIp;
        this.gate = gate;
        this.mailEnabled = mailEnabled;
    }

    public void forgotForm(Context ctx) {
        gate.issueVisitorToken(ctx);
        ctx.render("accounts/forgot", Map.of("page", new ForgotPage(Forms.State.empty(), mailEnabled)));
    }

    /**
     * Stores the request and answers {@link #SENT}: the same statements, whoever has the address (the look-up
     * happens later, on the mail sender's thread).
     */
    public void forgot(Context ctx) {
        if (!mailEnabled) {
            throw HttpError.conflict("Mail is not set up on this Crux, so no reset link can be sent. Ask its "
                    + "operator for one.");
        }
        String address = Addresses.normalise(Forms.asSent(ctx, "email"));
        Optional<String> problem = Addresses.problem(address);
        if (problem.isPresent()) {
            ctx.status(422);
            gate.issueVisitorToken(ctx);
            ctx.render("accounts/forgot", Map.of("page", new ForgotPage(new Forms.Builder().value("email", address)
                    .error("email", problem.get()).build(), true)));
            return;
        }
        RateLimitRepository.Decision d = limiter.hit(FORGOT_PER_IP, clientIp.of(ctx));
        if (d.allowed()) {
            d = limiter.hit(FORGOT_PER_ADDRESS, Addresses.key(address));
        }
        if (!d.allowed()) {
            // the form comes back with the address as typed, saying when to try again
            ctx.status(429);
            ctx.header("Retry-After", Long.toString(d.retryAfterSeconds()));
            gate.issueVisitorToken(ctx);
            ctx.render("accounts/forgot", Map.of("page", new ForgotPage(new Forms.Builder().value("email", address)
                    .error("email", "Too many requests for a reset link. Please try again in "
                            + minutes(d.retryAfterSeconds()) + ".").build(), true)));
            return;
        }
        resets.request(address);
        Flash.set(ctx, SENT);
        ctx.redirect("/password/forgot");
    }

    public void resetForm(Context ctx) {
        noStore(ctx);
        String token = ctx.pathParam("token");
        Optional<PasswordResetRepository.Target> target = resets.target(token);
        if (target.isEmpty()) {
            broken(ctx);
            return;
        }
        gate.issueVisitorToken(ctx);
        ctx.render("accounts/reset", Map.of("page", new ResetPage(Forms.State.empty(), token, target.get().name(),
                true)));
    }

    public void reset(Context ctx) {
        noStore(ctx);
        String token = ctx.pathParam("token");
        Optional<PasswordResetRepository.Target> target = resets.target(token);
        if (target.isEmpty()) {
            broken(ctx);
            return;
        }
        String password = Forms.asSent(ctx, "password");
        Forms.Builder form = new Forms.Builder();
        passwords.problem(password, target.get().name()).ifPresent(p -> form.error("password", p));
        if (!password.equals(Forms.asSent(ctx, "confirm"))) {
            form.error("confirm", "The two passwords are not the same.");
        }
        if (form.hasErrors()) {
            ctx.status(422);
            gate.issueVisitorToken(ctx);
            ctx.render("accounts/reset", Map.of("page", new ResetPage(form.build(), token, target.get().name(),
                    true)));
            return;
        }
        limit(RESETS_PER_IP, clientIp.of(ctx));
        if (resets.reset(token, passwords.hash(password)).isEmpty()) {
            broken(ctx); // used by a request racing this one
            return;
        }
        if (Gate.viewer(ctx) != null && Gate.viewer(ctx).id() == target.get().memberId()) {
            gate.clearSessionCookie(ctx); // its session has just ended with the others
        }
        Flash.set(ctx, "Your password has been changed, and every session of your account has ended. Sign in with "
                + "your new password.");
        ctx.redirect("/login");
    }

    private void broken(Context ctx) {
        ctx.status(410);
        ctx.render("accounts/reset", Map.of("page", new ResetPage(Forms.State.empty(), null, null, false)));
    }

    /** Pages holding a one-time token are not kept by the browser or anything in between. */
    static void noStore(Context ctx) {
        ctx.header("Cache-Control", "no-store");
    }

    static String minutes(long seconds) {
        long m = Math.max(1, (seconds + 59) / 60);
        return m == 1 ? "a minute" : m + " minutes";
    }

    private void limit(RateLimitRepository.Limit limit, String key) {
        RateLimitRepository.Decision d = limiter.hit(limit, key);
        if (!d.allowed()) {
            throw HttpError.tooManyRequests("Too many password reset requests. Please wait and try again.",
                    d.retryAfterSeconds());
        }
    }
}
