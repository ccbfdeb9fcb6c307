package crux.article;

import crux.moderation.ItemModeration;
import crux.notifications.Follows;
import crux.web.HttpError;
import crux.web.Ids;
import io.javalin.http.Context;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The article page, item pages and the about page. */
public final class ArticleHandlers {

    /** What the article page shows. */
    public record ArticlePage(Article article, List<ArticleText.Block> blocks, Map<ItemKind, List<Item>> index,
                              int itemCount) {
    }

    /** What an item page shows. */
    public record ItemPage(Item item, Article article, ArticleText.Line context,
                           List<ItemModeration.Revision> history, boolean following) {
    }

    private final ArticleRepository repository;
    private final ItemModeration moderation;
    private final Follows follows;

    public ArticleHandlers(ArticleRepository repository, ItemModeration moderation, Follows follows) {
        this.repository = repository;
        this.moderation = moderation;
        this.follows = follows;
    }

    public void article(Context ctx) {
        Article article = repository.article();
        List<Item> items = repository.activeItems();
        Map<ItemKind, List<Item>> index = items.stream().collect(Collectors.groupingBy(
                Item::kind, () -> new EnumMap<>(ItemKind.class), Collectors.toList()));
        ctx.render("article/article", Map.of("page",
                new ArticlePage(article, ArticleText.blocks(article.body(), article.title(), items), index, items.size())));
    }

    public void item(Context ctx) {
        long id = Ids.parse(ctx.pathParam("id"));
        Item item = repository.item(id).orElseThrow(HttpError::notFound);
        Article article = repository.article();
        var session = crux.web.Gate.session(ctx);
        var viewer = session == null ? null : session.member();
        ctx.render("article/item", Map.of("page", new ItemPage(item, article,
                ArticleText.context(article.body(), item), moderation.history(item.id()),
                viewer != null && follows.follows(viewer.id(), item.id()))));
    }

    public void about(Context ctx) {
        ctx.render("about", Map.of());
    }
}
