package org.beaconwatch.score;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.beaconwatch.channel.ChannelAggregator;
import org.beaconwatch.channel.ChannelContext;
import org.beaconwatch.channel.ChannelKeys;
import org.beaconwatch.channel.ChannelSources;
import org.beaconwatch.dns.DnsTunnelDetector;
import org.beaconwatch.host.ChannelEvidence;
import org.beaconwatch.host.HostEvidence;
import org.beaconwatch.host.HostScore;
import org.beaconwatch.host.HostTriage;
import org.beaconwatch.intel.IntelSet;
import org.beaconwatch.channel.ChannelSeries;
import org.beaconwatch.flow.FlowBatch;
import org.beaconwatch.io.FlowSource;
import org.beaconwatch.io.NothingToAnalyseException;
import org.beaconwatch.io.WorkerFailure;

/**
 * The threads of one detection run, and nothing else: a feeding thread takes checked batches from
 * the source (which parses ahead on its own workers when opened with several readers), the
 * calling thread groups them into channels, then every core scores channels through
 * {@link ChannelScoring}, and the findings are ranked. A failure on any thread stops the others
 * and is rethrown on the calling thread; no thread outlives {@link #run}.
 */
final class DetectionPipeline {
    /** Batches in flight between the feeding thread and the grouping thread. */
    private static final int IN_FLIGHT = 4;

    private final DetectOptions options;
    private final DetectionListener progress;
    private final long memory;
    private final IntelSet intel;
    private final DnsTunnelDetector dnsTunnels;
    private final FindingDetails details;
    /** Which findings the result holds. */
    private FindingsKept kept = FindingsKept.ALL;
    /** Client facts from the companion logs of the source being run; null when scoring a given aggregator. */
    private org.beaconwatch.io.ClientSignatures clients;

    DetectionPipeline(DetectOptions options, DetectionListener progress) {
        this(options, progress, defaultMemory(), IntelSet.empty(), null, null);
    }

    /**
     * @param memory  bytes of kept flows held in memory before spilling to temporary files
     * @param intel   indicators to match channels against (threat_intel host evidence)
     * @param dnsTunnels the DNS tunnel detector fed while the source read its dns.log files (null: none)
     * @param details filled after ranking with what a report shows of its findings (null: nothing kept)
     */
    DetectionPipeline(DetectOptions options, DetectionListener progress, long memory, IntelSet intel,
                      DnsTunnelDetector dnsTunnels, FindingDetails details) {
        this.options = options;
        this.progress = progress;
        this.memory = memory;
        this.intel = intel;
        this.dnsTunnels = dnsTunnels;
        this.details = details;
    }

    /** Keep only these findings in the result (see {@link FindingsKept}). */
    DetectionPipeline keeping(FindingsKept which) {
        this.kept = which;
        return this;
    }

    /**
     * Cut the input by source host ({@link SourcePartitionedScoring}) into this many partitions;
     * 0: never; -1 (default): when {@link #sourcePartitions} says the input is too large to group whole.
     */
    DetectionPipeline cuttingBySource(int partitions) {
        this.cut = partitions;
        return this;
    }

    private int cut = -1;

    /**
     * Bytes of heap one row of input takes when grouped whole (uid seen, share of the channel
     * table, flow columns, findings): past {@link #WHOLE_SHARE} of the heap the input is cut by host.
     */
    static final long BYTES_PER_ROW_WHOLE = 100;
    /** Share of the maximum heap an input grouped whole may take (by {@link #BYTES_PER_ROW_WHOLE}). */
    static final double WHOLE_SHARE = 0.6;
    /**
     * Share of the maximum heap one source partition is sized to take (by {@link #BYTES_PER_ROW_WHOLE}):
     * small, as two partitions are in memory at once (one scored, the next built) and the garbage
     * collector grows the heap well past what is live.
     */
    static final double PARTITION_SHARE = 1.0 / 32;
    /** The most source partitions (files open at once while cutting). */
    static final int MAX_SOURCE_PARTITIONS = 1024;

    /**
     * Source partitions for an input of about {@code rows} rows with {@code maxHeap} bytes of heap:
     * 0 (group it whole) while it fits in {@link #WHOLE_SHARE} of the heap, else a power of two
     * giving each partition about {@link #PARTITION_SHARE} of it. The answers are the same either way.
     */
    static int sourcePartitions(long rows, long maxHeap) {
        if (rows <= 0 || rows * BYTES_PER_ROW_WHOLE <= maxHeap * WHOLE_SHARE) {
            return 0;
        }
        long perPartition = Math.max(1, (long) (maxHeap * PARTITION_SHARE / BYTES_PER_ROW_WHOLE));
        long want = (rows + perPartition - 1) / perPartition;
        int p = 2;
        while (p < want && p < MAX_SOURCE_PARTITIONS) {
            p <<= 1;
        }
        return p;
    }

