package crux.accounts.web;

import crux.accounts.AccountRepository;
import crux.accounts.Bio;
import crux.accounts.EmailRepository;
import crux.accounts.Member;
import crux.accounts.Passwords;
import crux.accounts.SessionRepository;
import crux.accounts.TwoFactorRepository;
import crux.accounts.Usernames;
import crux.core.RateLimitRepository;
import crux.web.ClientIp;
import crux.web.Flash;
import crux.web.Forms;
import crux.web.Gate;
import crux.web.HttpError;
import crux.web.Ids;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** A member's own account: bio, password, sessions, two-factor, deletion. */
public final class SettingsHandlers {

    /**
     * Wrong two-factor codes for one member. Three codes are valid at any moment, so each guess has a 3-in-a-million
     * chance: five per five minutes keeps a thief who has the password (or a session) years away from the sixth digit.
     */
    public static final RateLimitRepository.Limit TWO_FACTOR_FAILURES = new RateLimitRepository.Limit("totp", 5,
            Duration.ofMinutes(5));

    /** The settings page. */
    /** @param email the member's address, verified and pending (shown to them alone) */
    public record SettingsPage(Member member, List<SessionRepository.Listed> sessions, Forms.State password,
                               Forms.State delete, EmailRepository.Addresses email, Forms.State bio) {
        public int bioMax() {
            return Bio.MAX;
        }
    }

    /** Two-factor enrolment: the secret and its QR code, shown until a first code confirms them. */
    public record EnrolPage(String secret, String uri, TwoFactorRepository.Qr qr, Forms.State form, boolean enrolled) {

        /** The key in groups of four, as people type it (authenticator apps ignore the spaces). */
        public String groupedSecret() {
            return secret == null ? null : secret.replaceAll("(.{4})(?!$)", "$1 ");
        }
    }

    /** The two-factor prompt. */
    public record PromptPage(Forms.State form, String next) {
    }

    private final AccountRepository accounts;
    private final SessionRepository sessions;
    private final Passwords passwords;
    private final TwoFactorRepository twoFactor;
    private final RateLimitRepository limiter;
    private final ClientIp clientIp;
    private final Gate gate;
    private final SignInLimits signIns;
    private final EmailRepository emails;

    public SettingsHandlers(AccountRepository accounts, SessionRepository sessions, Passwords passwords,
                            TwoFactorRepository twoFactor, RateLimitRepository limiter, ClientIp clientIp, Gate gate,
                            SignInLimits signIns, EmailRepository emails) {
        this.emails = emails;
        this.signIns = signIns;
        this.accounts = accounts;
        this.sessions = sessions;
        this.passwords = passwords;
        this.twoFactor = twoFactor;
        this.limiter = limiter;
        this.clientIp = clientIp;
        this.gate = gate;
    }

    public void settings(Context ctx) {
        render(ctx, Forms.State.empty(), Forms.State.empty(), null);
    }

    /** Sets (or, left empty, clears) the bio on the member's profile; one over the limits is refused, nothing stored. */
    public void changeBio(Context ctx) {
        Member me = Gate.member(ctx);
        String bio = Bio.normalise(Forms.text(ctx, "bio"));
        var problem = Bio.problem(bio);
        if (problem.isPresent()) {
            ctx.status(422);
            render(ctx, Forms.State.empty(), Forms.State.empty(),
                    new Forms.Builder().value("bio", bio).error("bio", problem.get()).build());
            return;
        }
        accounts.setBio(Gate.budget(ctx), me.id(), bio);
        Flash.set(ctx, bio.isEmpty() ? "Your bio has been removed." : "Your bio has been saved.");
        ctx.redirect("/settings#bio");
    }

    public void changePassword(Context ctx) {
        Member me = Gate.member(ctx);
        String current = Forms.asSent(ctx, "current");
        String fresh = Forms.asSent(ctx, "password");
        Forms.Builder form = new Forms.Builder();
        if (!currentPasswordMatches(ctx, me, current)) {
            form.error("current", "That is not your current password.");
        }
        passwords.problem(fresh, me.name()).ifPresent(p -> form.error("password", p));
        if (!fresh.equals(Forms.asSent(ctx, "confirm"))) {
            form.error("confirm", "The two passwords are not the same.");
        }
        if (form.hasErrors()) {
            ctx.status(422);
            render(ctx, form.build(), Forms.State.empty(), null);
            return;
        }
        accounts.setPasswordHash(me.id(), passwords.hash(fresh));
        SessionRepository.Session old = Gate.session(ctx);
        if ("on".equals(ctx.formParam("endOthers"))) {
            sessions.endAll(me.id());
        } else {
            sessions.end(old.id());
        }
        // a fresh token after a password change, whatever happened to the others
        gate.setSessionCookie(ctx, sessions.create(me, old.mfaPassed(), ctx.userAgent(), clientIp.of(ctx)));
        Flash.set(ctx, "Your password has been changed.");
        ctx.redirect("/settings");
    }

    public void endSession(Context ctx) {
        Member me = Gate.member(ctx);
        long id = Ids.parse(ctx.pathParam("id"));
        if (!sessions.endOwn(me.id(), id)) {
            throw HttpError.notFound();
        }
        Flash.set(ctx, "That session has been ended.");
        ctx.redirect(id == Gate.session(ctx).id() ? "/" : "/settings#sessions");
    }

