package crux.notifications.web;

import crux.notifications.InboxRepository;
import crux.web.Flash;
import crux.web.Forms;
import crux.web.Gate;
import crux.web.HttpError;
import crux.web.Ids;
import io.javalin.http.Context;
import java.util.Map;

/** The inbox: what happened to a member's content and predictions. */
public final class InboxHandlers {

    private final InboxRepository inbox;

    public InboxHandlers(InboxRepository inbox) {
        this.inbox = inbox;
    }

    public void inbox(Context ctx) {
        int page = 1;
        try {
            String raw = ctx.queryParam("page");
            page = raw == null ? 1 : Math.max(1, Math.min(100_000, Integer.parseInt(raw)));
        } catch (NumberFormatException e) {
            page = 1;
        }
        ctx.render("notifications/inbox", Map.of("page", inbox.page(Gate.member(ctx).id(), page)));
    }

    /** Marks one read and, when asked, follows it to where it leads. */
    public void markRead(Context ctx) {
        long id = Ids.parse(ctx.pathParam("id"));
        if (!inbox.markRead(Gate.member(ctx).id(), id)) {
            throw HttpError.notFound();
        }
        String go = ctx.formParam("go");
        ctx.redirect(go != null ? Forms.safeNext(go) : "/inbox");
    }

    public void markAllRead(Context ctx) {
        int n = inbox.markAllRead(Gate.member(ctx).id());
        Flash.set(ctx, n == 0 ? "Nothing was unread." : "Marked " + n + " as read.");
        ctx.redirect("/inbox");
    }
}
