package org.beaconwatch.io;

import java.util.ArrayList;
import java.util.List;
import org.beaconwatch.flow.IpAddress;

/**
 * Flows and bytes per address in an open-addressing table of primitive arrays (two longs per
 * key), so profiling millions of flows allocates nothing per flow. Its size is the exact number
 * of distinct addresses.
 */
final class AddressCounts {
    private long[] hi, lo, flows, bytes;
    private boolean[] used;
    private int size, mask;

    AddressCounts() {
        alloc(1 << 10);
    }

    private void alloc(int cap) {
        hi = new long[cap];
        lo = new long[cap];
        flows = new long[cap];
        bytes = new long[cap];
        used = new boolean[cap];
        mask = cap - 1;
    }

    int size() {
        return size;
    }

    void add(long h, long l, long b) {
        int slot = slot(h, l);
        if (!used[slot]) {
            used[slot] = true;
            hi[slot] = h;
            lo[slot] = l;
            size++;
            flows[slot] = 1;
            bytes[slot] = b;
            if (size * 2 > mask) {
                grow();
            }
            return;
        }
        flows[slot]++;
        bytes[slot] += b;
    }

    private int slot(long h, long l) {
        long x = h * 0x9E3779B97F4A7C15L ^ l;
        x ^= x >>> 32;
        x *= 0xD6E8FEB86659FD93L;
        x ^= x >>> 32;
        int s = (int) x & mask;
        while (used[s] && (hi[s] != h || lo[s] != l)) {
            s = (s + 1) & mask;
        }
        return s;
    }

    private void grow() {
        long[] oh = hi, ol = lo, of = flows, ob = bytes;
        boolean[] ou = used;
        alloc(ou.length * 2);
        for (int i = 0; i < ou.length; i++) {
            if (ou[i]) {
                int s = slot(oh[i], ol[i]);
                used[s] = true;
                hi[s] = oh[i];
                lo[s] = ol[i];
                flows[s] = of[i];
                bytes[s] = ob[i];
            }
        }
    }

    /** The n largest by flows (byBytes false) or bytes, ties broken by address order. */
    List<InputProfile.Talker> top(int n, boolean byBytes) {
        int[] best = new int[n];
        int count = 0;
        for (int i = 0; i < used.length; i++) {
            if (!used[i]) {
                continue;
            }
            int pos = count;
            while (pos > 0 && better(i, best[pos - 1], byBytes)) {
                pos--;
            }
            if (pos >= n) {
                continue;
            }
            int last = Math.min(count, n - 1);
            System.arraycopy(best, pos, best, pos + 1, last - pos);
            best[pos] = i;
            if (count < n) {
                count++;
            }
        }
        List<InputProfile.Talker> out = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            int i = best[k];
            out.add(new InputProfile.Talker(new IpAddress(hi[i], lo[i]), flows[i], bytes[i]));
        }
        return out;
    }

    private boolean better(int a, int b, boolean byBytes) {
        long va = byBytes ? bytes[a] : flows[a], vb = byBytes ? bytes[b] : flows[b];
        if (va != vb) {
            return va > vb;
        }
        long vb2 = byBytes ? flows[a] : bytes[a], vb3 = byBytes ? flows[b] : bytes[b];
        if (vb2 != vb3) {
            return vb2 > vb3;
        }
        int c = Long.compareUnsigned(hi[a], hi[b]);
        return c != 0 ? c < 0 : Long.compareUnsigned(lo[a], lo[b]) < 0;
    }
}
