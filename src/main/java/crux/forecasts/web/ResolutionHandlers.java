package crux.forecasts.web;

import crux.article.Article;
import crux.article.ArticleRepository;
import crux.article.Item;
import crux.forecasts.EarlyResolution;
import crux.forecasts.ForecastInput;
import crux.forecasts.Outcome;
import crux.forecasts.ResolutionRepository;
import crux.moderation.ItemModerationRepository;
import crux.web.Flash;
import crux.web.Forms;
import crux.web.Gate;
import crux.web.Htmx;
import crux.web.HttpError;
import crux.web.Ids;
import crux.web.Paths;
import io.javalin.http.Context;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Moderators resolve and reopen predictions, and set what the article implies. Every action is logged. */
public final class ResolutionHandlers {

    /** A note is a sentence or two saying why, shown on the item and in the public log. */
    public static final int MAX_NOTE = 1000;
    /** Matches resolution.source_url; real article links fit comfortably. */
    public static final int MAX_SOURCE = 500;
    /** Matches item.implied_wording: the words of the article, not a commentary on them. */
    public static final int MAX_WORDING = 200;

    private final ArticleRepository articles;
    private final ResolutionRepository resolutions;
    private final ItemModerationRepository items;
    private final Clock clock;

    public ResolutionHandlers(ArticleRepository articles, ResolutionRepository resolutions,
            ItemModerationRepository items, Clock clock) {
        this.articles = articles;
        this.resolutions = resolutions;
        this.items = items;
        this.clock = clock;
    }

    /** Resolving YES or NO before the resolve-by date: the form as typed, {@code early} before it, to confirm. */
    public record EarlyPage(Item item, Article article, String early, Forms.State form) {
    }

    public void resolve(Context ctx) {
        Item item = prediction(ctx);
        Outcome outcome = ResolutionRepository.fromCode(Forms.text(ctx, "outcome")).orElseThrow(() ->
                new HttpError(422, "Choose how it resolved: YES, NO or annulled."));
        String note = required(ctx, "note", MAX_NOTE, "Write a resolution note saying what happened");
        String source = source(Forms.text(ctx, "source"), outcome != Outcome.ANNULLED);
        boolean confirmed = "confirmed".equals(Forms.text(ctx, "early"));
        Optional<String> early = EarlyResolution.ahead(outcome, item.resolveBy(),
                LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC));
        if (early.isPresent() && !confirmed) {
            // nothing stored: the same form again, as typed, asking to confirm
            ctx.status(409);
            ctx.render("forecasts/resolve-early", Map.of("page", new EarlyPage(item, articles.of(item), early.get(),
                    new Forms.State(Map.of("outcome", ResolutionRepository.code(outcome), "note", note,
                            "source", source == null ? "" : source), Map.of()))));
            return;
        }
        resolutions.resolve(Gate.budget(ctx), Gate.member(ctx), item.id(), item.statement(), outcome, note, source,
                confirmed);
        Flash.set(ctx, ResolutionRepository.label(outcome) + ". Forecasters have been notified of their scores.");
        Htmx.seeOther(ctx, Paths.INSTANCE.item(item.id()) + "#forecast");
    }

    public void reopen(Context ctx) {
        Item item = prediction(ctx);
        String reason = required(ctx, "reason", MAX_NOTE, "Say why the resolution was wrong");
        resolutions.reopen(Gate.budget(ctx), Gate.member(ctx), item.id(), item.statement(), reason);
        Flash.set(ctx, "The prediction is open again; its scores are withdrawn until it resolves again.");
        Htmx.seeOther(ctx, Paths.INSTANCE.item(item.id()) + "#forecast");
    }

    public void implied(Context ctx) {
        Item item = prediction(ctx);
        ForecastInput.Probability implied = ForecastInput.probability(Forms.text(ctx, "implied"));
        if (!implied.valid()) {
            throw new HttpError(422, "The implied probability is a whole number from 1 to 99.");
        }
        String wording = required(ctx, "wording", MAX_WORDING, "Quote the article's words that imply it");
        String reason = required(ctx, "reason", MAX_NOTE, "Give a reason for the public log");
        items.setImplied(Gate.budget(ctx), Gate.member(ctx), item.id(), item.statement(), implied.value(), wording,
                reason);
        Flash.set(ctx, "The article's implied probability is now " + implied.value() + " %.");
        Htmx.seeOther(ctx, Paths.INSTANCE.item(item.id()) + "#resolution-title");
    }

    private Item prediction(Context ctx) {
        Item item = articles.item(Ids.parse(ctx.pathParam("id"))).orElseThrow(HttpError::notFound);
        if (!item.isPrediction()) {
            throw new HttpError(422,
                    "Only predictions are resolved; this item is a " + item.kind().label().toLowerCase(Locale.ROOT) + ".");
        }
        if (item.retired()) {
            throw HttpError.conflict("This prediction has been retired.");
        }
        return item;
    }

    private static String required(Context ctx, String field, int max, String what) {
        String v = Forms.text(ctx, field).strip();
        if (v.isEmpty() || v.length() > max) {
            throw new HttpError(422, what + " (up to " + max + " characters).");
        }
        return v;
    }

    /** An http(s) link to where the outcome can be checked; required for YES and NO. Null when absent and optional. */
    static String source(String raw, boolean required) {
        String s = raw == null ? "" : raw.strip();
        if (s.isEmpty() && !required) {
            return null;
        }
        String problem = "Give the source as a full http:// or https:// link (up to " + MAX_SOURCE
                + " characters), so anyone can check the outcome.";
        if (s.isEmpty() || s.length() > MAX_SOURCE || s.chars().anyMatch(c -> c <= 0x20 || c == 0x7f)) {
            throw new HttpError(422, problem);
        }
        try {
            URI uri = new URI(s);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || uri.getHost().isEmpty()) {
                throw new HttpError(422, problem);
            }
        } catch (URISyntaxException e) {
            throw new HttpError(422, problem);
        }
        return s;
    }
}
