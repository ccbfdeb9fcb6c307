package crux.testing;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A real SMTP server (GreenMail) on a free loopback port, and what arrived at it, per recipient. */
public final class Mailbox implements AutoCloseable {

    /** How long a mail may take to pass through the outbox, on a loaded machine: a bound for a failure, not a wait. */
    public static final Duration ARRIVES = Duration.ofSeconds(20);

    private final GreenMail server;

    private Mailbox(GreenMail server) {
        this.server = server;
    }

    public static Mailbox start() {
        GreenMail server = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.start();
        return new Mailbox(server);
    }

    public int port() {
        return server.getSmtp().getPort();
    }

    /** Crux's settings for this server: a plain local relay, as the README's check runs it. */
    public Map<String, String> settings() {
        return Map.of("CRUX_SMTP_HOST", "127.0.0.1", "CRUX_SMTP_PORT", Integer.toString(port()),
                "CRUX_SMTP_STARTTLS", "false", "CRUX_SMTP_FROM", "Crux <crux@crux.test>");
    }

    /** Every mail that arrived for {@code address}, oldest first. */
    public List<MimeMessage> to(String address) {
        return Arrays.stream(server.getReceivedMessages()).filter(m -> recipients(m).contains(address)).toList();
    }

    /** Waits until {@code n} mails have arrived for {@code address}; returns them. */
    public List<MimeMessage> await(String address, int n) {
        Wait.until(n + " mail(s) to " + address, ARRIVES, () -> to(address).size() >= n);
        return to(address);
    }

    public int total() {
        return server.getReceivedMessages().length;
    }

    private static String recipients(MimeMessage m) {
        try {
            Address[] all = m.getAllRecipients();
            return all == null ? "" : Arrays.toString(all);
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The text/plain part of a multipart/alternative mail. */
    public static String text(MimeMessage m) {
        return part(m, 0);
    }

    /** The text/html part of a multipart/alternative mail. */
    public static String html(MimeMessage m) {
        return part(m, 1);
    }

    private static String part(MimeMessage m, int index) {
        try {
            Multipart mp = (Multipart) m.getContent();
            return mp.getBodyPart(index).getContent().toString();
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String subject(MimeMessage m) {
        try {
            return m.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The path of the first link in the mail's text that starts with {@code base} and then {@code path}. */
    public static String link(MimeMessage m, String base, String path) {
        Matcher found = Pattern.compile(Pattern.quote(base) + "(" + Pattern.quote(path) + "[A-Za-z0-9_-]+)")
                .matcher(text(m));
        if (!found.find()) {
            throw new AssertionError("no " + base + path + "… link in:\n" + text(m));
        }
        return found.group(1);
    }

    @Override
    public void close() {
        server.stop();
    }
}
