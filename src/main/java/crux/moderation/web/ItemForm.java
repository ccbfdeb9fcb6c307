package crux.moderation.web;

import crux.article.Article;
import crux.article.ItemKind;
import crux.moderation.ItemModerationRepository;
import crux.web.Forms;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * Reads and checks the fields that describe an item (kind, statement, asserted by, passage, and for a prediction its
 * resolution criteria, date and implied probability): one set of rules for a moderator adding an item and for one
 * accepting a member's proposal.
 */
final class ItemForm {

    /** The fields {@link #read} looks at, echoed back into the form when it is shown again. */
    static final List<String> FIELDS = List.of("kind", "statement", "assertedBy", "quote", "occurrence", "criteria",
            "resolveBy", "implied", "wording", "reason");

    private ItemForm() {
    }

    /**
     * The item described by the request, anchored at {@code occurrence} of {@code quote}, or null when a field is
     * wrong; each wrong field's error (and every value as typed) goes into {@code form}.
     */
    static ItemModerationRepository.Draft read(Context ctx, Article article, String quote, int occurrence,
                                               Forms.Builder form, Clock clock) {
        for (String f : FIELDS) {
            form.value(f, Forms.text(ctx, f));
        }
        ItemKind kind = kind(ctx, form);
        String statement = statement(ctx, form);
        String assertedBy = Forms.text(ctx, "assertedBy");
        if (!article.quoted().contains(assertedBy)) {
            form.error("assertedBy", "Choose who asserts it.");
        }
        quote(article, quote, occurrence, form);
        String criteria = null;
        LocalDate resolveBy = null;
        Integer implied = null;
        String wording = null;
        if (kind == ItemKind.PREDICTION) {
            criteria = Forms.text(ctx, "criteria").strip();
            if (criteria.isEmpty() || criteria.length() > 2000) {
                form.error("criteria", "Say what would make this prediction resolve YES (up to 2000 characters).");
            }
            try {
                resolveBy = LocalDate.parse(Forms.text(ctx, "resolveBy"));
                if (!resolveBy.isAfter(LocalDate.now(clock))) {
                    form.error("resolveBy", "The resolve-by date must be in the future.");
                }
            } catch (DateTimeParseException e) {
                form.error("resolveBy", "Give the resolve-by date as YYYY-MM-DD.");
            }
            implied = parseInt(Forms.text(ctx, "implied"), -1);
            if (implied < 1 || implied > 99) {
                form.error("implied", "Give the probability the article implies, 1 to 99.");
            }
            wording = Forms.text(ctx, "wording").strip();
            if (wording.isEmpty() || wording.length() > 200) {
                form.error("wording", "Quote the words that imply it (e.g. \u201che anticipates\u201d).");
            }
        }
        return form.hasErrors() ? null : new ItemModerationRepository.Draft(kind, statement, assertedBy, quote,
                occurrence, criteria, resolveBy, implied, wording);
    }

    /** The kind chosen, or null (with the error in {@code form}). */
    static ItemKind kind(Context ctx, Forms.Builder form) {
        ItemKind kind = ItemKind.fromCode(Forms.text(ctx, "kind")).orElse(null);
        if (kind == null) {
            form.error("kind", "Choose claim, prediction or recommendation.");
        }
        return kind;
    }

    /** The neutral statement, trimmed; when missing or too long, the error goes into {@code form}. */
    static String statement(Context ctx, Forms.Builder form) {
        String statement = Forms.text(ctx, "statement").strip();
        if (statement.isEmpty() || statement.length() > ItemModerationRepository.MAX_STATEMENT) {
            form.error("statement",
                    "Write a neutral statement of up to " + ItemModerationRepository.MAX_STATEMENT + " characters.");
        }
        return statement;
    }

    /** Checks that {@code quote} is a passage of the article's text with that many occurrences at least. */
    static void quote(Article article, String quote, int occurrence, Forms.Builder form) {
        List<Integer> at = ItemModerationRepository.occurrences(article.body(), quote);
        if (quote.length() < ItemModerationRepository.MIN_QUOTE
                || quote.length() > ItemModerationRepository.MAX_QUOTE) {
            form.error("quote", "Paste the exact passage, " + ItemModerationRepository.MIN_QUOTE + " to "
                    + ItemModerationRepository.MAX_QUOTE + " characters.");
        } else if (at.isEmpty()) {
            form.error("quote",
                    "These exact words are not in the article. Copy them from the text, character for character.");
        } else if (occurrence < 1 || occurrence > at.size()) {
            form.error("occurrence",
                    "These words appear " + at.size() + " times; say which one (1 to " + at.size() + ").");
        }
    }

    static int parseInt(String raw, int fallback) {
        try {
            return raw == null ? fallback : Integer.parseInt(raw.strip());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
