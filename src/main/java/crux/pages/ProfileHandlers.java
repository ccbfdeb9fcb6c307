package crux.pages;

import crux.accounts.AccountRepository;
import crux.accounts.Member;
import crux.accounts.Role;
import crux.core.ScoreFormat;
import crux.core.Stance;
import crux.forecasts.ForecastRepository;
import crux.forecasts.ScoreRepository;
import crux.forecasts.TrackRecord;
import crux.debate.MemberCommentRepository;
import crux.moderation.ProposalRepository;
import crux.moderation.RoleRepository;
import crux.notifications.FollowRepository;
import crux.stances.StanceRepository;
import crux.stances.web.StancePanel;
import crux.web.Flash;
import crux.web.Forms;
import crux.web.Gate;
import crux.web.HttpError;
import crux.mail.OutboxRepository;
import crux.web.Paths;
import io.javalin.http.Context;
import java.util.function.Supplier;
import java.util.List;
import java.util.Map;

/** Public profiles, and the admin page where moderators are appointed. */
public final class ProfileHandlers {

    /**
     * A member's page: who they are, their track record and their forecasts on resolved predictions. Their stances and
     * their forecasts on unresolved predictions are listed only when they look at it themselves ({@code own}).
     */
    public record ProfilePage(Member member, String bio, boolean own, boolean canModerate,
                              List<StanceRepository.MemberStance> stances,
                              List<ForecastRepository.MemberForecast> forecasts, TrackRecord record,
                              List<FollowRepository.Followed> following, MemberCommentRepository.Page comments,
                              List<ProposalRepository.MemberProposal> proposals) {
        /** The meta description (cut to length by the template): the bio when there is one, else what the page holds. */
        public String description() {
            return bio.isEmpty() ? member.name() + "'s arguments, replies and forecasting track record on Crux." : bio;
        }

        public String label(Stance stance) {
            return StancePanel.OPTIONS.get(stance.ordinal()).label();
        }

        public String percent(Double value) {
            return value == null ? "—" : ScoreFormat.forecast(value);
        }

        public String log(double v) {
            return ScoreFormat.log(v);
        }

        public String brier(double v) {
            return ScoreFormat.brier(v);
        }

        public String coverage(double v) {
            return ScoreFormat.percent(v);
        }
    }

    /**
     * The admin's staff page.
     *
     * @param mail the outbox (queued and failed mail), or null when mail is not set up
     */
    public record StaffPage(List<Member> staff, Forms.State form, OutboxRepository.Status mail) {
    }

    private final AccountRepository accounts;
    private final RoleRepository roles;
    private final StanceRepository stances;
    private final ForecastRepository forecasts;
    private final ScoreRepository scores;
    private final FollowRepository follows;
    private final Supplier<OutboxRepository.Status> mail;
    private final MemberCommentRepository comments;
    private final ProposalRepository proposals;

    /** @param mail what the outbox holds, for admins; null when mail is not set up */
    public ProfileHandlers(AccountRepository accounts, RoleRepository roles, StanceRepository stances,
                           ForecastRepository forecasts, ScoreRepository scores, FollowRepository follows,
                           Supplier<OutboxRepository.Status> mail, MemberCommentRepository comments,
                           ProposalRepository proposals) {
        this.follows = follows;
        this.mail = mail;
        this.comments = comments;
        this.proposals = proposals;
        this.accounts = accounts;
        this.roles = roles;
        this.stances = stances;
        this.forecasts = forecasts;
        this.scores = scores;
    }

    public void profile(Context ctx) {
        String name = ctx.pathParam("name");
        if (name.length() > 100) {
            throw HttpError.notFound();
        }
        AccountRepository.Profile profile = accounts.profile(name).filter(p -> !p.member().deleted())
                .orElseThrow(HttpError::notFound);
        Member member = profile.member();
        var session = Gate.session(ctx);
        boolean own = session != null && session.member() != null && session.member().id() == member.id();
        Member viewer = session == null ? null : session.member();
        boolean canModerate = viewer != null && viewer.moderator() && session.mfaPassed() && !own && !member.admin()
                && (!member.moderator() || viewer.admin());
        // stances are private and forecasts only in aggregate until the prediction resolves: others see the record
        // the lists of arguments and proposals hold only what others may see, unless the member is looking
        ctx.render("accounts/profile", Map.of("page", new ProfilePage(member, profile.bio(), own, canModerate,
                own ? stances.memberStances(member.id()) : List.of(), forecasts.memberForecasts(member.id(), own),
                TrackRecord.of(scores.trackRecord(member.id())),
                own ? follows.followedBy(member.id()) : List.of(),
                comments.page(member.id(), own, FrontPageHandlers.pageNumber(ctx.queryParam("page"))),
                proposals.ofMember(member.id(), own)),
                "feed", Paths.INSTANCE.userFeed(member.name())));
    }

    public void staff(Context ctx) {
        ctx.render("accounts/staff", Map.of("page", new StaffPage(accounts.staff(), Forms.State.empty(),
                mail == null ? null : mail.get())));
    }

    public void setRole(Context ctx) {
        Member admin = Gate.member(ctx);
        String name = Forms.text(ctx, "name").strip();
        Role role = Role.parse(Forms.text(ctx, "role")).orElse(null);
        String reason = Forms.text(ctx, "reason").strip();
        Forms.Builder form = new Forms.Builder().value("name", name).value("reason", reason);
        if (role != Role.MODERATOR && role != Role.MEMBER) {
            form.error("role", "Choose moderator or member.");
        }
        if (reason.isEmpty() || reason.length() > 500) {
            form.error("reason", "Give a reason (up to 500 characters); it is shown in the public log.");
        }
        var target = accounts.byName(name).filter(m -> !m.deleted());
        if (target.isEmpty()) {
            form.error("name", "There is no member with that name.");
        } else if (target.get().admin()) {
            form.error("name", "Admins are changed from the command line.");
        }
        if (form.hasErrors()) {
            ctx.status(422);
            ctx.render("accounts/staff", Map.of("page", new StaffPage(accounts.staff(), form.build(),
                    mail == null ? null : mail.get())));
            return;
        }
        roles.set(Gate.budget(ctx), target.get().name(), role, admin.id(), reason);
        Flash.set(ctx, target.get().name() + " is now a " + role.code() + ".");
        ctx.redirect("/admin");
    }
}
