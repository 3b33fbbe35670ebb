package org.beaconwatch.score;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.FutureTask;
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
import org.beaconwatch.flow.FlowBatch;
import org.beaconwatch.io.FlowSource;
import org.beaconwatch.io.NothingToAnalyseException;
import org.beaconwatch.io.WorkerFailure;

/**
 * The threads of one detection run, and nothing else: a feeding thread takes checked batches from
 * the source (which parses ahead on its own workers when opened with several readers), the
 * calling thread groups them into channels, then every core scores channels through
 * {@link ChannelScoring} ({@link ScoringThreads}), and host triage runs beside the ranking of the
 * findings. A failure on any thread stops the others and is rethrown on the calling thread; no
 * thread outlives {@link #run}.
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
     * Host triage of a whole input: each scored channel's finding as host evidence, the host
     * evidence beyond channel findings, DNS tunnels; every internal host ranked.
     */
    private List<HostScore> hostTriage(Finding[] out, int scored, ChannelContext context,
                                       FutureTask<List<HostEvidence>> beyondTask) {
        beyondTask.run(); // here, unless its own thread has taken it (a FutureTask runs once)
        List<HostEvidence> beyond = WorkerFailure.result(beyondTask, "finding host evidence");
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
        ChannelContext context = ChannelContext.of(channels, agg.destinationCount(),
                (a, b) -> ScoringThreads.bothAtOnce(options.threads(), a, b));
        int internalSources = context.internalSources();
        ChannelEvidence.Counts counts = new ChannelEvidence.Counts(nc);
        Finding[] out = new Finding[nc];
        long[][] starts = new long[nc][]; // connection starts of the high scorers, for co-timed companions
        ScoringThreads.Seen seen = new ScoringThreads.Seen(nc);
        ScoringThreads.scoreChannels(agg, context, options, out, counts, starts, seen, details == null);
        if (details == null) {
            // nothing after this builds a channel again: free the flows before the findings are
            // ranked, so that the flows and the ranking's arrays are never in memory together
            agg.dropFlows();
        }
        // host evidence beyond channel findings (scans, SMTP fan-out, failed connections, threat
        // intel) reads the channels and the counts kept while scoring, not the scores: found on a
        // thread of its own while the scores are finished
        FutureTask<List<HostEvidence>> beyondTask = new FutureTask<>(
                () -> ChannelEvidence.find(channels, context.sources(), counts, intel, options.alertThreshold()));
        Thread beyondThread = ScoringThreads.startIfThreads(options.threads(), beyondTask,
                "beaconwatch-host-evidence");
        try {
            // channel context that needs every channel's score: same-beat peer swarms
            ChannelSources sources = context.sources();
            PeerCohort.apply(out, starts, options, sources::of, sources.count(), seen.period);
            // RITA-style modifiers (missing Host header, rare user agent or JA3, first seen recently)
            ScoreModifiers.apply(out, clients, options, seen.first.get(), seen.last.get());
        } catch (RuntimeException | Error e) {
            if (beyondThread != null) { // no thread outlives the run
                WorkerFailure.joinUninterruptibly(beyondThread);
            }
            throw e;
        }
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
        FutureTask<List<HostScore>> triage = new FutureTask<>(
                () -> hostTriage(out, scored, context, beyondTask));
        Thread triageThread = ScoringThreads.startIfThreads(options.threads(), triage, "beaconwatch-host-triage");
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
            t0 = System.nanoTime();
        } finally {
            if (triageThread != null) { // a failure here: the triage thread ends before it is rethrown
                WorkerFailure.joinUninterruptibly(triageThread);
            }
        }
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
