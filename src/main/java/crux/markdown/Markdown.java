package crux.markdown;

import crux.core.TextHygiene;
import java.util.List;
import java.util.regex.Pattern;
import org.commonmark.Extension;
import org.commonmark.ext.autolink.AutolinkExtension;
import org.commonmark.ext.gfm.strikethrough.StrikethroughExtension;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.commonmark.renderer.html.UrlSanitizer;

/**
 * Markdown a person typed (a member's argument, a moderator's article), from source to the HTML stored and shown.
 * Its own package, below every feature, so that each feature showing Markdown uses the one pipeline. Pipeline:
 * {@link TextHygiene} (controls, bidi overrides, line endings) → CommonMark parser with nesting limits →
 * {@link NodePolicy} (images become links, refused links become text, headings move down) → HTML renderer that
 * escapes raw HTML and keeps only http/https/mailto URLs → {@link HtmlAllowList}. Validation, with messages and a
 * length limit, is the feature's job (crux.debate.CommentForm for arguments); rendering accepts any text and stays
 * fast at many times the length of any form's limit.
 * Parser, renderer and policy are immutable and thread-safe, so one set serves every request.
 */
public final class Markdown {

    /** Every link a person wrote: no SEO credit for spam, no access to this page from the opened one. */
    public static final String LINK_REL = "nofollow ugc noopener noreferrer";
    /** A quote of a quote, eight deep, is already unreadable on a phone; deeper markers stay as text. */
    static final int MAX_BLOCK_NESTING = 8;
    /** Emphasis, links and code nested inside each other; deeper ones stay as text (and recursion stays shallow). */
    static final int MAX_INLINE_NESTING = 8;
    /** An excerpt for a notification line or a feed summary. */
    public static final int EXCERPT_LENGTH = 200;

    private static final List<Extension> EXTENSIONS = List.of(
            AutolinkExtension.create(),
            // One tilde is prose ("~5 %"); two strike through, as members retract a point in a debate.
            StrikethroughExtension.builder().requireTwoTildes(true).build());

    private static final Parser PARSER = parser(NodePolicy.HEADING_SHIFT);
    /** For text a page lays out itself: the page, not the parser, decides where its headings sit. */
    private static final Parser DOCUMENT_PARSER = parser(0);

    private static final HtmlRenderer RENDERER = HtmlRenderer.builder()
            .extensions(EXTENSIONS)
            .escapeHtml(true)
            .sanitizeUrls(true)
            .urlSanitizer(new UrlSanitizer() {
                @Override
                public String sanitizeLinkUrl(String url) {
                    String safe = LinkPolicy.safe(url);
                    return safe == null ? "" : safe;
                }

                @Override
                public String sanitizeImageUrl(String url) {
                    return ""; // NodePolicy turned every image into a link; none may load
                }
            })
            .nodeRendererFactory(MentionLinks.Renderer::new)
            .attributeProviderFactory(context -> (node, tag, attributes) -> {
                if (node instanceof Link) {
                    attributes.put("rel", LINK_REL);
                }
            })
            .build();

    private static final Pattern WHITESPACE = Pattern.compile("(?U)\\s+");

    private Markdown() {
    }

    private static Parser parser(int headingShift) {
        return Parser.builder()
                .extensions(EXTENSIONS)
                .maxOpenBlockParsers(MAX_BLOCK_NESTING)
                .maxInlineNesting(MAX_INLINE_NESTING)
                .postProcessor(new NodePolicy(headingShift))
                .build();
    }

    /** Safe HTML for {@code source}; null is treated as empty. */
    public static String render(String source) {
        return render(source, MentionLinks.NONE);
    }

    /**
     * Safe HTML for {@code source}, with the mentions {@code mentions} knows made into links to the members' pages
     * (addresses on this site, which {@link LinkPolicy} would refuse in a link a person wrote).
     */
    public static String render(String source, MentionLinks mentions) {
        Node document = PARSER.parse(TextHygiene.clean(source));
        mentions.apply(document);
        return HtmlAllowList.POLICY.sanitize(RENDERER.render(document));
    }

    /**
     * The parsed tree of {@code source}, for a caller that lays the text out itself instead of rendering it (an
     * article): cleaned and parsed exactly as an argument is, with the same nesting limits and {@link NodePolicy}
     * (so every {@link Link} left has a destination {@link LinkPolicy#safe} allows, no image is left, and no text
     * holds a character {@link TextHygiene} removes), but with headings at the level written. Raw HTML stays as
     * {@code HtmlInline} and {@code HtmlBlock} nodes whose literal is text the caller must escape, never markup.
     * Null is treated as empty.
     */
    public static Node document(String source) {
        return DOCUMENT_PARSER.parse(TextHygiene.clean(source));
    }

    /**
     * The words of {@code source} without markup, on one line, cut to at most {@code maxChars} code points at a
     * word boundary where one is near, ending with "…" when cut. Plain text, not HTML: escape it when showing it
     * (Thymeleaf's th:text does). Raw HTML in the source appears as the text it renders as.
     */
    public static String plainText(String source, int maxChars) {
        if (maxChars < 1) {
            throw new IllegalArgumentException("maxChars must be positive: " + maxChars);
        }
        StringBuilder out = new StringBuilder();
        PARSER.parse(TextHygiene.clean(source)).accept(new PlainTextVisitor(out));
        String text = WHITESPACE.matcher(out).replaceAll(" ").strip();
        return cut(text, maxChars);
    }

    private static String cut(String text, int maxChars) {
        if (text.codePointCount(0, text.length()) <= maxChars) {
            return text;
        }
        int end = text.offsetByCodePoints(0, maxChars - 1); // room for the ellipsis
        int space = text.lastIndexOf(' ', end);
        if (space > end / 2) {
            end = space;
        }
        return text.substring(0, end).stripTrailing() + "…";
    }
}
