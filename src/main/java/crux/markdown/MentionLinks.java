package crux.markdown;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.CustomNode;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.renderer.NodeRenderer;
import org.commonmark.renderer.html.HtmlNodeRendererContext;
import org.commonmark.renderer.html.HtmlWriter;

/**
 * Mentions ({@code @name}) made into links to the members named, in the parsed tree before it is rendered. Which
 * text is a mention and where it leads are the caller's: {@code pattern} finds a name in its group 1 and
 * {@code href} answers the address of that member's page, or null when no member has that name (the text stays
 * text). Text inside a link is left alone, as links do not nest; code spans and blocks hold no text nodes.
 */
public record MentionLinks(Pattern pattern, Function<String, String> href) {

    /** No mentions linked. */
    public static final MentionLinks NONE = new MentionLinks(Pattern.compile("(?!)()"), name -> null);

    /** Splits every text node around the mentions it holds that {@code href} knows. */
    void apply(Node document) {
        List<Text> texts = new ArrayList<>();
        document.accept(new AbstractVisitor() {
            @Override
            public void visit(Link link) {
                // nothing inside a link becomes another link
            }

            @Override
            public void visit(Text text) {
                texts.add(text);
            }
        });
        texts.forEach(this::split);
    }

    private void split(Text text) {
        String literal = text.getLiteral();
        Matcher m = pattern.matcher(literal);
        int from = 0;
        while (m.find()) {
            String url = href.apply(m.group(1));
            if (url == null) {
                continue;
            }
            if (m.start() > from) {
                text.insertBefore(new Text(literal.substring(from, m.start())));
            }
            text.insertBefore(new Mention(url, m.group()));
            from = m.end();
        }
        if (from > 0) {
            text.setLiteral(literal.substring(from));
            if (from == literal.length()) {
                text.unlink();
            }
        }
    }

    /** A mention found in the text: rendered as a link whose label is exactly what was typed. */
    static final class Mention extends CustomNode {
        final String url;
        final String label;

        Mention(String url, String label) {
            this.url = url;
            this.label = label;
        }
    }

    /** Writes a {@link Mention} as {@code <a href="…">@name</a>}; the allow-list adds the same rel as any link. */
    static final class Renderer implements NodeRenderer {
        private final HtmlWriter html;

        Renderer(HtmlNodeRendererContext context) {
            this.html = context.getWriter();
        }

        @Override
        public Set<Class<? extends Node>> getNodeTypes() {
            return Set.of(Mention.class);
        }

        @Override
        public void render(Node node) {
            Mention mention = (Mention) node;
            html.tag("a", Map.of("href", mention.url));
            html.text(mention.label);
            html.tag("/a");
        }
    }
}
