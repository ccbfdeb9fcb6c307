package crux.article;

import java.time.LocalDate;
import java.util.List;

/**
 * An article, stored whole. {@code body} is the text as a reader sees it: items' quotes and offsets point into it.
 * A Markdown article ({@link Format#MARKDOWN}) also keeps its {@code markdown} source, from which the body and the
 * page's layout are derived; the first article, shipped as plain text, has none. {@code quoted} are the people the
 * article quotes: an item is asserted by one of them.
 */
public record Article(long id, String slug, String title, String authors, String publisher, LocalDate publishedOn,
                      String sourceUrl, Format format, String markdown, String body, List<String> quoted,
                      int revision, boolean retired, String retireReason) {

    /** How the text is stored. */
    public enum Format {
        /** Plain text whose layout is recognised from its lines (the article Crux shipped with). */
        TEXT("text"),
        /** Markdown source: headings, paragraphs, lists, block quotes and links. */
        MARKDOWN("markdown");

        private final String code;

        Format(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }

        public static Format of(String code) {
            return MARKDOWN.code.equals(code) ? MARKDOWN : TEXT;
        }
    }

    public Article {
        quoted = List.copyOf(quoted);
    }

    /** The one line the page shows under the title: authors, publisher and date, those that are known. */
    public String byline() {
        StringBuilder b = new StringBuilder();
        if (!authors.isBlank()) {
            b.append(authors).append(" · ");
        }
        return b.append(publisher).toString();
    }
}
