package crux.article;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the stored article text into blocks for display, with each item's passage as its own segment.
 * Pure: offsets in, blocks out. Passages may overlap; a stretch covered by several passages belongs to
 * the shortest (most specific) one, so every character links to exactly one item. Two sources: plain text whose
 * structure is guessed ({@link #blocks(String, String, Collection)}, the first article) and the layout of an article
 * published as Markdown ({@link #blocks(ArticleMarkdown.Layout, Collection)}), whose links are cut into segments too.
 */
public final class ArticleText {

    /**
     * A run of text; {@code itemId} is null for plain text; {@code anchor} marks where an item's passage starts
     * and {@code end} where it ends (where the page puts the item's standing); {@code href} is where the article's
     * own link around this text leads (http, https or mailto), null outside a link.
     */
    public record Segment(String text, Long itemId, ItemKind kind, boolean anchor, boolean end, String href) {

        /** A run outside any link: all of a plain-text article. */
        public Segment(String text, Long itemId, ItemKind kind, boolean anchor, boolean end) {
            this(text, itemId, kind, anchor, end, null);
        }

        public boolean highlighted() {
            return itemId != null;
        }
    }

    /** One line of a block (a list has several), as segments. */
    public record Line(int start, int end, List<Segment> segments) {
    }

    /**
     * A displayed block: kicker, title, byline, heading, quote, list (numbered), bullets, paragraph or tags.
     * {@code level} is a heading's level on the page (2 to 4; the page's h1 is the title) and 0 for other blocks;
     * {@code listStart} is the number a list starts at, 1 for other blocks.
     */
    public record Block(String type, int level, int listStart, List<Line> lines) {
        public Line line() {
            return lines.get(0);
        }
    }

    private static final Pattern LIST_LINE = Pattern.compile("^\\s*\\d+\\.\\s+");
    /** A heading is a short single line with no closing punctuation. */
    private static final int MAX_HEADING_LENGTH = 80;
    /** The level of an article's top headings: h1 is the page's title. */
    private static final int TOP_HEADING = 2;
    /** Deeper levels than this all show as this one: a reader does not follow an outline five deep. */
    private static final int DEEPEST_HEADING = 4;

    private ArticleText() {
    }

    public static List<Block> blocks(String body, String title, Collection<Item> items) {
        List<Block> blocks = new ArrayList<>();
        List<Line> paragraph = new ArrayList<>();
        List<Line> list = new ArrayList<>();
        for (int[] l : lines(body)) {
            String text = body.substring(l[0], l[1]);
            Matcher m = LIST_LINE.matcher(text);
            if (text.isBlank()) {
                flushParagraph(body, title, paragraph, blocks);
                flushList(list, blocks);
            } else if (m.find()) {
                flushParagraph(body, title, paragraph, blocks);
                list.add(line(body, l[0] + m.end(), l[1], items));
            } else {
                flushList(list, blocks);
                paragraph.add(line(body, l[0], l[1], items));
            }
        }
        flushParagraph(body, title, paragraph, blocks);
        flushList(list, blocks);
        int last = blocks.size() - 1;
        if (last > 0 && blocks.get(last).type().equals("heading")
                && body.substring(blocks.get(last).line().start(), blocks.get(last).line().end()).contains(",")) {
            blocks.set(last, new Block("tags", 0, 1, blocks.get(last).lines()));
        }
        return blocks;
    }

    private static void flushParagraph(String body, String title, List<Line> lines, List<Block> blocks) {
        if (!lines.isEmpty()) {
            blocks.add(classify(body, title, List.copyOf(lines), blocks.size()));
            lines.clear();
        }
    }

    private static void flushList(List<Line> lines, List<Block> blocks) {
        if (!lines.isEmpty()) {
            blocks.add(new Block("list", 0, 1, List.copyOf(lines)));
            lines.clear();
        }
    }

    /**
     * The blocks of an article published as Markdown. Headings keep their order of depth: the shallowest level the
     * article uses shows as h2, the next as h3, any deeper as h4, so the page's outline skips no level whatever
     * levels the text was written with.
     */
    public static List<Block> blocks(ArticleMarkdown.Layout layout, Collection<Item> items) {
        TreeSet<Integer> levels = new TreeSet<>();
        for (ArticleMarkdown.Block block : layout.blocks()) {
            if (block.kind() == ArticleMarkdown.Kind.HEADING) {
                levels.add(block.level());
            }
        }
        List<Block> blocks = new ArrayList<>();
        for (ArticleMarkdown.Block block : layout.blocks()) {
            List<Line> lines = new ArrayList<>();
            for (ArticleMarkdown.Span span : block.lines()) {
                lines.add(line(layout.body(), span.start(), span.end(), items, layout.links()));
            }
            blocks.add(switch (block.kind()) {
                case HEADING -> new Block("heading",
                        Math.min(DEEPEST_HEADING, TOP_HEADING + levels.headSet(block.level()).size()), 1, lines);
                case QUOTE -> new Block("quote", 0, 1, lines);
                case ORDERED_LIST -> new Block("list", 0, block.listStart(), lines);
                case BULLET_LIST -> new Block("bullets", 0, 1, lines);
                case PARAGRAPH -> new Block("paragraph", 0, 1, lines);
            });
        }
        return blocks;
    }

    /** The line (paragraph, heading or list entry) holding {@code offset}, with only {@code item} highlighted. */
    public static Line context(String body, Item item) {
        return context(blocks(body, "", List.of(item)), body, item);
    }

    /** As {@link #context(String, Item)}, in an article published as Markdown: the line with its links. */
    public static Line context(ArticleMarkdown.Layout layout, Item item) {
        return context(blocks(layout, List.of(item)), layout.body(), item);
    }

    private static Line context(List<Block> blocks, String body, Item item) {
        for (Block block : blocks) {
            for (Line line : block.lines()) {
                if (item.quoteStart() >= line.start() && item.quoteStart() < line.end()) {
                    return line;
                }
            }
        }
        return line(body, item.quoteStart(), item.quoteEnd(), List.of(item));
    }

    private static Block classify(String body, String title, List<Line> lines, int index) {
        String text = body.substring(lines.get(0).start(), lines.get(lines.size() - 1).end()).strip();
        String type;
        if (text.equals(title)) {
            type = "title";
        } else if (index == 0 && lines.size() == 1 && text.length() < 40) {
            type = "kicker";
        } else if (text.startsWith("Published ")) {
            type = "byline";
        } else if (text.startsWith("\"") || text.startsWith("\u201c")) {
            type = "quote";
        } else if (lines.size() == 1 && text.length() <= MAX_HEADING_LENGTH && !text.matches(".*[.:?!\"]$")) {
            type = "heading";
        } else {
            type = "paragraph";
        }
        return new Block(type, type.equals("heading") ? TOP_HEADING : 0, 1,
                lines.size() == 1 ? lines : List.of(merge(lines)));
    }

    private static Line merge(List<Line> lines) {
        List<Segment> all = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (i > 0) {
                all.add(new Segment("\n", null, null, false, false));
            }
            all.addAll(lines.get(i).segments());
        }
        return new Line(lines.get(0).start(), lines.get(lines.size() - 1).end(), all);
    }

    /** [start, end) of every line, without the line break. */
    private static List<int[]> lines(String body) {
        List<int[]> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= body.length(); i++) {
            if (i == body.length() || body.charAt(i) == '\n') {
                int end = i > start && body.charAt(i - 1) == '\r' ? i - 1 : i;
                out.add(new int[] {start, end});
                start = i + 1;
            }
        }
        return out;
    }

    static Line line(String body, int start, int end, Collection<Item> items) {
        return line(body, start, end, items, List.of());
    }

    /** [start, end) of {@code body} cut where a passage or a link starts or ends. */
    static Line line(String body, int start, int end, Collection<Item> items, List<ArticleMarkdown.Link> links) {
        TreeSet<Integer> cuts = new TreeSet<>(List.of(start, end));
        for (ArticleMarkdown.Link link : links) { // one outside the line cuts at its start or end: no new cut
            cuts.add(Math.min(end, Math.max(start, link.start())));
            cuts.add(Math.min(end, Math.max(start, link.end())));
        }
        List<Item> touching = new ArrayList<>();
        for (Item item : items) {
            if (item.quoteStart() < end && item.quoteEnd() > start) {
                touching.add(item);
                cuts.add(Math.max(start, item.quoteStart()));
                cuts.add(Math.min(end, item.quoteEnd()));
            }
        }
        List<Segment> segments = new ArrayList<>();
        Integer from = null;
        for (int to : cuts) {
            if (from != null) { // the cuts are distinct and ascending: every stretch has text
                Item owner = owner(touching, from, to);
                String text = body.substring(from, to);
                Segment last = segments.isEmpty() ? null : segments.get(segments.size() - 1);
                Long id = owner == null ? null : owner.id();
                boolean ends = owner != null && owner.quoteEnd() == to;
                String href = href(links, from);
                if (last != null && Objects.equals(last.itemId(), id) && Objects.equals(last.href(), href)) {
                    segments.set(segments.size() - 1, new Segment(last.text() + text, id, last.kind(), last.anchor(),
                            ends, href));
                } else {
                    segments.add(new Segment(text, id, owner == null ? null : owner.kind(),
                            owner != null && owner.quoteStart() == from, ends, href));
                }
            }
            from = to;
        }
        return new Line(start, end, segments);
    }

    /** The destination of the link holding the stretch starting at {@code from} (cut at every link's ends). */
    private static String href(List<ArticleMarkdown.Link> links, int from) {
        for (ArticleMarkdown.Link link : links) {
            if (link.start() <= from && from < link.end()) {
                return link.href();
            }
        }
        return null;
    }

    private static Item owner(List<Item> items, int from, int to) {
        Item best = null;
        for (Item item : items) {
            if (item.quoteStart() <= from && item.quoteEnd() >= to
                    && (best == null || item.quote().length() < best.quote().length())) {
                best = item;
            }
        }
        return best;
    }
}
