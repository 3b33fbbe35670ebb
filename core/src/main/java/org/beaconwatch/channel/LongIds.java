package org.beaconwatch.channel;

import java.util.Arrays;

/** Dense ids for long keys (open addressing, no boxing); {@link #id} adds unseen keys. */
public final class LongIds {
    private long[] keys;
    private int[] ids;
    private int size;

    public LongIds(int expected) {
        int cap = 16;
        while (cap < expected * 2) {
            cap <<= 1;
        }
        keys = new long[cap];
        ids = new int[cap];
        Arrays.fill(ids, -1);
    }

    /** The key's id, assigning the next one (= size before the call) when new. */
    public int id(long key) {
        int mask = ids.length - 1;
        int s = mix(key) & mask;
        while (ids[s] >= 0) {
            if (keys[s] == key) {
                return ids[s];
            }
            s = (s + 1) & mask;
        }
        keys[s] = key;
        ids[s] = size++;
        if (size * 2 > ids.length) {
            grow();
        }
        return size - 1;
    }

    public int size() {
        return size;
    }

    private void grow() {
        long[] ok = keys;
        int[] oi = ids;
        keys = new long[ok.length * 2];
        ids = new int[ok.length * 2];
        Arrays.fill(ids, -1);
        int mask = ids.length - 1;
        for (int i = 0; i < ok.length; i++) {
            if (oi[i] >= 0) {
                int s = mix(ok[i]) & mask;
                while (ids[s] >= 0) {
                    s = (s + 1) & mask;
                }
                keys[s] = ok[i];
                ids[s] = oi[i];
            }
        }
    }

    /** MurmurHash3's 64-bit finaliser: every key bit reaches the low bits used as the slot. */
    public static int mix(long k) {
        long h = k;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return (int) h;
    }
}
