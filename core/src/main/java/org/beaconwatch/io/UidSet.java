package org.beaconwatch.io;

/**
 * The Zeek connection uids seen so far, as 64-bit hashes in an open-addressing table of longs
 * (8 bytes a slot, at most 3/4 full: about 11 bytes per connection, 230 MB for 20M connections).
 * A false "seen" needs two uids with the same 64-bit hash: about 1 in 10^5 for a whole 20M-row
 * input, and it costs one connection.
 */
final class UidSet {
    private long[] slots = new long[1 << 12];
    private int size;

    /** Adds the uid; returns false when it was already there. */
    boolean add(String uid) {
        long h = hash(uid);
        long[] t = slots;
        int mask = t.length - 1;
        int i = (int) (h ^ (h >>> 32)) & mask;
        while (true) {
            long v = t[i];
            if (v == 0) {
                break;
            }
            if (v == h) {
                return false;
            }
            i = (i + 1) & mask;
        }
        t[i] = h;
        if (++size * 4 > t.length * 3) {
            grow();
        }
        return true;
    }

    int size() {
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

    /** FNV-1a over the chars, then a 64-bit finaliser (MurmurHash3 fmix64); never 0. */
    static long hash(String s) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0, n = s.length(); i < n; i++) {
            h = (h ^ s.charAt(i)) * 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb93fe1a85a53L;
        h ^= h >>> 33;
        return h == 0 ? 1 : h;
    }
}
