package crux.accounts.web;

import crux.accounts.TwoFactorRepository;
import crux.core.OverLimit;
import crux.core.RateLimitRepository;
import crux.web.ClientIp;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.Optional;

/**
 * Every prompt for a two-factor code (the sign-in step, the moderator pages' prompt, turning two-factor off): the code
 * is counted against the member's and the address's limits on wrong codes before it is checked, so codes sent at
 * once cannot all be tried, and a right code is uncounted.
 */
public final class CodeChecks {

    /**
     * Wrong codes for one member. Three app codes are valid at any moment, so each guess has a 3-in-a-million chance:
     * five per five minutes keeps a thief who has the password (or a session) years away from the sixth digit.
     */
    public static final RateLimitRepository.Limit PER_MEMBER = new RateLimitRepository.Limit("totp", 5, Duration.ofMinutes(5));
    /** Wrong codes from one address, whoever they are for: one machine guessing at many accounts' second step. */
    public static final RateLimitRepository.Limit PER_IP = new RateLimitRepository.Limit("totp-ip", 20,
            Duration.ofMinutes(10));

    private final TwoFactorRepository twoFactor;
    private final RateLimitRepository limiter;
    private final ClientIp clientIp;

    CodeChecks(TwoFactorRepository twoFactor, RateLimitRepository limiter, ClientIp clientIp) {
        this.twoFactor = twoFactor;
        this.limiter = limiter;
        this.clientIp = clientIp;
    }

    /**
     * Which kind of code this is, once accepted (and used up); empty when wrong.
     *
     * @throws OverLimit when the member or the address has had too many wrong codes: nothing is checked
     */
    Optional<TwoFactorRepository.Accepted> check(Context ctx, long memberId, String typed) {
        RateLimitRepository.Attempt member = limiter.attempt(PER_MEMBER, Long.toString(memberId));
        if (!member.allowed()) {
            throw tooMany(member);
        }
        // only codes that will be checked count against the address: a refused flood for one member spends none of it
        RateLimitRepository.Attempt ip = limiter.attempt(PER_IP, clientIp.of(ctx));
        if (!ip.allowed()) {
            limiter.giveBack(member);
            throw tooMany(ip);
        }
        Optional<TwoFactorRepository.Accepted> accepted = twoFactor.accept(memberId, typed);
        if (accepted.isPresent()) {
            limiter.giveBack(member);
            limiter.giveBack(ip);
        }
        return accepted;
    }

    private static OverLimit tooMany(RateLimitRepository.Attempt refused) {
        long wait = refused.decision().retryAfterSeconds();
        return new OverLimit("Too many wrong codes. For your account's safety, try again " + OverLimit.in(wait) + ".",
                wait);
    }
}
