package org.beaconwatch.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.beaconwatch.flow.Flow;
import org.beaconwatch.flow.FlowBatch;

/**
 * What one input (a file or a directory) holds, computed by streaming its flows once: detected
 * formats, records read and skipped, time span, exact distinct source and destination counts,
 * top talkers, and label counts where the input has labels. This is the library side of
 * {@code beaconwatch inspect}; it prints nothing.
 *
 * @param input                the input as given
 * @param files                per-file reports (companion logs included)
 * @param formats              detected formats, in first-seen order
 * @param recordsRead          flows read (companion log records not included)
 * @param recordsSkipped       malformed records skipped, all files
 * @param truncated            true when a file ended early (truncated gzip or zstd)
 * @param firstTsMicros        earliest flow start, epoch microseconds (0 when no flows)
 * @param lastTsMicros         latest flow start (0 when no flows)
 * @param distinctSources      distinct source addresses (absent addresses not counted)
 * @param distinctDestinations distinct destination addresses
 * @param topSourcesByFlows    up to 10 sources with the most flows
 * @param topSourcesByBytes    up to 10 sources with the most bytes (both directions)
 * @param topDestinations      up to 10 destinations with the most flows
 * @param labels               flows per label (sorted by label); empty when unlabelled
 * @param detailedLabels       flows per detailed label; empty when none
 * @param unlabelled           flows without a label
 */
public record InputProfile(String input, List<FileReport> files, List<LogFormat> formats, long recordsRead,
                           long recordsSkipped, boolean truncated, long firstTsMicros, long lastTsMicros,
                           long distinctSources, long distinctDestinations, List<Talker> topSourcesByFlows,
                           List<Talker> topSourcesByBytes, List<Talker> topDestinations, Map<String, Long> labels,
                           Map<String, Long> detailedLabels, long unlabelled) {

    /** How many top talkers are kept. */
    public static final int TOP = 10;

    /**
     * One address with its flow count and bytes (payload bytes both ways where the format has
     * them, else IP-level bytes).
     */
    public record Talker(org.beaconwatch.flow.IpAddress address, long flows, long bytes) {
    }

    public InputProfile {
        files = List.copyOf(files);
        formats = List.copyOf(formats);
        topSourcesByFlows = List.copyOf(topSourcesByFlows);
        topSourcesByBytes = List.copyOf(topSourcesByBytes);
        topDestinations = List.copyOf(topDestinations);
        labels = Collections.unmodifiableMap(new TreeMap<>(labels));
        detailedLabels = Collections.unmodifiableMap(new TreeMap<>(detailedLabels));
    }

    /** Time span in microseconds (last - first start). */
    public long spanMicros() {
        return lastTsMicros - firstTsMicros;
    }

    /**
     * Profiles each input separately (one profile per argument, in order).
     *
     * @throws MalformedRecordException as {@link FlowInputs#open} does, or under FAIL
     */
    public static List<InputProfile> profile(List<Path> inputs, ReadOptions options) throws IOException {
        List<InputProfile> out = new ArrayList<>(inputs.size());
        for (Path p : inputs) {
            out.add(profile(p, options));
        }
        return out;
    }

    /** Profiles one file or directory. */
    public static InputProfile profile(Path input, ReadOptions options) throws IOException {
        AddressCounts src = new AddressCounts(), dst = new AddressCounts();
        Map<String, long[]> labels = new HashMap<>(), detailed = new HashMap<>();
        long n = 0, unlabelled = 0, first = Long.MAX_VALUE, last = Long.MIN_VALUE;
        List<FileReport> reports;
        try (FlowSource s = FlowInputs.open(List.of(input), options)) {
            FlowBatch b = new FlowBatch();
            while (s.read(b)) {
                int size = b.size();
                for (int i = 0; i < size; i++) {
                    long ts = b.ts[i];
                    first = Math.min(first, ts);
                    last = Math.max(last, ts);
                    long bytes = bytes(b, i);
                    if (b.srcHi[i] != 0 || b.srcLo[i] != 0) {
                        src.add(b.srcHi[i], b.srcLo[i], bytes);
                    }
                    if (b.dstHi[i] != 0 || b.dstLo[i] != 0) {
                        dst.add(b.dstHi[i], b.dstLo[i], bytes);
                    }
                    String l = b.label[i];
                    if (l == null) {
                        unlabelled++;
                    } else {
                        labels.computeIfAbsent(l, k -> new long[1])[0]++;
                    }
                    String d = b.detailedLabel[i];
                    if (d != null) {
                        detailed.computeIfAbsent(d, k -> new long[1])[0]++;
                    }
                }
                n += size;
            }
            reports = s.reports();
        }
        Set<LogFormat> formats = new LinkedHashSet<>();
        long skipped = 0;
        boolean truncated = false;
        for (FileReport r : reports) {
            formats.add(r.format());
            skipped += r.recordsSkipped();
            truncated |= r.truncated();
        }
        return new InputProfile(input.toString(), reports, new ArrayList<>(formats), n, skipped, truncated,
                n == 0 ? 0 : first, n == 0 ? 0 : last, src.size(), dst.size(), src.top(TOP, false), src.top(TOP, true),
                dst.top(TOP, false), counts(labels), counts(detailed), unlabelled);
    }

    private static long bytes(FlowBatch b, int i) {
        long o = b.origBytes[i], r = b.respBytes[i];
        if (o == Flow.UNSET && r == Flow.UNSET) {
            o = b.origIpBytes[i];
            r = b.respIpBytes[i];
        }
        return Math.max(o, 0) + Math.max(r, 0);
    }

    private static Map<String, Long> counts(Map<String, long[]> m) {
        Map<String, Long> out = new TreeMap<>();
        for (Map.Entry<String, long[]> e : m.entrySet()) {
            out.put(e.getKey(), e.getValue()[0]);
        }
        return out;
    }
}
