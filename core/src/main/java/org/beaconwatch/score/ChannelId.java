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
        if (!src.equals(o.src)) {
            // text is src + " -> " + ...: the first differing character decides; a source that is a
            // prefix of the other is followed by a space there
            int la = src.length(), lb = o.src.length(), n = Math.min(la, lb);
            for (int i = 0; i < n; i++) {
                char x = src.charAt(i), y = o.src.charAt(i);
                if (x != y) {
                    return x - y;
                }
            }
            char next = la < lb ? o.src.charAt(la) : src.charAt(lb);
            if (next == ' ') {
                return text().compareTo(o.text());
            }
            return la < lb ? ' ' - next : next - ' ';
        }
        int c;
        if (serverName != null && o.serverName != null) {
            return serverName.compareTo(o.serverName);
        }
        if (serverName == null && o.serverName == null && dstPort >= 0 && o.dstPort >= 0
                && dst.indexOf(':') < 0 && o.dst.indexOf(':') < 0) {
            // "dst:port/proto" with an IPv4 address or a name: the addresses decide unless one is a
            // prefix of the other or they are equal
            c = dst.compareTo(o.dst);
            if (c != 0 && !dst.startsWith(o.dst) && !o.dst.startsWith(dst)) {
                return c;
            }
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
