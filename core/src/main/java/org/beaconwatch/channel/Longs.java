package org.beaconwatch.channel;

import java.util.Arrays;

/**
 * A growable column of longs in fixed-size chunks (no copying on growth), four bytes a row where
 * the values allow: a chunk holds its values as ints, each the difference to the chunk's first
 * value, until one does not fit; only then is that chunk widened to longs. Timestamps in arrival
 * order, byte counts and durations nearly always fit, so a column of them takes half the memory
 * of a {@code long[]}; any value still reads back exactly.
 */
final class Longs {
    private static final int SHIFT = 16, CHUNK = 1 << SHIFT, MASK = CHUNK - 1;
    private final long fill;
    private int[][] narrow = new int[4][];
    private long[] base = new long[4];
    private long[][] wide = new long[4][];
    private long size;

    Longs(long fill) {
        this.fill = fill;
    }

    void add(long v) {
        set(size, v);
    }

    /** Sets row r (rows skipped over read as the fill value). */
    void set(long r, long v) {
        if (r > size) {
            skip(r);
        }
        int c = (int) (r >>> SHIFT);
        if (c >= narrow.length) {
            grow(c);
        }
        int i = (int) r & MASK;
        long[] w = wide[c];
        if (w != null) {
            w[i] = v;
        } else {
            int[] a = narrow[c];
            if (a == null) {
                // a new chunk: rows before r in it were skipped, so they must read as the fill value
                long b = i == 0 ? v : fill;
                a = new int[CHUNK];
                narrow[c] = a;
                base[c] = b;
            }
            long d = v - base[c];
            if (d == (int) d) {
                a[i] = (int) d;
            } else {
                widen(c)[i] = v;
            }
        }
        if (r >= size) {
            size = r + 1;
        }
    }

    long get(long r) {
        int c = (int) (r >>> SHIFT);
        if (c >= narrow.length || r >= size) {
            return fill;
        }
        int[] a = narrow[c];
        if (a != null) {
            return base[c] + a[(int) r & MASK];
        }
        long[] w = wide[c];
        return w == null ? fill : w[(int) r & MASK];
    }

    /** A new column holding row {@code ord[k]} of this one as row k. */
    Longs permute(int[] ord) {
        Longs p = new Longs(fill);
        int chunks = (ord.length + CHUNK - 1) >>> SHIFT;
        p.grow(Math.max(chunks, 1));
        for (int c = 0; c < chunks; c++) {
            int from = c << SHIFT, n = Math.min(CHUNK, ord.length - from);
            long[] v = new long[n];
            for (int k = 0; k < n; k++) { // one load per row; the loads overlap (no dependency)
                int r = ord[from + k], rc = r >>> SHIFT;
                int[] a = rc < narrow.length && r < size ? narrow[rc] : null;
                v[k] = a != null ? base[rc] + a[r & MASK] : wideOrFill(r);
            }
            p.putChunk(c, v, n);
        }
        p.size = ord.length;
        return p;
    }

    private long wideOrFill(int r) {
        long[] w = r >>> SHIFT < wide.length ? wide[r >>> SHIFT] : null;
        return w == null || r >= size ? fill : w[r & MASK];
    }

    /** Stores chunk c whole from its first n values (rows beyond n read as the fill value). */
    private void putChunk(int c, long[] v, int n) {
        long b = v[0], lo = b, hi = b;
        for (int k = 1; k < n; k++) {
            lo = Math.min(lo, v[k]);
            hi = Math.max(hi, v[k]);
        }
        if (lo - b >= Integer.MIN_VALUE && hi - b <= Integer.MAX_VALUE && hi - lo >= 0) {
            int[] a = new int[CHUNK];
            for (int k = 0; k < n; k++) {
                a[k] = (int) (v[k] - b);
            }
            narrow[c] = a;
            base[c] = b;
        } else {
            wide[c] = n == CHUNK ? v : Arrays.copyOf(v, CHUNK);
        }
    }

    /** Rows {@code from} to {@code from + out.length - 1}, in order. */
    void copy(long from, long[] out) {
        for (int k = 0; k < out.length; ) {
            long r = from + k;
            int c = (int) (r >>> SHIFT), i = (int) r & MASK, n = Math.min(out.length - k, CHUNK - i);
            int[] a = c < narrow.length ? narrow[c] : null;
            long[] w = c < wide.length ? wide[c] : null;
            if (a != null) {
                long b = base[c];
                for (int j = 0; j < n; j++) {
                    out[k + j] = b + a[i + j];
                }
            } else if (w != null) {
                System.arraycopy(w, i, out, k, n);
            } else {
                Arrays.fill(out, k, k + n, fill);
            }
            k += n;
        }
    }

    /**
     * Frees the chunks that hold only rows before {@code r}: those are never read again. Safe while
     * other threads read rows from {@code r} on.
     */
    void releaseBefore(long r) {
        for (int c = 0, end = (int) Math.min(narrow.length, r >>> SHIFT); c < end; c++) {
            narrow[c] = null;
            wide[c] = null;
        }
    }

    /** Whether chunk c was widened to longs (for tests). */
    boolean wide(int c) {
        return c < wide.length && wide[c] != null;
    }

    /** Rows from size up to r are skipped: those in chunks that exist read as the fill value. */
    private void skip(long r) {
        long s = size;
        size = r; // set() below must not recurse into skip
        for (; s < r; s++) {
            int c = (int) (s >>> SHIFT);
            if (c >= narrow.length || (narrow[c] == null && wide[c] == null)) {
                s = (((long) c + 1) << SHIFT) - 1; // a chunk not made yet reads as the fill value
                continue;
            }
            set(s, fill);
        }
    }

    private void grow(int c) {
        int n = Math.max(c + 1, narrow.length * 2);
        narrow = Arrays.copyOf(narrow, n);
        base = Arrays.copyOf(base, n);
        wide = Arrays.copyOf(wide, n);
    }

    private long[] widen(int c) {
        int[] a = narrow[c];
        long b = base[c];
        long[] w = new long[CHUNK];
        for (int k = 0; k < CHUNK; k++) {
            w[k] = b + a[k];
        }
        wide[c] = w;
        narrow[c] = null;
        return w;
    }
}
