package crux.markdown;

import java.util.regex.Pattern;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;

/**
 * The second wall: whatever the Markdown renderer produced, only these elements and attributes reach a page.
 * It should change nothing (escaped HTML, refused links and images are dealt with before rendering); it is
 * here so that a bug or a new feature in the Markdown library cannot put markup on a page by itself.
 */
final class HtmlAllowList {

    static final PolicyFactory POLICY = new HtmlPolicyBuilder()
            .allowElements("p", "br", "em", "strong", "del", "code", "pre", "blockquote", "ul", "ol", "li", "hr",
                    "h4", "h5", "h6", "a")
            .allowUrlProtocols(LinkPolicy.SCHEMES.toArray(String[]::new))
            .allowAttributes("href").onElements("a")
            // A list may start at any number ("3. third"); nothing else about it is configurable.
            .allowAttributes("start").matching(Pattern.compile("[0-9]{1,9}")).onElements("ol")
            // The sanitiser writes exactly these values, whatever rel the input had.
            .requireRelsOnLinks(Markdown.LINK_REL.split(" "))
            .toFactory();

    private HtmlAllowList() {
    }
}
