package org.beaconwatch.report.explore;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.beaconwatch.io.FileReport;
import org.beaconwatch.io.FlowInputs;
import org.beaconwatch.io.FlowSource;
import org.beaconwatch.io.ReadOptions;
import org.beaconwatch.output.Numbers;
import org.beaconwatch.output.Provenance;
import org.beaconwatch.report.ExploreOptions;
import org.beaconwatch.report.ExploreResult;
import org.beaconwatch.report.Explorer;
import org.beaconwatch.score.BeaconDetector;
import org.beaconwatch.score.DetectOptions;
import org.beaconwatch.score.DetectionListener;
import org.beaconwatch.score.DetectionResult;
import org.beaconwatch.table.ChannelTables;
import org.beaconwatch.table.DataTable;
import org.beaconwatch.table.FlowTables;

/**
 * The exploration workflow in one call, labelled or not, so the command only parses options and
 * prints. Without a label: with {@code maxRows == 0} a streaming first pass ({@link FullScan})
 * summarises every row in bounded memory, then a seeded sample (at most {@link #FULL_SCAN_SAMPLE}
 * rows, or {@code maxRows}) feeds the sections that need rows side by side. With a label: a seeded
 * sample (or every row) is explored against the label by {@link Explorer}, and the detection engine
 * scores the channels for the channel view unless {@code channels} is off.
 */
public final class Exploration {
    /** Rows kept for the sample-based sections when every row is summarised in a first pass. */
    public static final int FULL_SCAN_SAMPLE = 200_000;
    /** Rows per chunk of the streaming pass. */
    static final int CHUNK = 1 << 16;

    private Exploration() {
    }

    /**
     * What to explore and how.
     *
     * @param label       label column, or null to explore the log as unlabelled
     * @param positive    label value counted as positive, or null (see {@link ExploreOptions})
     * @param by          unlabelled: columns to group by
     * @param maxRows     rows analysed (seeded sample beyond it); 0 = every row
     * @param seed        seed of the sample, the Isolation Forest and plotted points
     * @param topOutliers labelled: most anomalous records listed
     * @param channels    labelled: run the detection engine for the channel view
     * @param described   the options as given, for the provenance
     */
    public record Options(String label, String positive, List<String> by, int maxRows, long seed, int topOutliers,
                          boolean channels, String described) {
        public Options {
            by = List.copyOf(by);
        }

        /** Unlabelled exploration. */
        public static Options unlabelled(List<String> by, int maxRows, long seed) {
            return new Options(null, null, by, maxRows, seed, 1, false, "max_rows=" + maxRows + " seed=" + seed
                    + (by.isEmpty() ? "" : " by=" + String.join(",", by)));
        }
    }

    /**
     * What an exploration produced.
     *
     * @param labelled     the labelled exploration, or null
     * @param unlabelled   the unlabelled exploration, or null
     * @param reports      per-file read reports (for warnings)
     * @param rowsRead     rows in the input
     * @param rowsAnalysed rows in the sample
     */
    public record Outcome(ExploreResult labelled, UnlabelledResult unlabelled, List<FileReport> reports, long rowsRead,
                          int rowsAnalysed) {
        public Outcome {
            reports = List.copyOf(reports);
        }

        /** The first sentence of the report, for the terminal. */
        public String overview() {
            return labelled != null ? labelled.overview().sentence() : unlabelled.overview().sentence();
        }
    }

    /**
     * Explores the inputs.
     *
     * @throws IllegalArgumentException naming a label or --by column that does not exist (a usage error)
     */
    public static Outcome run(List<Path> inputs, ReadOptions read, Options o) throws IOException {
        return o.label() == null ? unlabelled(inputs, read, o) : labelled(inputs, read, o);
    }

    private record Rows(DataTable table, long rowsRead, List<FileReport> reports, List<String> files) {
    }

