package crux.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.unbescape.html.HtmlEscape;

/**
 * Rendered template fragments kept by <em>what they show</em>: the key is a value holding every input the fragment
 * reads (records compare by value), so an entry is never stale — a change makes a different key, and the old entry
 * is simply no longer asked for and ages out (bounded size, least recently used first).
 *
 * <p>Fragments that contain a form are rendered with {@link #CSRF_SLOT} as the token, kept cut there ({@link Html}),
 * and written out with the viewer's token in the cuts, so one rendering serves every member in the same state. Larger pieces with
 * per-viewer holes are kept as {@link Slotted}: static HTML between named slots, filled per request.
 */
public final class Fragments {

    /** Stands for the viewer's CSRF token in a cached rendering (Base64url tokens never contain it). */
    public static final String CSRF_SLOT = "crux-csrf-slot";

    /** Rendered markers a {@link Slotted} piece is split at: {@code <!--slot:name:id-->}. */
    private static final Pattern SLOT = Pattern.compile("<!--slot:([a-z]+):(\\d+)-->");

    private static final byte[] NO_TOKEN = new byte[0];

    private final Views views;
    private final Cache<Object, Object> cache;

    /**
     * @param maxBytes the most bytes of rendered HTML kept (UTF-8, a bound on memory); the least recently used
     *                 fragments go first
     */
    public Fragments(Views views, long maxBytes) {
        this.views = views;
        this.cache = Caffeine.newBuilder().maximumWeight(maxBytes).weigher(Fragments::bytes).build();
    }

    private static int bytes(Object key, Object value) {
        return value instanceof Slotted s ? s.parts().stream().mapToInt(Html::bytes).sum() : ((Html) value).bytes();
    }

    /** The fragment rendered from {@code template} with {@code model} (no request): once per distinct key. */
    public Html html(Object key, String template, Map<String, ?> model) {
        return (Html) cache.get(new Key(template, key), k -> Html.of(views.render(template, model, Site.RENDERING)));
    }

    /** As {@link #html}, split at its slot markers for per-request filling; the model is built only when rendering. */
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

    /** The viewer's token as it goes into the HTML: escaped, in UTF-8; nothing for no token. */
    public static byte[] token(String csrf) {
        return csrf == null ? NO_TOKEN : HtmlEscape.escapeHtml5(csrf).getBytes(StandardCharsets.UTF_8);
    }

    /** The marker a template emits (with {@code th:utext}) where a slot goes. */
    /** The markers templates write where a cached rendering is filled per request ({@code slots} in templates). */
    public static final Slots SLOTS = new Slots();

    /** Named slot markers for templates: a passage's standing beside it, an item's line in the article's index. */
    public static final class Slots {
        private Slots() {
        }

        public String standing(long itemId) {
            return marker("standing", itemId);
        }

        public String entry(long itemId) {
            return marker("entry", itemId);
        }
    }

    public static String marker(String name, long id) {
        return "<!--slot:" + name + ":" + id + "-->";
    }

    private record Key(String template, Object key) {

        // Written out: every kept fragment of every page view is looked up by one.
        @Override
        public boolean equals(Object other) {
            return other instanceof Key k && template.equals(k.template) && (key == k.key || key.equals(k.key));
        }

        @Override
        public int hashCode() {
            return template.hashCode() * 31 + key.hashCode();
        }
    }

    /**
     * Rendered HTML kept as UTF-8, cut where the viewer's token goes: writing it out per request copies bytes and
     * neither searches for the token nor encodes characters, the two costs a page assembled from strings would pay.
     */
    public static final class Html {

        private static final byte[] SLOT_BYTES = CSRF_SLOT.getBytes(StandardCharsets.UTF_8);

        /** The pieces between token slots: one more than the slots. */
        private final byte[][] pieces;
        private final int bytes;

        private Html(byte[][] pieces) {
            this.pieces = pieces;
            int n = 0;
            for (byte[] p : pieces) {
                n += p.length;
            }
            this.bytes = n;
        }

        public static Html of(String html) {
            String[] split = html.split(Pattern.quote(CSRF_SLOT), -1);
            byte[][] pieces = new byte[split.length][];
            for (int i = 0; i < split.length; i++) {
                pieces[i] = split[i].getBytes(StandardCharsets.UTF_8);
            }
            return new Html(pieces);
        }

        /** Its bytes, token slots not counted. */
        public int bytes() {
            return bytes;
        }