    public void deleteAccount(Context ctx) {
        Member me = Gate.member(ctx);
        boolean confirmed = "DELETE".equals(Forms.text(ctx, "confirmWord").strip());
        boolean passwordOk = currentPasswordMatches(ctx, me, Forms.asSent(ctx, "password"));
        if (!confirmed || !passwordOk) {
            Forms.Builder form = new Forms.Builder();
            if (!passwordOk) {
                form.error("deletePassword", "That is not your current password.");
            }
            if (!confirmed) {
                form.error("confirmWord", "Type DELETE to confirm.");
            }
            ctx.status(422);
            render(ctx, Forms.State.empty(), form.build(), null);
            return;
        }
        accounts.delete(me.id());
        gate.clearSessionCookie(ctx);
        Flash.set(ctx, "Your account has been deleted. What you wrote stays, shown as by a deleted member.");
        ctx.redirect("/");
    }

    public void enrolForm(Context ctx) {
        Member me = Gate.member(ctx);
        if (me.totpEnrolled()) {
            ctx.render("accounts/two-factor-enrol", Map.of("page",
                    new EnrolPage(null, null, null, Forms.State.empty(), true)));
            return;
        }
        // the same secret on every view until enrolment completes or is cancelled: a reload, or a second tab, must not
        // replace the key the member has just scanned into their app
        SessionRepository.Session s = Gate.session(ctx);
        String secret = s.pendingTotp();
        if (secret == null) {
            secret = twoFactor.newSecret();
            sessions.setPendingTotp(s.id(), secret);
        }
        renderEnrol(ctx, secret, Forms.State.empty());
    }

    /** Drops the pending secret: the next visit to the setup page starts over with a new key. */
    public void cancelEnrol(Context ctx) {
        Member me = Gate.member(ctx);
        SessionRepository.Session s = Gate.session(ctx);
        if (me.totpEnrolled()) {
            throw HttpError.conflict("Two-factor sign-in is already set up for your account.");
        }
        if (s.pendingTotp() != null) {
            sessions.setPendingTotp(s.id(), null);
        }
        Flash.set(ctx, "Two-factor setup cancelled. The key shown is no longer valid.");
        ctx.redirect("/settings");
    }

    public void enrol(Context ctx) {
        Member me = Gate.member(ctx);
        SessionRepository.Session s = Gate.session(ctx);
        if (me.totpEnrolled()) {
            throw HttpError.conflict("Two-factor sign-in is already set up for your account.");
        }
        if (s.pendingTotp() == null) {
            throw HttpError.conflict("The setup has expired. Please open the two-factor page again.");
        }
        if (!twoFactor.confirm(me.id(), s.pendingTotp(), Forms.text(ctx, "code"))) {
            ctx.status(422);
            renderEnrol(ctx, s.pendingTotp(), new Forms.Builder()
                    .error("code", "That code did not match. Enter the 6-digit code your app shows now.").build());
            return;
        }
        sessions.passMfa(s.id());
        Flash.set(ctx, "Two-factor sign-in is on.");
        ctx.redirect(me.moderator() ? "/mod" : "/settings");
    }

    public void promptForm(Context ctx) {
        ctx.render("accounts/two-factor", Map.of("page",
                new PromptPage(Forms.State.empty(), Forms.safeNext(ctx.queryParam("next")))));
    }

    public void prompt(Context ctx) {
        Member me = Gate.member(ctx);
        if (!me.totpEnrolled()) {
            ctx.redirect("/settings/two-factor");
            return;
        }
        // counted before the code is checked, so that codes sent at once cannot all be tried
        RateLimitRepository.Attempt attempt = limiter.attempt(TWO_FACTOR_FAILURES, Long.toString(me.id()));
        if (!attempt.allowed()) {
            throw HttpError.tooManyRequests("Too many wrong codes. Please wait a few minutes and try again.",
                    attempt.decision().retryAfterSeconds());
        }
        if (!twoFactor.verify(me.id(), Forms.text(ctx, "code"))) {
            ctx.status(422);
            ctx.render("accounts/two-factor", Map.of("page", new PromptPage(new Forms.Builder()
                    .error("code", "That code did not match, or was already used. Wait for the next one.").build(),
                    Forms.safeNext(ctx.formParam("next")))));
            return;
        }
        limiter.giveBack(attempt);
        sessions.passMfa(Gate.session(ctx).id());
        ctx.redirect(Forms.safeNext(ctx.formParam("next")));
    }

    /**
     * Checks the member's current password. A wrong one counts as a failed sign-in (for their name, or for this
     * browser once they have signed in from it), so a stolen session cannot be used to guess the password any faster
     * than the sign-in form allows.
     */
    private boolean currentPasswordMatches(Context ctx, Member me, String password) {
        RateLimitRepository.Attempt attempt = signIns.attempt(ctx, Usernames.key(me.name()), java.util.Optional.of(me.id()),
                "Too many wrong passwords for this account. Please wait and try again.");
        boolean ok = passwords.matches(password, accounts.passwordHash(me.id()).orElse(null));
        if (ok) {
            signIns.succeeded(ctx, attempt, me.id());
        }
        return ok;
    }

    private void renderEnrol(Context ctx, String secret, Forms.State form) {
        String uri = twoFactor.uri(secret, Gate.member(ctx).name());
        ctx.render("accounts/two-factor-enrol", Map.of("page",
                new EnrolPage(secret, uri, twoFactor.qr(uri), form, false)));
    }

    /** @param bio the bio form as sent, or null to show the stored bio */
    private void render(Context ctx, Forms.State password, Forms.State delete, Forms.State bio) {
        Member me = Gate.member(ctx);
        Forms.State bioForm = bio != null ? bio
                : new Forms.Builder().value("bio", accounts.bio(me.id())).build();
        ctx.render("accounts/settings", Map.of("page", new SettingsPage(me,
                sessions.list(me.id(), Gate.session(ctx).id()), password, delete, emails.of(me.id()), bioForm)));
    }
}
