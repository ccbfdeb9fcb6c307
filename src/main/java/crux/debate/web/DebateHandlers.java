package crux.debate.web;

import crux.accounts.Member;
import crux.article.ArticleRepository;
import crux.article.Item;
import crux.core.Invalid;
import crux.core.OverLimit;
import crux.core.Refusal;
import crux.debate.Comment;
import crux.debate.CommentForm;
import crux.debate.CommentPolicy;
import crux.debate.CommentRepository;
import crux.debate.CommentRow;
import crux.debate.CommentWriteRepository;
import crux.debate.PostTokens;
import crux.debate.Sort;
import crux.debate.ThreadTree;
import crux.debate.VoteRepository;
import crux.live.EventBus;
import crux.live.LiveEvent;
import crux.moderation.ModerationLogRepository;
import crux.web.Flash;
import crux.web.Forms;
import crux.web.Gate;
import crux.web.HttpError;
import crux.web.Ids;
import crux.web.Paths;
import io.javalin.http.Context;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Arguments, replies, votes, edits, deletions, permalinks and history. Every write answers with a redirect to the
 * comment's anchor (post/redirect/get); when htmx sent it (HX-Request), replies and votes answer with the fragment
 * to swap in place instead.
 */
public final class DebateHandlers {

    static final String DUPLICATE = "You posted these exact words a few minutes ago. Say something new, or find your "
            + "earlier comment in the thread.";

    /**
     * The reply form, on its own page (without JavaScript) or swapped in under the comment (htmx); {@code preview}
     * is the reply rendered (safe HTML) when the Preview button sent it, else null.
     */
    public record ReplyPage(Item item, CommentRow target, DebateView debate, Forms.State form, String token,
                            boolean inline, String preview) {
    }

    /** What htmx swaps in after a reply: the new comment (unless this was a resend) and a fresh, closed form. */
    public record ReplyPosted(CommentRow target, ThreadTree.Node<CommentRow> reply, long parentId, DebateView debate,
                              String status) {
    }

    /** The vote buttons of one comment, after a vote. */
    public record VoteFragment(CommentRow row, DebateView debate, String status) {
    }

    /** {@code moderating}: a moderator editing someone else's comment, who must give a reason. */
    public record EditPage(Item item, Comment comment, Forms.State form, boolean moderating, String preview) {
    }

    /** What the Preview button shows when the text box is empty. */
    static final String NOTHING_TO_PREVIEW = "<p>Nothing to preview yet.</p>";

    public record HistoryPage(Item item, CommentRow comment, List<CommentRepository.Revision> revisions) {
    }

    /**
     * Draws an item's whole page around a given debate section (a refused argument shown where it was typed). Item
     * pages are composed above the features, in {@code crux.pages}, so the debate is handed the way to draw one.
     */
    @FunctionalInterface
    public interface PageWithDebate {
        void render(Context ctx, Item item, DebateView debate);
    }

    private final ArticleRepository articles;
    private final PageWithDebate itemPage;
    private final CommentRepository repository;
    private final CommentWriteRepository comments;
    private final VoteRepository votes;
    private final DebateViewBuilder views;

    public DebateHandlers(ArticleRepository articles, PageWithDebate itemPage, CommentRepository repository,
                          CommentWriteRepository comments, VoteRepository votes, DebateViewBuilder views, EventBus bus) {
        this.bus = bus;
        this.articles = articles;
        this.itemPage = itemPage;
        this.repository = repository;
        this.comments = comments;
        this.votes = votes;
        this.views = views;
    }

    private final EventBus bus;

