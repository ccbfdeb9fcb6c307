package crux.accounts.web;

import crux.accounts.AccountRepository;
import crux.accounts.Bio;
import crux.accounts.EmailRepository;
import crux.accounts.Member;
import crux.accounts.Passwords;
import crux.accounts.SessionRepository;
import crux.accounts.TwoFactorRepository;
import crux.core.OverLimit;
import crux.web.ClientIp;
import crux.web.Flash;
import crux.web.Forms;
import crux.web.Gate;
import crux.web.HttpError;
import crux.web.Ids;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;

/** A member's own account: bio, password, sessions, two-factor, deletion. */
public final class SettingsHandlers {

    /** The settings page. */
    /** @param email the member's address, verified and pending (shown to them alone) */
    public record SettingsPage(Member member, List<SessionRepository.Listed> sessions, Forms.State password,
                               Forms.State delete, EmailRepository.Addresses email, Forms.State bio,
                               Forms.State twoFactor, int recoveryCodesLeft) {
        public int bioMax() {
            return Bio.MAX;
        }
    }

    private final AccountRepository accounts;
    private final SessionRepository sessions;
    private final Passwords passwords;
    private final TwoFactorRepository twoFactor;
    private final ClientIp clientIp;
    private final Gate gate;
    private final SignInLimits signIns;
    private final CodeChecks codes;
    private final EmailRepository emails;

    SettingsHandlers(AccountRepository accounts, SessionRepository sessions, Passwords passwords,
                     TwoFactorRepository twoFactor, ClientIp clientIp, Gate gate, SignInLimits signIns,
                     CodeChecks codes, EmailRepository emails) {
        this.emails = emails;
        this.accounts = accounts;
        this.sessions = sessions;
        this.passwords = passwords;
        this.twoFactor = twoFactor;
        this.clientIp = clientIp;
        this.gate = gate;
        this.signIns = signIns;
        this.codes = codes;
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

    /**
     * Turns two-factor off: the password and a code (from the app, or a recovery code) both, so that neither a stolen
     * session nor a stolen password alone can. Moderators and admins keep it: their role needs it.
     */
    public void turnOffTwoFactor(Context ctx) {
        Member me = Gate.member(ctx);
        if (!me.totpEnrolled()) {
            throw HttpError.conflict("Two-factor sign-in is already off for your account.");
        }
        if (me.moderator()) {
            throw HttpError.forbidden("Moderators and admins keep two-factor sign-in on: their role needs it.");
        }
        Forms.Builder form = new Forms.Builder();
        if (!signIns.currentPassword(ctx, me, Forms.asSent(ctx, "offPassword"))) {
            form.error("offPassword", "That is not your current password.");
        } else {
            try {
                if (codes.check(ctx, me.id(), Forms.text(ctx, "offCode")).isEmpty()) {
                    form.error("offCode", TwoFactorHandlers.WRONG_CODE);
                }
            } catch (OverLimit over) {
                ctx.status(429);
                ctx.header("Retry-After", Long.toString(over.retryAfterSeconds()));
                renderTwoFactor(ctx, form.error("offCode", over.getMessage()).build());
                return;
            }
        }
        if (form.hasErrors()) {
            ctx.status(422);
            renderTwoFactor(ctx, form.build());
            return;
        }
        if (!twoFactor.turnOff(me.id())) {
            throw HttpError.conflict("Two-factor sign-in could not be turned off: your role needs it.");
        }
        Flash.set(ctx, "Two-factor sign-in is off. Your recovery codes no longer work.");
        ctx.redirect("/settings");
    }

    /** New recovery codes, shown this once; every earlier code (used or not) stops working. Needs the password. */
    public void newRecoveryCodes(Context ctx) {
        Member me = Gate.member(ctx);
        if (!me.totpEnrolled()) {
            throw HttpError.conflict("Turn on two-factor sign-in first: recovery codes come with it.");
        }
        if (!signIns.currentPassword(ctx, me, Forms.asSent(ctx, "codesPassword"))) {
            ctx.status(422);
            renderTwoFactor(ctx, new Forms.Builder()
                    .error("codesPassword", "That is not your current password.").build());
            return;
        }
        TwoFactorHandlers.showCodes(ctx, new TwoFactorHandlers.RecoveryCodesPage(
                twoFactor.recovery().replace(me.id()), "/settings", false));
    }

    private boolean currentPasswordMatches(Context ctx, Member me, String password) {
        return signIns.currentPassword(ctx, me, password);
    }

    private void render(Context ctx, Forms.State password, Forms.State delete) {
        render(ctx, password, delete, null, Forms.State.empty());
    }

    /** @param bio the bio form as sent, or null to show the stored bio */
    private void render(Context ctx, Forms.State password, Forms.State delete, Forms.State bio) {
        render(ctx, password, delete, bio, Forms.State.empty());
    }

    /** The page with the two-factor form as sent. */
    private void renderTwoFactor(Context ctx, Forms.State twoFactorForm) {
        render(ctx, Forms.State.empty(), Forms.State.empty(), null, twoFactorForm);
    }

    private void render(Context ctx, Forms.State password, Forms.State delete, Forms.State bio,
                        Forms.State twoFactorForm) {
        Member me = Gate.member(ctx);
        Forms.State bioForm = bio != null ? bio
                : new Forms.Builder().value("bio", accounts.bio(me.id())).build();
        ctx.render("accounts/settings", Map.of("page", new SettingsPage(me,
                sessions.list(me.id(), Gate.session(ctx).id()), password, delete, emails.of(me.id()), bioForm,
                twoFactorForm, me.totpEnrolled() ? twoFactor.recovery().remaining(me.id()) : 0)));
    }
}
