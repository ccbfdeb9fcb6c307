package crux.moderation.web;

import crux.article.Article;
import crux.moderation.CommentModerationRepository;
import crux.moderation.FlagQueueRepository;
import crux.moderation.FlagReason;
import crux.web.Flash;
import crux.web.Forms;
import crux.web.Gate;
import crux.web.Htmx;
import crux.web.HttpError;
import crux.web.Ids;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** Flagging (members), the queue and the actions on comments and debates (moderators). */
public final class CommentModerationHandlers {

    private final CommentModerationRepository moderation;
    private final FlagQueueRepository queue;
    private final Supplier<List<ProposalHandlers.QueueEntry>> proposals;
    private final Supplier<List<Article>> articles;

    /**
     * @param proposals the pending proposals, shown in the queue beside the flags
     * @param articles  every article (held in memory), each linked to adding an item to it
     */
    public CommentModerationHandlers(CommentModerationRepository moderation, FlagQueueRepository queue,
                                     Supplier<List<ProposalHandlers.QueueEntry>> proposals,
                                     Supplier<List<Article>> articles) {
        this.moderation = moderation;
        this.queue = queue;
        this.proposals = proposals;
        this.articles = articles;
    }

    /** @param articles the articles that take new items (not retired), newest first */
    public record QueuePage(List<FlagQueueRepository.Entry> entries, List<ProposalHandlers.QueueEntry> proposals,
                            List<Article> articles) {
    }

    public void queue(Context ctx) {
        List<Article> open = new ArrayList<>(articles.get().stream().filter(a -> !a.retired()).toList());
        Collections.reverse(open);
        ctx.render("moderation/queue", Map.of("page", new QueuePage(queue.open(), proposals.get(), open)));
    }

    public void flag(Context ctx) {
        long id = Ids.parse(ctx.pathParam("id"));
        FlagReason reason = FlagReason.fromCode(Forms.text(ctx, "reason"))
                .orElseThrow(() -> new HttpError(422, "Choose a reason for the flag from the list."));
        String note = Forms.text(ctx, "note").strip();
        if (note.length() > CommentModerationRepository.MAX_NOTE) {
            throw new HttpError(422, "Keep the details under " + CommentModerationRepository.MAX_NOTE + " characters.");
        }
        if (reason == FlagReason.OTHER && note.isEmpty()) {
            throw new HttpError(422, "Say in a few words what is wrong when you choose “Other”.");
        }
        boolean hidden = moderation.flag(Gate.budget(ctx), Gate.member(ctx), id, reason, note.isEmpty() ? null : note);
        Flash.set(ctx, hidden ? "Thank you. Several members flagged this comment, so it is hidden until a moderator reviews it."
                : "Thank you. A moderator will review the comment.");
        ctx.redirect("/comments/" + id);
    }

    public void dismiss(Context ctx) {
        moderation.dismiss(Gate.budget(ctx), Gate.member(ctx), id(ctx), ModerationHandlers.reasonOr(ctx,
                "flags dismissed"));
        done(ctx, "The flags are dismissed.");
    }

    public void uphold(Context ctx) {
        moderation.uphold(Gate.budget(ctx), Gate.member(ctx), id(ctx), ModerationHandlers.reason(ctx));
        done(ctx, "The flags are upheld and the comment is hidden.");
    }

    public void hide(Context ctx) {
        moderation.hide(Gate.budget(ctx), Gate.member(ctx), id(ctx), ModerationHandlers.reason(ctx));
        done(ctx, "The comment is hidden.");
    }

    public void restore(Context ctx) {
        moderation.restore(Gate.budget(ctx), Gate.member(ctx), id(ctx), ModerationHandlers.reason(ctx));
        done(ctx, "The comment is shown again.");
    }

    public void remove(Context ctx) {
        moderation.remove(Gate.budget(ctx), Gate.member(ctx), id(ctx), ModerationHandlers.reason(ctx));
        done(ctx, "The comment is removed.");
    }

    public void pin(Context ctx) {
        moderation.pin(Gate.budget(ctx), Gate.member(ctx), id(ctx), true, ModerationHandlers.reason(ctx));
        done(ctx, "The argument is pinned.");
    }

    public void unpin(Context ctx) {
        moderation.pin(Gate.budget(ctx), Gate.member(ctx), id(ctx), false, ModerationHandlers.reason(ctx));
        done(ctx, "The argument is unpinned.");
    }

    public void lock(Context ctx) {
        long item = id(ctx);
        moderation.lockDebate(Gate.budget(ctx), Gate.member(ctx), item, true, ModerationHandlers.reason(ctx));
        Flash.set(ctx, "The debate is locked.");
        ctx.redirect("/items/" + item);
    }

    public void unlock(Context ctx) {
        long item = id(ctx);
        moderation.lockDebate(Gate.budget(ctx), Gate.member(ctx), item, false, ModerationHandlers.reason(ctx));
        Flash.set(ctx, "The debate is open again.");
        ctx.redirect("/items/" + item);
    }

    private static long id(Context ctx) {
        return Ids.parse(ctx.pathParam("id"));
    }

    /** Back where the moderator acted: the comment in its thread (the controls on each comment say so), else the queue. */
    private static void done(Context ctx, String message) {
        Flash.set(ctx, message);
        ctx.redirect(Htmx.returnPath(ctx, "/mod"));
    }
}
