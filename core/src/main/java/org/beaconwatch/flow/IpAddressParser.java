package org.beaconwatch.flow;

/** Allocation-free parsing of IPv4/IPv6 text into two longs; shared by every reader. */
final class IpAddressParser {
    private IpAddressParser() {
    }

    static boolean parse(CharSequence s, int from, int to, long[] out) {
        byte[] b = new byte[to - from];
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c > 127) {
                return false;
            }
            b[i - from] = (byte) c;
        }
        return parse(b, 0, b.length, out);
    }

    static boolean parse(byte[] b, int from, int to, long[] out) {
        if (to <= from) {
            return false;
        }
        boolean colon = false;
        for (int i = from; i < to; i++) {
            if (b[i] == ':') {
                colon = true;
                break;
            }
        }
        if (!colon) {
            long v4 = parseV4(b, from, to);
            if (v4 < 0) {
                return false;
            }
            out[0] = 0L;
            out[1] = IpAddress.v4Lo((int) v4);
            return true;
        }
        return parseV6(b, from, to, out);
    }

    /** Returns the 32-bit value, or -1 when the bytes are not a dotted quad. */
    static long parseV4(byte[] b, int from, int to) {
        long v = 0;
        int parts = 0, digits = 0, part = 0;
        for (int i = from; i <= to; i++) {
            if (i == to || b[i] == '.') {
                if (digits == 0 || part > 255 || parts == 4) {
                    return -1;
                }
                v = (v << 8) | part;
                parts++;
                digits = 0;
                part = 0;
            } else {
                int d = b[i] - '0';
                if (d < 0 || d > 9 || digits == 3) {
                    return -1;
                }
                part = part * 10 + d;
                digits++;
            }
        }
        return parts == 4 ? v : -1;
    }

    private static boolean parseV6(byte[] b, int from, int to, long[] out) {
        for (int i = from; i < to; i++) {
            if (b[i] == '%') { // zone id
                to = i;
                break;
            }
        }
        if (to - from >= 2 && b[from] == '[' && b[to - 1] == ']') {
            from++;
            to--;
        }
        int[] groups = new int[8];
        int n = 0, gap = -1, i = from;
        if (i + 1 < to && b[i] == ':' && b[i + 1] == ':') {
            gap = 0;
            i += 2;
        } else if (i < to && b[i] == ':') {
            return false;
        }
        while (i < to) {
            if (n == 8) {
                return false;
            }
            int start = i, val = 0, digits = 0;
            boolean dot = false;
            while (i < to && b[i] != ':') {
                if (b[i] == '.') {
                    dot = true;
                }
                i++;
            }
            if (dot) { // embedded IPv4 tail
                long v4 = parseV4(b, start, i);
                if (v4 < 0 || n > 6 || i != to) {
                    return false;
                }
                groups[n++] = (int) (v4 >>> 16);
                groups[n++] = (int) (v4 & 0xffff);
                break;
            }
            for (int k = start; k < i; k++) {
                int d = Character.digit(b[k], 16);
                if (d < 0 || ++digits > 4) {
                    return false;
                }
                val = (val << 4) | d;
            }
            if (digits == 0) {
                return false;
            }
            groups[n++] = val;
            if (i < to) { // at ':'
                i++;
                if (i < to && b[i] == ':') {
                    if (gap >= 0) {
                        return false;
                    }
                    gap = n;
                    i++;
                } else if (i == to) {
                    return false;
                }
            }
        }
        if (gap < 0 && n != 8) {
            return false;
        }
        if (gap >= 0) {
            if (n == 8) {
                return false;
            }
            int move = n - gap;
            System.arraycopy(groups, gap, groups, 8 - move, move);
            for (int k = gap; k < 8 - move; k++) {
                groups[k] = 0;
            }
        }
        long hi = 0, lo = 0;
        for (int k = 0; k < 4; k++) {
            hi = (hi << 16) | groups[k];
            lo = (lo << 16) | groups[k + 4];
        }
        out[0] = hi;
        out[1] = lo;
        return true;
    }
}
