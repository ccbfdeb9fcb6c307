package crux.web;

import static crux.web.Access.PUBLIC;
import static crux.web.Route.get;

import crux.article.ArticleHandlers;
import java.util.List;

/** THE route table: every path Crux answers, who may use it, and its handler. */
public final class Routes {

    private Routes() {
    }

    public static List<Route> table(ArticleHandlers article, SystemHandlers system) {
        return List.of(
                get("/", PUBLIC, article::article),
                get("/items/{id}", PUBLIC, article::item),
                get("/about", PUBLIC, article::about),
                get("/healthz", PUBLIC, system::health));
    }
}
