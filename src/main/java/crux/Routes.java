package crux;

import static crux.web.Access.ACCOUNT;
import static crux.web.Access.ADMIN;
import static crux.web.Access.MEMBER;
import static crux.web.Access.MODERATOR;
import static crux.web.Access.PUBLIC;
import static crux.web.Access.TOKEN;
import static crux.web.Route.get;
import static crux.web.Route.post;

import crux.accounts.web.AccountHandlers;
import crux.accounts.web.EmailHandlers;
import crux.accounts.web.PasswordResetHandlers;
import crux.accounts.web.SettingsHandlers;
import crux.accounts.web.TwoFactorHandlers;
import crux.debate.web.DebateHandlers;
import crux.forecasts.web.ForecastHandlers;
import crux.forecasts.web.ResolutionHandlers;
import crux.live.web.LiveHandlers;
import crux.moderation.web.ArticleModerationHandlers;
import crux.moderation.web.CommentModerationHandlers;
import crux.moderation.web.ModerationHandlers;
import crux.moderation.web.ProposalHandlers;
import crux.notifications.web.FollowHandlers;
import crux.notifications.web.InboxHandlers;
import crux.notifications.web.MailSettingsHandlers;
import crux.opendata.web.CrawlerHandlers;
import crux.opendata.web.MyDataHandlers;
import crux.opendata.web.OpenDataHandlers;
import crux.pages.ArticleHandlers;
import crux.pages.FrontPageHandlers;
import crux.pages.ProfileHandlers;
import crux.search.web.SearchHandlers;
import crux.stances.web.StanceHandlers;
import crux.web.Route;
import crux.web.SystemHandlers;
import java.util.ArrayList;
import java.util.List;

/** THE route table: every path Crux answers, who may use it, and its handler. */
public final class Routes {

    /** Every feature's handlers, wired in {@link crux.App}. */
    public record Handlers(FrontPageHandlers front, ArticleHandlers article, AccountHandlers accounts, SettingsHandlers settings,
                           TwoFactorHandlers twoFactor,
                           ProfileHandlers profiles, ModerationHandlers moderation, InboxHandlers inbox,
                           LiveHandlers live, FollowHandlers follows, SystemHandlers system,
                           StanceHandlers stances, ForecastHandlers forecasts, ResolutionHandlers resolutions,
                           DebateHandlers debate, CommentModerationHandlers comments,
                           OpenDataHandlers openData, MyDataHandlers myData,
                           ArticleModerationHandlers articleModeration, ProposalHandlers proposals,
                           EmailHandlers email, PasswordResetHandlers passwordResets,
                           SearchHandlers search, CrawlerHandlers crawlers, MailSettingsHandlers mailSettings) {
    }

    private Routes() {
    }

    public static List<Route> table(Handlers h) {
        return table(h, false);
    }

    /**
     * @param benchmark add GET /bench/hello, a bare route the benchmark measures every page against, and
     *                  /bench/statements/{n}, the same with n statements (CRUX_BENCHMARK=true only: neither exists
     *                  otherwise)
     */
    public static List<Route> table(Handlers h, boolean benchmark) {
        List<Route> table = new ArrayList<>(pages(h));
        if (benchmark) {
            table.add(get("/bench/hello", PUBLIC, ctx -> ctx.result("hello")));
            table.add(get("/bench/statements/{n}", PUBLIC, h.system()::benchStatements));
        }
        // robots.txt is written from the table itself: every path that only takes POST is disallowed
        List<Route> routes = List.copyOf(table);
        table.add(get("/robots.txt", PUBLIC, ctx -> h.crawlers().robots(ctx, routes)));
        table.add(get("/sitemap.xml", PUBLIC, h.crawlers()::sitemap));
        return List.copyOf(table);
    }

