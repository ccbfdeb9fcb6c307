package crux.web;

import io.javalin.http.Context;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Set;

/**
 * The client's address: the socket peer, unless that peer is a configured trusted proxy — then the nearest
 * address in X-Forwarded-For that is not itself a trusted proxy. A client cannot pick its own address by
 * sending the header: from an untrusted peer the header is ignored.
 */
public final class ClientIp {

    private final Set<InetAddress> trustedProxies;

    public ClientIp(Set<InetAddress> trustedProxies) {
        this.trustedProxies = trustedProxies;
    }

    public String of(Context ctx) {
        String peer = ctx.req().getRemoteAddr();
        if (trustedProxies.isEmpty() || !trusted(peer)) {
            return peer;
        }
        String forwarded = ctx.header("X-Forwarded-For");
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

    private static InetAddress literal(String s) {
        if (s.isEmpty() || s.length() > 45 || !s.matches("[0-9a-fA-F:.]+")) {
            return null;
        }
        try {
            return InetAddress.getByName(s);
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