    DetectionResult run(FlowSource source) throws IOException {
        clients = source.clientSignatures();
        int parts = details != null ? 0 // a report lists each finding's other sources: whole input
                : cut >= 0 ? cut : sourcePartitions(source.estimatedRows(), Runtime.getRuntime().maxMemory());
        try (ChannelAggregator agg = new ChannelAggregator(options.scope()).memoryBudget(memory, null)
                .threads(options.threads())) {
            long t0 = System.nanoTime();
            if (parts > 0) {
                agg.partitionBySource(parts, null, source.leaveDuplicatesToCaller());
            }
            aggregate(source, agg);
            progress.stage(parts > 0 ? "read and cut by host" : "read and group", System.nanoTime() - t0);
            NothingToAnalyseException.requireRecords(source.reports());
            if (agg.flowsUsed() == 0) {
                throw NothingToAnalyseException.noChannels(agg.flowsRead(), agg.skippedNoAddress(),
                        agg.skippedExternalSource(), agg.skippedDestination(), agg.allowlisted(),
                        options.givenInternal());
            }
            if (parts > 0) {
                DetectionResult r = new SourcePartitionedScoring(options, progress, intel, dnsTunnels, clients, kept)
                        .score(agg);
                source.duplicatesFound(agg.duplicatesPerFile());
                return r;
            }
            return score(agg);
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /**
     * Memory for kept flows by default: a third of the JVM's maximum heap (the rest holds the
     * channels being scored, the findings and the batches in flight).
     */
    static long defaultMemory() {
        return Math.max(64L << 20, Runtime.getRuntime().maxMemory() / 3);
    }

    private void aggregate(FlowSource source, ChannelAggregator agg) throws IOException {
        if (options.threads() < 2) {
            long rows = 0;
            FlowBatch b;
            while ((b = source.next()) != null) {
                agg.add(b);
                rows += b.size();
                source.release(b);
                progress.rowsProcessed(rows);
            }
            return;
        }
        final FlowBatch end = new FlowBatch(1);
        ArrayBlockingQueue<FlowBatch> full = new ArrayBlockingQueue<>(IN_FLIGHT + 1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread feeder = new Thread(() -> {
            try {
                FlowBatch b;
                while ((b = source.next()) != null) {
                    full.put(b);
                }
                full.put(end);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Throwable t) {
                failure.set(t);
                full.clear(); // the grouping thread stops at the failure
                full.offer(end);
            }
        }, "beaconwatch-feed");
        feeder.setDaemon(true);
        feeder.start();
        long rows = 0;
        try {
            while (true) {
                FlowBatch b = full.take();
                if (b == end) {
                    break;
                }
                agg.add(b);
                rows += b.size();
                source.release(b);
                progress.rowsProcessed(rows);
            }
            feeder.join();
        } catch (InterruptedException e) {
            feeder.interrupt();
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while reading flows");
        } catch (RuntimeException | Error e) {
            feeder.interrupt();
            throw e;
        }
        WorkerFailure.rethrow(failure.get());
    }

    /**
     * Scores every channel of the aggregator on {@code options.threads()} threads, one partition of
     * channels at a time (several only when flows spilled to disk): {@code out[i]} gets channel
     * i's finding (null: too small), {@code counts} its host-evidence figures and {@code starts} its
     * connection starts when its finding needs them for co-timed companions.
     */
    static void scoreChannels(ChannelAggregator agg, ChannelContext context, DetectOptions options, Finding[] out,
                              ChannelEvidence.Counts counts, long[][] starts) {
        scoreChannels(agg, context, options, out, counts, starts, null, false);
    }

    /**
     * What the peer cohort and the score modifiers read of every finding, recorded while each is
     * scored and its objects are at hand, so that those passes over all findings read flat arrays.
     */
    static final class Seen {
        /** Per channel, {@link PeerCohort#memberPeriod} of its finding. */
        final double[] period;
        /** First and last connection over all findings. */
        final AtomicLong first = new AtomicLong(Long.MAX_VALUE), last = new AtomicLong(Long.MIN_VALUE);

        Seen(int channels) {
            period = new double[channels];
        }
    }

    /**
     * As {@link #scoreChannels(ChannelAggregator, ChannelContext, DetectOptions, Finding[], ChannelEvidence.Counts, long[][])},
     * filling {@code seen} (may be null); with {@code freeBuilt}, the flows of channels already built
     * are freed as scoring goes on (nothing may build a channel afterwards).
     */
    /** Channels a scoring thread takes between two frees of the flows of built channels. */
    static final int FREE_EVERY = 8192;

    static void scoreChannels(ChannelAggregator agg, ChannelContext context, DetectOptions options, Finding[] out,
                              ChannelEvidence.Counts counts, long[][] starts, Seen seen, boolean freeBuilt) {
        int internalSources = context.internalSources();
        ChannelSources sources = context.sources();
        AddressTexts dsts = new AddressTexts(agg.destinationCount());
        for (int p = 0, np = agg.partitions(); p < np; p++) {
            ChannelAggregator.Partition part = agg.partition(p);
            int[] ids = part.channels();
            AtomicInteger next = new AtomicInteger();
            AtomicReference<RuntimeException> failure = new AtomicReference<>();
            int threads = Math.min(options.threads(), Math.max(1, ids.length / 64));
            // each thread's channel now (by position in ids): every channel before the lowest is
            // built, so its flows can be freed while the rest are scored
            java.util.concurrent.atomic.AtomicIntegerArray building = new java.util.concurrent.atomic.AtomicIntegerArray(threads);
            AtomicInteger slots = new AtomicInteger();
            Runnable work = () -> {
                int slot = slots.getAndIncrement();
                long first = Long.MAX_VALUE, last = Long.MIN_VALUE;
                int k;
                while ((k = next.getAndIncrement()) < ids.length && failure.get() == null) {
                    building.set(slot, k);
                    if (freeBuilt && k % FREE_EVERY == 0) {
                        int low = k;
                        for (int t = 0; t < threads; t++) {
                            low = Math.min(low, building.get(t));
                        }
                        part.builtBefore(low);
                    }
                    int i = ids[k];
                    try {
                        ChannelSeries c = part.series(i);
                        Finding f = ChannelScoring.score(c, context.prevalence()[i], internalSources,
                                context.siblings()[i], options, sources.name(sources.of(i)), dsts);
                        out[i] = f;
                        counts.record(i, c);
                        starts[i] = ChannelScoring.rankingStarts(c, f);
                        if (f != null && seen != null) {
                            seen.period[i] = PeerCohort.memberPeriod(f);
                            first = Math.min(first, f.firstSeen());
                            last = Math.max(last, f.lastSeen());
                        }
                    } catch (RuntimeException e) {
                        failure.compareAndSet(null, e);
                    }
                }
                if (seen != null) {
                    long f0 = first, l0 = last;
                    seen.first.accumulateAndGet(f0, Math::min);
                    seen.last.accumulateAndGet(l0, Math::max);
                }
            };
            runOnThreads(work, threads, "beaconwatch-score-");
            if (failure.get() != null) {
                throw failure.get();
            }
        }
    }

    /**
     * Runs {@code a} on the calling thread and {@code b} on a thread of its own at the same time (one
     * after the other with one thread), waits for both and rethrows a failure of either.
     */
    private void bothAtOnce(Runnable a, Runnable b) {
        if (options.threads() < 2) {
            a.run();
            b.run();
            return;
        }
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                b.run();
            } catch (RuntimeException | Error e) {
                failure.set(e);
            }
        }, "beaconwatch-context");
        t.setDaemon(true);
        t.start();
        Throwable f = null;
        try {
            a.run();
        } catch (RuntimeException | Error e) {
            f = e;
        }
        WorkerFailure.joinUninterruptibly(t); // b is short: wait for it, so that no thread outlives the run
        f = f != null ? f : failure.get();
        if (f instanceof RuntimeException re) {
            throw re;
        }
        if (f instanceof Error er) {
            throw er;
        }
    }

