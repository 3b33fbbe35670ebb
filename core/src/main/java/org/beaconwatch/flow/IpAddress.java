package org.beaconwatch.flow;

import java.util.Locale;

/**
 * An IPv4 or IPv6 address held as two longs (the 128 bits of an IPv6 address, big-endian).
 * IPv4 addresses are stored IPv4-mapped ({@code ::ffff:a.b.c.d}), so one representation serves
 * both families on the hot path without allocation. {@link #NONE} (all zero bits, "::") marks an
 * absent address (formats such as NSL-KDD carry none); "::" is never a real flow endpoint.
 */
public record IpAddress(long hi, long lo) implements Comparable<IpAddress> {

    /** The absent address. */
    public static final IpAddress NONE = new IpAddress(0L, 0L);

    static final long V4_MAPPED_PREFIX = 0x0000_ffff_0000_0000L;

    /** Builds an IPv4 address from its 32-bit value. */
    public static IpAddress ofV4(int v4) {
        return new IpAddress(0L, v4Lo(v4));
    }

    /** The low word of the IPv4-mapped form of {@code v4}. */
    public static long v4Lo(int v4) {
        return V4_MAPPED_PREFIX | (v4 & 0xffff_ffffL);
    }

    /** True when (hi, lo) is an IPv4-mapped address. */
    public static boolean isV4(long hi, long lo) {
        return hi == 0L && (lo & 0xffff_ffff_0000_0000L) == V4_MAPPED_PREFIX;
    }

    /** True for the absent address. */
    public static boolean isNone(long hi, long lo) {
        return hi == 0L && lo == 0L;
    }

    public boolean isV4() {
        return isV4(hi, lo);
    }

    public boolean isNone() {
        return isNone(hi, lo);
    }

    /**
     * Parses a dotted IPv4 or a textual IPv6 address (with "::" compression, optional zone
     * "%eth0" ignored, and embedded IPv4 tail).
     *
     * @throws IllegalArgumentException with a short reason when the text is not an address
     */
    public static IpAddress parse(CharSequence text) {
        long[] out = new long[2];
        if (!IpAddressParser.parse(text, 0, text.length(), out)) {
            throw new IllegalArgumentException("not an IP address: '" + abbreviate(text) + "'");
        }
        return new IpAddress(out[0], out[1]);
    }

    /** Parses without allocating: writes hi/lo into {@code out}; false when not an address. */
    public static boolean parse(CharSequence text, int from, int to, long[] out) {
        return IpAddressParser.parse(text, from, to, out);
    }

    /** Parses ASCII bytes without allocating: writes hi/lo into {@code out}; false when not an address. */
    public static boolean parse(byte[] buf, int from, int to, long[] out) {
        return IpAddressParser.parse(buf, from, to, out);
    }

    /**
     * "address:port" for display, with an IPv6 address in brackets (RFC 3986, RFC 5952 section 6) so
     * the port cannot be read as part of the address: "10.0.0.1:443", "[2001:db8::7]:443".
     */
    public static String withPort(String address, int port) {
        if (address != null && address.indexOf(':') >= 0 && !address.startsWith("[")) {
            return "[" + address + "]:" + port;
        }
        return address + ":" + port;
    }

    /** Formats (hi, lo) as text: dotted quad for IPv4, RFC 5952 for IPv6, "-" for NONE. */
    public static String format(long hi, long lo) {
        if (isNone(hi, lo)) {
            return "-";
        }
        if (isV4(hi, lo)) {
            return ((lo >>> 24) & 0xff) + "." + ((lo >>> 16) & 0xff) + "." + ((lo >>> 8) & 0xff) + "." + (lo & 0xff);
        }
        int[] g = new int[8];
        for (int i = 0; i < 4; i++) {
            g[i] = (int) ((hi >>> (48 - 16 * i)) & 0xffff);
            g[i + 4] = (int) ((lo >>> (48 - 16 * i)) & 0xffff);
        }
        // longest run of zero groups (length >= 2) is compressed
        int bestStart = -1, bestLen = 0;
        for (int i = 0; i < 8; ) {
            if (g[i] == 0) {
                int j = i;
                while (j < 8 && g[j] == 0) {
                    j++;
                }
                if (j - i > bestLen && j - i >= 2) {
                    bestStart = i;
                    bestLen = j - i;
                }
                i = j;
            } else {
                i++;
            }
        }
        StringBuilder sb = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(g[i]));
        }
        return sb.toString().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return format(hi, lo);
    }

    @Override
    public int compareTo(IpAddress o) {
        int c = Long.compareUnsigned(hi, o.hi);
        return c != 0 ? c : Long.compareUnsigned(lo, o.lo);
    }

    private static String abbreviate(CharSequence s) {
        return s.length() <= 60 ? s.toString() : s.subSequence(0, 57) + "...";
    }
}
