package org.beaconwatch.io.spi;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Interns short repeated strings (protocol, service, connection state, labels) by their bytes,
 * so a column of a million "SF" values holds one String. Values of up to 16 bytes are keyed by
 * two longs read a word at a time (no per-byte loop); longer ones by a byte hash. Open addressing
 * over fixed tables; values longer than 64 bytes or arriving when a table is full are simply
 * allocated. Justified by ZeekTsvReaderBenchmark / ReaderCpuTimeBenchmark: string columns were
 * the largest share of the per-record cost.
 */
public final class StringCache {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long LOW7 = 0x7f7f7f7f7f7f7f7fL;
    private static final long BACKSLASHES = 0x5c5c5c5c5c5c5c5cL;
    private static final int SIZE = 4096; // power of two
    private static final int MAX_LEN = 64;

    private final long[] k0 = new long[SIZE], k1 = new long[SIZE];
    private final int[] klen = new int[SIZE];          // length + 1; 0 = empty slot
    private final String[] shortValues = new String[SIZE];
    private int shortUsed;

    private final byte[][] keys = new byte[SIZE][];
    private final String[] values = new String[SIZE];
    private int used;

    /** The String of UTF-8 bytes {@code b[from,to)}, shared with earlier equal values. */
    public String intern(byte[] b, int from, int to) {
        int n = to - from;
        if (n <= 16 && from + 16 <= b.length) {
            long w0 = (long) LONGS.get(b, from);
            long w1 = (long) LONGS.get(b, from + 8);
            if (n < 8) {
                w0 &= (1L << (n << 3)) - 1;
                w1 = 0;
            } else if (n < 16) {
                w1 &= n == 8 ? 0 : (1L << ((n - 8) << 3)) - 1;
            }
            return shortIntern(b, from, n, w0, w1);
        }
        return longIntern(b, from, to);
    }

    /**
     * Like {@link #intern} but returns null when the bytes contain a backslash (the caller then
     * unescapes), checking that in the same words it hashes.
     */
    public String internUnlessBackslash(byte[] b, int from, int to) {
        int n = to - from;
        if (n <= 16 && from + 16 <= b.length) {
            long w0 = (long) LONGS.get(b, from);
            long w1 = (long) LONGS.get(b, from + 8);
            if (n < 8) {
                w0 &= (1L << (n << 3)) - 1;
                w1 = 0;
            } else if (n < 16) {
                w1 &= n == 8 ? 0 : (1L << ((n - 8) << 3)) - 1;
            }
            if (hasByte(w0, BACKSLASHES) || hasByte(w1, BACKSLASHES)) {
                return null;
            }
            return shortIntern(b, from, n, w0, w1);
        }
        for (int i = from; i < to; i++) {
            if (b[i] == '\\') {
                return null;
            }
        }
        return longIntern(b, from, to);
    }

    private static boolean hasByte(long w, long pattern) {
        long x = w ^ pattern;
        return ~(((x & LOW7) + LOW7) | x | LOW7) != 0;
    }

    private String shortIntern(byte[] b, int from, int n, long w0, long w1) {
        long h = (w0 * 0x9E3779B97F4A7C15L) ^ (w1 * 0xC2B2AE3D27D4EB4FL) ^ n;
        h ^= h >>> 29;
        h *= 0xBF58476D1CE4E5B9L;
        int slot = (int) (h >>> 40) & (SIZE - 1);
        for (int probe = 0; probe < 8; probe++) {
            int s = (slot + probe) & (SIZE - 1);
            int l = klen[s];
            if (l == 0) {
                if (shortUsed >= SIZE / 2) {
                    break;
                }
                String v = new String(b, from, n, StandardCharsets.UTF_8);
                k0[s] = w0;
                k1[s] = w1;
                klen[s] = n + 1;
                shortValues[s] = v;
                shortUsed++;
                return v;
            }
            if (l == n + 1 && k0[s] == w0 && k1[s] == w1) {
                return shortValues[s];
            }
        }
        return new String(b, from, n, StandardCharsets.UTF_8);
    }

    private String longIntern(byte[] b, int from, int to) {
        int n = to - from;
        if (n > MAX_LEN) {
            return new String(b, from, n, StandardCharsets.UTF_8);
        }
        int h = n;
        for (int i = from; i < to; i++) {
            h = 31 * h + b[i];
        }
        h ^= h >>> 16;
        int mask = SIZE - 1;
        for (int probe = 0; probe < 8; probe++) {
            int slot = (h + probe) & mask;
            byte[] k = keys[slot];
            if (k == null) {
                if (used >= SIZE / 2) {
                    break;
                }
                k = new byte[n];
                System.arraycopy(b, from, k, 0, n);
                String s = new String(k, StandardCharsets.UTF_8);
                keys[slot] = k;
                values[slot] = s;
                used++;
                return s;
            }
            if (k.length == n && Bytes.equals(b, from, to, k)) {
                return values[slot];
            }
        }
        return new String(b, from, n, StandardCharsets.UTF_8);
    }
}
