package org.beaconwatch.ml;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.beaconwatch.io.FileReport;
import org.beaconwatch.io.FlowInputs;
import org.beaconwatch.io.FlowSource;
import org.beaconwatch.io.ReadOptions;
import org.beaconwatch.score.BeaconDetector;
import org.beaconwatch.score.DetectOptions;
import org.beaconwatch.score.DetectionListener;
import org.beaconwatch.score.Finding;
import org.beaconwatch.table.Column;
import org.beaconwatch.table.DataTable;

/**
 * Per-channel rows for modelling: runs the detection engine on each input and turns every scored
 * channel ({@link Finding}) into one row: {@code src}, {@code dst}, {@code dst_port}, {@code proto},
 * {@code type}, {@code ts} (first seen), {@code beacon_score} (the engine's combined score, also
 * used by the fused risk), the sub-scores and every statistic of {@link Finding#features()}, and
 * the channel's most frequent flow {@code label} and {@code detailed_label}. Sources outside the
 * internal networks are analysed too, so labelled captures of public hosts yield channels.
 * (A stop-gap until {@code ChannelTables.fromFindings} is on main; same column idea.)
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

    /** One row per finding. */
    public static DataTable table(List<Finding> findings) {
        int n = findings.size();
        String[] src = new String[n];
        String[] dst = new String[n];
        String[] port = new String[n];
        String[] proto = new String[n];
        String[] type = new String[n];
        String[] label = new String[n];
        String[] detailed = new String[n];
        double[] ts = new double[n];
        Map<String, double[]> num = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            Finding f = findings.get(i);
            src[i] = f.src();
            dst[i] = f.serverName() != null ? f.serverName() : f.dst();
            port[i] = f.dstPort() < 0 ? null : Integer.toString(f.dstPort());
            proto[i] = f.proto();
            type[i] = f.type() == null ? null : f.type().name().toLowerCase(java.util.Locale.ROOT);
            label[i] = f.label();
            detailed[i] = f.detailedLabel();
            ts[i] = f.firstSeen() / 1e6;
            put(num, "beacon_score", i, n, f.score());
            put(num, "conns", i, n, f.conns());
            put(num, "period_seconds", i, n, f.periodSeconds());
            put(num, "jitter", i, n, f.jitter());
            put(num, "timing_score", i, n, f.timingScore());
            put(num, "periodicity_score", i, n, f.periodicityScore());
            put(num, "size_score", i, n, f.sizeScore());
            put(num, "persistence_score", i, n, f.persistenceScore());
            put(num, "prevalence", i, n, f.prevalence());
            put(num, "prevalence_score", i, n, f.prevalenceScore());
            for (var e : f.features().entrySet()) {
                if (e.getValue() != null) {
                    put(num, e.getKey(), i, n, e.getValue());
                }
            }
        }
        List<Column> cols = new ArrayList<>();
        cols.add(new Column.Numeric("ts", Column.Role.TIME, ts));
        cols.add(new Column.Categorical("src", Column.Role.IDENTIFIER, src));
        cols.add(new Column.Categorical("dst", Column.Role.IDENTIFIER, dst));
        cols.add(new Column.Categorical("dst_port", Column.Role.FEATURE, port));
        cols.add(new Column.Categorical("proto", Column.Role.FEATURE, proto));
        cols.add(new Column.Categorical("type", Column.Role.FEATURE, type));
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (Column c : cols) {
            seen.add(DataTable.key(c.name()));
        }
        for (var e : num.entrySet()) {
            if (seen.add(DataTable.key(e.getKey()))) {
                cols.add(new Column.Numeric(e.getKey(), Column.Role.FEATURE, e.getValue()));
            }
        }
        cols.add(new Column.Categorical("label", Column.Role.LABEL, label));
        cols.add(new Column.Categorical("detailed_label", Column.Role.LABEL, detailed));
        return new DataTable(cols, null, List.of("channels"));
    }

    private static void put(Map<String, double[]> m, String name, int row, int n, double v) {
        double[] a = m.computeIfAbsent(name, k -> {
            double[] x = new double[n];
            java.util.Arrays.fill(x, Double.NaN);
            return x;
        });
        a[row] = Double.isFinite(v) ? v : Double.NaN;
    }
}
