package org.beaconwatch.channel;

import java.util.Arrays;

/**
 * Per channel, tallied flow by flow without building the channel: connections, longest duration
 * and first and last start, as its {@link ChannelSeries} has them when no records need merging.
 * Read for {@link ChannelAggregator#spans} straight from the flow columns and for a keys-only
 * source partition ({@link ChannelAggregator#sourcePartitionKeys}) while its file is read.
 */
final class SpanTally {
    private int[] count;
    private long[] longest, first, last;

    /** Room for channels 0 .. {@code channels} - 1; grows past it. */
    SpanTally(int channels) {
        count = new int[channels];
        longest = new long[channels];
        first = new long[channels];
        last = new long[channels];
        Arrays.fill(first, Long.MAX_VALUE);
        Arrays.fill(last, Long.MIN_VALUE);
    }

    /** Every row's flow, in the rows' order. */
    static SpanTally of(Rows rows, int channels) {
        SpanTally t = new SpanTally(channels);
        for (long r = 0; r < rows.size; r++) {
            t.add(rows.channel.get(r), rows.ts.get(r), rows.dur.get(r));
        }
        return t;
    }

    /** A flow of channel {@code c} starting at {@code ts}, lasting {@code dur}. */
    void add(int c, long ts, long dur) {
        if (c >= count.length) {
            int cap = Math.max(c + 1, count.length * 2);
            int from = count.length;
            count = Arrays.copyOf(count, cap);
            longest = Arrays.copyOf(longest, cap);
            first = Arrays.copyOf(first, cap);
            last = Arrays.copyOf(last, cap);
            Arrays.fill(first, from, cap, Long.MAX_VALUE);
            Arrays.fill(last, from, cap, Long.MIN_VALUE);
        }
        count[c]++;
        longest[c] = Math.max(longest[c], dur);
        first[c] = Math.min(first[c], ts);
        last[c] = Math.max(last[c], ts);
    }

    /** Gives {@code to} each of channels 0 .. {@code channels} - 1 that had a flow, in order. */
    void report(int channels, ChannelAggregator.ChannelSpan to) {
        for (int c = 0; c < channels && c < count.length; c++) {
            if (count[c] > 0) {
                to.channel(c, count[c], longest[c], first[c], last[c]);
            }
        }
    }
}
