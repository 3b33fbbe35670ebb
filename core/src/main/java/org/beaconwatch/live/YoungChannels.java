package org.beaconwatch.live;

import java.io.IOException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import org.beaconwatch.flow.FlowBatch;

/**
 * The channels seen within the window, with running interval statistics, to time early scorings:
 * a young channel with regular intervals that reaches 6, 8, 10, 12, 16 or 20 connections makes a
 * scoring due before the next tick ({@link LiveWatcher}). Channels are told apart by a hash of the
 * channel a flow most likely falls in, which is only used for this timing.
 */
final class YoungChannels {
    private static final int[] EARLY_COUNTS = {6, 8, 10, 12, 16, 20};

    /** Channel hash -> count, last, first, Welford mean and M2 of the intervals (doubles as raw bits). */
    private final Map<Long, long[]> young = new HashMap<>();

    /**
     * Records flow {@code i} of the batch, at event time {@code t}; returns true when it makes an
     * early scoring due (see {@link #youngRegular}).
     */
    boolean arrived(FlowBatch b, int i, long t) {
        long key = channelKey(b, i);
        long[] y = young.get(key);
        if (y == null) {
            young.put(key, new long[] {1, t, t, 0, 0});
            return false;
        }
        return youngRegular(y, t);
    }

    /** Forgets the channels whose latest flow is older than {@code cutoff}. */
    void evictBefore(long cutoff) {
        for (Iterator<long[]> it = young.values().iterator(); it.hasNext();) {
            if (it.next()[1] < cutoff) {
                it.remove();
            }
        }
    }

    /**
     * Updates a young channel's running interval statistics (count, last, first, Welford mean and
     * M2 of the intervals) and says whether an early scoring is due: the channel just reached one
     * of the early counts and its intervals look regular (coefficient of variation below 0.6, mean
     * at least 1 s). Browsing bursts and one-off sessions do not qualify, so early scorings stay
     * rare; a beacon with up to 50 % uniform jitter (CV 0.29) does.
     */
    private static boolean youngRegular(long[] y, long t) {
        double interval = (t - y[1]) / 1e6;
        long n = y[0]; // intervals so far + 1
        double mean = Double.longBitsToDouble(y[3]);
        double m2 = Double.longBitsToDouble(y[4]);
        double delta = interval - mean;
        mean += delta / n;
        m2 += delta * (interval - mean);
        y[0] = n + 1;
        y[1] = t;
        y[3] = Double.doubleToRawLongBits(mean);
        y[4] = Double.doubleToRawLongBits(m2);
        if (y[0] > EARLY_COUNTS[EARLY_COUNTS.length - 1] || !isEarlyCount(y[0]) || mean < 1) {
            return false;
        }
        double sd = Math.sqrt(m2 / Math.max(1, n - 1));
        return sd / mean < 0.6;
    }

    private static boolean isEarlyCount(long c) {
        for (int e : EARLY_COUNTS) {
            if (e == c) {
                return true;
            }
        }
        return false;
    }

    /** A hash of the channel a flow most likely falls in (only to time early scorings). */
    private static long channelKey(FlowBatch b, int i) {
        long h = b.srcHi[i] * 0x9E3779B97F4A7C15L ^ b.srcLo[i];
        if (b.serverName[i] != null) {
            h = h * 31 + b.serverName[i].hashCode();
        } else {
            h = (h * 31 + b.dstHi[i]) * 0x9E3779B97F4A7C15L ^ b.dstLo[i];
            h = h * 31 + (b.dstPort[i] << 8 | (b.proto[i] & 0xff));
        }
        return h;
    }

    /** Checkpoint section: the count, then per channel its hash and five statistics. */
    void save(StateFile.Out o) throws IOException {
        o.i32(young.size());
        for (Map.Entry<Long, long[]> e : young.entrySet()) {
            long[] y = e.getValue();
            o.i64(e.getKey()).i64(y[0]).i64(y[1]).i64(y[2]).i64(y[3]).i64(y[4]);
        }
    }

    /** Replaces the channels with those of a checkpoint section written by {@link #save}. */
    void load(StateFile.In in) throws IOException {
        int n = in.count(48);
        young.clear();
        for (int i = 0; i < n; i++) {
            young.put(in.i64(), new long[] {in.i64(), in.i64(), in.i64(), in.i64(), in.i64()});
        }
    }
}
