package org.beaconwatch.io.spi;

import java.nio.charset.StandardCharsets;

/**
 * Interns short repeated strings (protocol, service, connection state, labels) by their bytes,
 * so a column of a million "SF" values holds one String. Open addressing over a fixed table;
 * values longer than 64 bytes or arriving when the table is full are simply allocated.
 * Justified by ZeekTsvReaderBenchmark (allocation per field dominated the profile without it).
 */
public final class StringCache {
    private static final int SIZE = 4096; // power of two
    private static final int MAX_LEN = 64;
    private final byte[][] keys = new byte[SIZE][];
    private final String[] values = new String[SIZE];
    private int used;

    /** The String of UTF-8 bytes {@code b[from,to)}, shared with earlier equal values. */
    public String intern(byte[] b, int from, int to) {
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
