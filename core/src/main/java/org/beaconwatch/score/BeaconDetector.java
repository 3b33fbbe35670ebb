package org.beaconwatch.score;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
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
     * DNS tunnel evidence (dns_tunnel host evidence): a detector that was handed to
     * {@link org.beaconwatch.io.FlowInputs#open(List, org.beaconwatch.io.ReadOptions, int,
     * org.beaconwatch.io.DnsQueries)} and so holds the queries of the source's dns.log files.
     */
    public BeaconDetector withDnsTunnels(DnsTunnelDetector detector) {
        this.dnsTunnels = detector;
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
                intel, dnsTunnels, details);
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
        return pipeline(options, DetectionListener.none()).score(agg);
    }
}
