package crux.moderation.web;

import crux.article.Article;
import crux.article.ArticleMarkdown;
import crux.moderation.ArticleModerationRepository.Details;
import crux.web.Forms;
import io.javalin.http.Context;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

/** The publish and edit forms of an article: every field read through {@link Forms#text}, checked, kept as typed. */
final class ArticleForm {

    /** The columns' sizes: a headline, a list of bylines, a masthead. */
    static final int MAX_TITLE = 300;
    static final int MAX_AUTHORS = 300;
    static final int MAX_PUBLISHER = 200;
    static final int MAX_URL = 2000;
    /** An item's "asserted by" holds one name (its column is 100 wide); all names fit the article's column. */
    static final int MAX_NAME = 100;
    static final int MAX_QUOTED = 2000;
    /** A long feature is some 10,000 words; the body column holds 200,000 characters and is never longer. */
    static final int MAX_MARKDOWN = 150_000;
    /** Older than any press Crux debates; a typo (year 202) is caught rather than stored. */
    static final LocalDate EARLIEST = LocalDate.of(1800, 1, 1);

    static final List<String> FIELDS = List.of("title", "authors", "publisher", "publishedOn", "sourceUrl", "quoted",
            "markdown", "reason", "revision");

    /** What was typed, its errors, and the details when there are none. */
    record Read(Forms.State state, Details details, String reason) {
    }

    private ArticleForm() {
    }

    /** The form as an article is now, for editing. */
    static Forms.State of(Article a) {
        Forms.Builder f = new Forms.Builder();
        f.value("title", a.title()).value("authors", a.authors()).value("publisher", a.publisher())
                .value("publishedOn", a.publishedOn().toString())
                .value("sourceUrl", a.sourceUrl() == null ? "" : a.sourceUrl())
                .value("quoted", String.join("\n", a.quoted()))
                .value("markdown", a.markdown() == null ? "" : a.markdown())
                .value("revision", Integer.toString(a.revision()));
        return f.build();
    }

    /**
     * Reads and checks the form. {@code withText} is false when editing a plain-text article: its text is not
     * editable, so none is read.
     */
    static Read read(Context ctx, Clock clock, boolean withText) {
        Forms.Builder f = new Forms.Builder();
        for (String field : FIELDS) {
            f.value(field, Forms.text(ctx, field));
        }
        String title = oneLine(Forms.text(ctx, "title"));
        if (title.isEmpty() || title.length() > MAX_TITLE) {
            f.error("title", "Give the article's title (up to " + MAX_TITLE + " characters).");
        }
        String authors = oneLine(Forms.text(ctx, "authors"));
        if (authors.length() > MAX_AUTHORS) {
            f.error("authors", "Keep the authors to " + MAX_AUTHORS + " characters.");
        }
        String publisher = oneLine(Forms.text(ctx, "publisher"));
        if (publisher.isEmpty() || publisher.length() > MAX_PUBLISHER) {
            f.error("publisher", "Give the publisher (up to " + MAX_PUBLISHER + " characters).");
        }
        LocalDate publishedOn = null;
        try {
            publishedOn = LocalDate.parse(Forms.text(ctx, "publishedOn").strip());
            // a day's grace: the article may be dated in a time zone already past midnight
            if (publishedOn.isBefore(EARLIEST) || publishedOn.isAfter(LocalDate.now(clock).plusDays(1))) {
                f.error("publishedOn", "The publication date must be between " + EARLIEST + " and today.");
            }
        } catch (DateTimeParseException e) {
            f.error("publishedOn", "Give the publication date as YYYY-MM-DD.");
        }
        String sourceUrl = Forms.text(ctx, "sourceUrl").strip();
        if (sourceUrl.isEmpty()) {
            sourceUrl = null;
        } else if (!webAddress(sourceUrl)) {
            f.error("sourceUrl", "Give the original's address starting with http:// or https:// (up to "
                    + MAX_URL + " characters), or leave it empty.");
        }
        List<String> quoted = names(Forms.text(ctx, "quoted"));
        if (quoted.isEmpty()) {
            f.error("quoted", "Name at least one person the article quotes, one per line (the author counts).");
        } else if (quoted.stream().anyMatch(n -> n.length() > MAX_NAME) || String.join("\n", quoted).length() > MAX_QUOTED) {
            f.error("quoted", "Keep each name to " + MAX_NAME + " characters, and the list to " + MAX_QUOTED + ".");
        }
        String markdown = null;
        if (withText) {
            markdown = Forms.text(ctx, "markdown").strip();
            if (markdown.length() > MAX_MARKDOWN) {
                f.error("markdown", "The text is too long: at most " + MAX_MARKDOWN + " characters.");
            } else if (ArticleMarkdown.layout(markdown).body().codePoints().noneMatch(Character::isLetterOrDigit)) {
                f.error("markdown", "Paste the article's text (as Markdown): it has no words to show.");
            }
        }
        String reason = Forms.text(ctx, "reason").strip();
        if (reason.isEmpty() || reason.length() > ModerationHandlers.MAX_REASON) {
            f.error("reason", "Give a reason for the log (up to " + ModerationHandlers.MAX_REASON + " characters).");
        }
        Forms.State state = f.build();
        return new Read(state, state.valid()
                ? new Details(title, authors, publisher, publishedOn, sourceUrl, quoted, markdown) : null, reason);
    }

    /** Line breaks in a one-line field read as spaces; runs of spaces as one. */
    private static String oneLine(String s) {
        return s.replaceAll("\\s+", " ").strip();
    }

    /** One name a line, trimmed, blank lines and repeats dropped, in the order given. */
    static List<String> names(String text) {
        LinkedHashSet<String> names = new LinkedHashSet<>();
        for (String line : text.split("\n")) {
            String n = oneLine(line);
            if (!n.isEmpty()) {
                names.add(n);
            }
        }
        return new ArrayList<>(names);
    }

    /** An absolute http or https address with a host, no spaces: what a reader's browser can follow safely. */
    static boolean webAddress(String url) {
        if (url.length() > MAX_URL || url.chars().anyMatch(c -> c <= 0x20 || c == 0x7f)) {
            return false;
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null
                    && !uri.getHost().isEmpty();
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
