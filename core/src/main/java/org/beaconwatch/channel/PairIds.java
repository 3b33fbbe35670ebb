package org.beaconwatch.channel;

import java.util.Arrays;

/**
 * Dense ids for pairs of longs (a 128-bit address, a port and a destination key), by open
 * addressing without boxing; {@link #id} adds unseen pairs in order of first sight.
 */
public final class PairIds {
    private long[] first;
    private long[] second;
    private int[] ids;
    private int size;

    public PairIds(int expected) {
        int cap = 16;
        while (cap < expected * 2L) {
            cap <<= 1;
        }
        first = new long[cap];
        second = new long[cap];
        ids = new int[cap];
        Arrays.fill(ids, -1);
    }

    /** The pair's id, assigning the next one (= size before the call) when new. */
    public int id(long a, long b) {
        int mask = ids.length - 1;
        int s = slot(a, b) & mask;
        while (ids[s] >= 0) {
            if (second[s] == b && first[s] == a) {
                return ids[s];
            }
            s = (s + 1) & mask;
        }
        first[s] = a;
        second[s] = b;
        ids[s] = size++;
        if (size * 2 > ids.length) {
            grow();
        }
        return size - 1;
    }

    /** Number of distinct pairs seen. */
    public int size() {
        return size;
    }

    private void grow() {
        long[] oa = first;
        long[] ob = second;
        int[] oi = ids;
        first = new long[oa.length * 2];
        second = new long[oa.length * 2];
        ids = new int[oa.length * 2];
        Arrays.fill(ids, -1);
        int mask = ids.length - 1;
        for (int i = 0; i < oi.length; i++) {
            if (oi[i] >= 0) {
                int s = slot(oa[i], ob[i]) & mask;
                while (ids[s] >= 0) {
                    s = (s + 1) & mask;
                }
                first[s] = oa[i];
                second[s] = ob[i];
                ids[s] = oi[i];
            }
        }
    }

    private static int slot(long a, long b) {
        return LongIds.mix(a * 0x9E3779B97F4A7C15L ^ b);
    }
}
