package org.beaconwatch.score;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.beaconwatch.channel.ChannelKeys;
import org.beaconwatch.channel.ChannelSeries;
import org.beaconwatch.flow.IpAddress;

/**
 * Keeps, for the few findings a report shows, what the findings themselves do not carry: the
 * channel's connections (times, bytes, durations) and the other internal hosts that talk to the
 * same destination. Given to {@link BeaconDetector#BeaconDetector(FindingDetails)}; the detector
 * fills it once the findings are ranked, after which every other channel is garbage. Without it
 * detection keeps nothing and costs nothing more.
 *
 * <p>Kept: every alerting finding plus the {@code top} highest-ranked others.
 */
public final class FindingDetails {
    /** Other sources listed per destination; the count covers all of them. */
    public static final int MAX_OTHER_SOURCES = 20;

    /**
     * What the report needs about one finding's channel.
     *
     * @param series           the channel's connections, sorted by time
     * @param otherSources     up to {@link #MAX_OTHER_SOURCES} other internal sources that talk to
     *                         the same destination (address and port, or server name), sorted
     * @param otherSourceCount how many other sources talk to it in all
     */
    public record Detail(ChannelSeries series, List<String> otherSources, int otherSourceCount) {
        public Detail {
            otherSources = List.copyOf(otherSources);
        }
    }

    private final int top;
    private final Map<String, Detail> byChannel = new HashMap<>();

    /** Keeps details of every alert and of the {@code top} highest-ranked findings that do not alert. */
    public FindingDetails(int top) {
        if (top < 0) {
            throw new IllegalArgumentException("top must be >= 0, got " + top);
        }
        this.top = top;
    }

    /** The detail of a finding of the last run, or null when it was not kept. */
    public Detail of(Finding f) {
        return byChannel.get(f.channel());
    }

    /** Number of findings kept. */
    public int size() {
        return byChannel.size();
    }

    /**
     * Called by the detector: {@code scored[i]} is the finding of channel {@code i} of
     * {@code channels} (or null), {@code ranked} the findings in rank order (the same objects).
     */
    void collect(List<Finding> ranked, ChannelKeys channels, Finding[] scored,
                 java.util.function.IntFunction<ChannelSeries> build) {
        byChannel.clear();
        IdentityHashMap<Finding, Integer> index = new IdentityHashMap<>();
        for (int i = 0; i < scored.length; i++) {
            if (scored[i] != null) {
                index.put(scored[i], i);
            }
        }
        List<Integer> kept = new ArrayList<>();
        int others = 0;
        for (Finding f : ranked) {
            if (f.alert() || others++ < top) {
                kept.add(index.get(f));
            }
        }
        Map<Integer, TreeSet<String>> sourcesByDest = new HashMap<>();
        BitSet keptDest = new BitSet();
        for (int i : kept) {
            sourcesByDest.put(channels.destinationId(i), new TreeSet<>());
            keptDest.set(channels.destinationId(i));
        }
        for (int c = 0, nc = channels.count(); c < nc; c++) {
            int dest = channels.destinationId(c);
            if (keptDest.get(dest)) {
                sourcesByDest.get(dest).add(IpAddress.format(channels.srcHi(c), channels.srcLo(c)));
            }
        }
        for (int i : kept) {
            ChannelSeries c = build.apply(i);
            String self = IpAddress.format(c.srcHi(), c.srcLo());
            List<String> others2 = new ArrayList<>();
            int count = 0;
            for (String s : sourcesByDest.get(c.destinationId())) {
                if (!s.equals(self)) {
                    count++;
                    if (others2.size() < MAX_OTHER_SOURCES) {
                        others2.add(s);
                    }
                }
            }
            byChannel.put(scored[i].channel(), new Detail(c, others2, count));
        }
    }
}