        /** Writes it with {@code token} (from {@link #token}) in every slot. */
        public void writeTo(Out out, byte[] token) {
            out.write(pieces[0]);
            for (int i = 1; i < pieces.length; i++) {
                out.write(token);
                out.write(pieces[i]);
            }
        }

        @Override
        public String toString() {
            Out out = new Out(bytes + 64);
            writeTo(out, SLOT_BYTES);
            return out.toString();
        }
    }

    /** Writes what goes into one slot of a {@link Slotted} piece. */
    @FunctionalInterface
    public interface Filler {
        void fill(Slotted.Slot slot, Out out);
    }

    /** Static HTML with holes: {@code parts} has one more element than {@code slots}. */
    public record Slotted(List<Html> parts, List<Slot> slots) {

        public record Slot(String name, long id) {
        }

        static Slotted parse(String html) {
            List<Html> parts = new ArrayList<>();
            List<Slot> slots = new ArrayList<>();
            Matcher m = SLOT.matcher(html);
            int from = 0;
            while (m.find()) {
                parts.add(Html.of(html.substring(from, m.start())));
                slots.add(new Slot(m.group(1), Long.parseLong(m.group(2))));
                from = m.end();
            }
            parts.add(Html.of(html.substring(from)));
            return new Slotted(List.copyOf(parts), List.copyOf(slots));
        }

        /** Writes the static parts (with {@code token} in their token slots) and, between them, what {@code fill} writes. */
        public void writeTo(Out out, byte[] token, Filler fill) {
            for (int i = 0; i < slots.size(); i++) {
                parts.get(i).writeTo(out, token);
                fill.fill(slots.get(i), out);
            }
            parts.get(parts.size() - 1).writeTo(out, token);
        }
    }

    /** A page being put together from UTF-8 pieces, in one growing array. */
    public static final class Out {

        private byte[] buf;
        private int size;

        public Out(int capacity) {
            this.buf = new byte[Math.max(capacity, 256)];
        }

        public void write(byte[] bytes) {
            if (size + bytes.length > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + bytes.length));
            }
            System.arraycopy(bytes, 0, buf, size, bytes.length);
            size += bytes.length;
        }

        /**
         * Writes {@code chars[from, to)} as UTF-8, encoded straight into this buffer through a chunk its thread reuses:
         * no string of the text and no array of its bytes is made on the way.
         */
        public void write(StringBuilder chars, int from, int to) {
            Encoding e = ENCODING.get();
            CharsetEncoder encoder = e.encoder;
            char[] chunk = e.chunk;
            for (int at = from; at < to; ) {
                int n = Math.min(chunk.length, to - at);
                if (at + n < to && Character.isHighSurrogate(chars.charAt(at + n - 1))) {
                    n--; // a surrogate pair stays whole in one chunk
                }
                chars.getChars(at, at + n, chunk, 0);
                CharBuffer in = CharBuffer.wrap(chunk, 0, n);
                encoder.reset();
                while (true) {
                    ByteBuffer outBuf = ByteBuffer.wrap(buf, size, buf.length - size);
                    CoderResult r = encoder.encode(in, outBuf, true);
                    if (!r.isOverflow()) {
                        r = encoder.flush(outBuf);
                    }
                    size = outBuf.position();
                    if (r.isOverflow()) {
                        buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + n * 3));
                        continue;
                    }
                    break;
                }
                at += n;
            }
        }

        /** A thread's UTF-8 encoder (lone surrogates become '?', as String.getBytes makes them) and its chunk. */
        private record Encoding(CharsetEncoder encoder, char[] chunk) {
        }

        private static final ThreadLocal<Encoding> ENCODING = ThreadLocal.withInitial(() -> new Encoding(
                StandardCharsets.UTF_8.newEncoder().onMalformedInput(CodingErrorAction.REPLACE)
                        .onUnmappableCharacter(CodingErrorAction.REPLACE), new char[8 * 1024]));

        public int size() {
            return size;
        }

        public byte[] toByteArray() {
            return size == buf.length ? buf : Arrays.copyOf(buf, size);
        }

        /** The bytes written so far, read in place rather than copied: valid until this buffer is reset. */
        public InputStream stream() {
            return new ByteArrayInputStream(buf, 0, size);
        }

        /**
         * Empties the buffer for the next page, keeping its array (grown to the pages written into it) unless one
         * rare page grew it past {@code keepBytes}.
         */
        public Out reset(int keepBytes) {
            if (buf.length > keepBytes) {
                buf = new byte[keepBytes];
            }
            size = 0;
            return this;
        }

        @Override
        public String toString() {
            return new String(buf, 0, size, StandardCharsets.UTF_8);
        }
    }
}
