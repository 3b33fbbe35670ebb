package org.beaconwatch.channel;

import java.util.Locale;
import org.beaconwatch.flow.IpAddress;

/**
 * An IPv4 or IPv6 network prefix such as {@code 10.0.0.0/8} or {@code fc00::/7}, matched against
 * addresses held as two longs ({@link IpAddress}). IPv4 prefixes are stored IPv4-mapped, so an IPv4
 * prefix of length n is an IPv6 prefix of length 96 + n.
 *
 * @param hi     network bits, high word (host bits zero)
 * @param lo     network bits, low word (host bits zero)
 * @param length prefix length over 128 bits
 * @param text   the prefix as written by the user (normalised)
 */
public record Cidr(long hi, long lo, int length, String text) {

    public Cidr {
        if (length < 0 || length > 128) {
            throw new IllegalArgumentException("prefix length out of range: " + length);
        }
        hi &= maskHi(length);
        lo &= maskLo(length);
    }

    /**
     * Parses "10.0.0.0/8", "fc00::/7" or a bare address (a /32 or /128).
     *
     * @throws IllegalArgumentException with a short reason
     */
    public static Cidr parse(String s) {
        String t = s.trim();
        int slash = t.indexOf('/');
        String addr = slash < 0 ? t : t.substring(0, slash);
        IpAddress a;
        try {
            a = IpAddress.parse(addr);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a CIDR: '" + s + "'");
        }
        boolean v4 = a.isV4();
        int max = v4 ? 32 : 128;
        int len = max;
        if (slash >= 0) {
            try {
                len = Integer.parseInt(t.substring(slash + 1).trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a CIDR (bad prefix length): '" + s + "'");
            }
            if (len < 0 || len > max) {
                throw new IllegalArgumentException("prefix length out of range in '" + s + "'");
            }
        }
        int total = v4 ? 96 + len : len;
        Cidr c = new Cidr(a.hi(), a.lo(), total, "");
        String text = IpAddress.format(c.hi, c.lo) + "/" + len;
        return new Cidr(c.hi, c.lo, total, text.toLowerCase(Locale.ROOT));
    }

    /** True when the address (hi, lo) lies inside this prefix. */
    public boolean contains(long ahi, long alo) {
        return (ahi & maskHi(length)) == hi && (alo & maskLo(length)) == lo;
    }

    /** True when the address lies inside this prefix. */
    public boolean contains(IpAddress a) {
        return contains(a.hi(), a.lo());
    }

    private static long maskHi(int len) {
        if (len >= 64) {
            return -1L;
        }
        return len == 0 ? 0L : -1L << (64 - len);
    }

    private static long maskLo(int len) {
        if (len <= 64) {
            return 0L;
        }
        return len == 128 ? -1L : -1L << (128 - len);
    }

    @Override
    public String toString() {
        return text;
    }
}
