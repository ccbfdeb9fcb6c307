package crux.accounts;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** E-mail addresses as members type them: what is accepted, and the key that makes one address one account's. */
public final class Addresses {

    /** The longest address SMTP can carry (RFC 5321's path limit less the angle brackets). */
    public static final int MAX_LENGTH = 254;
    /** The longest local part (before the @) RFC 5321 allows. */
    static final int MAX_LOCAL = 64;

    /**
     * A plain address: printable ASCII without spaces, quotes or brackets before the @, and a domain of dot-separated
     * labels with a dot in it. Quoted local parts and address literals are valid mail but never a member's address;
     * refusing them keeps every stored address safe to put in a header.
     */
    private static final Pattern PLAIN = Pattern.compile(
            "[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
                    + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+");

    private Addresses() {
    }

    /** The address as typed, without surrounding spaces. */
    public static String normalise(String typed) {
        return typed == null ? "" : typed.strip();
    }

    /** What is wrong with an address, if anything, in words for the person who typed it. */
    public static Optional<String> problem(String address) {
        if (address.isEmpty()) {
            return Optional.of("Enter an e-mail address.");
        }
        if (address.length() > MAX_LENGTH) {
            return Optional.of("That address is too long (at most " + MAX_LENGTH + " characters).");
        }
        int at = address.lastIndexOf('@');
        if (!PLAIN.matcher(address).matches() || at > MAX_LOCAL || address.startsWith(".")
                || address.contains("..") || address.charAt(at - 1) == '.') {
            return Optional.of("That does not look like an e-mail address (like name@example.org).");
        }
        return Optional.empty();
    }

    /** The address lower-cased: "Ann@Example.org" and "ann@example.org" are one address, held by one account. */
    public static String key(String address) {
        return address.toLowerCase(Locale.ROOT);
    }
}