    public void postArgument(Context ctx) {
        Member me = Gate.member(ctx);
        Item item = articles.item(Ids.parse(ctx.pathParam("id"))).orElseThrow(HttpError::notFound);
        articles.refuseIfArticleRetired(item);
        String token = PostTokens.require(ctx.formParam("token"));
        CommentForm form = CommentForm.argument(Forms.text(ctx, "body"), Forms.text(ctx, "side"));
        String side = Forms.text(ctx, "side");
        if (previewing(ctx)) {
            Preview p = preview(form);
            itemPage.render(ctx, item, views.build(item, DebateView.Mode.THREAD, Sort.DEFAULT, 1, me,
                    state(form, p.errors(), side), p.html()));
            return;
        }
        CommentWriteRepository.Outcome outcome = null;
        Map<String, String> errors = form.errors();
        try {
            outcome = form.valid() ? comments.argue(Gate.budget(ctx), me, item.id(), form, token) : null;
        } catch (OverLimit | Invalid refused) {
            errors = refused(ctx, refused);
        }
        if (!(outcome instanceof CommentWriteRepository.Posted posted)) {
            itemPage.render(ctx, item, views.build(item, DebateView.Mode.THREAD, Sort.DEFAULT, 1, me,
                    state(form, notPosted(ctx, outcome, errors), side)));
            return;
        }
        if (!posted.replay()) {
            bus.publish(new LiveEvent(item.id(), LiveEvent.Kind.ARGUMENT));
        }
        Flash.set(ctx, posted.replay() ? "You had already posted this argument." : "Your argument is posted.");
        ctx.redirect(anchor(repository.find(posted.id()).orElseThrow(HttpError::notFound)));
    }

    public void replyForm(Context ctx) {
        Comment target = comment(ctx);
        articles.refuseIfArticleRetired(target.itemId());
        renderReply(ctx, target, Forms.State.empty(), null);
    }

    public void postReply(Context ctx) {
        Member me = Gate.member(ctx);
        Comment target = comment(ctx);
        articles.refuseIfArticleRetired(target.itemId());
        String token = PostTokens.require(ctx.formParam("token"));
        CommentForm form = CommentForm.reply(Forms.text(ctx, "body"));
        if (previewing(ctx)) {
            Preview p = preview(form);
            renderReply(ctx, target, state(form, p.errors(), null), p.html());
            return;
        }
        CommentWriteRepository.Outcome outcome = null;
        Map<String, String> errors = form.errors();
        try {
            outcome = form.valid() ? comments.reply(Gate.budget(ctx), me, target, form, token) : null;
        } catch (OverLimit | Invalid refused) {
            errors = refused(ctx, refused);
        }
        if (!(outcome instanceof CommentWriteRepository.Posted posted)) {
            renderReply(ctx, target, state(form, notPosted(ctx, outcome, errors), null), null);
            return;
        }
        if (!posted.replay()) {
            bus.publish(new LiveEvent(target.itemId(), LiveEvent.Kind.ARGUMENT));
        }
        if (!htmx(ctx)) {
            Flash.set(ctx, posted.replay() ? "You had already posted this reply." : "Your reply is posted.");
            ctx.redirect(anchor(repository.find(posted.id()).orElseThrow(HttpError::notFound)));
            return;
        }
        Item item = item(target.itemId());
        CommentRow row = repository.row(posted.id(), me.id()).orElseThrow(HttpError::notFound);
        CommentRow targetRow = repository.row(target.id(), me.id()).orElseThrow(HttpError::notFound);
        Map<Long, String> names = new HashMap<>();
        if (targetRow.authorName() != null) {
            names.put(targetRow.id(), targetRow.authorName());
        }
        ReplyPosted page = new ReplyPosted(targetRow, posted.replay() ? null : new ThreadTree.Node<>(row, row.depth(),
                List.of(), 0), row.parentId(), views.fragment(item, me, names),
                posted.replay() ? "You had already posted this reply." : "Your reply is posted.");
        ctx.render("debate/thread :: reply-posted", Map.of("page", page));
    }

