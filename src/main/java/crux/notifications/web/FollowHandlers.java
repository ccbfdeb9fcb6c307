package crux.notifications.web;

import crux.article.ArticleRepository;
import crux.notifications.FollowRepository;
import crux.web.Flash;
import crux.web.Gate;
import crux.web.HttpError;
import crux.web.Ids;
import io.javalin.http.Context;

/** Follow and unfollow an item. */
public final class FollowHandlers {

    private final FollowRepository follows;
    private final ArticleRepository articles;

    public FollowHandlers(FollowRepository follows, ArticleRepository articles) {
        this.follows = follows;
        this.articles = articles;
    }

    public void follow(Context ctx) {
        long id = Ids.parse(ctx.pathParam("id"));
        articles.item(id).filter(i -> !i.retired()).orElseThrow(HttpError::notFound);
        follows.follow(Gate.budget(ctx), Gate.member(ctx).id(), id);
        Flash.set(ctx, "You are following this item: new arguments, big forecast moves and its resolution will reach your inbox.");
        ctx.redirect("/items/" + id + "#follow");
    }

    public void unfollow(Context ctx) {
        long id = Ids.parse(ctx.pathParam("id"));
        articles.item(id).orElseThrow(HttpError::notFound);
        follows.unfollow(Gate.budget(ctx), Gate.member(ctx).id(), id);
        Flash.set(ctx, "You no longer follow this item.");
        ctx.redirect("/items/" + id + "#follow");
    }
}
