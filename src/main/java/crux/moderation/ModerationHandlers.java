package crux.moderation;

import io.javalin.http.Context;
import java.util.Map;

/** The moderator's pages. */
public final class ModerationHandlers {

    public void queue(Context ctx) {
        ctx.render("moderation/queue", Map.of());
    }
}
