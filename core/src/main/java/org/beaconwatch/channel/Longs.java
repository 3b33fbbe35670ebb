package org.beaconwatch.channel;

import java.util.Arrays;

/** A growable column of longs in fixed-size chunks (no copying on growth). */
final class Longs {
    private static final int SHIFT = 16, CHUNK = 1 << SHIFT, MASK = CHUNK - 1;
    private final long fill;
    private long[][] chunks = new long[4][];
    private long size;

    Longs(long fill) {
        this.fill = fill;
    }

    void add(long v) {
        set(size, v);
    }

    /** Sets row r (r <= size; rows skipped over read as the fill value). */
    void set(long r, long v) {
        int c = (int) (r >>> SHIFT);
        if (c >= chunks.length) {
            chunks = Arrays.copyOf(chunks, Math.max(c + 1, chunks.length * 2));
        }
        long[] a = chunks[c];
        if (a == null) {
            a = new long[CHUNK];
            if (fill != 0) {
                Arrays.fill(a, fill);
            }
            chunks[c] = a;
        }
        a[(int) r & MASK] = v;
        if (r >= size) {
            size = r + 1;
        }
    }

    long get(long r) {
        int c = (int) (r >>> SHIFT);
        long[] a = c < chunks.length ? chunks[c] : null;
        return a == null ? fill : a[(int) r & MASK];
    }
}
