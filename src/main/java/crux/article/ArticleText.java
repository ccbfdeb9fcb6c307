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
 * the shortest (most specific) one, so every character links to exactly one item.
 */
public final class ArticleText {

    /**
     * A run of text; {@code itemId} is null for plain text; {@code anchor} marks where an item's passage starts
     * and {@code end} where it ends (where the page puts the item's standing).
     */
    public record Segment(String text, Long itemId, ItemKind kind, boolean anchor, boolean end) {
        public boolean highlighted() {
            return itemId != null;
        }
    }

    /** One line of a block (a list has several), as segments. */
    public record Line(int start, int end, List<Segment> segments) {
    }

    /** A displayed block: kicker, title, byline, heading, quote, list, paragraph or tags. */
    public record Block(String type, List<Line> lines) {
        public Line line() {
            return lines.get(0);
        }
    }

    private static final Pattern LIST_LINE = Pattern.compile("^\\s*\\d+\\.\\s+");
    /** A heading is a short single line with no closing punctuation. */
    private static final int MAX_HEADING_LENGTH = 80;

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
            blocks.set(last, new Block("tags", blocks.get(last).lines()));
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
            blocks.add(new Block("list", List.copyOf(lines)));
            lines.clear();
        }
    }

    /** The line (paragraph, heading or list entry) holding {@code offset}, with only {@code item} highlighted. */
    public static Line context(String body, Item item) {
        for (Block block : blocks(body, "", List.of(item))) {
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
        return new Block(type, lines.size() == 1 ? lines : List.of(merge(lines)));
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
        TreeSet<Integer> cuts = new TreeSet<>(List.of(start, end));
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
                if (last != null && Objects.equals(last.itemId(), id)) {
                    segments.set(segments.size() - 1, new Segment(last.text() + text, id, last.kind(), last.anchor(),
                            ends));
                } else {
                    segments.add(new Segment(text, id, owner == null ? null : owner.kind(),
                            owner != null && owner.quoteStart() == from, ends));
                }
            }
            from = to;
        }
        return new Line(start, end, segments);
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
