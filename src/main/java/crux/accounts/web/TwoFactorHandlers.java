package crux.accounts.web;

import crux.accounts.AccountRepository;
import crux.accounts.Member;
import crux.accounts.PendingSignIns;
import crux.accounts.SessionRepository;
import crux.accounts.TwoFactorRepository;
import crux.core.OverLimit;
import crux.web.Flash;
import crux.web.Forms;
import crux.web.Gate;
import crux.web.HttpError;
import crux.web.Web;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Two-factor sign-in: enrolment (with recovery codes shown once), and the code prompt, which is both the second step
 * of signing in (the password step left only a pending sign-in, bound to this browser by a cookie) and the prompt a
 * moderator page sends a session to when it has not yet given a code.
 */
public final class TwoFactorHandlers {

    static final String WRONG_CODE = "That code did not match, or was already used. Enter the code your app shows now,"
            + " or one of your recovery codes.";

    /** Two-factor enrolment: the secret and its QR code, shown until a first code confirms them. */
    public record EnrolPage(String secret, String uri, TwoFactorRepository.Qr qr, Forms.State form, boolean enrolled) {

        /** The key in groups of four, as people type it (authenticator apps ignore the spaces). */
        public String groupedSecret() {
            return secret == null ? null : secret.replaceAll("(.{4})(?!$)", "$1 ");
        }
    }

    /**
     * The code prompt.
     *
     * @param signingIn the second step of signing in (no session yet), rather than a signed-in member's prompt
     */
    public record PromptPage(Forms.State form, String next, boolean signingIn) {
    }

    /** Recovery codes, shown this once; {@code then} is where the member goes on to. */
    public record RecoveryCodesPage(List<String> codes, String then, boolean fresh) {
    }

    private final AccountRepository accounts;
    private final SessionRepository sessions;
    private final TwoFactorRepository twoFactor;
    private final PendingSignIns pending;
    private final CodeChecks codes;
    private final SignInLimits signIns;
    private final SignIn signIn;
    private final Gate gate;

    TwoFactorHandlers(AccountRepository accounts, SessionRepository sessions, TwoFactorRepository twoFactor,
                      PendingSignIns pending, CodeChecks codes, SignInLimits signIns, SignIn signIn, Gate gate) {
        this.gate = gate;
        this.accounts = accounts;
        this.sessions = sessions;
        this.twoFactor = twoFactor;
        this.pending = pending;
        this.codes = codes;
        this.signIns = signIns;
        this.signIn = signIn;
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

    /**
     * The first code turns two-factor on: the recovery codes are made and shown this once, and every other session of
     * the member ends, since each was opened with the password alone.
     */
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
        List<String> recovery = twoFactor.recovery().replace(me.id());
        sessions.passMfa(s.id());
        sessions.endOthers(me.id(), s.id());
        showCodes(ctx, new RecoveryCodesPage(recovery, me.moderator() ? "/mod" : "/settings", true));
    }

    /** Recovery codes on a page no cache keeps: the one time they are shown. */
    static void showCodes(Context ctx, RecoveryCodesPage page) {
        ctx.header("Cache-Control", "no-store");
        ctx.render("accounts/recovery-codes", Map.of("page", page));
    }

    public void promptForm(Context ctx) {
        String next = Forms.safeNext(ctx.queryParam("next"));
        if (pendingSignIn(ctx).isPresent()) {
            gate.issueVisitorToken(ctx); // no session yet: the form's token is a visitor's
            ctx.render("accounts/two-factor", Map.of("page", new PromptPage(Forms.State.empty(), next, true)));
            return;
        }
        Member me = Gate.viewer(ctx);
        if (me == null) {
            Flash.set(ctx, "Your sign-in took too long or has ended. Please sign in again.");
            ctx.redirect("/login?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8));
            return;
        }
        if (!me.totpEnrolled()) {
            ctx.redirect("/settings/two-factor");
            return;
        }
        ctx.render("accounts/two-factor", Map.of("page", new PromptPage(Forms.State.empty(), next, false)));
    }

    public void prompt(Context ctx) {
        String next = Forms.safeNext(ctx.formParam("next"));
        Optional<PendingSignIns.Pending> signingIn = pendingSignIn(ctx);
        Member me = signingIn.flatMap(p -> accounts.byId(p.memberId())).orElse(Gate.viewer(ctx));
        if (me == null) {
            Flash.set(ctx, "Your sign-in took too long or has ended. Please sign in again.");
            ctx.redirect("/login?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8));
            return;
        }
        if (!me.totpEnrolled()) {
            ctx.redirect(signingIn.isPresent() ? "/login" : "/settings/two-factor");
            return;
        }
        Optional<TwoFactorRepository.Accepted> accepted;
        try {
            accepted = codes.check(ctx, me.id(), Forms.text(ctx, "code"));
        } catch (OverLimit over) {
            ctx.status(429);
            ctx.header("Retry-After", Long.toString(over.retryAfterSeconds()));
            renderPrompt(ctx, next, signingIn.isPresent(), over.getMessage());
            return;
        }
        if (accepted.isEmpty()) {
            ctx.status(422);
            renderPrompt(ctx, next, signingIn.isPresent(), WRONG_CODE);
            return;
        }
        if (signingIn.isPresent()) {
            // the first right code spends the pending sign-in: a second one racing it opens no second session
            if (!pending.finish(signingIn.get().id()) || me.banned() || me.deleted()) {
                ctx.redirect("/login");
                return;
            }
            clearPending(ctx);
            signIns.trust(ctx, me.id());
            signIn.start(ctx, me, true);
        } else {
            sessions.passMfa(Gate.session(ctx).id());
        }
        if (accepted.get() == TwoFactorRepository.Accepted.RECOVERY_CODE) {
            int left = twoFactor.recovery().remaining(me.id());
            Flash.set(ctx, "You used a recovery code; " + left + (left == 1 ? " is" : " are") + " left."
                    + (left <= 3 ? " Make new ones in your settings." : ""));
        }
        ctx.redirect(next);
    }

    /** Starts the code step for a member whose password was right: no session, a cookie naming the pending step. */
    void startSignIn(Context ctx, Member member, String next) {
        String token = pending.start(member.id());
        ctx.cookie(pendingCookie(ctx, token, (int) PendingSignIns.LIFETIME.toSeconds()));
        ctx.redirect("/two-factor?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8));
    }

    private Optional<PendingSignIns.Pending> pendingSignIn(Context ctx) {
        return pending.find(ctx.cookie(PendingSignIns.COOKIE));
    }

    private static void clearPending(Context ctx) {
        ctx.cookie(pendingCookie(ctx, "", 0));
    }

    private static Cookie pendingCookie(Context ctx, String value, int maxAge) {
        return new Cookie(PendingSignIns.COOKIE, value, "/two-factor", maxAge,
                Boolean.TRUE.equals(ctx.attribute(Web.SECURE_COOKIES)), true, null, SameSite.LAX);
    }

    private void renderPrompt(Context ctx, String next, boolean signingIn, String error) {
        gate.issueVisitorToken(ctx);
        ctx.render("accounts/two-factor", Map.of("page", new PromptPage(new Forms.Builder().error("code", error).build(),
                next, signingIn)));
    }

    private void renderEnrol(Context ctx, String secret, Forms.State form) {
        String uri = twoFactor.uri(secret, Gate.member(ctx).name());
        ctx.render("accounts/two-factor-enrol", Map.of("page",
                new EnrolPage(secret, uri, twoFactor.qr(uri), form, false)));
    }
}
