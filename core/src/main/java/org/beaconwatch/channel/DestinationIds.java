package org.beaconwatch.channel;

import java.util.Arrays;

/** Dense ids for destinations (an address, or a server name id with hi = -1). */
final class DestinationIds {
    private long[] hi = new long[1 << 10], lo = new long[1 << 10];
    private int[] id = new int[1 << 10];
    private int size;

    DestinationIds() {
        Arrays.fill(id, -1);
    }

    /** The destination's id, made on first sight; synchronized: source partitions are built on several threads. */
    synchronized int id(long h, long l) {
        int m = id.length - 1;
        int s = KeyHash.of(h, l, 0, 0, 0) & m;
        while (id[s] >= 0) {
            if (hi[s] == h && lo[s] == l) {
                return id[s];
            }
            s = (s + 1) & m;
        }
        hi[s] = h;
        lo[s] = l;
        id[s] = size++;
        if (size * 2 > id.length) {
            long[] oh = hi, ol = lo;
            int[] oi = id;
            hi = new long[oi.length * 2];
            lo = new long[oi.length * 2];
            id = new int[oi.length * 2];
            Arrays.fill(id, -1);
            int mm = id.length - 1;
            for (int k = 0; k < oi.length; k++) {
                if (oi[k] >= 0) {
                    int t = KeyHash.of(oh[k], ol[k], 0, 0, 0) & mm;
                    while (id[t] >= 0) {
                        t = (t + 1) & mm;
                    }
                    hi[t] = oh[k];
                    lo[t] = ol[k];
                    id[t] = oi[k];
                }
            }
        }
        return size - 1;
    }

    synchronized int size() {
        return size;
    }
}
