package crux.web;

import io.javalin.http.Context;
import io.javalin.rendering.FileRenderer;
import java.io.Writer;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.TemplateSpec;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.FileTemplateResolver;

/**
 * Renders Thymeleaf templates from {@code templates/}. Every template gets the handler's model plus
 * {@code paths} (URL builders), {@code assets} (the static files' URLs), {@code previews} (descriptions and absolute
 * URLs for page heads), {@code slots} (where cached fragments are cut, {@link Fragments.Slots}) and
 * {@code site} (what the layout needs: viewer, CSRF token, flash, request id).
 */
public final class Views implements FileRenderer {

    private final TemplateEngine engine;
    private final Function<Context, Object> site;
    private final Assets assets;
    private final Previews previews;

    /** Views linking static files by their plain names, without a public address (template tests). */
    public Views(Path templatesDir, boolean cache, Function<Context, Object> site) {
        this(templatesDir, cache, site, Assets.PLAIN);
    }

    /** @param assets the static files, for their fingerprinted URLs ({@code assets.url('css/crux.css')}) */
    public Views(Path templatesDir, boolean cache, Function<Context, Object> site, Assets assets) {
        this(templatesDir, cache, site, assets, new Previews(() -> ""));
    }

    /** @param previews descriptions and absolute URLs (on CRUX_BASE_URL) for page heads */
    public Views(Path templatesDir, boolean cache, Function<Context, Object> site, Assets assets, Previews previews) {
        this.previews = previews;
        FileTemplateResolver resolver = new FileTemplateResolver();
        resolver.setPrefix(templatesDir.toAbsolutePath() + "/");
        resolver.setSuffix(".html");
        resolver.setTemplateMode(TemplateMode.HTML);
        resolver.setCharacterEncoding("UTF-8");
        resolver.setCacheable(cache);
        this.engine = new TemplateEngine();
        this.engine.setTemplateResolver(resolver);
        this.site = site;
        this.assets = assets;
    }

    public Assets assets() {
        return assets;
    }

    @Override
    public String render(String template, Map<String, ?> model, Context ctx) {
        ctx.contentType("text/html; charset=utf-8");
        return process(template, context(model, site.apply(ctx)));
    }

    /**
     * As {@link #render(String, Map, Context)}, appending to {@code out}: a large page rendered into a builder its
     * thread reuses costs no growing copies of the text (Thymeleaf's own writer starts at 100 characters and doubles).
     */
    public void render(String template, Map<String, ?> model, Context ctx, StringBuilder out) {
        ctx.contentType("text/html; charset=utf-8");
        Writer writer = new Writer() {
            @Override
            public void write(char[] chars, int off, int len) {
                out.append(chars, off, len);
            }

            @Override
            public void write(String str, int off, int len) {
                out.append(str, off, off + len);
            }

            @Override
            public void write(int c) {
                out.append((char) c);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        engine.process(spec(template), context(model, site.apply(ctx)), writer);
    }

    private org.thymeleaf.context.Context context(Map<String, ?> model, Object siteModel) {
        org.thymeleaf.context.Context tc = new org.thymeleaf.context.Context(Locale.ENGLISH);
        tc.setVariables(Map.copyOf(model));
        tc.setVariable("paths", Paths.INSTANCE);
        tc.setVariable("assets", assets);
        tc.setVariable("slots", Fragments.SLOTS);
        tc.setVariable("previews", previews);
        tc.setVariable("site", siteModel);
        return tc;
    }

    /** "folder/name" renders a whole template; "folder/name :: fragment" only that fragment (for htmx swaps). */
    private String process(String template, org.thymeleaf.context.Context tc) {
        return engine.process(spec(template), tc);
    }

    private static TemplateSpec spec(String template) {
        int at = template.indexOf(" :: ");
        return at < 0 ? new TemplateSpec(template, TemplateMode.HTML)
                : new TemplateSpec(template.substring(0, at), Set.of(template.substring(at + 4)), TemplateMode.HTML,
                        null);
    }

    /** What the layout shows for this request (viewer, token, flash — which it takes, so ask once per request). */
    public Object site(Context ctx) {
        return site.apply(ctx);
    }

    /** Renders without a request (feeds, cached pages, tests). */
    public String render(String template, Map<String, ?> model, Object siteModel) {
        return process(template, context(model, siteModel));
    }
}
