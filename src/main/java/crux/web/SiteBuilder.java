package crux.web;

import crux.accounts.Member;
import crux.accounts.SessionRepository;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/** Builds the {@link Site} model the layout needs, from what the gate found for this request. */
public final class SiteBuilder implements Function<Context, Object> {

    private final Clock clock;
    private final ToIntFunction<Long> unread;

    /**
     * @param unread counts a member's unread notifications (for the header) when the session lookup has not already
     *               counted them
     */
    public SiteBuilder(Clock clock, ToIntFunction<Long> unread) {
        this.clock = clock;
        this.unread = unread;
    }

    @Override
    public Site apply(Context ctx) {
        SessionRepository.Session s = ctx.attribute(Gate.SESSION);
        Member m = s == null ? null : s.member();
        Viewer viewer = m == null ? null
                : new Viewer(m.id(), m.name(), m.role(), s.mfaPassed(), m.canWrite(OffsetDateTime.now(clock)),
                        Viewer.zone(m.timeZone()));
        return new Site(ctx.attribute(Web.REQUEST_ID), viewer, s == null ? ctx.attribute(Gate.VISITOR_CSRF) : s.csrf(),
                Flash.take(ctx),
                viewer == null ? 0 : s.unread() != null ? s.unread() : unread.applyAsInt(viewer.id()));
    }
}
