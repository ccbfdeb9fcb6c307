package crux.article;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * A claim, prediction or recommendation of article {@code articleId}, anchored to its exact passage:
 * {@code quote} starts at character {@code quoteStart} of the article body. {@code proposedBy} is the member whose
 * proposal it was, when a member proposed it. A locked debate
 * ({@code debateLocked}) can be read and voted on but takes no new arguments or replies. {@code revisions} counts its
 * earlier wordings (a moderator's edits): its page reads them only when there are some.
 */
public record Item(
        long id,
        long articleId,
        int position,
        ItemKind kind,
        String statement,
        String assertedBy,
        String quote,
        int quoteStart,
        String resolutionCriteria,
        LocalDate resolveBy,
        Integer impliedProbability,
        String impliedWording,
        ItemStatus status,
        boolean retired,
        String retireReason,
        boolean debateLocked,
        Long proposedBy,
        int revisions) {

    public int quoteEnd() {
        return quoteStart + quote.length();
    }

    public boolean isPrediction() {
        return kind == ItemKind.PREDICTION;
    }

    /** Resolved YES, NO or annulled: the forecasting is over and the scores are in. */
    public boolean resolved() {
        return status.resolved();
    }

    /**
     * Forecasting closes at the end of the resolve-by date (UTC), unless the prediction resolves earlier:
     * a forecast made once the answer is due would score hindsight, not foresight.
     */
    public Instant forecastsCloseAt() {
        return resolveBy == null ? null : resolveBy.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** A not retired, still open prediction whose resolve-by date has not passed. */
    public boolean takesForecasts(Instant now) {
        return isPrediction() && !retired && status == ItemStatus.OPEN && now.isBefore(forecastsCloseAt());
    }

    /**
     * The criteria as one sentence to show under "Criteria": the seeded ones already begin "Resolves YES if",
     * while a moderator answering the form's "Resolves YES if" field may have typed only the condition.
     */
    public String criteriaSentence() {
        if (resolutionCriteria == null) {
            return null;
        }
        String text = resolutionCriteria.strip();
        return text.regionMatches(true, 0, "Resolves ", 0, 9) ? text : "Resolves YES if " + text;
    }

    /** True when the quote is exactly the text of {@code body} at the stored offset. */
    public boolean anchoredIn(String body) {
        return quoteStart >= 0 && quoteEnd() <= body.length() && body.startsWith(quote, quoteStart);
    }

    /**
     * Written out rather than the record's own: pages keep their renderings by keys holding an article's items
     * ({@code crux.pages.ArticleHandlers}), so every view hashes and compares dozens of them, and the generated methods
     * (a chain of method handles over 17 components, too deep to inline) were nearly half of a signed-in article page's
     * CPU.
     */
    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof Item o)) {
            return false;
        }
        return id == o.id && articleId == o.articleId && position == o.position && kind == o.kind &&
                Objects.equals(statement, o.statement) && Objects.equals(assertedBy, o.assertedBy) &&
                Objects.equals(quote, o.quote) && quoteStart == o.quoteStart &&
                Objects.equals(resolutionCriteria, o.resolutionCriteria) && Objects.equals(resolveBy, o.resolveBy) &&
                Objects.equals(impliedProbability, o.impliedProbability) &&
                Objects.equals(impliedWording, o.impliedWording) && status == o.status && retired == o.retired &&
                Objects.equals(retireReason, o.retireReason) && debateLocked == o.debateLocked &&
                Objects.equals(proposedBy, o.proposedBy) && revisions == o.revisions;
    }

    @Override
    public int hashCode() {
        int h = Long.hashCode(id);
        h = 31 * h + Long.hashCode(articleId);
        h = 31 * h + position;
        h = 31 * h + Objects.hashCode(kind);
        h = 31 * h + Objects.hashCode(statement);
        h = 31 * h + Objects.hashCode(assertedBy);
        h = 31 * h + Objects.hashCode(quote);
        h = 31 * h + quoteStart;
        h = 31 * h + Objects.hashCode(resolutionCriteria);
        h = 31 * h + Objects.hashCode(resolveBy);
        h = 31 * h + Objects.hashCode(impliedProbability);
        h = 31 * h + Objects.hashCode(impliedWording);
        h = 31 * h + Objects.hashCode(status);
        h = 31 * h + Boolean.hashCode(retired);
        h = 31 * h + Objects.hashCode(retireReason);
        h = 31 * h + Boolean.hashCode(debateLocked);
        h = 31 * h + Objects.hashCode(proposedBy);
        h = 31 * h + revisions;
        return h;
    }
}
