package crux.moderation.web;

import crux.accounts.AccountRepository;
import crux.accounts.Member;
import crux.article.Article;
import crux.article.ArticleRepository;
import crux.article.Item;
import crux.article.ItemKind;
import crux.core.TextHygiene;
import crux.moderation.ItemModerationRepository;
import crux.moderation.MemberModerationRepository;
import crux.moderation.ModerationLogRepository;
import crux.web.Flash;
import crux.web.Forms;
import crux.web.Gate;
import crux.web.HttpError;
import crux.web.Ids;
import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/** The moderator's pages and actions, and the public log. */
public final class ModerationHandlers {

    /** Reasons are shown in the public log and told to the member: a sentence or two. */
    public static final int MAX_REASON = 1000;

    /** The add-an-item form, for one article. */
    public record NewItemPage(Article article, Forms.State form, List<ItemKind> kinds, List<String> assertedBy) {
    }

    private final ArticleRepository articles;
    private final AccountRepository accounts;
    private final ItemModerationRepository items;
    private final MemberModerationRepository members;
    private final ModerationLogRepository logs;
    private final Clock clock;

    public ModerationHandlers(ArticleRepository articles, AccountRepository accounts, ItemModerationRepository items,
                              MemberModerationRepository members, ModerationLogRepository logs, Clock clock) {
        this.articles = articles;
        this.accounts = accounts;
        this.items = items;
        this.members = members;
        this.logs = logs;
        this.clock = clock;
    }

    public void log(Context ctx) {
        int page = pageNumber(ctx.queryParam("page"));
        String moderator = limit(ctx.queryParam("moderator"), 100);
        String action = limit(ctx.queryParam("action"), 40);
        // one article's rows with ?article={slug}; an unknown slug is a page that does not exist (404)
        String slug = ctx.queryParam("article");
        Article article = slug == null || slug.isEmpty() ? null
                : articles.bySlug(slug).orElseThrow(HttpError::notFound);
        ctx.render("moderation/log", Map.of("page", logs.page(moderator, action,
                        article == null ? null : article.id(), page),
                "moderator", moderator == null ? "" : moderator, "action", action == null ? "" : action,
                "article", article == null ? "" : article.slug(), "articles", articles.all()));
    }

    public void editItem(Context ctx) {
        Item item = item(ctx);
        String statement = ItemModerationRepository.requireText(Forms.text(ctx, "statement"),
                ItemModerationRepository.MAX_STATEMENT, "A statement");
        String reason = reason(ctx);
        if (statement.equals(item.statement())) {
            throw new HttpError(422, "The statement is unchanged.");
        }
        // "previous" is compared with the stored statement, not stored anew: read as sent, so that a statement stored
        // before the text rule (with a character it now removes) can still be edited
        items.edit(Gate.budget(ctx), Gate.member(ctx), item.id(), Forms.asSent(ctx, "previous"), statement, reason);
        Flash.set(ctx, "The statement has been updated; the earlier wording is kept in its history.");
        ctx.redirect("/items/" + item.id());
    }

    public void retireItem(Context ctx) {
        Item item = item(ctx);
        items.retire(Gate.budget(ctx), Gate.member(ctx), item.id(), item.statement(), reason(ctx));
        Flash.set(ctx, "The item has been retired.");
        ctx.redirect("/items/" + item.id());
    }

    /** The form for the article named by {@code ?article={slug}}; without one, for the first article. */
    public void newItemForm(Context ctx) {
        Article article = article(ctx.queryParam("article"));
        Forms.Builder form = new Forms.Builder();
        String quote = ctx.queryParam("quote");
        if (quote != null) { // "make an item" from words selected on the article page
            form.value("quote", TextHygiene.clean(quote.length() > 4000 ? quote.substring(0, 4000) : quote));
        }
        String occurrence = ctx.queryParam("occurrence");
        if (occurrence != null && occurrence.length() < 6) {
            form.value("occurrence", TextHygiene.clean(occurrence));
        }
        ctx.render("moderation/new-item", Map.of("page", new NewItemPage(article, form.build(),
                List.of(ItemKind.values()), article.quoted())));
    }

    private Article article(String slug) {
        return slug == null || slug.isEmpty() ? articles.first()
                : articles.bySlug(slug).orElseThrow(() -> new HttpError(404, "There is no article at that address."));
    }

