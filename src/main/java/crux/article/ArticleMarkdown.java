package crux.article;

import crux.markdown.LinkPolicy;
import crux.markdown.Markdown;
import java.util.ArrayList;
import java.util.List;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.BulletList;
import org.commonmark.node.Code;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.Node;
import org.commonmark.node.OrderedList;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.Text;

/**
 * An article published as Markdown, laid out as the plain text a reader sees. Items are anchored by an exact quote
 * and its offset in that text ({@link Layout#body}), because members select and paste the words as shown, never
 * the Markdown source. The text is parsed exactly as arguments are ({@link Markdown#document}: same hygiene,
 * nesting limits, image and link policy), then flattened:
 * <ul>
 *   <li>top-level blocks (heading, paragraph, block quote, list, code, raw HTML) are separated by a blank line;
 *       the lines inside a block by one line break. A paragraph's hard breaks start new lines; a quote's or a
 *       list's inner blocks (nested lists and quotes included) each become its lines;</li>
 *   <li>soft line breaks and runs of spaces, tabs and line breaks inside a line read as one space, as a browser
 *       shows them; nothing leads or trails a line; lines with no text are dropped;</li>
 *   <li>emphasis, code and strike-through are their text; raw HTML and code blocks are the text typed (the page
 *       escapes it); a thematic break and link reference definitions are nothing;</li>
 *   <li>a link is its text, and its destination is kept beside the text when {@link LinkPolicy} allows it.</li>
 * </ul>
 * Deterministic: items' offsets depend on the body, so the same Markdown must always give the same body (a change
 * to these rules moves the passages of published articles).
 */
public final class ArticleMarkdown {

    /** What a block is on the page. */
    public enum Kind { HEADING, PARAGRAPH, QUOTE, ORDERED_LIST, BULLET_LIST }

    /** A line of a block: [start, end) in the body, without the line break. */
    public record Span(int start, int end) {
    }

    /**
     * A block and its lines. {@code level} is the Markdown heading level (1–6) of a heading and 0 otherwise;
     * {@code listStart} the number an ordered list starts at, and 1 otherwise.
     */
    public record Block(Kind kind, int level, int listStart, List<Span> lines) {
        public Block {
            lines = List.copyOf(lines);
        }
    }

    /** A link's text, [start, end) in the body, and where it leads (an http, https or mailto URL). */
    public record Link(int start, int end, String href) {
    }

    /** The text a reader sees, its blocks in order, and its links in order. */
    public record Layout(String body, List<Block> blocks, List<Link> links) {
        public Layout {
            blocks = List.copyOf(blocks);
            links = List.copyOf(links);
        }
    }

    private ArticleMarkdown() {
    }

    /** The layout of {@code markdown}; null is treated as empty. */
    public static Layout layout(String markdown) {
        Writer writer = new Writer();
        for (Node node = Markdown.document(markdown).getFirstChild(); node != null; node = node.getNext()) {
            writer.block(node);
        }
        return new Layout(writer.body.toString(), writer.blocks, writer.links);
    }

    /** Builds the body and records the blocks' lines and the links as it goes. */
    private static final class Writer {

        private final StringBuilder body = new StringBuilder();
        private final List<Block> blocks = new ArrayList<>();
        private final List<Link> links = new ArrayList<>();
        private List<Span> lines = new ArrayList<>();
        /** The body's length before the current line's separator: where an empty line is undone to. */
        private int lineMark;
        private int lineStart;
        /** Whitespace was seen since the last character written; it becomes one space if more text follows. */
        private boolean pendingSpace;

        void block(Node node) {
            lines = new ArrayList<>();
            contents(node);
            if (lines.isEmpty()) {
                return; // a thematic break, a link reference definition, an empty list or heading
            }
            if (node instanceof Heading heading) {
                blocks.add(new Block(Kind.HEADING, heading.getLevel(), 1, lines));
            } else if (node instanceof BlockQuote) {
                blocks.add(new Block(Kind.QUOTE, 0, 1, lines));
            } else if (node instanceof OrderedList list) {
                Integer start = list.getMarkerStartNumber();
                blocks.add(new Block(Kind.ORDERED_LIST, 0, start == null ? 1 : start, lines));
            } else if (node instanceof BulletList) {
                blocks.add(new Block(Kind.BULLET_LIST, 0, 1, lines));
            } else {
                blocks.add(new Block(Kind.PARAGRAPH, 0, 1, lines));
            }
        }

        /** The lines of {@code node}: its inline text, its literal, or the lines of the blocks it holds. */
        private void contents(Node node) {
            if (node instanceof Paragraph || node instanceof Heading) {
                startLine();
                inline(node);
                endLine();
            } else if (node instanceof FencedCodeBlock code) {
                literal(code.getLiteral());
            } else if (node instanceof IndentedCodeBlock code) {
                literal(code.getLiteral());
            } else if (node instanceof HtmlBlock html) {
                literal(html.getLiteral());
            } else {
                // quotes, lists, list items: their blocks; thematic breaks and reference definitions hold none
                for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
                    contents(child);
                }
            }
        }

        private void literal(String literal) {
            for (String line : literal.split("\n")) {
                startLine();
                text(line);
                endLine();
            }
        }

        private void inline(Node parent) {
            for (Node node = parent.getFirstChild(); node != null; node = node.getNext()) {
                if (node instanceof Text text) {
                    text(text.getLiteral());
                } else if (node instanceof Code code) {
                    text(code.getLiteral());
                } else if (node instanceof HtmlInline html) {
                    text(html.getLiteral());
                } else if (node instanceof SoftLineBreak) {
                    text(" ");
                } else if (node instanceof HardLineBreak) {
                    endLine();
                    startLine();
                } else if (node instanceof org.commonmark.node.Link link) {
                    link(link);
                } else {
                    inline(node); // emphasis, strong emphasis, strike-through: their text
                }
            }
        }

        private void link(org.commonmark.node.Link link) {
            // the space before the link's first word, if any, is written when that word is: it is not the link's
            int start = body.length() + (pendingSpace ? 1 : 0);
            inline(link);
            String href = LinkPolicy.safe(link.getDestination()); // NodePolicy already did; kept as a second wall
            if (href != null && body.length() > start) {
                links.add(new Link(start, body.length(), href));
            }
        }

        private void startLine() {
            lineMark = body.length();
            if (!lines.isEmpty()) {
                body.append('\n');
            } else if (!blocks.isEmpty()) {
                body.append("\n\n");
            }
            lineStart = body.length();
            pendingSpace = false;
        }

        private void endLine() {
            if (body.length() == lineStart) {
                body.setLength(lineMark);
            } else {
                lines.add(new Span(lineStart, body.length()));
            }
        }

        /** Appends what a browser shows of {@code literal}: whitespace runs as one space, none at a line's ends. */
        private void text(String literal) {
            for (int i = 0; i < literal.length(); i++) {
                char c = literal.charAt(i);
                if (c == ' ' || c == '\t' || c == '\n') {
                    pendingSpace = body.length() > lineStart;
                } else {
                    if (pendingSpace) {
                        body.append(' ');
                        pendingSpace = false;
                    }
                    body.append(c);
                }
            }
        }
    }
}
