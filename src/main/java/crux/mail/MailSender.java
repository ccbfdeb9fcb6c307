package crux.mail;

import crux.db.LeaseRepository;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The background job that sends the outbox: on a thread of its own (a slow mail server never holds up a request, nor
 * the other jobs), under the {@code mail} lease (one instance sends at a time; the claims in
 * {@link OutboxRepository} keep a mail from going twice even when leases overlap). Before sending, it runs the
 * {@code before} tasks that turn other queued work into mail (password-reset requests, and later digests).
 */
public final class MailSender implements AutoCloseable {

    /** How often the outbox is looked at: a mail leaves within about this long of its cause. */
    public static final Duration EVERY = Duration.ofSeconds(1);
    /** The lease: renewed on every run by its holder; another instance takes over this long after it stops. */
    static final Duration LEASE = Duration.ofSeconds(30);
    /** Mails sent per run at most, so the lease is renewed between batches. */
    static final int BATCH = 20;
    /** SMTP timeouts: connecting, and waiting for any one answer (a server that accepts and never answers). */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    private static final Logger LOG = LoggerFactory.getLogger(MailSender.class);

    private final SmtpSettings smtp;
    private final OutboxRepository outbox;
    private final LeaseRepository leases;
    private final String instance;
    private final List<Runnable> before;
    private final Session session;
    private final ScheduledExecutorService executor;
    private volatile long lastPurge;
    private final Clock clock;

    public MailSender(SmtpSettings smtp, OutboxRepository outbox, LeaseRepository leases, String instance,
                      List<Runnable> before, Clock clock) {
        this.smtp = smtp;
        this.outbox = outbox;
        this.leases = leases;
        this.instance = instance;
        this.before = List.copyOf(before);
        this.clock = clock;
        this.session = Session.getInstance(properties(smtp));
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "crux-mail");
            t.setDaemon(true);
            return t;
        });
    }

    static Properties properties(SmtpSettings smtp) {
        Properties p = new Properties();
        p.put("mail.transport.protocol", "smtp");
        p.put("mail.smtp.host", smtp.host());
        p.put("mail.smtp.port", Integer.toString(smtp.port()));
        p.put("mail.smtp.auth", Boolean.toString(smtp.user() != null));
        // STARTTLS required, not merely tried: a server (or someone in between) that does not offer it gets no mail
        p.put("mail.smtp.starttls.enable", Boolean.toString(smtp.startTls()));
        p.put("mail.smtp.starttls.required", Boolean.toString(smtp.startTls()));
        p.put("mail.smtp.ssl.checkserveridentity", "true");
        p.put("mail.smtp.connectiontimeout", Long.toString(CONNECT_TIMEOUT.toMillis()));
        p.put("mail.smtp.timeout", Long.toString(READ_TIMEOUT.toMillis()));
        p.put("mail.smtp.writetimeout", Long.toString(READ_TIMEOUT.toMillis()));
        p.put("mail.smtp.from", bareAddress(smtp.from()));
        return p;
    }

    private static String bareAddress(String from) {
        try {
            return new InternetAddress(from).getAddress();
        } catch (MessagingException e) {
            throw new IllegalArgumentException("CRUX_SMTP_FROM is not a mail address: '" + from + "'");
        }
    }

    /** Starts sending every {@link #EVERY}. */
    public MailSender start() {
        bareAddress(smtp.from());
        executor.scheduleWithFixedDelay(() -> {
            try {
                runOnce();
            } catch (RuntimeException e) {
                LOG.warn("the mail sender failed; will try again", e);
            }
        }, 0, EVERY.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** One run, if this instance holds the lease: the {@code before} tasks, then up to {@link #BATCH} mails. */
    public boolean runOnce() {
        if (!leases.acquire("mail", instance, LEASE)) {
            return false;
        }
        for (Runnable task : before) {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.warn("a task before sending mail failed; will try again", e);
            }
        }
        Transport transport = null;
        try {
            for (int i = 0; i < BATCH; i++) {
                Optional<OutboxRepository.Claimed> next = outbox.claimNext();
                if (next.isEmpty()) {
                    break;
                }
                OutboxRepository.Claimed c = next.get();
                try {
                    MimeMessage message = message(c.mail());
                    if (transport == null || !transport.isConnected()) {
                        transport = session.getTransport("smtp");
                        transport.connect(smtp.host(), smtp.port(), smtp.user(), smtp.password());
                    }
                    transport.sendMessage(message, message.getAllRecipients());
                    if (!outbox.sent(c)) {
                        LOG.warn("mail {} was sent after its claim ran out: it may have gone twice", c.id());
                    }
                } catch (MessagingException | RuntimeException e) {
                    boolean permanent = e instanceof SendFailedException sf && sf.getInvalidAddresses() != null
                            && sf.getInvalidAddresses().length > 0;
                    LOG.warn("mail {} ({}) not sent, attempt {}: {}", c.id(), c.mail().kind(), c.attempts() + 1,
                            e.toString());
                    outbox.failed(c, e.getClass().getSimpleName() + ": " + e.getMessage(), permanent);
                    closeQuietly(transport);
                    transport = null;
                    if (!permanent) {
                        break; // the server is down or refusing: the rest wait for their own retry times
                    }
                }
            }
        } finally {
            closeQuietly(transport);
        }
        long now = clock.millis();
        if (now - lastPurge > Duration.ofHours(1).toMillis()) {
            lastPurge = now;
            outbox.deleteOldSent();
        }
        return true;
    }

    MimeMessage message(Mail mail) throws MessagingException {
        MimeMessage m = new MimeMessage(session);
        m.setFrom(new InternetAddress(smtp.from()));
        m.setRecipients(Message.RecipientType.TO, new Address[] {new InternetAddress(mail.to(), true)});
        m.setSubject(mail.subject(), "UTF-8");
        m.setSentDate(new Date(clock.millis()));
        // mail written by a program: out-of-office replies and the like are not sent back to it (RFC 3834)
        m.setHeader("Auto-Submitted", "auto-generated");
        for (var h : mail.headers().entrySet()) {
            m.setHeader(h.getKey(), h.getValue());
        }
        MimeBodyPart text = new MimeBodyPart();
        text.setText(mail.text() == null ? "" : mail.text(), "UTF-8", "plain");
        MimeBodyPart html = new MimeBodyPart();
        html.setText(mail.html() == null ? "" : mail.html(), "UTF-8", "html");
        // the plain part first: readers show the last part they can display, so HTML wins where it is shown
        MimeMultipart alternative = new MimeMultipart("alternative");
        alternative.addBodyPart(text);
        alternative.addBodyPart(html);
        m.setContent(alternative);
        m.saveChanges();
        return m;
    }

    private static void closeQuietly(Transport t) {
        if (t != null) {
            try {
                t.close();
            } catch (MessagingException | RuntimeException e) {
                // the connection is gone either way
            }
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
