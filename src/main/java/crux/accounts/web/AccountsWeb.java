package crux.accounts.web;

import crux.accounts.AccountRepository;
import crux.accounts.EmailRepository;
import crux.accounts.Passwords;
import crux.accounts.PendingSignIns;
import crux.accounts.SessionRepository;
import crux.accounts.TrustedDevices;
import crux.accounts.TwoFactorRepository;
import crux.core.RateLimitRepository;
import crux.web.ClientIp;
import crux.web.Gate;

/** The accounts feature's handlers, wired to each other here so that the app sees one call. */
public record AccountsWeb(AccountHandlers accounts, SettingsHandlers settings, TwoFactorHandlers twoFactor) {

    /**
     * Wires the handlers of registration, sign-in, settings and two-factor; {@code mailEnabled}: Crux can send mail
     * (registration offers an address field).
     */
    public static AccountsWeb wire(AccountRepository accounts, SessionRepository sessions, Passwords passwords,
                                   TwoFactorRepository twoFactor, PendingSignIns pending, RateLimitRepository limiter,
                                   ClientIp clientIp, Gate gate, TrustedDevices devices, boolean secureCookies,
                                   EmailRepository emails, boolean mailEnabled) {
        SignInLimits signIns = new SignInLimits(limiter, devices, secureCookies, passwords, accounts);
        SignIn signIn = new SignIn(sessions, gate, clientIp);
        CodeChecks codes = new CodeChecks(twoFactor, limiter, clientIp);
        TwoFactorHandlers twoFactorHandlers = new TwoFactorHandlers(accounts, sessions, twoFactor, pending, codes,
                signIns, signIn, gate);
        return new AccountsWeb(
                new AccountHandlers(accounts, passwords, limiter, clientIp, gate, signIns, signIn, twoFactorHandlers,
                        emails, mailEnabled),
                new SettingsHandlers(accounts, sessions, passwords, twoFactor, clientIp, gate, signIns, codes, emails),
                twoFactorHandlers);
    }
}
