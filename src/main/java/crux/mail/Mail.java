package crux.mail;

import java.util.Map;

/**
 * One mail to one recipient, as text and as HTML (sent as multipart/alternative: mail programs show the one they
 * prefer).
 *
 * @param kind     what it is about (verify-address, password-reset, …): shown to admins, and the key later mail
 *                 preferences choose by
 * @param memberId the member it is for, or null for an address no member holds yet
 * @param headers  extra headers (List-Unsubscribe and the like), in order
 */
public record Mail(String kind, Long memberId, String to, String subject, String text, String html,
                   Map<String, String> headers) {

    public Mail {
        if (headers.keySet().stream().anyMatch(h -> !h.matches("[A-Za-z][A-Za-z0-9-]{0,76}"))
                || headers.values().stream().anyMatch(v -> v.contains("\r") || v.contains("\n"))) {
            throw new IllegalArgumentException("a mail header must be one line with a plain name");
        }
        headers = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(headers));
    }
}
