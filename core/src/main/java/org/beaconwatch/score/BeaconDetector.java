package org.beaconwatch.score;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.beaconwatch.channel.ChannelAggregator;
import org.beaconwatch.channel.ChannelSeries;
import org.beaconwatch.flow.FlowBatch;
import org.beaconwatch.flow.IpAddress;
import org.beaconwatch.io.FlowSource;

/**
 * Entry point of beacon detection: streams flows into channels, scores every channel in parallel
 * and ranks the findings. Memory is a few primitive values per flow kept; findings are ranked by
 * score (ties: more connections first, then channel text), so the same input and options give
 * the same output.
 */
public final class BeaconDetector {

    public BeaconDetector() {
    }

    /** Reads the whole source and scores its channels. */
    public DetectionResult detect(FlowSource source, DetectOptions options, DetectionListener progress) throws IOException {
        ChannelAggregator agg = new ChannelAggregator(options.scope());
        FlowBatch batch = new FlowBatch();
        long rows = 0;
        while (source.read(batch)) {
            agg.add(batch);
            rows += batch.size();
            progress.rowsProcessed(rows);
        }
        return score(agg, options);
    }

    /** Scores flows given as batches (tests, small inputs). */
    public DetectionResult detect(Iterable<FlowBatch> batches, DetectOptions options) {
        ChannelAggregator agg = new ChannelAggregator(options.scope());
        for (FlowBatch b : batches) {
            agg.add(b);
        }
        return score(agg, options);
    }

    private record Neighbourhood(int src, long a, long b) {
    }

    /**
     * Per channel, how many other destinations the same source talks to in the destination's
     * network (IPv4 /16, IPv6 /48) or, for a server name, under the same registered domain.
     */
    static int[] siblings(List<ChannelSeries> channels, HashMap<IpAddress, Integer> srcIds) {
        int nc = channels.size();
        HashMap<Neighbourhood, java.util.HashSet<Integer>> dests = new HashMap<>();
        HashMap<String, Integer> domains = new HashMap<>();
        Neighbourhood[] keys = new Neighbourhood[nc];
        for (int i = 0; i < nc; i++) {
            ChannelSeries c = channels.get(i);
            int src = srcIds.get(new IpAddress(c.srcHi(), c.srcLo()));
            Neighbourhood k;
            if (c.serverName() != null) {
                int d = domains.computeIfAbsent(registeredDomain(c.serverName()), x -> domains.size());
                k = new Neighbourhood(src, -2L, d);
            } else if (IpAddress.isV4(c.dstHi(), c.dstLo())) {
                k = new Neighbourhood(src, 0L, c.dstLo() & 0xFFFF_FFFF_FFFF_0000L);
            } else {
                k = new Neighbourhood(src, c.dstHi() & 0xFFFF_FFFF_FFFF_0000L, 0L);
            }
            keys[i] = k;
            dests.computeIfAbsent(k, x -> new java.util.HashSet<>()).add(c.destinationId());
        }
        int[] out = new int[nc];
        for (int i = 0; i < nc; i++) {
            out[i] = dests.get(keys[i]).size() - 1;
        }
        return out;
    }

    /** The last two labels of a name, or three when the second-level label is short (co.uk, com.au). */
    static String registeredDomain(String name) {
        String n = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        int last = n.lastIndexOf('.');
        if (last <= 0) {
            return n;
        }
        int second = n.lastIndexOf('.', last - 1);
        if (second < 0) {
            return n;
        }
        if (last - second - 1 <= 3 && n.length() - last - 1 == 2) {
            int third = n.lastIndexOf('.', second - 1);
            return third < 0 ? n : n.substring(third + 1);
        }
        return n.substring(second + 1);
    }

    /** Finishes the aggregator and scores its channels. */
    public DetectionResult score(ChannelAggregator agg, DetectOptions options) {
        List<ChannelSeries> channels = agg.finish();
        int nc = channels.size();
        // distinct sources per destination
        HashMap<IpAddress, Integer> srcIds = new HashMap<>();
        long[] keys = new long[nc];
        for (int i = 0; i < nc; i++) {
            ChannelSeries c = channels.get(i);
            Integer id = srcIds.computeIfAbsent(new IpAddress(c.srcHi(), c.srcLo()), k -> srcIds.size());
            keys[i] = ((long) c.destinationId() << 32) | id;
        }
        long[] sorted = keys.clone();
        Arrays.sort(sorted);
        HashMap<Integer, Integer> sourcesPerDest = new HashMap<>();
        for (int i = 0; i < nc; i++) {
            if (i > 0 && sorted[i] == sorted[i - 1]) {
                continue;
            }
            sourcesPerDest.merge((int) (sorted[i] >>> 32), 1, Integer::sum);
        }
        int internalSources = srcIds.size();
        int[] siblings = siblings(channels, srcIds);
        Finding[] out = new Finding[nc];
        AtomicInteger next = new AtomicInteger();
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        Runnable work = () -> {
            int i;
            while ((i = next.getAndIncrement()) < nc && failure.get() == null) {
                ChannelSeries c = channels.get(i);
                try {
                    out[i] = BeaconScorer.score(c, sourcesPerDest.get(c.destinationId()), internalSources, siblings[i], options);
                } catch (RuntimeException e) {
                    failure.compareAndSet(null, e);
                }
            }
        };
        int threads = Math.min(options.threads(), Math.max(1, nc / 64));
        List<Thread> ts = new ArrayList<>();
        for (int k = 1; k < threads; k++) {
            Thread t = new Thread(work, "beaconwatch-score-" + k);
            t.setDaemon(true);
            t.start();
            ts.add(t);
        }
        work.run();
        for (Thread t : ts) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while scoring", e);
            }
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        List<Finding> findings = new ArrayList<>();
        int below = 0;
        for (Finding f : out) {
            if (f == null) {
                below++;
            } else {
                findings.add(f);
            }
        }
        findings.sort(Comparator.comparingDouble(Finding::score).reversed()
                .thenComparing(Comparator.comparingInt(Finding::conns).reversed())
                .thenComparing(Finding::channel));
        for (int i = 0; i < findings.size(); i++) {
            findings.set(i, findings.get(i).withRank(i + 1));
        }
        return new DetectionResult(findings, agg.flowsRead(), agg.flowsUsed(), nc, below, agg.skippedExternalSource(),
                agg.skippedDestination(), agg.allowlisted(), internalSources, options);
    }
}
