package crux.accounts.web;

import crux.accounts.Addresses;
import crux.accounts.EmailRepository;
import crux.accounts.Member;
import crux.core.RateLimitRepository;
import crux.web.Flash;
import crux.web.Forms;
import crux.web.Gate;
import crux.web.HttpError;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** A member's e-mail address: setting or changing it (verified by a mailed link), removing it, and the link's page. */
public final class EmailHandlers {

    /** Verification mails one member may have sent: typos and lost mails, not a way to mail strangers. */
    public static final RateLimitRepository.Limit VERIFY_PER_MEMBER = new RateLimitRepository.Limit("verify-member",
            5, Duration.ofHours(1));

    /** What a verification link that does not work opens. */
    public static final String BROKEN_LINK = "This link does not work any more: it was already used, it has expired "
            + "(links work for a day), or a newer one was sent since. Ask for a new one in your settings.";

    /** The e-mail settings page. */
    public record EmailPage(EmailRepository.Addresses addresses, Forms.State form, boolean mailEnabled) {
    }

    /** The page a verification link opens: whose address it confirms, or why the link does not work. */
    public record VerifyPage(String token, EmailRepository.Pending pending) {
    }

    private final EmailRepository emails;
    private final RateLimitRepository limiter;
    private final Gate gate;
    private final boolean mailEnabled;

    public EmailHandlers(EmailRepository emails, RateLimitRepository limiter, Gate gate, boolean mailEnabled) {
        this.emails = emails;
        this.limiter = limiter;
        this.gate = gate;
        this.mailEnabled = mailEnabled;
    }

    public void form(Context ctx) {
        Member me = Gate.member(ctx);
        ctx.render("accounts/email", Map.of("page", new EmailPage(emails.of(me.id()), Forms.State.empty(),
                mailEnabled)));
    }

    public void change(Context ctx) {
        Member me = Gate.member(ctx);
        if (!mailEnabled) {
            throw HttpError.conflict("Mail is not set up on this Crux, so an address cannot be confirmed.");
        }
        String address = Addresses.normalise(Forms.asSent(ctx, "email"));
        Optional<String> problem = Addresses.problem(address);
        if (problem.isPresent()) {
            ctx.status(422);
            ctx.render("accounts/email", Map.of("page", new EmailPage(emails.of(me.id()),
                    new Forms.Builder().value("email", address).error("email", problem.get()).build(), true)));
            return;
        }
        RateLimitRepository.Decision d = limiter.hit(VERIFY_PER_MEMBER, Long.toString(me.id()));
        if (!d.allowed()) {
            throw HttpError.tooManyRequests("Too many confirmation mails for your account. Please wait and try again.",
                    d.retryAfterSeconds());
        }
        emails.requestVerification(me.id(), address);
        Flash.set(ctx, "A link to confirm " + address + " is on its way there. Your address changes when you open it.");
        ctx.redirect("/settings/email");
    }

    public void remove(Context ctx) {
        emails.remove(Gate.member(ctx).id());
        Flash.set(ctx, "Your e-mail address has been removed. Crux will send you no mail.");
        ctx.redirect("/settings/email");
    }

    public void verifyForm(Context ctx) {
        PasswordResetHandlers.noStore(ctx);
        String token = ctx.pathParam("token");
        Optional<EmailRepository.Pending> pending = emails.pending(token);
        if (pending.isEmpty()) {
            ctx.status(410);
        }
        gate.issueVisitorToken(ctx);
        ctx.render("accounts/verify", Map.of("page", new VerifyPage(token, pending.orElse(null))));
    }

    public void verify(Context ctx) {
        PasswordResetHandlers.noStore(ctx);
        Optional<EmailRepository.Pending> done = emails.verify(ctx.pathParam("token"));
        if (done.isEmpty()) {
            ctx.status(410);
            ctx.render("accounts/verify", Map.of("page", new VerifyPage(null, null)));
            return;
        }
        Flash.set(ctx, "Thank you: " + done.get().address() + " is now the address of " + done.get().memberName()
                + ".");
        ctx.redirect(Gate.viewer(ctx) != null ? "/settings/email" : "/");
    }
}
