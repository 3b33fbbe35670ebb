package org.beaconwatch.score;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.beaconwatch.channel.ChannelAggregator;
import org.beaconwatch.flow.FlowBatch;
import org.beaconwatch.dns.DnsTunnelDetector;
import org.beaconwatch.intel.IntelSet;
import org.beaconwatch.io.FlowSource;
import org.beaconwatch.io.NothingToAnalyseException;

/**
 * Entry point of beacon detection: streams flows into channels, scores every channel in parallel
 * and ranks the findings (the threads: {@link DetectionPipeline}), then scores every internal host
 * from all its evidence. Memory is a few primitive values per flow kept; findings are ranked by
 * score (ties: more connections first, then channel text), so the same input and options give
 * the same output.
 */
public final class BeaconDetector {
    private long memory;
    private IntelSet intel = IntelSet.empty();
    private FindingsKept kept = FindingsKept.ALL;
    private DnsTunnelDetector dnsTunnels;

    /** Where the details of the shown findings go, or null (plain detection keeps nothing more). */
    private final FindingDetails details;

    public BeaconDetector() {
        this(null);
    }

    /** A detector that also keeps the details of the findings a report shows (see {@link FindingDetails}). */
    public BeaconDetector(FindingDetails details) {
        this.details = details;
    }

    /**
     * Keep at most about {@code bytes} of flows in memory; past that, flows are written to
     * compressed temporary files (removed afterwards, on failure and on Ctrl-C too) and channels are
     * scored one partition at a time. Findings do not depend on the budget. Default: a third of the
     * JVM's maximum heap.
     */
    public BeaconDetector withMemory(long bytes) {
        if (bytes <= 0) {
            throw new IllegalArgumentException("memory must be positive, got " + bytes);
        }
        this.memory = bytes;
        return this;
    }

    /**
     * Cut the input by source host into {@code partitions} temporary files (a power of two) and
     * score one at a time, in bounded memory; 0: never; -1 (default): when the input's size says it
     * would not fit in the heap grouped whole. Findings, ranks and host table do not depend on it.
     * Not with a report's details ({@link #BeaconDetector(FindingDetails)}): those need the whole input.
     */
    public BeaconDetector cuttingBySource(int partitions) {
        if (partitions != -1) {
            String why = checkPartitions(partitions);
            if (why != null) {
                throw new IllegalArgumentException(why);
            }
        }
        this.cut = partitions;
        return this;
    }

    /** Why {@code partitions} cannot be a number of source partitions (0: never cut), or null when it can. */
    public static String checkPartitions(int partitions) {
        if (partitions < 0 || partitions > DetectionPipeline.MAX_SOURCE_PARTITIONS
                || (partitions > 0 && Integer.bitCount(partitions) != 1)) {
            return "partitions must be 0 or a power of two up to " + DetectionPipeline.MAX_SOURCE_PARTITIONS
                    + ", got " + partitions;
        }
        return null;
    }

    private int cut = -1;

    /**
     * DNS tunnel evidence (dns_tunnel host evidence): a detector that was handed to
     * {@link org.beaconwatch.io.FlowInputs#open(List, org.beaconwatch.io.ReadOptions, int,
     * org.beaconwatch.io.DnsQueries)} and so holds the queries of the source's dns.log files.
     */
    public BeaconDetector withDnsTunnels(DnsTunnelDetector detector) {
        this.dnsTunnels = detector;
        return this;
    }

    /**
     * Which findings the result holds (default: all). Counts, alerts and host triage always cover
     * every scored channel; only the findings list is cut, and it is never fully sorted when cut.
     */
    public BeaconDetector keeping(FindingsKept which) {
        this.kept = java.util.Objects.requireNonNull(which, "which");
        return this;
    }

    /** Indicators of compromise to match channels against (threat_intel host evidence). */
    public BeaconDetector withIntel(IntelSet indicators) {
        this.intel = indicators;
        return this;
    }

    /**
     * Reads the whole source and scores its channels ({@link DetectionPipeline}: parsing threads
     * in the source, checking and grouping overlapped, scoring on every core). Progress is
     * reported from the calling thread.
     *
     * @throws NothingToAnalyseException when no record was read, or no flow formed a channel
     */
    public DetectionResult detect(FlowSource source, DetectOptions options, DetectionListener progress) throws IOException {
        return pipeline(options, progress).run(source);
    }

    private DetectionPipeline pipeline(DetectOptions options, DetectionListener progress) {
        return new DetectionPipeline(options, progress, memory > 0 ? memory : DetectionPipeline.defaultMemory(),
                intel, dnsTunnels, details).keeping(kept).cuttingBySource(cut);
    }

    /** Scores flows given as batches (tests, small inputs). */
    public DetectionResult detect(Iterable<FlowBatch> batches, DetectOptions options) {
        ChannelAggregator agg = new ChannelAggregator(options.scope()).threads(options.threads());
        for (FlowBatch b : batches) {
            agg.add(b);
        }
        return score(agg, options);
    }

    /**
     * Orders findings by score (descending), then connections (descending), then channel text, then
     * the order given ({@link FindingRanking}).
     */
    static List<Finding> rank(List<Finding> findings) {
        Finding[] all = findings.toArray(new Finding[0]);
        int[] order = new FindingRanking(all).all();
        List<Finding> out = new ArrayList<>(order.length);
        for (int i : order) {
            out.add(all[i]);
        }
        return out;
    }

    /** Finishes the aggregator and scores its channels. */
    public DetectionResult score(ChannelAggregator agg, DetectOptions options) {
        return pipeline(options, DetectionListener.none()).score(agg);
    }
}