    public void vote(Context ctx) {
        Member me = Gate.member(ctx);
        long id = Ids.parse(ctx.pathParam("id"));
        int vote = VoteRepository.parse(ctx.formParam("vote"))
                .orElseThrow(() -> HttpError.badRequest("A vote is up, down or none."));
        VoteRepository.VoteCount tally = votes.vote(Gate.budget(ctx), me, id, vote);
        Comment c = repository.find(id).orElseThrow(HttpError::notFound);
        if (!htmx(ctx)) {
            ctx.redirect(anchor(c));
            return;
        }
        CommentRow row = repository.row(id, me.id()).orElseThrow(HttpError::notFound);
        String status = switch (tally.myVote()) {
            case 1 -> "You voted this up.";
            case -1 -> "You voted this down.";
            default -> "Your vote is withdrawn.";
        } + " " + tally.ups() + " up, " + tally.downs() + " down.";
        ctx.render("debate/thread :: vote-response", Map.of("page",
                new VoteFragment(row, views.fragment(item(c.itemId()), me, Map.of()), status)));
    }

    /** The permalink: to the page of the thread where the comment sits (deleted ones too), at its anchor. */
    public void permalink(Context ctx) {
        Comment c = comment(ctx);
        ctx.redirect(anchor(c));
    }

    public void editForm(Context ctx) {
        Comment c = changeable(ctx);
        ctx.render("debate/edit", Map.of("page", new EditPage(item(c.itemId()), c,
                new Forms.State(Map.of("body", c.bodySource()), Map.of()), moderating(ctx, c), null)));
    }

    public void edit(Context ctx) {
        Comment c = changeable(ctx);
        CommentForm form = CommentForm.reply(Forms.text(ctx, "body"));
        if (previewing(ctx)) {
            Preview p = preview(form);
            renderEdit(ctx, c, state(form, p.errors(), null), p.html());
            return;
        }
        if (!form.valid()) {
            ctx.status(422);
            renderEdit(ctx, c, state(form, form.errors(), null), null);
            return;
        }
        try {
            comments.edit(Gate.budget(ctx), Gate.member(ctx), c.id(), form, mfa(ctx), reason(ctx));
        } catch (OverLimit | Invalid refused) {
            renderEdit(ctx, c, state(form, refused(ctx, refused), null), null);
            return;
        }
        Flash.set(ctx, moderating(ctx, c) ? "The comment is updated and the edit is in the moderation log."
                : "Your comment is updated; the earlier version is kept in its history.");
        ctx.redirect(anchor(c));
    }

    public void delete(Context ctx) {
        Comment c = comment(ctx);
        boolean moderating = moderating(ctx, c);
        comments.delete(Gate.budget(ctx), Gate.member(ctx), c.id(), mfa(ctx), reason(ctx));
        Flash.set(ctx, moderating ? "The comment is deleted and the deletion is in the moderation log."
                : "Your comment is deleted. Replies to it stay, under “[deleted]”.");
        ctx.redirect(anchor(c));
    }

    /**
     * The live preview crux.js asks for as a member types: the text rendered by the same pipeline a post goes through,
     * as an HTML fragment; 422 with the reason when it could not be stored. Nothing is written.
     */
    public void livePreview(Context ctx) {
        Gate.writesNothing(ctx);
        Preview p = preview(CommentForm.reply(Forms.text(ctx, "body")));
        ctx.header("Cache-Control", "no-store");
        ctx.status(p.html() == null ? 422 : 200);
        ctx.render("debate/thread :: preview-response", Map.of("page", p));
    }

    public void history(Context ctx) {
        Comment c = comment(ctx);
        CommentRow row = repository.row(c.id(), null).orElseThrow(HttpError::notFound);
        ctx.render("debate/history", Map.of("page", new HistoryPage(item(c.itemId()), row,
                c.deleted() ? List.of() : repository.revisions(c.id()))));
    }

    /** What a preview shows: the text as it would be stored (safe HTML), or why it could not be (in errors). */
    public record Preview(String html, Map<String, String> errors) {

        public String error() {
            return errors.get("body");
        }
    }

    /** The form was sent by its Preview button: nothing is stored, the form comes back with the text rendered. */
    private static boolean previewing(Context ctx) {
        if (ctx.formParam("preview") == null) {
            return false;
        }
        Gate.writesNothing(ctx);
        return true;
    }

