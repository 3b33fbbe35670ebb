package org.beaconwatch.score;

/**
 * Which channel a finding is about: who talked to whom.
 *
 * @param src        source address
 * @param dst        destination address; for a server-name channel the most common address its
 *                   flows went to (for a proxied channel, the proxy), "-" when none
 * @param dstPort    destination port (most common one for a server-name channel), -1 if none
 * @param proto      "tcp", "udp", ...
 * @param serverName TLS SNI / HTTP Host / CONNECT target for a server-name channel, else null
 */
public record ChannelId(String src, String dst, int dstPort, String proto, String serverName) {

    /** "src -> dst:port/proto" or "src -> name" for display; IPv6 as "[2001:db8::7]:443". */
    public String text() {
        if (serverName != null) {
            return src + " -> " + serverName;
        }
        return src + " -> " + destination();
    }

    /**
     * The order of {@link #text()}, mostly without building it: the source addresses decide unless
     * they are equal or one is a prefix of the other; equal sources compare server names directly.
     * Ranking compares channel texts only among findings of equal score and connections, which
     * are many on a large input.
     */
    public int compareText(ChannelId o) {
        int c = src.compareTo(o.src);
        if (c != 0) {
            int la = src.length(), lb = o.src.length();
            boolean prefix = la < lb ? o.src.startsWith(src) : lb < la && src.startsWith(o.src);
            return prefix ? text().compareTo(o.text()) : c;
        }
        if (serverName != null && o.serverName != null) {
            return serverName.compareTo(o.serverName);
        }
        return destination().compareTo(o.destination());
    }

    /** The destination for display: the server name, or "dst:port/proto" ("dst/proto" without a port). */
    public String destination() {
        if (serverName != null) {
            return serverName;
        }
        return (dstPort >= 0 ? org.beaconwatch.flow.IpAddress.withPort(dst, dstPort) : dst) + "/" + proto;
    }
}
