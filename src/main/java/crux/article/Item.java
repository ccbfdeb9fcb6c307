package crux.article;

import java.time.LocalDate;

/**
 * A claim, prediction or recommendation of the article, anchored to its exact passage:
 * {@code quote} starts at character {@code quoteStart} of the article body. A locked debate
 * ({@code debateLocked}) can be read and voted on but takes no new arguments or replies.
 */
public record Item(
        long id,
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
        String status,
        boolean retired,
        String retireReason,
        boolean debateLocked) {

    public int quoteEnd() {
        return quoteStart + quote.length();
    }

    public boolean isPrediction() {
        return kind == ItemKind.PREDICTION;
    }

    /** True when the quote is exactly the text of {@code body} at the stored offset. */
    public boolean anchoredIn(String body) {
        return quoteStart >= 0 && quoteEnd() <= body.length() && body.startsWith(quote, quoteStart);
    }
}
