package crux.web;

/** The one place that builds Crux's URLs; handlers and templates (as {@code paths}) both use it. */
public final class Paths {

    public static final Paths INSTANCE = new Paths();

    public String home() {
        return "/";
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

    public String passage(long itemId) {
        return "/#passage-" + itemId;
    }

    /** htmx's file in its webjar (a Maven dependency, not a copied file): its version is the one in pom.xml. */
    public static final String HTMX = "htmx.org/2.0.10/dist/htmx.min.js";

    /** htmx, served from its webjar by {@link WebjarFile}. */
    public String htmx() {
        return WebjarFile.servedAt(HTMX);
    }

    /** A member's profile; names may hold any letters, so they are percent-encoded. */
    public String user(String name) {
        return "/users/" + java.net.URLEncoder.encode(name, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
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
                : "/register?next=" + java.net.URLEncoder.encode(next, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** A page of the public moderation log, keeping its filters. */
    public String modLog(int page, String moderator, String action) {
        StringBuilder sb = new StringBuilder("/mod/log?page=").append(page);
        if (moderator != null && !moderator.isEmpty()) {
            sb.append("&moderator=").append(enc(moderator));
        }
        if (action != null && !action.isEmpty()) {
            sb.append("&action=").append(enc(action));
        }
        return sb.toString();
    }

    static String enc(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }

    public String staticFile(String name) {
        return "/static/" + name;
    }
}