    private static List<Route> pages(Handlers h) {
        return List.of(
                get("/", PUBLIC, h.front()::front),
                // before /articles/{slug}, whose slug would otherwise take "x.json" whole (slugs never hold a dot)
                get("/articles/{slug}.json", PUBLIC, h.openData()::articleJson),
                get("/articles/{slug}", PUBLIC, h.article()::article),
                get("/articles/{slug}/feed.atom", PUBLIC, h.openData()::articleFeed),
                get("/articles/{slug}/common-ground", PUBLIC, h.stances()::articleCommonGround),
                get("/articles/{slug}/history", PUBLIC, h.articleModeration()::history),
                get("/articles/{slug}/propose", MEMBER, h.proposals()::proposeForm),
                post("/articles/{slug}/proposals", MEMBER, h.proposals()::propose),
                get("/items/{id}.json", PUBLIC, h.openData()::itemJson),
                get("/items/{id}", PUBLIC, h.article()::item),
                get("/items/{id}/events", PUBLIC, h.live()::events),
                get("/feed.atom", PUBLIC, h.openData()::siteFeed),
                get("/items/{id}/feed.atom", PUBLIC, h.openData()::itemFeed),
                get("/items/{id}/forecasts.csv", PUBLIC, h.openData()::forecastsCsv),
                get("/items/{id}/live/stance", PUBLIC, h.article()::liveStance),
                get("/items/{id}/live/forecast", PUBLIC, h.article()::liveForecast),
                get("/items/{id}/live/debate", PUBLIC, h.article()::liveDebate),
                post("/items/{id}/follow", MEMBER, h.follows()::follow),
                post("/items/{id}/unfollow", MEMBER, h.follows()::unfollow),
                get("/about", PUBLIC, h.article()::about),
                get("/search", PUBLIC, h.search()::search),
                post("/items/{id}/stance", MEMBER, h.stances()::stance),
                post("/items/{id}/forecast", MEMBER, h.forecasts()::forecast),
                get("/leaderboard", PUBLIC, h.forecasts()::leaderboard),
                get("/common-ground", PUBLIC, h.stances()::commonGround),
                get("/healthz", PUBLIC, h.system()::health),
                get("/metrics", PUBLIC, h.system()::metrics),

                post("/items/{id}/arguments", MEMBER, h.debate()::postArgument),
                get("/comments/{id}", PUBLIC, h.debate()::permalink),
                get("/comments/{id}/history", PUBLIC, h.debate()::history),
                get("/comments/{id}/reply", MEMBER, h.debate()::replyForm),
                post("/comments/{id}/replies", MEMBER, h.debate()::postReply),
                post("/comments/{id}/vote", MEMBER, h.debate()::vote),
                get("/comments/{id}/edit", MEMBER, h.debate()::editForm),
                post("/comments/{id}/edit", MEMBER, h.debate()::edit),
                post("/comments/{id}/delete", MEMBER, h.debate()::delete),
                post("/preview", MEMBER, h.debate()::livePreview),

                get("/register", PUBLIC, h.accounts()::registerForm),
                post("/register", PUBLIC, h.accounts()::register),
                get("/login", PUBLIC, h.accounts()::loginForm),
                post("/login", PUBLIC, h.accounts()::login),
                post("/logout", ACCOUNT, h.accounts()::logout),
                get("/password/forgot", PUBLIC, h.passwordResets()::forgotForm),
                post("/password/forgot", PUBLIC, h.passwordResets()::forgot),
                get("/password/reset/{token}", PUBLIC, h.passwordResets()::resetForm),
                post("/password/reset/{token}", PUBLIC, h.passwordResets()::reset),
                get("/email/verify/{token}", PUBLIC, h.email()::verifyForm),
                post("/email/verify/{token}", PUBLIC, h.email()::verify),
                get("/users/{name}", PUBLIC, h.profiles()::profile),
                get("/users/{name}/feed.atom", PUBLIC, h.openData()::memberFeed),

                get("/settings", ACCOUNT, h.settings()::settings),
                get("/settings/export.json", ACCOUNT, h.myData()::export),
                post("/settings/password", ACCOUNT, h.settings()::changePassword),
                get("/settings/email", ACCOUNT, h.email()::form),
                post("/settings/email", ACCOUNT, h.email()::change),
                post("/settings/email/remove", ACCOUNT, h.email()::remove),
                post("/settings/bio", MEMBER, h.settings()::changeBio),
                get("/settings/mail", ACCOUNT, h.mailSettings()::form),
                post("/settings/mail", ACCOUNT, h.mailSettings()::save),
                post("/settings/time-zone", ACCOUNT, h.mailSettings()::saveTimeZone),
                get("/mail/unsubscribe/{token}", TOKEN, h.mailSettings()::unsubscribeForm),
                post("/mail/unsubscribe/{token}", TOKEN, h.mailSettings()::unsubscribe),
                post("/settings/sessions/{id}/end", ACCOUNT, h.settings()::endSession),
                post("/settings/delete", ACCOUNT, h.settings()::deleteAccount),
                get("/settings/two-factor", ACCOUNT, h.twoFactor()::enrolForm),
                post("/settings/two-factor", ACCOUNT, h.twoFactor()::enrol),
                post("/settings/two-factor/cancel", ACCOUNT, h.twoFactor()::cancelEnrol),
                post("/settings/two-factor/off", ACCOUNT, h.settings()::turnOffTwoFactor),
                post("/settings/two-factor/recovery-codes", ACCOUNT, h.settings()::newRecoveryCodes),
                // public: the second step of signing in comes before any session (see TwoFactorHandlers)
                get("/two-factor", PUBLIC, h.twoFactor()::promptForm),
                post("/two-factor", PUBLIC, h.twoFactor()::prompt),

                get("/inbox", ACCOUNT, h.inbox()::inbox),
                post("/inbox/read-all", ACCOUNT, h.inbox()::markAllRead),
                post("/inbox/{id}/read", ACCOUNT, h.inbox()::markRead),

                post("/comments/{id}/flag", MEMBER, h.comments()::flag),

                get("/mod", MODERATOR, h.comments()::queue),
                post("/mod/comments/{id}/dismiss", MODERATOR, h.comments()::dismiss),
                post("/mod/comments/{id}/uphold", MODERATOR, h.comments()::uphold),
                post("/mod/comments/{id}/hide", MODERATOR, h.comments()::hide),
                post("/mod/comments/{id}/restore", MODERATOR, h.comments()::restore),
                post("/mod/comments/{id}/remove", MODERATOR, h.comments()::remove),
                post("/mod/comments/{id}/pin", MODERATOR, h.comments()::pin),
                post("/mod/comments/{id}/unpin", MODERATOR, h.comments()::unpin),
                post("/mod/items/{id}/lock", MODERATOR, h.comments()::lock),
                post("/mod/items/{id}/unlock", MODERATOR, h.comments()::unlock),
                get("/mod/proposals/{id}", MODERATOR, h.proposals()::review),
                post("/mod/proposals/{id}/accept", MODERATOR, h.proposals()::accept),
                post("/mod/proposals/{id}/decline", MODERATOR, h.proposals()::decline),
                get("/mod/log", PUBLIC, h.moderation()::log),
                get("/mod/items/new", MODERATOR, h.moderation()::newItemForm),
                post("/mod/items", MODERATOR, h.moderation()::addItem),
                post("/mod/items/{id}/edit", MODERATOR, h.moderation()::editItem),
                post("/mod/items/{id}/retire", MODERATOR, h.moderation()::retireItem),
                post("/mod/items/{id}/resolve", MODERATOR, h.resolutions()::resolve),
                post("/mod/items/{id}/reopen", MODERATOR, h.resolutions()::reopen),
                post("/mod/items/{id}/implied", MODERATOR, h.resolutions()::implied),
                get("/mod/articles/new", MODERATOR, h.articleModeration()::newForm),
                post("/mod/articles", MODERATOR, h.articleModeration()::publish),
                get("/mod/articles/{slug}/edit", MODERATOR, h.articleModeration()::editForm),
                post("/mod/articles/{slug}/edit", MODERATOR, h.articleModeration()::edit),
                post("/mod/articles/{slug}/retire", MODERATOR, h.articleModeration()::retire),
                post("/mod/articles/{slug}/restore", MODERATOR, h.articleModeration()::restore),
                post("/mod/members/{name}/suspend", MODERATOR, h.moderation()::suspend),
                post("/mod/members/{name}/ban", MODERATOR, h.moderation()::ban),
                post("/mod/members/{name}/reinstate", MODERATOR, h.moderation()::reinstate),
                get("/admin", ADMIN, h.profiles()::staff),
                post("/admin/roles", ADMIN, h.profiles()::setRole));
    }
}
