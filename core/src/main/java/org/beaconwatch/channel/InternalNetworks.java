package org.beaconwatch.channel;

import java.util.List;

/**
 * {@link ChannelScope#isInternal} for the per-flow source and destination tests: the internal
 * networks as (hi, lo) masks and prefixes in flat arrays, no object or list read per test.
 */
final class InternalNetworks {
    private final long[] maskHi, maskLo, prefixHi, prefixLo;

    InternalNetworks(List<Cidr> nets) {
        int n = nets.size();
        maskHi = new long[n];
        maskLo = new long[n];
        prefixHi = new long[n];
        prefixLo = new long[n];
        for (int i = 0; i < n; i++) {
            Cidr c = nets.get(i);
            int len = c.length();
            maskHi[i] = len >= 64 ? -1L : len == 0 ? 0L : -1L << (64 - len);
            maskLo[i] = len <= 64 ? 0L : len == 128 ? -1L : -1L << (128 - len);
            prefixHi[i] = c.hi();
            prefixLo[i] = c.lo();
        }
    }

    /** True when (hi, lo) lies inside one of the internal networks. */
    boolean contains(long hi, long lo) {
        final long[] mh = maskHi, ml = maskLo, ph = prefixHi, pl = prefixLo;
        for (int i = 0; i < mh.length; i++) {
            if ((hi & mh[i]) == ph[i] && (lo & ml[i]) == pl[i]) {
                return true;
            }
        }
        return false;
    }
}
