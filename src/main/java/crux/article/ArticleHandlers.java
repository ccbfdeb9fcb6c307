package crux.article;

import crux.debate.DebateView;
import crux.debate.DebateViews;
import crux.moderation.ItemModeration;
import crux.web.Forms;
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
                           List<ItemModeration.Revision> history, DebateView debate) {
    }

    private final ArticleRepository repository;
    private final ItemModeration moderation;
    private final DebateViews debates;

    public ArticleHandlers(ArticleRepository repository, ItemModeration moderation, DebateViews debates) {
        this.repository = repository;
        this.moderation = moderation;
        this.debates = debates;
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
        renderItem(ctx, item, debates.view(ctx, item, Forms.State.empty()));
    }

    /** The item page with its debate as given (the debate handlers show a refused argument form in it). */
    public void renderItem(Context ctx, Item item, DebateView debate) {
        Article article = repository.article();
        ctx.render("article/item", Map.of("page", new ItemPage(item, article,
                ArticleText.context(article.body(), item), moderation.history(item.id()), debate)));
    }

    public void about(Context ctx) {
        ctx.render("about", Map.of());
    }
}