    /** Runs {@code work} on the calling thread and {@code threads - 1} more, and waits for them all. */
    static void runOnThreads(Runnable work, int threads, String name) {
        List<Thread> ts = new ArrayList<>();
        for (int k = 1; k < threads; k++) {
            Thread t = new Thread(work, name + k);
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
    }

    /**
     * Host triage of a whole input: each scored channel's finding as host evidence, the host
     * evidence beyond channel findings, DNS tunnels; every internal host ranked.
     */
    private List<HostScore> hostTriage(Finding[] out, int scored, ChannelKeys channels, ChannelContext context,
                                       ChannelEvidence.Counts counts) {
        List<HostEvidence> beyond = ChannelEvidence.find(channels, context.sources(), counts, intel,
                options.alertThreshold());
        List<HostEvidence> dns = dnsTunnels != null ? dnsTunnels.evidence(options.alertThreshold()) : List.of();
        List<HostEvidence> evidence = new ArrayList<>(scored + beyond.size() + dns.size());
        for (Finding f : out) {
            if (f != null) {
                evidence.add(f.hostEvidence());
            }
        }
        evidence.addAll(beyond);
        evidence.addAll(dns);
        // every internal host, each formatted once
        return HostTriage.rank(context.sources().names(), evidence);
    }

    /** Finishes the aggregator, scores its channels on every core and ranks the findings. */
    DetectionResult score(ChannelAggregator agg) {
        long t0 = System.nanoTime();
        ChannelKeys channels = agg.keys(); // keys only, by index: each channel is built when scored
        progress.stage("sort channels", System.nanoTime() - t0);
        t0 = System.nanoTime();
        int nc = channels.count();
        // channel context (prevalence, neighbourhood, sources), computed in the channel package from
        // the key columns; the per-channel figures host evidence needs are kept while scoring
        ChannelContext context = ChannelContext.of(channels, agg.destinationCount(), this::bothAtOnce);
        int internalSources = context.internalSources();
        ChannelEvidence.Counts counts = new ChannelEvidence.Counts(nc);
        Finding[] out = new Finding[nc];
        long[][] starts = new long[nc][]; // connection starts of the high scorers, for co-timed companions
        Seen seen = new Seen(nc);
        scoreChannels(agg, context, options, out, counts, starts, seen, details == null);
        if (details == null) {
            // nothing after this builds a channel again: free the flows before the findings are
            // ranked, so that the flows and the ranking's arrays are never in memory together
            agg.dropFlows();
        }
        // channel context that needs every channel's score: same-beat peer swarms
        ChannelSources sources = context.sources();
        PeerCohort.apply(out, starts, options, sources::of, sources.count(), seen.period);
        // RITA-style modifiers (missing Host header, rare user agent or JA3, first seen recently)
        ScoreModifiers.apply(out, clients, options, seen.first.get(), seen.last.get());
        progress.stage("score", System.nanoTime() - t0);
        t0 = System.nanoTime();
        int below = 0;
        for (Finding f : out) {
            if (f == null) {
                below++;
            }
        }
        int scored = nc - below;
        // host triage (evidence beyond channel findings: scans, SMTP fan-out, failed connections,
        // threat intel; then every host scored from all its evidence) on a thread of its own while
        // the findings are ranked: both only read the unranked findings, in channel order (host
        // triage orders them as the ranking does), so a host's score and evidence do not depend on
        // which findings the output keeps, nor on source partitions
        java.util.concurrent.FutureTask<List<HostScore>> triage = new java.util.concurrent.FutureTask<>(
                () -> hostTriage(out, scored, channels, context, counts));
        Thread triageThread = null;
        if (options.threads() > 1) {
            triageThread = new Thread(triage, "beaconwatch-host-triage");
            triageThread.setDaemon(true);
            triageThread.start();
        }
        List<Finding> findings;
        int alerts = 0;
        try {
            FindingRanking ranking = new FindingRanking(out);
            int[] order = kept.all() ? ranking.all() : ranking.select(kept.top(), kept.alerts());
            Finding[] ranked = new Finding[order.length];
            for (int i = 0; i < order.length; i++) {
                ranked[i] = out[order[i]].withRank(i + 1);
            }
            for (Finding f : out) {
                if (f != null && f.alert()) {
                    alerts++;
                }
            }
            findings = List.of(ranked);
            if (details != null) { // the report's channels, rebuilt from the flows still held (found by identity in out)
                List<Finding> inOrder = new ArrayList<>(order.length);
                for (int i : order) {
                    inOrder.add(out[i]);
                }
                details.collect(inOrder, channels, out, agg::series);
            }
            agg.dropFlows(); // writing needs only the findings (a no-op when done after scoring)
            progress.stage("rank", System.nanoTime() - t0);
        } finally {
            if (triageThread != null) { // a failure here: the triage thread ends before it is rethrown
                WorkerFailure.joinUninterruptibly(triageThread);
            }
        }
        t0 = System.nanoTime();
        if (triageThread == null) {
            triage.run();
        }
        List<HostScore> hostScores = WorkerFailure.result(triage, "ranking hosts");
        // with two threads, the time host triage took beyond the ranking
        progress.stage("host triage", System.nanoTime() - t0);
        return new DetectionResult(findings, agg.flowsRead(), agg.flowsUsed(), nc, below, agg.skippedExternalSource(),
                agg.skippedDestination(), agg.allowlisted(), internalSources, options, hostScores, scored, alerts);
    }
}
