package org.beaconwatch.score;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.beaconwatch.channel.ChannelAggregator;
import org.beaconwatch.channel.ChannelSeries;
import org.beaconwatch.flow.FlowBatch;
import org.beaconwatch.flow.IpAddress;
import org.beaconwatch.io.FlowSource;
import org.beaconwatch.io.NothingToAnalyseException;

/**
 * Entry point of beacon detection: streams flows into channels, scores every channel in parallel
 * and ranks the findings. Memory is a few primitive values per flow kept; findings are ranked by
 * score (ties: more connections first, then channel text), so the same input and options give
 * the same output.
 */
public final class BeaconDetector {
    /** Batches in flight between the reading thread and the aggregating thread. */
    private static final int IN_FLIGHT = 4;

    public BeaconDetector() {
    }

    /**
     * Reads the whole source and scores its channels. With two or more threads, reading runs on a
     * background thread while the calling thread aggregates (a handful of batches in flight), so
     * parsing and aggregation overlap. Progress is reported from the calling thread.
     *
     * @throws NothingToAnalyseException when no record was read, or no flow formed a channel
     */
    public DetectionResult detect(FlowSource source, DetectOptions options, DetectionListener progress) throws IOException {
        long t0 = System.nanoTime();
        ChannelAggregator agg = aggregate(source, options, progress);
        progress.stage("read and group", System.nanoTime() - t0);
        NothingToAnalyseException.requireRecords(source.reports());
        if (agg.flowsUsed() == 0) {
            throw NothingToAnalyseException.noChannels(agg.flowsRead(), agg.skippedNoAddress(),
                    agg.skippedExternalSource(), agg.skippedDestination(), agg.allowlisted(),
                    options.internal().equals(DetectOptions.DEFAULT_INTERNAL) ? List.of()
                            : options.internal().stream().map(Object::toString).toList());
        }
        return score(agg, options, progress);
    }

