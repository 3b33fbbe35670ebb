package org.beaconwatch.score;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
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
import org.beaconwatch.io.ClientSignatures;
import org.beaconwatch.io.WorkerFailure;

/**
 * Scores an input whose kept flows were cut by source host
 * ({@link ChannelAggregator#partitionBySource}), one partition in memory at a time, with the same
 * findings, ranks and host table as scoring it whole ({@code SourcePartitionEqualityTest}).
 *
 * <p>Everything per channel and per host lies in one partition: the channel's flows, the
 * neighbourhood (a source's other destinations), the peer cohort (a host's other beacons), scans,
 * SMTP fan-out and failed connections, and the host's score. Two figures span hosts, and a first
 * pass over the partitions gathers them: each destination's distinct sources (prevalence; sources
 * are disjoint between partitions, so per-partition counts add up) with the number of internal
 * sources, and the first and last connection of every scored channel (the "first seen recently"
 * modifier). The second pass scores each partition with those, keeps the findings the output
 * writes (at most the top N and the alerts of each partition, then ranked together: every finding
 * ranked above a kept one is kept too, so positions are global ranks) and ranks the partition's
 * hosts; host tables of disjoint hosts merge into one ranking ({@link HostTriage#merge}).
 */
final class SourcePartitionedScoring {
    private final DetectOptions options;
    private final DetectionListener progress;
    private final IntelSet intel;
    private final DnsTunnelDetector dnsTunnels;
    private final ClientSignatures clients;
    private final FindingsKept kept;

    SourcePartitionedScoring(DetectOptions options, DetectionListener progress, IntelSet intel,
                             DnsTunnelDetector dnsTunnels, ClientSignatures clients, FindingsKept kept) {
        this.options = options;
        this.progress = progress;
        this.intel = intel;
        this.dnsTunnels = dnsTunnels;
        this.clients = clients;
        this.kept = kept;
    }

    /** What the first pass gathers: figures spanning hosts. */
    private static final class Spanning {
        int[] sourcesPerDestination = new int[0];
        int internalSources;
        long first = Long.MAX_VALUE, last = Long.MIN_VALUE;
    }