    private Preview preview(CommentForm form) {
        if (form.body().isBlank()) {
            return new Preview(NOTHING_TO_PREVIEW, Map.of());
        }
        String tooLong = form.errors().get("body");
        if (tooLong != null) {
            return new Preview(null, Map.of("body", tooLong));
        }
        try {
            return new Preview(comments.preview(form.body()), Map.of());
        } catch (Invalid e) {
            return new Preview(null, Map.of("body", e.getMessage()));
        }
    }

    /**
     * A write the domain refused while the form is still worth showing (over a limit, too much formatting): the
     * status and Retry-After an error page would have had, and the form comes back with the text kept.
     */
    private static Map<String, String> refused(Context ctx, Refusal refused) {
        if (refused instanceof OverLimit over) {
            ctx.status(429);
            ctx.header("Retry-After", Long.toString(over.retryAfterSeconds()));
        } else {
            ctx.status(422);
        }
        return Map.of("body", refused.getMessage());
    }

    /**
     * The errors a form that was not posted shows: the domain's refusal (its status already set), the form's own
     * or, when the same words were posted moments ago, the duplicate (both 422).
     */
    private static Map<String, String> notPosted(Context ctx, CommentWriteRepository.Outcome outcome,
                                                 Map<String, String> errors) {
        if (ctx.statusCode() >= 400) {
            return errors;
        }
        ctx.status(422);
        return outcome instanceof CommentWriteRepository.Duplicate ? Map.of("body", DUPLICATE) : errors;
    }

    private void renderEdit(Context ctx, Comment c, Forms.State form, String preview) {
        ctx.render("debate/edit", Map.of("page", new EditPage(item(c.itemId()), c, form, moderating(ctx, c), preview)));
    }

    private void renderReply(Context ctx, Comment target, Forms.State form, String preview) {
        Member me = Gate.viewer(ctx);
        Item item = item(target.itemId());
        CommentRow row = repository.row(target.id(), me == null ? null : me.id()).orElseThrow(HttpError::notFound);
        DebateView debate = views.fragment(item, me, Map.of());
        boolean inline = htmx(ctx);
        ReplyPage page = new ReplyPage(item, row, debate, form, debate.token(), inline, preview);
        ctx.render(inline ? "debate/thread :: reply-form-response" : "debate/reply", Map.of("page", page));
    }

    /** The comment named in the path, for its author (a moderator override would go in {@link CommentPolicy}). */
    private Comment changeable(Context ctx) {
        Comment c = comment(ctx);
        CommentPolicy.requireChange(Gate.member(ctx), c, mfa(ctx));
        if (c.deleted()) {
            throw HttpError.conflict("This comment has been deleted; there is nothing left to edit.");
        }
        return c;
    }

    private static boolean mfa(Context ctx) {
        return Gate.session(ctx) != null && Gate.session(ctx).mfaPassed();
    }

    private static boolean moderating(Context ctx, Comment c) {
        return !CommentPolicy.mayChange(Gate.member(ctx), c);
    }

    private Comment comment(Context ctx) {
        return repository.find(Ids.parse(ctx.pathParam("id"))).orElseThrow(HttpError::notFound);
    }

    private Item item(long id) {
        return articles.item(id).orElseThrow(HttpError::notFound);
    }

    private String anchor(Comment c) {
        return Paths.INSTANCE.commentAnchor(c.itemId(), repository.pageOf(c), c.id());
    }

    private static Forms.State state(CommentForm form, Map<String, String> errors, String side) {
        Forms.Builder b = new Forms.Builder().value("body", form.body());
        if (side != null) {
            b.value("side", side);
        }
        errors.forEach(b::error);
        return b.build();
    }

    static boolean htmx(Context ctx) {
        return "true".equals(ctx.header("HX-Request"));
    }

    /** A moderator's reason for changing someone's comment: at most what the moderation log keeps. */
    private static String reason(Context ctx) {
        String reason = Forms.text(ctx, "reason").strip();
        if (reason.length() > ModerationLogRepository.MAX_REASON) {
            throw new HttpError(422, "Keep the reason under " + ModerationLogRepository.MAX_REASON + " characters.");
        }
        return reason;
    }
}
