package crux.web;

import crux.core.Links;
import crux.core.Target;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** The one place that builds Crux's URLs; handlers and templates (as {@code paths}) both use it. */
public final class Paths implements Links {

    public static final Paths INSTANCE = new Paths();

    /** A notice's or log row's target: an article, an item (at a section of its page), a comment, a member's profile. */
    @Override
    public String to(Target target) {
        return switch (target.kind()) {
            case ARTICLE -> article(target.name());
            case ITEM -> target.section() == null ? item(target.id()) : item(target.id()) + "#" + target.section();
            case COMMENT -> comment(target.id());
            case MEMBER -> user(target.name());
        };
    }

    public String home() {
        return "/";
    }

    /** An article's page. */
    public String article(String slug) {
        return "/articles/" + slug;
    }

    /** An article's Atom feed: its items' new arguments and resolutions. */
    public String articleFeed(String slug) {
        return "/articles/" + slug + "/feed.atom";
    }

    /** An article's open data. */
    public String articleJson(String slug) {
        return "/articles/" + slug + ".json";
    }

    /** An article's common ground: the items every one of its camps tends to accept. */
    public String articleCommonGround(String slug) {
        return "/articles/" + slug + "/common-ground";
    }

    public String about() {
        return "/about";
    }

    public String item(long id) {
        return "/items/" + id;
    }

    /** A comment's permalink: it redirects to {@link #commentAnchor}, wherever the comment has moved to. */
    public String comment(long id) {
        return "/comments/" + id;
    }

    /** The page of an item's thread that shows a comment, scrolled to it. */
    public String commentAnchor(long itemId, int page, long commentId) {
        return "/items/" + itemId + "?page=" + page + "#comment-" + commentId;
    }

    public String commentHistory(long id) {
        return "/comments/" + id + "/history";
    }

    /** An item's passage, highlighted in its article's text. */
    public String passage(String articleSlug, long itemId) {
        return article(articleSlug) + "#passage-" + itemId;
    }

    /** htmx's file in its webjar (a Maven dependency, not a copied file): its version is the one in pom.xml. */
    public static final String HTMX = "htmx.org/2.0.10/dist/htmx.min.js";

    /** htmx, served from its webjar by {@link WebjarFile}. */
    public String htmx() {
        return WebjarFile.servedAt(HTMX);
    }

    /** A member's profile; names may hold any letters, so they are percent-encoded. */
    public String user(String name) {
        return "/users/" + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+",
                "%20");
    }

    /** A member's Atom feed of their public arguments and replies. */
    public String userFeed(String name) {
        return user(name) + "/feed.atom";
    }

    /** A page of a member's profile: its list of arguments and replies goes back a page at a time. */
    public String userPage(String name, int page) {
        return page <= 1 ? user(name) : user(name) + "?page=" + page + "#comments";
    }

    public String settings() {
        return "/settings";
    }

    public String login() {
        return "/login";
    }

    /** The registration page, keeping where the visitor was going (a path already checked by Forms.safeNext). */
    public String register(String next) {
        return next == null || next.equals("/") ? "/register"
                : "/register?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8);
    }

    /** A page of the public moderation log, keeping its filters. */
    public String modLog(int page, String moderator, String action) {
        return modLog(page, moderator, action, null);
    }

    /** A page of the public moderation log, keeping its filters, one article's rows only when {@code article} is given. */
    public String modLog(int page, String moderator, String action, String article) {
        StringBuilder sb = new StringBuilder("/mod/log?page=").append(page);
        if (article != null && !article.isEmpty()) {
            sb.append("&article=").append(enc(article));
        }
        if (moderator != null && !moderator.isEmpty()) {
            sb.append("&moderator=").append(enc(moderator));
        }
        if (action != null && !action.isEmpty()) {
            sb.append("&action=").append(enc(action));
        }
        return sb.toString();
    }

    /** A page of search results, keeping the query and its filters (empty ones are left out). */
    public String search(String q, String kind, String article, int page) {
        StringBuilder sb = new StringBuilder("/search?q=").append(enc(q == null ? "" : q));
        if (kind != null && !kind.isEmpty()) {
            sb.append("&kind=").append(enc(kind));
        }
        if (article != null && !article.isEmpty()) {
            sb.append("&article=").append(enc(article));
        }
        return page > 1 ? sb.append("&page=").append(page).toString() : sb.toString();
    }

    /** Where a member proposes an item from a passage of an article (and sees their proposals). */
    public String propose(String articleSlug) {
        return "/articles/" + articleSlug + "/propose";
    }

    /** A moderator's review of a member's proposal. */
    public String proposal(long id) {
        return "/mod/proposals/" + id;
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

}
