package crux.accounts.web;

import crux.accounts.TrustedDevices;
import crux.core.RateLimitRepository;
import crux.web.HttpError;
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

    public SignInLimits(RateLimitRepository limiter, TrustedDevices devices, boolean secureCookies) {
        this.limiter = limiter;
        this.devices = devices;
        this.secureCookies = secureCookies;
    }

    /**
     * Counts a password attempt on {@code nameKey} (whose account, if any, is {@code memberId}) before it is checked;
     * refuses it with 429 when the limit it counts against is spent.
     */
    RateLimitRepository.Attempt attempt(Context ctx, String nameKey, Optional<Long> memberId, String refusal) {
        Optional<TrustedDevices.Device> device = devices.verify(ctx.cookie(TrustedDevices.COOKIE))
                .filter(d -> memberId.isPresent() && d.memberId() == memberId.get());
        RateLimitRepository.Attempt attempt = device.isPresent()
                ? limiter.attempt(AccountHandlers.LOGIN_FAILURES_PER_DEVICE, device.get().id())
                : limiter.attempt(AccountHandlers.LOGIN_FAILURES_PER_NAME, nameKey);
        if (!attempt.allowed()) {
            throw HttpError.tooManyRequests(refusal, attempt.decision().retryAfterSeconds());
        }
        return attempt;
    }

    /** The password was right: the attempt was no failure, and this browser is the member's (again) from now on. */
    void succeeded(Context ctx, RateLimitRepository.Attempt attempt, long memberId) {
        limiter.giveBack(attempt);
        ctx.cookie(new Cookie(TrustedDevices.COOKIE, devices.issue(memberId), "/",
                (int) TrustedDevices.LIFETIME.toSeconds(), secureCookies, true, null, SameSite.LAX));
    }
}
