package crux.accounts.web;

import crux.accounts.AccountRepository;
import crux.accounts.Member;
import crux.accounts.Passwords;
import crux.accounts.TrustedDevices;
import crux.accounts.Usernames;
import crux.core.RateLimitRepository;
import crux.core.OverLimit;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import java.util.Optional;

/**
 * The limits on wrong passwords, counted before the password is hashed (so that attempts sent at once cannot all
 * be checked): per name for browsers the member has not signed in from, per device for those they have
 * ({@link TrustedDevices}), so strangers guessing at a name do not lock its owner out.
 */
public final class SignInLimits {

    private final RateLimitRepository limiter;
    private final TrustedDevices devices;
    private final boolean secureCookies;
    private final Passwords passwords;
    private final AccountRepository accounts;

    public SignInLimits(RateLimitRepository limiter, TrustedDevices devices, boolean secureCookies,
                        Passwords passwords, AccountRepository accounts) {
        this.passwords = passwords;
        this.accounts = accounts;
        this.limiter = limiter;
        this.devices = devices;
        this.secureCookies = secureCookies;
    }

    /**
     * Counts a password attempt on {@code nameKey} (whose account, if any, is {@code memberId}) before it is checked;
     * refuses it ({@link OverLimit}) when the limit it counts against is spent.
     */
    RateLimitRepository.Attempt attempt(Context ctx, String nameKey, Optional<Long> memberId, String refusal) {
        Optional<TrustedDevices.Device> device = devices.verify(ctx.cookie(TrustedDevices.COOKIE))
                .filter(d -> memberId.isPresent() && d.memberId() == memberId.get());
        RateLimitRepository.Attempt attempt = device.isPresent()
                ? limiter.attempt(AccountHandlers.LOGIN_FAILURES_PER_DEVICE, device.get().id())
                : limiter.attempt(AccountHandlers.LOGIN_FAILURES_PER_NAME, nameKey);
        if (!attempt.allowed()) {
            long wait = attempt.decision().retryAfterSeconds();
            throw new OverLimit(refusal + " Try again " + OverLimit.in(wait) + ".", wait);
        }
        return attempt;
    }

    /** The password was right: the attempt was no failure, and this browser is the member's (again) from now on. */
    void succeeded(Context ctx, RateLimitRepository.Attempt attempt, long memberId) {
        limiter.giveBack(attempt);
        trust(ctx, memberId);
    }

    /** The password was right, but the second factor is still owed: no failure, and no trust yet. */
    void passwordRight(RateLimitRepository.Attempt attempt) {
        limiter.giveBack(attempt);
    }

    /** This browser is the member's (again) from now on: it has just completed a sign-in. */
    void trust(Context ctx, long memberId) {
        ctx.cookie(new Cookie(TrustedDevices.COOKIE, devices.issue(memberId), "/",
                (int) TrustedDevices.LIFETIME.toSeconds(), secureCookies, true, null, SameSite.LAX));
    }

    /**
     * Checks a signed-in member's current password. A wrong one counts as a failed sign-in (for their name, or for
     * this browser once they have signed in from it), so a stolen session cannot be used to guess the password any
     * faster than the sign-in form allows.
     */
    boolean currentPassword(Context ctx, Member me, String password) {
        RateLimitRepository.Attempt attempt = attempt(ctx, Usernames.key(me.name()), Optional.of(me.id()),
                "Too many wrong passwords for this account.");
        boolean ok = passwords.matches(password, accounts.passwordHash(me.id()).orElse(null));
        if (ok) {
            succeeded(ctx, attempt, me.id());
        }
        return ok;
    }
}
