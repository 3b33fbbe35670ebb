package org.beaconwatch.ml;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.beaconwatch.io.FileReport;
import org.beaconwatch.io.FlowInputs;
import org.beaconwatch.io.FlowSource;
import org.beaconwatch.io.ReadOptions;
import org.beaconwatch.score.BeaconDetector;
import org.beaconwatch.score.DetectOptions;
import org.beaconwatch.score.DetectionListener;
import org.beaconwatch.score.Finding;
import org.beaconwatch.table.ChannelTables;
import org.beaconwatch.table.DataTable;

/**
 * Per-channel rows for modelling: runs the detection engine on each input and turns every scored
 * channel ({@link Finding}) into one row: {@code src}, {@code dst}, {@code dst_port}, {@code proto},
 * {@code type}, {@code ts} (first seen), {@code beacon_score} (the engine's combined score, also
 * used by the fused risk), the sub-scores and every statistic of {@link Finding#features()}, and
 * the channel's most frequent flow {@code label} and {@code detailed_label}. Sources outside the
 * internal networks are analysed too, so labelled captures of public hosts yield channels.
 */
public final class ChannelInputs {
    private ChannelInputs() {
    }

    /** Detection options used for modelling: defaults, all sources, one thread (deterministic order). */
    public static DetectOptions options() {
        return DetectOptions.defaults().withAllSources(true).withThreads(1);
    }

    /** Detects channels in each input and returns them as one table ({@code source(row)} = input index). */
    public static TableInputs.Read read(List<Path> inputs, ReadOptions readOptions) throws IOException {
        List<DataTable> parts = new ArrayList<>();
        List<FileReport> reports = new ArrayList<>();
        for (Path p : inputs) {
            try (FlowSource s = FlowInputs.open(List.of(p), readOptions)) {
                List<Finding> f = new BeaconDetector().detect(s, options(), DetectionListener.none()).findings();
                parts.add(table(f));
                reports.addAll(s.reports());
            }
        }
        List<String> names = new ArrayList<>();
        for (Path p : inputs) {
            names.add(p.toString());
        }
        return new TableInputs.Read(TableInputs.concat(parts, names), reports);
    }

    /** One row per finding: {@link ChannelTables#fromFindings}. */
    public static DataTable table(List<Finding> findings) {
        return ChannelTables.fromFindings(findings);
    }
}
