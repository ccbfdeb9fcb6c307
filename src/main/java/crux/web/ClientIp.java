package crux.web;

import io.javalin.http.Context;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The client's address: the socket peer, unless that peer is a configured trusted proxy — then the nearest
 * address in X-Forwarded-For that is not itself a trusted proxy. A client cannot pick its own address by
 * sending the header: from an untrusted peer the header is ignored.
 */
public final class ClientIp {

    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    /**
     * Hex groups and colons (with an optional dotted-quad tail). Starting with a hex digit or ':' and holding a ':'
     * is what makes InetAddress parse it as an IPv6 literal, or refuse it, without ever resolving it.
     */
    private static final Pattern IPV6 = Pattern.compile("(?=.*:)[0-9a-fA-F:][0-9a-fA-F:.]*");

    private final Set<InetAddress> trustedProxies;

    public ClientIp(Set<InetAddress> trustedProxies) {
        this.trustedProxies = trustedProxies;
    }

    public String of(Context ctx) {
        return of(ctx.req().getRemoteAddr(), ctx.header("X-Forwarded-For"));
    }

    /** The client's address from the socket peer and the X-Forwarded-For header (null when absent). */
    public String of(String peer, String forwarded) {
        if (trustedProxies.isEmpty() || !trusted(peer)) {
            return peer;
        }
        if (forwarded == null || forwarded.isBlank()) {
            return peer;
        }
        String[] hops = forwarded.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].trim();
            InetAddress address = literal(hop);
            if (address == null) {
                // garbage in the chain: believe no further than the proxy that handed it to us
                return peer;
            }
            if (!trustedProxies.contains(address)) {
                return address.getHostAddress();
            }
        }
        return peer;
    }

    private boolean trusted(String ip) {
        InetAddress a = literal(ip);
        return a != null && trustedProxies.contains(a);
    }

    /**
     * Only a dotted-quad IPv4 or an IPv6 literal. Anything else (a hex word like "cafe", the legacy "1.2.3") would
     * make InetAddress ask DNS or guess: the header is the client's text, so it must never cause a lookup.
     */
    private static InetAddress literal(String s) {
        if (s.isEmpty() || s.length() > 45 || !(IPV4.matcher(s).matches() || IPV6.matcher(s).matches())) {
            return null;
        }
        try {
            return InetAddress.getByName(s);
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
