package crux.accounts;

import crux.notifications.Follows;
import crux.web.Flash;
import crux.web.Forms;
import crux.web.Gate;
import crux.web.HttpError;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;

/** Public profiles, and the admin page where moderators are appointed. */
public final class ProfileHandlers {

    /** A member's public page. */
    public record ProfilePage(Member member, boolean own, boolean canModerate, List<Follows.Followed> following) {
    }

    /** The admin's staff page. */
    public record StaffPage(List<Member> staff, Forms.State form) {
    }

    private final AccountRepository accounts;
    private final Roles roles;
    private final Follows follows;

    public ProfileHandlers(AccountRepository accounts, Roles roles, Follows follows) {
        this.accounts = accounts;
        this.roles = roles;
        this.follows = follows;
    }

    public void profile(Context ctx) {
        String name = ctx.pathParam("name");
        if (name.length() > 100) {
            throw HttpError.notFound();
        }
        Member member = accounts.byName(name).filter(m -> !m.deleted()).orElseThrow(HttpError::notFound);
        var session = Gate.session(ctx);
        boolean own = session != null && session.member() != null && session.member().id() == member.id();
        Member viewer = session == null ? null : session.member();
        boolean canModerate = viewer != null && viewer.moderator() && session.mfaPassed() && !own && !member.admin()
                && (!member.moderator() || viewer.admin());
        ctx.render("accounts/profile", Map.of("page", new ProfilePage(member, own, canModerate,
                own ? follows.followedBy(member.id()) : List.of())));
    }

    public void staff(Context ctx) {
        ctx.render("accounts/staff", Map.of("page", new StaffPage(accounts.staff(), Forms.State.empty())));
    }

    public void setRole(Context ctx) {
        Member admin = Gate.member(ctx);
        String name = Forms.text(ctx, "name").strip();
        String role = Forms.text(ctx, "role");
        String reason = Forms.text(ctx, "reason").strip();
        Forms.Builder form = new Forms.Builder().value("name", name).value("reason", reason);
        if (!role.equals("moderator") && !role.equals("member")) {
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
            ctx.render("accounts/staff", Map.of("page", new StaffPage(accounts.staff(), form.build())));
            return;
        }
        roles.set(target.get().name(), role, admin.id(), reason);
        Flash.set(ctx, target.get().name() + " is now a " + role + ".");
        ctx.redirect("/admin");
    }
}
