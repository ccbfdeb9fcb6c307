package crux.opendata.web;

import crux.opendata.SitemapRepository;
import crux.web.Paths;
import crux.web.Route;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/** What search engines read first: {@code /robots.txt} (where they may go) and {@code /sitemap.xml} (what there is). */
public final class CrawlerHandlers {

    /** Pages for one member or for moderators: nothing a search engine could show anyone. */
    static final List<String> PRIVATE = List.of("/mod", "/admin", "/settings", "/inbox", "/two-factor");
    /** Under /mod, the public moderation log is for everyone. */
    static final String PUBLIC_LOG = "/mod/log";
    /** robots.txt changes only with the route table; crawlers may keep it a day. */
    static final String ROBOTS_CACHE = "public, max-age=86400";
    /** The sitemap follows new items and arguments; an hour is fresh enough for any crawler. */
    static final String SITEMAP_CACHE = "public, max-age=3600";

    private final SitemapRepository sitemap;
    private final Supplier<String> baseUrl;

    public CrawlerHandlers(SitemapRepository sitemap, Supplier<String> baseUrl) {
        this.sitemap = sitemap;
        this.baseUrl = baseUrl;
    }

    /**
     * Allows the public pages; disallows the private ones, the live endpoints, and every path that only answers POST
     * (read from the route table, so a new form's path is never crawled), and points to the sitemap.
     */
    public void robots(Context ctx, List<Route> routes) {
        ctx.contentType("text/plain; charset=utf-8");
        ctx.header("Cache-Control", ROBOTS_CACHE);
        ctx.result(robots(routes, baseUrl.get()));
    }

    static String robots(List<Route> routes, String base) {
        StringBuilder out = new StringBuilder("User-agent: *\nAllow: /\nAllow: " + PUBLIC_LOG + "\n");
        for (String path : PRIVATE) {
            out.append("Disallow: ").append(path).append('\n');
        }
        // the live refreshes and event stream of an item page: parts of a page, not pages
        out.append("Disallow: /items/*/live/\nDisallow: /items/*/events\n");
        for (String path : postOnly(routes)) {
            out.append("Disallow: ").append(path).append('\n');
        }
        return out.append("\nSitemap: ").append(base).append("/sitemap.xml\n").toString();
    }

    /** Paths that answer POST and not GET, with each {parameter} as robots.txt's wildcard, outside the private ones. */
    static Set<String> postOnly(List<Route> routes) {
        Set<String> gets = new TreeSet<>();
        routes.stream().filter(r -> r.method() == HandlerType.GET).forEach(r -> gets.add(r.path()));
        Set<String> out = new TreeSet<>();
        for (Route r : routes) {
            if (r.method() == HandlerType.POST && !gets.contains(r.path())
                    && PRIVATE.stream().noneMatch(p -> r.path().equals(p) || r.path().startsWith(p + "/"))) {
                out.add(r.path().replaceAll("\\{[^}/]+}", "*") + "$");
            }
        }
        return out;
    }

    private static final DateTimeFormatter W3C = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");

    /** Every listed article and item page, with the time it last changed (sitemaps.org, W3C datetime in UTC). */
    public void sitemap(Context ctx) {
        String base = baseUrl.get();
        SitemapRepository.Entries entries = sitemap.entries();
        StringBuilder out = new StringBuilder(4096 + 120 * (entries.articles().size() + entries.items().size()))
                .append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
        url(out, base + Paths.INSTANCE.home(), null);
        for (SitemapRepository.ArticleEntry a : entries.articles()) {
            url(out, base + Paths.INSTANCE.article(a.slug()), a.modified());
        }
        for (SitemapRepository.ItemEntry i : entries.items()) {
            url(out, base + Paths.INSTANCE.item(i.id()), i.modified());
        }
        out.append("</urlset>\n");
        ctx.contentType("application/xml; charset=utf-8");
        ctx.header("Cache-Control", SITEMAP_CACHE);
        ctx.result(out.toString());
    }

    private static void url(StringBuilder out, String loc, java.time.OffsetDateTime modified) {
        out.append("  <url><loc>").append(escape(loc)).append("</loc>");
        if (modified != null) {
            out.append("<lastmod>").append(W3C.format(modified.withOffsetSameInstant(ZoneOffset.UTC)))
                    .append("</lastmod>");
        }
        out.append("</url>\n");
    }

    /** Slugs and the base address are ASCII without markup, but a sitemap must stay well-formed whatever they hold. */
    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&apos;");
    }
}