    private static Rows read(List<Path> inputs, ReadOptions read, int keep, long seed) throws IOException {
        try (FlowSource source = FlowInputs.open(inputs, read)) {
            DataTable table = FlowTables.read(source, keep, seed);
            List<FileReport> reports = new ArrayList<>(source.reports());
            long rowsRead = 0;
            for (FileReport r : reports) {
                if (!r.format().isCompanion()) { // ssl/http/dns records enrich flows, they are not rows
                    rowsRead += r.recordsRead();
                }
            }
            return new Rows(table, rowsRead, reports, source.files());
        }
    }

    private static Outcome unlabelled(List<Path> inputs, ReadOptions read, Options o) throws IOException {
        FullScan.Result full = null;
        if (o.maxRows() == 0) {
            FullScan scan = new FullScan();
            try (FlowSource source = FlowInputs.open(inputs, read)) {
                FlowTables.chunks(source, CHUNK, scan::add);
            }
            full = scan.result();
        }
        Rows rows = read(inputs, read, o.maxRows() == 0 ? FULL_SCAN_SAMPLE : o.maxRows(), o.seed());
        DataTable table = rows.table();
        boolean sampled = rows.rowsRead() > table.rows();
        Provenance prov = Provenance.of("explore", o.described(), Provenance.digestNames(rows.files()));
        UnlabelledResult result;
        try {
            result = UnlabelledExploration.explore(table, sampled ? rows.rowsRead() : table.rows(), sampled, o.seed(),
                    o.by(), prov, sampled ? full : null);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--by: " + e.getMessage(), e);
        }
        return new Outcome(null, result, rows.reports(), rows.rowsRead(), table.rows());
    }

    private static Outcome labelled(List<Path> inputs, ReadOptions read, Options o) throws IOException {
        ExploreOptions options = new ExploreOptions(o.label(), o.positive(), o.maxRows(), o.seed(), o.topOutliers());
        Rows rows = read(inputs, read, o.maxRows(), o.seed());
        DataTable table = rows.table();
        if (table.column(o.label()).isEmpty()) {
            throw new IllegalArgumentException("no label column '" + o.label() + "'; columns are "
                    + String.join(", ", table.names()));
        }
        // Only a --max-rows reservoir sample makes the table smaller than the input.
        boolean sampled = o.maxRows() > 0 && rows.rowsRead() > table.rows();
        DataTable channels = null;
        String channelNote;
        if (!o.channels()) {
            channelNote = "Skipped (--no-channels).";
        } else if (table.column("src").isEmpty() || table.column("dst").isEmpty() || table.column("ts").isEmpty()) {
            channelNote = "The input has no source, destination and time columns, so it has no channels.";
        } else {
            DetectOptions detect = DetectOptions.defaults().withSeed(o.seed());
            DetectionResult dr;
            try (FlowSource source = FlowInputs.open(inputs, read)) {
                dr = new BeaconDetector().detect(source, detect, DetectionListener.none());
            }
            if (dr.findings().isEmpty()) {
                channelNote = "The detection engine found no channel with at least " + detect.minConns()
                        + " connections from an internal source in " + Numbers.count(dr.flowsRead()) + " flows, so "
                        + "there is nothing to explore at channel level (e.g. each source-destination pair occurs "
                        + "only once).";
            } else {
                channels = ChannelTables.fromFindings(dr.findings());
                channelNote = Numbers.count(dr.findings().size()) + " channels scored by the detection engine (default "
                        + "options: internal sources, at least " + detect.minConns() + " connections) from "
                        + Numbers.count(dr.flowsUsed()) + " of " + Numbers.count(dr.flowsRead()) + " flows; each "
                        + "channel carries the most frequent label of its flows.";
            }
        }
        Provenance prov = Provenance.of("explore", o.described(), Provenance.digestNames(rows.files()));
        ExploreResult result = Explorer.explore(table, options, sampled ? rows.rowsRead() : table.rows(), prov,
                channels, channelNote);
        return new Outcome(result, null, rows.reports(), rows.rowsRead(), table.rows());
    }
}
