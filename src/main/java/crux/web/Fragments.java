package crux.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.unbescape.html.HtmlEscape;

/**
 * Rendered template fragments kept by <em>what they show</em>: the key is a value holding every input the fragment
 * reads (records compare by value), so an entry is never stale — a change makes a different key, and the old entry
 * is simply no longer asked for and ages out (bounded size, least recently used first).
 *
 * <p>Fragments that contain a form are rendered with {@link #CSRF_SLOT} as the token and get the viewer's token
 * spliced in by {@link #withCsrf}, so one rendering serves every member in the same state. Larger pieces with
 * per-viewer holes are kept as {@link Slotted}: static HTML between named slots, filled per request.
 */
public final class Fragments {

    /** Stands for the viewer's CSRF token in a cached rendering (Base64url tokens never contain it). */
    public static final String CSRF_SLOT = "crux-csrf-slot";

    /** Rendered markers a {@link Slotted} piece is split at: {@code <!--slot:name:id-->}. */
    private static final Pattern SLOT = Pattern.compile("<!--slot:([a-z]+):(\\d+)-->");

    private final Views views;
    private final Cache<Object, Object> cache;

    /**
     * @param maxChars the most characters of rendered HTML kept (a bound on memory: at most twice as many bytes);
     *                 the least recently used fragments go first
     */
    public Fragments(Views views, long maxChars) {
        this.views = views;
        this.cache = Caffeine.newBuilder().maximumWeight(maxChars).weigher(Fragments::chars).build();
    }

    private static int chars(Object key, Object value) {
        return value instanceof Slotted s ? s.parts().stream().mapToInt(String::length).sum() : ((String) value).length();
    }

    /** The fragment rendered from {@code template} with {@code model} (no request): once per distinct key. */
    public String render(Object key, String template, Map<String, ?> model) {
        return (String) cache.get(new Key(template, key), k -> views.render(template, model, Site.RENDERING));
    }

    /** As {@link #render}, split at its slot markers for per-request filling; the model is built only when rendering. */
    public Slotted slotted(Object key, String template, Supplier<Map<String, ?>> model) {
        return slotted(key, template, model, Site.RENDERING);
    }

    /**
     * As {@link #slotted(Object, String, Supplier)} for a whole page in its layout, as {@code site} sees it: the key
     * must hold everything of {@code site} the layout shows, and {@code site}'s token must be {@link #CSRF_SLOT}.
     */
    public Slotted slotted(Object key, String template, Supplier<Map<String, ?>> model, Site site) {
        return (Slotted) cache.get(new Key(template + "#slotted", key),
                k -> Slotted.parse(views.render(template, model.get(), site)));
    }

    /** A cached rendering with the viewer's token in place of {@link #CSRF_SLOT}. */
    public static String withCsrf(String html, String csrf) {
        return html.replace(CSRF_SLOT, csrf == null ? "" : HtmlEscape.escapeHtml5(csrf));
    }

    /** The marker a template emits (with {@code th:utext}) where a slot goes. */
    public static String marker(String name, long id) {
        return "<!--slot:" + name + ":" + id + "-->";
    }

    private record Key(String template, Object key) {
    }

    /** Static HTML with holes: {@code parts} has one more element than {@code slots}. */
    public record Slotted(List<String> parts, List<Slot> slots) {

        public record Slot(String name, long id) {
        }

        static Slotted parse(String html) {
            List<String> parts = new ArrayList<>();
            List<Slot> slots = new ArrayList<>();
            Matcher m = SLOT.matcher(html);
            int from = 0;
            while (m.find()) {
                parts.add(html.substring(from, m.start()));
                slots.add(new Slot(m.group(1), Long.parseLong(m.group(2))));
                from = m.end();
            }
            parts.add(html.substring(from));
            return new Slotted(List.copyOf(parts), List.copyOf(slots));
        }

        /** The HTML with each slot replaced by what {@code fill} gives for it. */
        public String fill(Function<Slot, String> fill) {
            return fill(fill, Function.identity());
        }

        /** As {@link #fill(Function)}, each static part first passed through {@code part} (e.g. {@link #withCsrf}). */
        public String fill(Function<Slot, String> fill, Function<String, String> part) {
            List<String> filled = new ArrayList<>(slots.size());
            int length = 0;
            for (int i = 0; i < slots.size(); i++) {
                String f = fill.apply(slots.get(i));
                filled.add(f);
                length += f.length() + parts.get(i).length() + 64;
            }
            StringBuilder out = new StringBuilder(length + parts.get(parts.size() - 1).length() + 64);
            for (int i = 0; i < slots.size(); i++) {
                out.append(part.apply(parts.get(i))).append(filled.get(i));
            }
            return out.append(part.apply(parts.get(parts.size() - 1))).toString();
        }
    }
}
