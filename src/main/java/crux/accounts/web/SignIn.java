package crux.accounts.web;

import crux.accounts.Member;
import crux.accounts.SessionRepository;
import crux.web.ClientIp;
import crux.web.Gate;
import io.javalin.http.Context;

/** Opens the session a completed sign-in (or registration) earns. */
final class SignIn {

    private final SessionRepository sessions;
    private final Gate gate;
    private final ClientIp clientIp;

    SignIn(SessionRepository sessions, Gate gate, ClientIp clientIp) {
        this.sessions = sessions;
        this.gate = gate;
        this.clientIp = clientIp;
    }

    /**
     * A new session (and token) at every sign-in: a cookie planted before login is worthless after it.
     *
     * @param mfaPassed the member gave a second factor on the way in
     */
    void start(Context ctx, Member member, boolean mfaPassed) {
        SessionRepository.Session old = Gate.session(ctx);
        if (old != null) {
            sessions.end(old.id());
        }
        gate.setSessionCookie(ctx, sessions.create(member, mfaPassed, ctx.userAgent(), clientIp.of(ctx)));
    }

    /** Signs out: the session ends on the server, not only in the browser. */
    void end(SessionRepository.Session session) {
        sessions.end(session.id());
    }
}
