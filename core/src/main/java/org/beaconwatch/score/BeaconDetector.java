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
        Finding[] out = new Finding[nc];
        AtomicInteger next = new AtomicInteger();
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        Runnable work = () -> {
            int i;
            while ((i = next.getAndIncrement()) < nc && failure.get() == null) {
                ChannelSeries c = channels.get(i);
                try {
                    out[i] = BeaconScorer.score(c, sourcesPerDest.get(c.destinationId()), internalSources, options);
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
