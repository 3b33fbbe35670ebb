package org.beaconwatch.io.spi;

import java.nio.charset.StandardCharsets;

/**
 * Number and text helpers working directly on ASCII bytes (no String per field). Numbers parse
 * exactly: "1545403524.386000" seconds become 1545403524386000 microseconds with integer
 * arithmetic only, so no binary floating-point rounding creeps in; a 7th decimal rounds half up.
 */
public final class Bytes {
    /** Returned by the parsers for text that is not a number. */
    public static final long BAD = Long.MIN_VALUE;

    private Bytes() {
    }

    /** Parses an unsigned decimal integer; {@link #BAD} when empty, not digits, or over 18 digits. */
    public static long parseLong(byte[] b, int from, int to) {
        int n = to - from;
        if (n <= 0 || n > 18) {
            return BAD;
        }
        long v = 0;
        for (int i = from; i < to; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) {
                return BAD;
            }
            v = v * 10 + d;
        }
        return v;
    }

    /**
     * Parses decimal seconds ("12.5", "-3.000001", "7") into microseconds; {@link #BAD} when
     * malformed. Exponents are not accepted here (see {@link #parseMicros(CharSequence)}).
     */
    public static long parseMicros(byte[] b, int from, int to) {
        if (to <= from) {
            return BAD;
        }
        boolean neg = false;
        int i = from;
        if (b[i] == '-') {
            neg = true;
            i++;
        } else if (b[i] == '+') {
            i++;
        }
        long whole = 0;
        int digits = 0;
        while (i < to) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) {
                break;
            }
            whole = whole * 10 + d;
            if (++digits > 12) {
                return BAD;
            }
            i++;
        }
        long frac = 0;
        int fdigits = 0;
        if (i < to && b[i] == '.') {
            i++;
            while (i < to) {
                int d = b[i] - '0';
                if (d < 0 || d > 9) {
                    return BAD;
                }
                if (fdigits < 6) {
                    frac = frac * 10 + d;
                } else if (fdigits == 6 && d >= 5) {
                    frac++; // round half up on the 7th decimal
                }
                fdigits++;
                i++;
            }
            if (fdigits == 0 && digits == 0) {
                return BAD;
            }
        }
        if (i != to || (digits == 0 && fdigits == 0)) {
            return BAD;
        }
        for (int k = Math.min(fdigits, 6); k < 6; k++) {
            frac *= 10;
        }
        long v = whole * 1_000_000L + frac;
        return neg ? -v : v;
    }

    /**
     * Parses decimal seconds given as text, also in exponent form ("1.5e9"); {@link #BAD} when
     * malformed.
     */
    public static long parseMicros(CharSequence s) {
        int n = s.length();
        boolean exp = false;
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c > 127) {
                return BAD;
            }
            if (c == 'e' || c == 'E') {
                exp = true;
            }
            b[i] = (byte) c;
        }
        if (!exp) {
            return parseMicros(b, 0, n);
        }
        if (n > 40) { // no real time or duration needs more; keeps BigDecimal's cost bounded
            return BAD;
        }
        try {
            java.math.BigDecimal v = new java.math.BigDecimal(s.toString());
            // digits before the decimal point; scaling "1e9999999" itself would take seconds
            long magnitude = (long) v.precision() - v.scale();
            if (magnitude > 14) {
                return BAD; // over 10^14 s: not a long of microseconds
            }
            if (magnitude < -8) {
                return 0; // under 10^-8 s: rounds to 0 microseconds
            }
            return v.movePointRight(6).setScale(0, java.math.RoundingMode.HALF_UP).longValueExact();
        } catch (ArithmeticException | NumberFormatException e) {
            return BAD;
        }
    }

    /** True when {@code b[from,to)} equals the ASCII bytes of {@code lit}. */
    public static boolean equals(byte[] b, int from, int to, byte[] lit) {
        int n = lit.length;
        if (to - from != n) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (b[from + i] != lit[i]) {
                return false;
            }
        }
        return true;
    }

    /** True when {@code b[from,to)} starts with {@code lit}. */
    public static boolean startsWith(byte[] b, int from, int to, byte[] lit) {
        return to - from >= lit.length && equals(b, from, from + lit.length, lit);
    }

    /** Decodes UTF-8 bytes to a String. */
    public static String str(byte[] b, int from, int to) {
        return new String(b, from, to - from, StandardCharsets.UTF_8);
    }

    /** The text, cut to about 60 characters with "..." for messages; control characters shown as '?'. */
    public static String abbreviate(String s) {
        StringBuilder sb = new StringBuilder(Math.min(s.length(), 64));
        for (int i = 0; i < s.length() && sb.length() < 60; i++) {
            char c = s.charAt(i);
            sb.append(c < 32 && c != '\t' ? '?' : c == '\t' ? ' ' : c);
        }
        if (s.length() > 60) {
            sb.setLength(57);
            sb.append("...");
        }
        return sb.toString();
    }

    /** Message form of a field value: abbreviated, decoded leniently. */
    public static String shown(byte[] b, int from, int to) {
        return abbreviate(str(b, from, Math.min(to, from + 200)));
    }
}