    private ChannelAggregator aggregate(FlowSource source, DetectOptions options, DetectionListener progress)
            throws IOException {
        ChannelAggregator agg = new ChannelAggregator(options.scope());
        if (options.threads() < 2) {
            FlowBatch batch = new FlowBatch();
            long rows = 0;
            while (source.read(batch)) {
                agg.add(batch);
                rows += batch.size();
                progress.rowsProcessed(rows);
            }
            return agg;
        }
        final FlowBatch end = new FlowBatch(1);
        ArrayBlockingQueue<FlowBatch> full = new ArrayBlockingQueue<>(IN_FLIGHT + 1);
        ArrayBlockingQueue<FlowBatch> empty = new ArrayBlockingQueue<>(IN_FLIGHT);
        for (int i = 0; i < IN_FLIGHT; i++) {
            empty.add(new FlowBatch());
        }
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread reader = new Thread(() -> {
            try {
                while (true) {
                    FlowBatch b = empty.take();
                    if (!source.read(b)) {
                        break;
                    }
                    full.put(b);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Throwable t) {
                failure.set(t);
            } finally {
                full.offer(end);
            }
        }, "beaconwatch-reader");
        reader.setDaemon(true);
        reader.start();
        long rows = 0;
        try {
            while (true) {
                FlowBatch b = full.take();
                if (b == end) {
                    break;
                }
                agg.add(b);
                rows += b.size();
                progress.rowsProcessed(rows);
                empty.put(b);
            }
            reader.join();
        } catch (InterruptedException e) {
            reader.interrupt();
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while reading flows");
        } catch (RuntimeException | Error e) {
            reader.interrupt();
            throw e;
        }
        Throwable t = failure.get();
        if (t instanceof IOException) {
            throw (IOException) t;
        }
        if (t instanceof RuntimeException) {
            throw (RuntimeException) t;
        }
        if (t instanceof Error) {
            throw (Error) t;
        }
        if (t != null) {
            throw new IOException(t);
        }
        return agg;
    }

    /** Scores flows given as batches (tests, small inputs). */
    public DetectionResult detect(Iterable<FlowBatch> batches, DetectOptions options) {
        ChannelAggregator agg = new ChannelAggregator(options.scope());
        for (FlowBatch b : batches) {
            agg.add(b);
        }
        return score(agg, options);
    }

    /**
     * Per channel, how many other destinations the same source talks to in the destination's
     * network (IPv4 /16, IPv6 /48) or, for a server name, under the same registered domain.
     */
    static int[] siblings(List<ChannelSeries> channels, int[] srcId) {
        int nc = channels.size();
        HashMap<String, Integer> domains = new HashMap<>();
        LongIds neighbourhoods = new LongIds(nc);
        int[] nb = new int[nc];
        for (int i = 0; i < nc; i++) {
            ChannelSeries c = channels.get(i);
            long value;
            long type;
            if (c.serverName() != null) {
                value = domains.computeIfAbsent(registeredDomain(c.serverName()), x -> domains.size());
                type = 1;
            } else if (IpAddress.isV4(c.dstHi(), c.dstLo())) {
                value = (c.dstLo() >>> 16) & 0xffffL;
                type = 2;
            } else {
                value = LongIds.mix(c.dstHi() >>> 16) & 0xffff_ffffL;
                type = 3;
            }
            nb[i] = neighbourhoods.id(((long) srcId[i] << 34) | (type << 32) | value);
        }
        int[] destsPer = new int[neighbourhoods.size()];
        LongIds pairs = new LongIds(nc);
        for (int i = 0; i < nc; i++) {
            int before = pairs.size();
            pairs.id(((long) nb[i] << 32) | channels.get(i).destinationId());
            if (pairs.size() > before) {
                destsPer[nb[i]]++;
            }
        }
        int[] out = new int[nc];
        for (int i = 0; i < nc; i++) {
            out[i] = destsPer[nb[i]] - 1;
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

    /**
     * Orders findings by score (descending), then connections (descending), then channel text.
     * Sorts primitive keys first and builds channel() strings only inside runs of equal score and
     * conns (few), which is the same order as one comparator on all three keys (detect-e2e.sh:
     * rank stage 0.33 s -> see commit message).
     */
    static List<Finding> rank(List<Finding> findings) {
        int n = findings.size();
        double[] score = new double[n];
        int[] conns = new int[n];
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            Finding f = findings.get(i);
            score[i] = f.score();
            conns[i] = f.conns();
            idx[i] = i;
        }
        int[] tmp = new int[n];
        mergeSort(idx, tmp, 0, n, score, conns);
        List<Finding> out = new ArrayList<>(n);
        int i = 0;
        while (i < n) {
            int j = i + 1;
            while (j < n && compare(idx[i], idx[j], score, conns) == 0) {
                j++;
            }
            if (j - i == 1) {
                out.add(findings.get(idx[i]));
            } else {
                // stable sort of the tie run by channel text
                Integer[] run = new Integer[j - i];
                String[] names = new String[j - i];
                for (int k = i; k < j; k++) {
                    run[k - i] = k - i;
                    names[k - i] = findings.get(idx[k]).channel();
                }
                Arrays.sort(run, (x, y) -> names[x].compareTo(names[y]));
                for (Integer r : run) {
                    out.add(findings.get(idx[i + r]));
                }
            }
            i = j;
        }
        return out;
    }

    private static int compare(int x, int y, double[] score, int[] conns) {
        int c = Double.compare(score[y], score[x]);
        return c != 0 ? c : Integer.compare(conns[y], conns[x]);
    }

    /** Stable merge sort of idx[from, to) by (score desc, conns desc). */
    private static void mergeSort(int[] idx, int[] tmp, int from, int to, double[] score, int[] conns) {
        if (to - from <= 16) {
            for (int i = from + 1; i < to; i++) {
                int v = idx[i];
                int j = i - 1;
                while (j >= from && compare(idx[j], v, score, conns) > 0) {
                    idx[j + 1] = idx[j];
                    j--;
                }
                idx[j + 1] = v;
            }
            return;
        }
        int mid = (from + to) >>> 1;
        mergeSort(idx, tmp, from, mid, score, conns);
        mergeSort(idx, tmp, mid, to, score, conns);
        if (compare(idx[mid - 1], idx[mid], score, conns) <= 0) {
            return;
        }
        System.arraycopy(idx, from, tmp, from, to - from);
        int a = from, b = mid, k = from;
        while (a < mid && b < to) {
            idx[k++] = compare(tmp[b], tmp[a], score, conns) < 0 ? tmp[b++] : tmp[a++];
        }
        while (a < mid) {
            idx[k++] = tmp[a++];
        }
        while (b < to) {
            idx[k++] = tmp[b++];
        }
    }

    /** Finishes the aggregator and scores its channels. */
    public DetectionResult score(ChannelAggregator agg, DetectOptions options) {
        return score(agg, options, DetectionListener.none());
    }

    private DetectionResult score(ChannelAggregator agg, DetectOptions options, DetectionListener progress) {
        long t0 = System.nanoTime();
        List<ChannelSeries> channels = agg.finish();
        progress.stage("sort channels", System.nanoTime() - t0);
        t0 = System.nanoTime();
        int nc = channels.size();
        // dense source ids: IPv4 by their low word, IPv6 through a map (rare)
        int[] srcId = new int[nc];
        LongIds v4Sources = new LongIds(1024);
        HashMap<IpAddress, Integer> v6Sources = new HashMap<>();
        for (int i = 0; i < nc; i++) {
            ChannelSeries c = channels.get(i);
            if (c.srcHi() == 0L) {
                srcId[i] = v4Sources.id(c.srcLo()) << 1;
            } else {
                srcId[i] = (v6Sources.computeIfAbsent(new IpAddress(c.srcHi(), c.srcLo()), k -> v6Sources.size()) << 1) | 1;
            }
        }
        int internalSources = v4Sources.size() + v6Sources.size();
        // distinct sources per destination
        int[] sourcesPerDest = new int[agg.destinationCount()];
        LongIds pairs = new LongIds(nc);
        for (int i = 0; i < nc; i++) {
            int before = pairs.size();
            int dest = channels.get(i).destinationId();
            pairs.id(((long) dest << 32) | (srcId[i] & 0xffff_ffffL));
            if (pairs.size() > before) {
                sourcesPerDest[dest]++;
            }
        }
        int[] siblings = siblings(channels, srcId);
        Finding[] out = new Finding[nc];
        AtomicInteger next = new AtomicInteger();
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        Runnable work = () -> {
            int i;
            while ((i = next.getAndIncrement()) < nc && failure.get() == null) {
                ChannelSeries c = channels.get(i);
                try {
                    out[i] = BeaconScorer.score(c, sourcesPerDest[c.destinationId()], internalSources, siblings[i], options);
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
        progress.stage("score", System.nanoTime() - t0);
        t0 = System.nanoTime();
        List<Finding> findings = new ArrayList<>();
        int below = 0;
        for (Finding f : out) {
            if (f == null) {
                below++;
            } else {
                findings.add(f);
            }
        }
        List<Finding> ranked = rank(findings);
        findings.clear();
        findings.addAll(ranked);
        for (int i = 0; i < findings.size(); i++) {
            findings.set(i, findings.get(i).withRank(i + 1));
        }
        progress.stage("rank", System.nanoTime() - t0);
        return new DetectionResult(findings, agg.flowsRead(), agg.flowsUsed(), nc, below, agg.skippedExternalSource(),
                agg.skippedDestination(), agg.allowlisted(), internalSources, options);
    }
}
