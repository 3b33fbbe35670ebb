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
     * The order of {@link #text()}, without building it: the source addresses decide unless they
     * are equal or one is a prefix of the other; equal sources compare the destinations
     * ({@link #destination()}) character by character, unbuilt too. Ranking and host triage compare
     * channel texts among findings of equal score and connections, which are many on a large input.
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
        if (serverName != null && o.serverName != null) {
            return serverName.compareTo(o.serverName);
        }
        if (serverName == null && o.serverName == null && dstPort >= 0 && o.dstPort >= 0
                && dst.indexOf(':') < 0 && o.dst.indexOf(':') < 0) {
            // "dst:port/proto" with an IPv4 address or a name: the addresses decide unless one is a
            // prefix of the other or they are equal
            int c = dst.compareTo(o.dst);
            if (c != 0 && !dst.startsWith(o.dst) && !o.dst.startsWith(dst)) {
                return c;
            }
        }
        return compareDestination(o);
    }

    /** {@code destination().compareTo(o.destination())}, character by character without building either. */
    private int compareDestination(ChannelId o) {
        int la = destinationLength(), lb = o.destinationLength(), n = Math.min(la, lb);
        for (int i = 0; i < n; i++) {
            char x = destinationChar(i), y = o.destinationChar(i);
            if (x != y) {
                return x - y;
            }
        }
        return la - lb;
    }

    /** Whether {@link #destination()} puts the address in brackets (IPv6 with a port). */
    private boolean bracketed() {
        return serverName == null && dstPort >= 0 && dst != null && dst.indexOf(':') >= 0 && !dst.startsWith("[");
    }

    /** Length of {@link #destination()}. */
    private int destinationLength() {
        if (serverName != null) {
            return serverName.length();
        }
        int n = String.valueOf(dst).length() + 1 + String.valueOf(proto).length();
        if (dstPort >= 0) {
            n += 1 + digits(dstPort) + (bracketed() ? 2 : 0);
        }
        return n;
    }

    /** The character at {@code i} of {@link #destination()}. */
    private char destinationChar(int i) {
        if (serverName != null) {
            return serverName.charAt(i);
        }
        String d = String.valueOf(dst);
        int pos = i;
        boolean br = bracketed();
        if (br) {
            if (pos == 0) {
                return '[';
            }
            pos--;
        }
        if (pos < d.length()) {
            return d.charAt(pos);
        }
        pos -= d.length();
        if (dstPort >= 0) {
            if (br) {
                if (pos == 0) {
                    return ']';
                }
                pos--;
            }
            if (pos == 0) {
                return ':';
            }
            pos--;
            int nd = digits(dstPort);
            if (pos < nd) {
                int v = dstPort;
                for (int k = nd - 1; k > pos; k--) {
                    v /= 10;
                }
                return (char) ('0' + v % 10);
            }
            pos -= nd;
        }
        return pos == 0 ? '/' : String.valueOf(proto).charAt(pos - 1);
    }

    /** Decimal digits of a non-negative int. */
    private static int digits(int v) {
        int d = 1;
        for (int x = v; x >= 10; x /= 10) {
            d++;
        }
        return d;
    }

    /** The destination for display: the server name, or "dst:port/proto" ("dst/proto" without a port). */
    public String destination() {
        if (serverName != null) {
            return serverName;
        }
        return (dstPort >= 0 ? org.beaconwatch.flow.IpAddress.withPort(dst, dstPort) : dst) + "/" + proto;
    }
}
