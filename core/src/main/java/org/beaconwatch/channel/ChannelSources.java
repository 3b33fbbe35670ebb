package org.beaconwatch.channel;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import org.beaconwatch.flow.IpAddress;

/**
 * The distinct source addresses (internal hosts) of a set of channels, as dense ids in order of
 * first sight, and each channel's source id: built once from the primitive key columns, so host
 * work needs neither a String nor an object per channel. Each host's text is formatted once, when
 * first asked for.
 */
public final class ChannelSources {
    private final int[] sourceOf;
    private final long[] hi;
    private final long[] lo;
    private final String[] names;

    private ChannelSources(int[] sourceOf, long[] hi, long[] lo) {
        this.sourceOf = sourceOf;
        this.hi = hi;
        this.lo = lo;
        this.names = new String[hi.length];
    }

    /** The sources of every channel of {@code keys}. */
    public static ChannelSources of(ChannelKeys keys) {
        int nc = keys.count();
        int[] sourceOf = new int[nc];
        PairIds ids = new PairIds(1024);
        long[] hi = new long[64];
        long[] lo = new long[64];
        for (int c = 0; c < nc; c++) {
            long h = keys.srcHi(c);
            long l = keys.srcLo(c);
            int s = ids.id(h, l);
            if (s == hi.length) {
                hi = Arrays.copyOf(hi, s * 2);
                lo = Arrays.copyOf(lo, s * 2);
            }
            hi[s] = h;
            lo[s] = l;
            sourceOf[c] = s;
        }
        return new ChannelSources(sourceOf, Arrays.copyOf(hi, ids.size()), Arrays.copyOf(lo, ids.size()));
    }

    /** Number of distinct sources. */
    public int count() {
        return hi.length;
    }

    /** The source id of channel {@code c}. */
    public int of(int c) {
        return sourceOf[c];
    }

    /** High word of source {@code s}'s address. */
    public long hi(int s) {
        return hi[s];
    }

    /** Low word of source {@code s}'s address. */
    public long lo(int s) {
        return lo[s];
    }

    /** Source {@code s} as text ({@link IpAddress#format}), formatted once. */
    public String name(int s) {
        String n = names[s];
        if (n == null) {
            n = IpAddress.format(hi[s], lo[s]);
            names[s] = n;
        }
        return n;
    }

    /** Every source as text, by id (a view; each formatted once). */
    public List<String> names() {
        return new AbstractList<>() {
            @Override
            public String get(int s) {
                return name(s);
            }

            @Override
            public int size() {
                return count();
            }
        };
    }
}
