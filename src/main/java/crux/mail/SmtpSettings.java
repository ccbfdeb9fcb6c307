package crux.mail;

import java.util.Map;

/**
 * The mail server Crux sends through, from CRUX_SMTP_* settings.
 *
 * @param host     CRUX_SMTP_HOST; without it there are no settings at all and Crux sends no mail
 * @param port     CRUX_SMTP_PORT, default 587 (submission)
 * @param user     CRUX_SMTP_USER; null means the server takes mail without signing in (a local relay)
 * @param password CRUX_SMTP_PASSWORD
 * @param from     CRUX_SMTP_FROM, the sender address, e.g. {@code Crux <crux@example.org>}; default {@code crux@} and
 *                 the host
 * @param startTls CRUX_SMTP_STARTTLS, default true: the connection must be upgraded to TLS before anything is sent
 *                 (false only for a plain relay on the same host or network)
 */
public record SmtpSettings(String host, int port, String user, String password, String from, boolean startTls) {

    /** The submission port, where a mail provider expects STARTTLS and a sign-in. */
    public static final int DEFAULT_PORT = 587;

    /** The settings in {@code env}, or null when CRUX_SMTP_HOST is not set. */
    public static SmtpSettings fromMap(Map<String, String> env) {
        String host = blankToNull(env.get("CRUX_SMTP_HOST"));
        if (host == null) {
            return null;
        }
        int port;
        String p = blankToNull(env.get("CRUX_SMTP_PORT"));
        try {
            port = p == null ? DEFAULT_PORT : Integer.parseInt(p.trim());
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("CRUX_SMTP_PORT is a port number (1 to 65535), not '" + p + "'");
        }
        String startTls = env.getOrDefault("CRUX_SMTP_STARTTLS", "true").trim();
        if (!startTls.equalsIgnoreCase("true") && !startTls.equalsIgnoreCase("false")) {
            throw new IllegalArgumentException("CRUX_SMTP_STARTTLS is true or false, not '" + startTls + "'");
        }
        String from = blankToNull(env.get("CRUX_SMTP_FROM"));
        return new SmtpSettings(host.trim(), port, blankToNull(env.get("CRUX_SMTP_USER")),
                env.get("CRUX_SMTP_PASSWORD"), from == null ? "crux@" + host.trim() : from.trim(),
                Boolean.parseBoolean(startTls));
    }

    /** Never prints the password. */
    @Override
    public String toString() {
        return "smtp://" + (user == null ? "" : user + "@") + host + ":" + port + (startTls ? " (STARTTLS)" : "");
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
