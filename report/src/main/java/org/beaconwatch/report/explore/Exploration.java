package org.beaconwatch.report.explore;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.beaconwatch.io.FileReport;
import org.beaconwatch.io.FlowInputs;
import org.beaconwatch.io.FlowSource;
import org.beaconwatch.io.ReadOptions;
import org.beaconwatch.report.InputDigests;
import org.beaconwatch.table.DataTable;
import org.beaconwatch.table.FlowTables;

/**
 * The exploration workflow of an unlabelled log in one call, so the command only parses options and
 * prints: with {@code maxRows == 0} a streaming first pass ({@link FullScan}) summarises every row in
 * bounded memory, then a seeded sample (at most {@link #FULL_SCAN_SAMPLE} rows, or {@code maxRows})
 * feeds the sections that need rows side by side.
 */
public final class Exploration {
    /** Rows kept for the sample-based sections when every row is summarised in a first pass. */
    public static final int FULL_SCAN_SAMPLE = 200_000;
    /** Rows per chunk of the streaming pass. */
    static final int CHUNK = 1 << 16;

    private Exploration() {
    }

    /**
     * Options of an exploration.
     *
     * @param by       columns to group by
     * @param maxRows  rows analysed (seeded sample beyond it); 0 = summarise every row
     * @param seed     seed of the sample
     * @param tool     tool name and version for the page
     */
    public record Options(List<String> by, int maxRows, long seed, String tool) {
        public Options {
            by = List.copyOf(by);
        }
    }

    /**
     * The result of an exploration and what was read for it.
     *
     * @param result       the exploration
     * @param reports      per-file read reports (for warnings)
     * @param rowsRead     rows in the input
     * @param rowsAnalysed rows in the sample
     */
    public record Outcome(UnlabelledResult result, List<FileReport> reports, long rowsRead, int rowsAnalysed) {
        public Outcome {
            reports = List.copyOf(reports);
        }
    }

    /**
     * Explores the inputs.
     *
     * @throws IllegalArgumentException naming a --by column that does not exist
     */
    public static Outcome run(List<Path> inputs, ReadOptions read, Options o) throws IOException {
        FullScan.Result full = null;
        if (o.maxRows() == 0) {
            FullScan scan = new FullScan();
            try (FlowSource source = FlowInputs.open(inputs, read)) {
                FlowTables.chunks(source, CHUNK, scan::add);
            }
            full = scan.result();
        }
        int keep = o.maxRows() == 0 ? FULL_SCAN_SAMPLE : o.maxRows();
        DataTable table;
        long rowsRead = 0;
        List<String> files;
        List<FileReport> reports;
        try (FlowSource source = FlowInputs.open(inputs, read)) {
            table = FlowTables.read(source, keep, o.seed());
            reports = new ArrayList<>(source.reports());
            for (FileReport r : reports) {
                if (!r.format().isCompanion()) { // ssl/http/dns records enrich flows, they are not rows
                    rowsRead += r.recordsRead();
                }
            }
            files = source.files();
        }
        boolean sampled = rowsRead > table.rows();
        String opts = "max_rows=" + o.maxRows() + " seed=" + o.seed() + (o.by().isEmpty() ? "" : " by="
                + String.join(",", o.by()));
        UnlabelledResult result = UnlabelledExploration.explore(table, sampled ? rowsRead : table.rows(), sampled,
                o.seed(), o.by(), InputDigests.of(files), o.tool(), opts, sampled ? full : null);
        return new Outcome(result, reports, rowsRead, table.rows());
    }
}
