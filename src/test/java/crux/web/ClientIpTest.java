package crux.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The client's address: the socket's, unless the socket is a proxy we were told to trust. */
class ClientIpTest {

    static ClientIp trusting(String... proxies) throws Exception {
        var set = new java.util.HashSet<InetAddress>();
        for (String p : proxies) {
            set.add(InetAddress.getByName(p));
        }
        return new ClientIp(Set.copyOf(set));
    }

    @Test
    void withoutTrustedProxiesTheHeaderIsIgnored() throws Exception {
        ClientIp ip = trusting();
        assertThat(ip.of("198.51.100.7", null)).isEqualTo("198.51.100.7");
        assertThat(ip.of("198.51.100.7", "203.0.113.1")).isEqualTo("198.51.100.7");
        assertThat(ip.of("127.0.0.1", "203.0.113.1, 10.0.0.1")).isEqualTo("127.0.0.1");
    }

    @Test
    void fromAnUntrustedPeerTheHeaderIsIgnored() throws Exception {
        ClientIp ip = trusting("10.0.0.1");
        assertThat(ip.of("198.51.100.7", "203.0.113.1")).isEqualTo("198.51.100.7");
        // even when the client claims to come through our own proxy
        assertThat(ip.of("198.51.100.7", "203.0.113.1, 10.0.0.1")).isEqualTo("198.51.100.7");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "203.0.113.1                        | 203.0.113.1",
            "' 203.0.113.1 '                    | 203.0.113.1",
            // the client's own claim on the left is not believed: the proxy appended the address it saw
            "6.6.6.6, 203.0.113.1               | 203.0.113.1",
            // a chain of trusted proxies is walked from the right
            "203.0.113.1, 10.0.0.2              | 203.0.113.1",
            "6.6.6.6, 203.0.113.1, 10.0.0.2     | 203.0.113.1",
            "2001:db8::1                        | 2001:db8:0:0:0:0:0:1",
            // nothing useful: the proxy itself
            "''                                 | 10.0.0.1",
            "10.0.0.2                           | 10.0.0.1"})
    void fromATrustedProxyTheNearestUntrustedHopCounts(String header, String expected) throws Exception {
        ClientIp ip = trusting("10.0.0.1", "10.0.0.2");
        assertThat(ip.of("10.0.0.1", header)).isEqualTo(expected);
    }

    @Test
    void noHeaderFromATrustedProxyMeansTheProxyItself() throws Exception {
        assertThat(trusting("10.0.0.1").of("10.0.0.1", null)).isEqualTo("10.0.0.1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"unknown", "evil.example", "203.0.113.1:4711", "<script>", "1.2.3.4.5",
            "cafe", "beef.dead", ".:", "1.2.3", "999.1.1.1", "01.2.3.4", "1.2.3.4 6.6.6.6"})
    void garbageInTheChainStopsAtTheProxy(String hop) throws Exception {
        ClientIp ip = trusting("10.0.0.1");
        // neither believed nor looked up in DNS: the proxy that handed it over is the client as far as we know
        assertThat(ip.of("10.0.0.1", hop)).isEqualTo("10.0.0.1");
        assertThat(ip.of("10.0.0.1", "203.0.113.1, " + hop)).isEqualTo("10.0.0.1");
    }
}
