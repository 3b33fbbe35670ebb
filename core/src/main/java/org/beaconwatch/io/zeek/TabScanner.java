package org.beaconwatch.io.zeek;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Fused "parse the value and find where the field ends" scanners for tab-separated rows, used by
 * {@link ZeekTsvReader}'s fast path: each parses one field from its first byte and returns the
 * index of the byte it stopped at (the field's tab, or the line's end when the field is the last),
 * or -1 when the field does not have the common form (then the reader takes its general path,
 * which decides). The parsed number is left in {@link #value}. A row's bytes are visited once
 * instead of once to find the tabs and again to parse.
 *
 * <p>Each accepts a subset of what the general parsers ({@code Bytes.parseMicros},
 * {@code Bytes.parseLong}, the dotted-quad parser) accept and gives the same value for it; the
 * reader's differential test checks that on random and mutated rows.
 */
final class TabScanner {
    static final byte TAB = '\t';
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long TABS = 0x0909090909090909L;
    private static final long LOW7 = 0x7f7f7f7f7f7f7f7fL;
    private static final long[] SCALE = {1_000_000L, 100_000L, 10_000L, 1_000L, 100L, 10L, 1L};

    /** The number the last successful scan parsed. */
    long value;

    /** Mask with the high bit set exactly in the bytes of {@code w} that are a tab. */
    static long tabMask(long w) {
        long x = w ^ TABS;
        return ~(((x & LOW7) + LOW7) | x | LOW7);
    }

    /** Whether some byte of {@code w} is a backslash. */
    static boolean hasBackslash(long w) {
        long x = w ^ 0x5c5c5c5c5c5c5c5cL;
        return ~(((x & LOW7) + LOW7) | x | LOW7) != 0;
    }

    /** Eight bytes at {@code i} as a little-endian word ({@code i + 8 <= a.length}). */
    static long word(byte[] a, int i) {
        return (long) LONGS.get(a, i);
    }

    /** First tab in {@code a[p, e)}, or {@code e}; eight bytes per step. */
    static int nextTab(byte[] a, int p, int e) {
        int i = p;
        int wordEnd = a.length - 8;
        while (i < e) {
            if (i > wordEnd) {
                while (i < e && a[i] != TAB) {
                    i++;
                }
                return i;
            }
            long m = tabMask((long) LONGS.get(a, i));
            if (m != 0) {
                int j = i + (Long.numberOfTrailingZeros(m) >>> 3);
                return Math.min(j, e);
            }
            i += 8;
        }
        return e;
    }

    /**
     * The {@code n}-th tab in {@code a[p, e)} (n >= 1), or -1 when there are fewer: the end of
     * the n-th of n fields that start at p, found eight bytes per step whatever n is (a row's
     * short skipped fields, such as "T", "F", "0" and "Dd", often share one word).
     */
    static int nthTab(byte[] a, int p, int e, int n) {
        int i = p;
        int left = n;
        int wordEnd = a.length - 8;
        while (i < e) {
            if (i > wordEnd) {
                for (; i < e; i++) {
                    if (a[i] == TAB && --left == 0) {
                        return i;
                    }
                }
                return -1;
            }
            long m = tabMask((long) LONGS.get(a, i));
            if (e - i < 8) {
                m &= (1L << ((e - i) << 3)) - 1; // only the bytes before e
            }
            int k = Long.bitCount(m);
            if (k >= left) {
                for (int j = 1; j < left; j++) {
                    m &= m - 1;
                }
                return i + (Long.numberOfTrailingZeros(m) >>> 3);
            }
            left -= k;
            i += 8;
        }
        return -1;
    }

    /**
     * How many of the word's bytes, from its first (lowest) one, are ASCII digits: 0 to 8.
     * A byte is a digit when its high nibble is 3 and its low nibble at most 9.
     */
    static int digitRun(long w) {
        long bad = ((w & 0xF0F0F0F0F0F0F0F0L) ^ 0x3030303030303030L)
                | (((w & 0x0F0F0F0F0F0F0F0FL) + 0x0606060606060606L) & 0xF0F0F0F0F0F0F0F0L);
        long nonzero = (((bad & LOW7) + LOW7) | bad) & ~LOW7;
        return Long.numberOfTrailingZeros(nonzero) >>> 3;
    }

    /**
     * The value of the word's first {@code k} bytes as decimal digits (1 <= k <= 8, all digits):
     * the digits moved to the top of the word (zeros before them), then pairs, quads and the
     * eight combined with three multiplications.
     */
    static long digits(long w, int k) {
        long x = (w - 0x3030303030303030L) << ((8 - k) << 3);
        x = ((x * 10) + (x >>> 8)) & 0x00FF00FF00FF00FFL;
        x = ((x * 100) + (x >>> 16)) & 0x0000FFFF0000FFFFL;
        return ((x * 10000) + (x >>> 32)) & 0xFFFFFFFFL;
    }

    /**
     * The value of the word's first {@code k} bytes as decimal digits (1 <= k <= 3, all digits):
     * the digits moved to bytes 0..2 (zeros before them), then three independent products.
     */
    static long digits3(long w, int k) {
        long x = (w - 0x303030L) << ((3 - k) << 3);
        return (x & 0xff) * 100 + ((x >>> 8) & 0xff) * 10 + ((x >>> 16) & 0xff);
    }

    /** {@link #digits} for 1 <= k <= 4: the digits moved to bytes 0..3, pairs, then the quad. */
    static long digits4(long w, int k) {
        long x = ((w - 0x30303030L) << ((4 - k) << 3)) & 0xFFFFFFFFL;
        x = ((x * 10) + (x >>> 8)) & 0x00FF00FFL;
        return ((x * 100) + (x >>> 16)) & 0xFFFFL;
    }

    private static final long[] POW10 = {1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L,
        100_000_000L};

    /** Room for the word reads of one field: the word-at-a-time scanners read at most 24 bytes past its start. */
    private static final int ROOM = 32;

    /**
     * Non-negative decimal seconds as microseconds (see {@link #microsBytes}), the digit runs
     * read a word at a time: "1767571200.011092" is three words and no per-digit branch.
     */
    int micros(byte[] a, int p, int e) {
        if (p > a.length - ROOM) {
            return microsBytes(a, p, e);
        }
        long w = word(a, p);
        int k = digitRun(w);
        if (k == 0) {
            return -1;
        }
        long whole = digits(w, k);
        int i = p + k;
        if (k == 8) {
            w = word(a, i);
            k = digitRun(w);
            if (k > 4) {
                return microsBytes(a, p, e); // over 12 whole digits: the byte loop says no
            }
            if (k > 0) {
                whole = whole * POW10[k] + digits(w, k);
                i += k;
            }
        }
        long frac = 0;
        if (i < e && a[i] == '.') {
            i++;
            w = word(a, i);
            k = digitRun(w);
            if (k > 6) {
                return microsBytes(a, p, e); // a 7th decimal rounds: the byte loop does that
            }
            if (k > 0) {
                frac = digits(w, k) * SCALE[k];
                i += k;
            }
        }
        value = whole * 1_000_000L + frac;
        return i;
    }

    /** Unsigned decimal integer of 1 to 18 digits (see {@link #countBytes}), a word at a time. */
    int count(byte[] a, int p, int e) {
        if (p > a.length - ROOM) {
            return countBytes(a, p, e);
        }
        long w = word(a, p);
        int k = digitRun(w);
        if (k == 0) {
            return -1;
        }
        if (k == 8) {
            return countBytes(a, p, e);
        }
        value = k <= 4 ? digits4(w, k) : digits(w, k);
        return p + k;
    }

    /** Dotted quad ("10.20.3.8") as its 32-bit value (see {@link #v4Bytes}), an octet per word. */
    int v4(byte[] a, int p, int e) {
        if (p > a.length - ROOM) {
            return v4Bytes(a, p, e);
        }
        long v = 0;
        int i = p;
        for (int part = 0; part < 4; part++) {
            long w = word(a, i);
            int k = digitRun(w);
            if (k == 0 || k > 3) {
                return -1;
            }
            long x = digits3(w, k);
            if (x > 255) {
                return -1;
            }
            v = (v << 8) | x;
            i += k;
            if (part < 3) {
                if (a[i] != '.') {
                    return -1;
                }
                i++;
            }
        }
        value = v;
        return i;
    }

    /**
     * Non-negative decimal seconds ("1767571200.011092", "7", "0.5") as microseconds, rounding a
     * 7th decimal half up like {@code Bytes.parseMicros}; at most 12 whole digits.
     */
    int microsBytes(byte[] a, int p, int e) {
        int i = p;
        long whole = 0;
        int digits = 0;
        while (i < e) {
            int d = a[i] - '0';
            if (d < 0 || d > 9) {
                break;
            }
            whole = whole * 10 + d;
            if (++digits > 12) {
                return -1;
            }
            i++;
        }
        if (digits == 0) {
            return -1;
        }
        long frac = 0;
        int fdigits = 0;
        if (i < e && a[i] == '.') {
            i++;
            while (i < e) {
                int d = a[i] - '0';
                if (d < 0 || d > 9) {
                    break;
                }
                if (fdigits < 6) {
                    frac = frac * 10 + d;
                } else if (fdigits == 6 && d >= 5) {
                    frac++;
                }
                fdigits++;
                i++;
            }
        }
        value = whole * 1_000_000L + frac * SCALE[Math.min(fdigits, 6)];
        return i;
    }

    /** Unsigned decimal integer of 1 to 18 digits. */
    int countBytes(byte[] a, int p, int e) {
        int i = p;
        long v = 0;
        while (i < e) {
            int d = a[i] - '0';
            if (d < 0 || d > 9) {
                break;
            }
            v = v * 10 + d;
            i++;
        }
        int n = i - p;
        if (n == 0 || n > 18) {
            return -1;
        }
        value = v;
        return i;
    }

    /** Dotted quad ("10.20.3.8") as its 32-bit value. */
    int v4Bytes(byte[] a, int p, int e) {
        long v = 0;
        int part = 0, dig = 0, dots = 0;
        int j = p;
        for (; j < e; j++) {
            int d = a[j] - '0';
            if (d >= 0 && d <= 9) {
                part = part * 10 + d;
                if (++dig > 3) {
                    return -1;
                }
            } else if (a[j] == '.') {
                if (dig == 0 || part > 255 || dots == 3) {
                    return -1;
                }
                v = (v << 8) | part;
                part = 0;
                dig = 0;
                dots++;
            } else {
                break;
            }
        }
        if (dots != 3 || dig == 0 || part > 255) {
            return -1;
        }
        value = (v << 8) | part;
        return j;
    }
}