    DetectionResult score(ChannelAggregator agg) {
        int parts = agg.sourcePartitions();
        long t0 = System.nanoTime();
        Spanning span = new Spanning();
        agg.prepare();
        // first pass: partitions on every core, each alone (destination ids are shared, and made under a lock)
        AtomicInteger next = new AtomicInteger();
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        ScoringThreads.runOnThreads(() -> {
            int p;
            while ((p = next.getAndIncrement()) < parts && failure.get() == null) {
                try {
                    gather(agg, p, span);
                } catch (RuntimeException e) {
                    failure.compareAndSet(null, e);
                }
            }
        }, Math.min(options.threads(), parts), "beaconwatch-partition-");
        if (failure.get() != null) {
            throw failure.get();
        }
        progress.stage("count destinations", System.nanoTime() - t0);
        t0 = System.nanoTime();
        Map<String, List<HostEvidence>> dnsByHost = new HashMap<>();
        if (dnsTunnels != null) {
            for (HostEvidence e : dnsTunnels.evidence(options.alertThreshold())) {
                dnsByHost.computeIfAbsent(e.host(), k -> new ArrayList<>()).add(e);
            }
        }
        List<Finding> candidates = new ArrayList<>();
        // every finding, read once by the output: each partition's ranked findings to a file of their own
        FindingStore store = kept.all() && kept.streamed() ? openStore() : null;
        List<HostScore> hosts = new ArrayList<>();
        int channels = 0, below = 0, alerts = 0;
        long used = 0;
        // second pass: each partition scored on every core while the next one is built from its file
        ExecutorService builder = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "beaconwatch-partition-build");
            t.setDaemon(true);
            return t;
        });
        Future<ChannelAggregator> ahead = builder.submit(() -> agg.sourcePartition(0));
        try {
            for (int p = 0; p < parts; p++) {
                ChannelAggregator built = WorkerFailure.result(ahead, "building a partition");
                ahead = null;
                if (p + 1 < parts) {
                    int q = p + 1;
                    ahead = builder.submit(() -> agg.sourcePartition(q));
                }
                try (ChannelAggregator part = built) {
                    ChannelKeys keys = part.keys();
                    int nc = keys.count();
                    ChannelSources sources = ChannelSources.of(keys);
                    ChannelContext context = ChannelContext.of(keys, sources, span.sourcesPerDestination,
                            span.internalSources);
                    ChannelEvidence.Counts counts = new ChannelEvidence.Counts(nc);
                    Finding[] out = new Finding[nc];
                    long[][] starts = new long[nc][];
                    ScoringThreads.scoreChannels(part, context, options, out, counts, starts);
                    PeerCohort.apply(out, starts, options);
                    ScoreModifiers.apply(out, clients, options, span.first, span.last);
                    channels += nc;
                    used += part.flowsUsed();
                    List<HostEvidence> evidence = new ArrayList<>();
                    for (Finding f : out) {
                        if (f == null) {
                            below++;
                            continue;
                        }
                        if (f.alert()) {
                            alerts++;
                        }
                        evidence.add(f.hostEvidence());
                    }
                    FindingRanking ranking = new FindingRanking(out);
                    int[] order = kept.all() ? ranking.all() : ranking.select(kept.top(), kept.alerts());
                    List<Finding> run = store != null ? new ArrayList<>(order.length) : candidates;
                    for (int i : order) {
                        run.add(out[i]);
                    }
                    if (store != null) {
                        store.addRun(run);
                    }
                    evidence.addAll(ChannelEvidence.find(keys, sources, counts, intel, options.alertThreshold()));
                    List<String> names = sources.names();
                    for (String h : names) {
                        List<HostEvidence> dns = dnsByHost.remove(h);
                        if (dns != null) {
                            evidence.addAll(dns);
                        }
                    }
                    hosts.addAll(HostTriage.rank(names, evidence));
                }
            }
        } catch (IOException e) {
            store.close();
            throw new java.io.UncheckedIOException("cannot write temporary files: " + e.getMessage(), e);
        } catch (RuntimeException | Error e) {
            if (store != null) {
                store.close();
            }
            throw e;
        } finally {
            if (ahead != null) { // a failure: the partition built ahead is not wanted
                ahead.cancel(false);
                try {
                    WorkerFailure.result(ahead, "building a partition").close();
                } catch (RuntimeException | Error ignored) {
                    // the failure being thrown says more
                }
            }
            builder.shutdownNow();
        }
        List<HostEvidence> rest = new ArrayList<>(); // DNS evidence of hosts without a channel
        for (List<HostEvidence> l : dnsByHost.values()) {
            rest.addAll(l);
        }
        if (!rest.isEmpty()) {
            hosts.addAll(HostTriage.rank(List.of(), rest));
        }
        progress.stage("score partitions", System.nanoTime() - t0);
        t0 = System.nanoTime();
        List<Finding> ranked;
        if (store != null) {
            ranked = store.asList();
        } else {
            Finding[] all = candidates.toArray(new Finding[0]);
            FindingRanking ranking = new FindingRanking(all);
            int[] order = kept.all() ? ranking.all() : ranking.select(kept.top(), kept.alerts());
            Finding[] r = new Finding[order.length];
            for (int i = 0; i < order.length; i++) {
                r[i] = all[order[i]].withRank(i + 1);
            }
            ranked = List.of(r);
        }
        List<HostScore> hostScores = HostTriage.merge(hosts);
        progress.stage("rank", System.nanoTime() - t0);
        return new DetectionResult(ranked, agg.flowsRead(), used, channels, below,
                agg.skippedExternalSource(), agg.skippedDestination(), agg.allowlisted(), span.internalSources,
                options, hostScores, channels - below, alerts);
    }

    private static FindingStore openStore() {
        try {
            return new FindingStore(null);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot write temporary files: " + e.getMessage(), e);
        }
    }

    /**
     * First pass over partition {@code p}: adds its sources per destination and internal sources,
     * and widens the span of the scored channels' connections. Builds only the partition's channel
     * keys and spans, not its flow columns.
     */
    private void gather(ChannelAggregator whole, int p, Spanning span) {
        long[] first = {Long.MAX_VALUE}, last = {Long.MIN_VALUE};
        int[] local;
        int internal;
        try (ChannelAggregator part = whole.sourcePartitionKeys(p, (c, n, longest, from, to) -> {
            if (BeaconScorer.makesFinding(n, longest, options)) {
                first[0] = Math.min(first[0], from);
                last[0] = Math.max(last[0], to);
            }
        })) {
            ChannelKeys keys = part.keys();
            ChannelSources sources = ChannelSources.of(keys);
            local = ChannelContext.sourcesPerDestination(keys, sources, whole.destinationCount());
            internal = sources.count();
        }
        synchronized (span) {
            if (span.sourcesPerDestination.length < local.length) {
                span.sourcesPerDestination = java.util.Arrays.copyOf(span.sourcesPerDestination, local.length);
            }
            for (int d = 0; d < local.length; d++) {
                span.sourcesPerDestination[d] += local[d];
            }
            span.internalSources += internal;
            span.first = Math.min(span.first, first[0]);
            span.last = Math.max(span.last, last[0]);
        }
    }
}
