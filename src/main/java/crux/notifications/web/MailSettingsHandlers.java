package crux.notifications.web;

import crux.notifications.MailTopic;
import crux.notifications.NoticeMail;
import crux.web.Flash;
import crux.web.Forms;
import crux.web.Gate;
import crux.web.HttpError;
import io.javalin.http.Context;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What Crux mails a member (per kind of notice: inbox only, at once, or a daily digest), their time zone, and the
 * one-click unsubscribe links in every such mail.
 */
public final class MailSettingsHandlers {

    /** The settings page: the choices, whether mail can reach the member, and the time zone form. */
    public record MailPage(NoticeMail.Preferences preferences, List<MailTopic> topics, boolean mailEnabled,
                           Forms.State zoneForm, List<String> zones) {
        /** The local hour the daily digest is sent from. */
        public int digestHour() {
            return NoticeMail.DIGEST_HOUR;
        }
    }

    /** The page an unsubscribe link opens: what it turns off, or (null) that the link is not valid. */
    public record UnsubscribePage(String token, NoticeMail.Unsubscribe target, boolean done) {
    }

    /** Every zone id a member may choose, sorted: the time zone field suggests them. */
    static final List<String> ZONES = ZoneId.getAvailableZoneIds().stream()
            .filter(z -> z.contains("/") && !z.startsWith("Etc/") && !z.startsWith("SystemV/")).sorted().toList();

    private final NoticeMail mail;

    public MailSettingsHandlers(NoticeMail mail) {
        this.mail = mail;
    }

    public void form(Context ctx) {
        render(ctx, Forms.State.empty());
    }

    private void render(Context ctx, Forms.State zoneForm) {
        var me = Gate.member(ctx);
        ctx.render("notifications/mail-settings", Map.of("page", new MailPage(mail.preferences(me.id()),
                List.of(MailTopic.values()), mail.enabled(), zoneForm, ZONES)));
    }

    public void save(Context ctx) {
        var me = Gate.member(ctx);
        if (!mail.enabled()) {
            throw HttpError.conflict("Mail is not set up on this Crux, so it cannot mail you notices.");
        }
        if (!mail.preferences(me.id()).canMail()) {
            throw HttpError.conflict("Add and confirm an e-mail address first: Crux mails only a confirmed address.");
        }
        Map<MailTopic, MailTopic.Delivery> choices = new EnumMap<>(MailTopic.class);
        for (MailTopic t : MailTopic.values()) {
            String sent = ctx.formParam(t.code());
            Optional<MailTopic.Delivery> d = sent == null ? Optional.of(MailTopic.Delivery.INBOX)
                    : MailTopic.Delivery.parse(sent);
            if (d.isEmpty()) {
                throw HttpError.badRequest("Choose inbox only, at once or daily digest for each kind of notice.");
            }
            choices.put(t, d.get());
        }
        mail.save(me.id(), choices);
        Flash.set(ctx, "Your mail choices are saved.");
        ctx.redirect("/settings/mail");
    }

    public void saveTimeZone(Context ctx) {
        var me = Gate.member(ctx);
        String sent = Forms.asSent(ctx, "zone").strip();
        Optional<ZoneId> zone = NoticeMail.zone(sent);
        if (zone.isEmpty()) {
            ctx.status(422);
            render(ctx, new Forms.Builder().value("zone", sent.length() > 64 ? sent.substring(0, 64) : sent)
                    .error("zone", "Not a time zone Crux knows. Choose one from the list, such as Europe/Paris or "
                            + "America/New_York, or UTC.").build());
            return;
        }
        mail.saveTimeZone(me.id(), zone.get());
        Flash.set(ctx, "Times are now shown in " + zone.get().getId() + ".");
        ctx.redirect("/settings/mail");
    }

    /** What the link would turn off, with a button to do it (a GET changes nothing: link checkers open links). */
    public void unsubscribeForm(Context ctx) {
        ctx.header("Cache-Control", "no-store");
        ctx.header("Referrer-Policy", "no-referrer");
        String token = ctx.pathParam("token");
        Optional<NoticeMail.Unsubscribe> target = mail.unsubscribeTarget(token);
        if (target.isEmpty()) {
            ctx.status(404);
        }
        ctx.render("notifications/unsubscribe", Map.of("page",
                new UnsubscribePage(token, target.orElse(null), false)));
    }

    /**
     * Turns the mail off. Also what a mail program's one-click button POSTs (RFC 8058): no session and no CSRF token
     * needed, the signed token in the address is the proof.
     */
    public void unsubscribe(Context ctx) {
        ctx.header("Cache-Control", "no-store");
        ctx.header("Referrer-Policy", "no-referrer");
        Optional<NoticeMail.Unsubscribe> done = mail.unsubscribe(ctx.pathParam("token"));
        if (done.isEmpty()) {
            ctx.status(404);
        }
        ctx.render("notifications/unsubscribe", Map.of("page", new UnsubscribePage(null, done.orElse(null), true)));
    }
}
