package org.beaconwatch.channel;

import java.util.Arrays;

/** A growable column of ints in fixed-size chunks; rows never set read as the fill value. */
final class Ints {
    private static final int SHIFT = 16, CHUNK = 1 << SHIFT, MASK = CHUNK - 1;
    private final int fill;
    private int[][] chunks = new int[4][];
    private long size;

    Ints(int fill) {
        this.fill = fill;
    }

    void add(int v) {
        set(size, v);
    }

    void set(long r, int v) {
        int c = (int) (r >>> SHIFT);
        if (c >= chunks.length) {
            chunks = Arrays.copyOf(chunks, Math.max(c + 1, chunks.length * 2));
        }
        int[] a = chunks[c];
        if (a == null) {
            a = new int[CHUNK];
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

    int get(long r) {
        int c = (int) (r >>> SHIFT);
        int[] a = c < chunks.length ? chunks[c] : null;
        return a == null ? fill : a[(int) r & MASK];
    }

    void clear() {
        chunks = new int[4][];
        size = 0;
    }

    /** A new column holding row {@code ord[k]} of this one as row k. */
    Ints permute(int[] ord) {
        Ints p = new Ints(fill);
        for (int k = 0; k < ord.length; k++) {
            p.set(k, get(ord[k]));
        }
        return p;
    }

    /** Rows {@code from} to {@code from + out.length - 1}, in order. */
    void copy(long from, int[] out) {
        copy(from, out, out.length);
    }

    /** Rows {@code from} to {@code from + len - 1} into {@code out[0 .. len)}, in order. */
    void copy(long from, int[] out, int len) {
        for (int k = 0; k < len; ) {
            long r = from + k;
            int c = (int) (r >>> SHIFT), i = (int) r & MASK, n = Math.min(len - k, CHUNK - i);
            int[] a = c < chunks.length ? chunks[c] : null;
            if (a == null) {
                Arrays.fill(out, k, k + n, fill);
            } else {
                System.arraycopy(a, i, out, k, n);
            }
            k += n;
        }
    }

    /** Frees the chunks that hold only rows before {@code r}: those are never read again. */
    void releaseBefore(long r) {
        for (int c = 0, end = (int) Math.min(chunks.length, r >>> SHIFT); c < end; c++) {
            chunks[c] = null;
        }
    }
}
