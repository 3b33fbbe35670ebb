package org.beaconwatch.flow;

/**
 * The Zeek connection uids seen so far, as 64-bit keys (the low word of their
 * {@link org.beaconwatch.io.spi.UidHash}) in an open-addressing table of longs (8 bytes a slot, at
 * most 3/4 full: about 11 bytes per connection, 230 MB for 20M connections). A false "seen" needs
 * two uids with the same 64-bit key: about 1 in 10^5 for a whole 20M-row input, and it costs one
 * connection.
 */
public final class UidSet {
    /** Slots at first (a power of two), and the most {@link #forRows} starts with (512 MB, 50 M uids). */
    private static final int MIN_SLOTS = 1 << 12, MAX_INITIAL_SLOTS = 1 << 26;
    private long[] slots;
    private int size;

    public UidSet() {
        slots = new long[MIN_SLOTS];
    }

    private UidSet(int slots) {
        this.slots = new long[slots];
    }

    /**
     * A set with room for {@code rows} uids before it grows (at most 3/4 full), so filling it
     * rehashes nothing; memory is the same as growing to that size would take.
     */
    public static UidSet forRows(long rows) {
        long want = rows + rows / 3 + 1;
        int slots = MIN_SLOTS;
        while (slots < want && slots < MAX_INITIAL_SLOTS) {
            slots <<= 1;
        }
        return new UidSet(slots);
    }

    /**
     * Adds the uid whose hash has low word {@code lo}; returns false when it was already there (0
     * marks an empty slot, so a key of 0 is kept as 1).
     */
    public boolean add(long lo) {
        long k = lo == 0 ? 1 : lo;
        long[] t = slots;
        int mask = t.length - 1;
        int i = (int) (k ^ (k >>> 32)) & mask;
        while (true) {
            long v = t[i];
            if (v == 0) {
                break;
            }
            if (v == k) {
                return false;
            }
            i = (i + 1) & mask;
        }
        t[i] = k;
        if (++size * 4 > t.length * 3) {
            grow();
        }
        return true;
    }

    /** Rows whose slots {@link #warm} loads together. */
    public static final int WARM_BLOCK = 256;
    @SuppressWarnings("unused") // keeps the loads of warm from being optimised away
    private long warmSink;

    /**
     * Loads the slots keys {@code lo[from, to)} start at: independent loads whose cache and TLB
     * misses the processor overlaps, where {@link #add} would take them one at a time (a table of
     * millions of uids misses the cache on nearly every add). Only reads.
     */
    public void warm(long[] lo, int from, int to) {
        final long[] t = slots;
        final int mask = t.length - 1;
        long acc = 0;
        for (int i = from; i < to; i++) {
            long k = lo[i];
            acc += t[(int) (k ^ (k >>> 32)) & mask];
        }
        warmSink = acc;
    }

    public int size() {
        return size;
    }

    private void grow() {
        long[] old = slots;
        long[] t = new long[old.length << 1];
        int mask = t.length - 1;
        for (long h : old) {
            if (h != 0) {
                int i = (int) (h ^ (h >>> 32)) & mask;
                while (t[i] != 0) {
                    i = (i + 1) & mask;
                }
                t[i] = h;
            }
        }
        slots = t;
    }
}