    public void addItem(Context ctx) {
        Article article = article(Forms.text(ctx, "article"));
        Forms.Builder form = new Forms.Builder();
        String quote = Forms.text(ctx, "quote").replace("\r\n", "\n");
        ItemModerationRepository.Draft draft = ItemForm.read(ctx, article, quote,
                ItemForm.parseInt(Forms.text(ctx, "occurrence"), 1), form, clock);
        String reason = Forms.text(ctx, "reason").strip();
        if (reason.isEmpty() || reason.length() > MAX_REASON) {
            form.error("reason", "Give a reason for the log (up to " + MAX_REASON + " characters).");
        }
        if (form.hasErrors()) {
            ctx.status(422);
            ctx.render("moderation/new-item", Map.of("page", new NewItemPage(article, form.build(),
                    List.of(ItemKind.values()), article.quoted())));
            return;
        }
        long id = items.add(Gate.budget(ctx), Gate.member(ctx), article, draft, reason);
        Flash.set(ctx, "The item has been added.");
        ctx.redirect("/items/" + id);
    }

    public void suspend(Context ctx) {
        Member target = target(ctx);
        LocalDate until;
        try {
            until = LocalDate.parse(Forms.text(ctx, "until"));
        } catch (DateTimeParseException e) {
            throw new HttpError(422, "Give the date the suspension ends, as YYYY-MM-DD.");
        }
        LocalDate today = LocalDate.now(clock);
        if (!until.isAfter(today) || until.isAfter(today.plusDays(MemberModerationRepository.MAX_SUSPENSION_DAYS))) {
            throw new HttpError(422,
                    "A suspension ends between tomorrow and " + MemberModerationRepository.MAX_SUSPENSION_DAYS
                    + " days from now; longer is a ban.");
        }
        members.suspend(Gate.budget(ctx), Gate.member(ctx), target, until.atStartOfDay().atOffset(ZoneOffset.UTC),
                reason(ctx));
        Flash.set(ctx, target.name() + " is suspended until " + until + ".");
        ctx.redirect("/users/" + URLEncoder.encode(target.name(), StandardCharsets.UTF_8));
    }

    public void ban(Context ctx) {
        Member target = target(ctx);
        members.ban(Gate.budget(ctx), Gate.member(ctx), target, reason(ctx));
        Flash.set(ctx, target.name() + " is banned and signed out everywhere.");
        ctx.redirect("/users/" + URLEncoder.encode(target.name(), StandardCharsets.UTF_8));
    }

    public void reinstate(Context ctx) {
        Member target = target(ctx);
        members.reinstate(Gate.budget(ctx), Gate.member(ctx), target, reason(ctx));
        Flash.set(ctx, target.name() + " is reinstated.");
        ctx.redirect("/users/" + URLEncoder.encode(target.name(), StandardCharsets.UTF_8));
    }

    private Item item(Context ctx) {
        return articles.item(Ids.parse(ctx.pathParam("id"))).orElseThrow(HttpError::notFound);
    }

    private Member target(Context ctx) {
        String name = ctx.pathParam("name");
        if (name.length() > 100) {
            throw HttpError.notFound();
        }
        return accounts.byName(name).filter(m -> !m.deleted()).orElseThrow(HttpError::notFound);
    }

    /** Every action that affects someone needs a reason: it is logged publicly and told to them. */
    static String reason(Context ctx) {
        String r = Forms.text(ctx, "reason").strip();
        if (r.isEmpty()) {
            throw new HttpError(422, "Please give a reason: it is shown in the public log and to the member affected.");
        }
        if (r.length() > MAX_REASON) {
            throw new HttpError(422, "Keep the reason under " + MAX_REASON + " characters.");
        }
        return r;
    }

    /** A reason where nobody is affected adversely (dismissing flags): optional, with a default for the log. */
    static String reasonOr(Context ctx, String fallback) {
        return Forms.text(ctx, "reason").isBlank() ? fallback : reason(ctx);
    }

    static int pageNumber(String raw) {
        int p = parseInt(raw, 1);
        return p < 1 || p > 100_000 ? 1 : p;
    }

    private static int parseInt(String raw, int fallback) {
        try {
            return raw == null ? fallback : Integer.parseInt(raw.strip());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static String limit(String s, int max) {
        return s == null || s.length() > max ? null : s;
    }
}
