package crux.markdown;

import crux.core.TextHygiene;
import java.util.ArrayList;
import java.util.List;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Heading;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.parser.PostProcessor;

/**
 * Reshapes the parsed comment before it becomes HTML, so the renderer only ever sees what a comment may hold:
 * <ul>
 *   <li>an image becomes a link to it, its alt text as the label: pages load no remote images (CSP
 *       {@code img-src 'self'}; a remote image would also tell its host who reads the debate). Inside a link
 *       an image becomes its alt text, as links do not nest;</li>
 *   <li>a link whose destination {@link LinkPolicy#safe} refuses becomes its plain text, rather than a dead
 *       {@code href=""} that would point at the page itself;</li>
 *   <li>text passes {@link TextHygiene#clean} again: the source was cleaned, but an entity ({@code &#x202E;},
 *       {@code &#1;}) decodes to the very characters that removed;</li>
 *   <li>headings move down {@code headingShift} levels, at most to h6. A comment's headings move down three
 *       (h1 → h4, h2 → h5, deeper → h6): the page already owns h1–h3, and a comment must not outrank the item it
 *       discusses in the outline screen readers navigate. A document the page lays out itself (an article) keeps
 *       its levels, and the page maps them.</li>
 * </ul>
 */
final class NodePolicy implements PostProcessor {

    /** Levels the page itself uses above any comment. */
    static final int HEADING_SHIFT = 3;
    private static final int DEEPEST_HEADING = 6;

    private final int headingShift;

    NodePolicy(int headingShift) {
        this.headingShift = headingShift;
    }

    @Override
    public Node process(Node document) {
        List<Node> found = new ArrayList<>();
        document.accept(new AbstractVisitor() {
            @Override
            public void visit(Link link) {
                found.add(link);
                visitChildren(link);
            }

            @Override
            public void visit(Image image) {
                found.add(image);
                visitChildren(image);
            }

            @Override
            public void visit(Text text) {
                text.setLiteral(TextHygiene.clean(text.getLiteral()));
            }

            @Override
            public void visit(Heading heading) {
                heading.setLevel(Math.min(DEEPEST_HEADING, heading.getLevel() + headingShift));
                visitChildren(heading);
            }
        });
        // Document order puts a link before what it holds: once a refused link is unwrapped, an image it held
        // is no longer inside a link and becomes a link of its own.
        for (Node node : found) {
            if (node instanceof Image image) {
                replaceImage(image);
            } else {
                Link link = (Link) node;
                String safe = LinkPolicy.safe(link.getDestination());
                if (safe == null) {
                    unwrap(link);
                } else {
                    link.setDestination(safe);
                }
            }
        }
        return document;
    }

    private static void replaceImage(Image image) {
        if (insideLink(image)) {
            unwrap(image);
            return;
        }
        Link link = new Link(image.getDestination(), image.getTitle());
        moveChildren(image, link);
        if (link.getFirstChild() == null) {
            link.appendChild(new Text(image.getDestination()));
        }
        image.insertBefore(link);
        image.unlink();
        String safe = LinkPolicy.safe(link.getDestination());
        if (safe == null) {
            unwrap(link);
        } else {
            link.setDestination(safe);
        }
    }

    private static boolean insideLink(Node node) {
        for (Node up = node.getParent(); up != null; up = up.getParent()) {
            if (up instanceof Link) {
                return true;
            }
        }
        return false;
    }

    private static void moveChildren(Node from, Node to) {
        Node child = from.getFirstChild();
        while (child != null) {
            Node next = child.getNext();
            to.appendChild(child);
            child = next;
        }
    }

    /** Replaces {@code node} by its children. */
    private static void unwrap(Node node) {
        Node child = node.getFirstChild();
        while (child != null) {
            Node next = child.getNext();
            node.insertBefore(child);
            child = next;
        }
        node.unlink();
    }
}
