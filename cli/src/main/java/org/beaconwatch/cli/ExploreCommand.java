package org.beaconwatch.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.beaconwatch.io.FileReport;
import org.beaconwatch.io.FlowInputs;
import org.beaconwatch.io.FlowSource;
import org.beaconwatch.output.TerminalText;
import org.beaconwatch.report.ExploreOptions;
import org.beaconwatch.report.ExploreResult;
import org.beaconwatch.report.Explorer;
import org.beaconwatch.report.InputDigests;
import org.beaconwatch.report.ReportWriter;
import org.beaconwatch.report.explore.Exploration;
import org.beaconwatch.report.explore.UnlabelledReport;
import org.beaconwatch.score.BeaconDetector;
import org.beaconwatch.score.DetectOptions;
import org.beaconwatch.score.DetectionListener;
import org.beaconwatch.score.DetectionResult;
import org.beaconwatch.table.ChannelTables;
import org.beaconwatch.table.DataTable;
import org.beaconwatch.table.FlowTables;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code beaconwatch explore}: the exploration report of a labelled sample. */
@Command(name = "explore", mixinStandardHelpOptions = true,
        description = {"Explores a labelled traffic sample before modelling: missing values, label balance, "
                + "outliers (Tukey, robust z, Isolation Forest), every feature tested against the label with effect "
                + "sizes, correlations, the channel view for flow logs, and a ranked table of signals.",
            "Writes DIR/report.html (one self-contained page) and DIR/summary.json (every figure)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:report written", "1:error (unreadable input, I/O failure)",
            "2:usage error (unknown option, bad value, no such label column)"})
final class ExploreCommand implements Callable<Integer> {

    @Mixin
    InputOptions input;

    @Option(names = "--label", paramLabel = "COLUMN",
            description = "Label column (case, '_', '-' and '.' are ignored: detailed-label = detailed_label). "
                    + "Without it the log is explored as unlabelled traffic: distributions, outliers, correlation, "
                    + "groups (--by), activity over time and top talkers.")
    String label;

    @Option(names = "--by", paramLabel = "COLUMN", split = ",",
            description = "Unlabelled logs: group by these columns (e.g. --by service,conn_state): box plots and "
                    + "summary tables per group.")
    List<String> by = new ArrayList<>();

    @Option(names = "--positive", paramLabel = "VALUE",
            description = "Label value counted as positive (case-insensitive); every other row, rows without a "
                    + "value included, is the other class (e.g. --label detailed-label --positive CC). Default: every "
                    + "value read as malicious (Malicious, 1, botnet, attack names, C&C ...) against benign, normal "
                    + "and background; rows without a label are then left out of the tests.")
    String positive;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Output directory (created).")
    Path out;

    @Option(names = "--max-rows", paramLabel = "N", defaultValue = "200000",
            description = "Rows analysed; beyond it a seeded uniform sample is taken, and the report says so. "
                    + "0 = all. Default: ${DEFAULT-VALUE}.")
    int maxRows;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42",
            description = "Seed of the sample, the Isolation Forest and plotted points. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--top", paramLabel = "N", defaultValue = "20",
            description = "How many of the most anomalous records to list. Default: ${DEFAULT-VALUE}.")
    int top;

    @Option(names = "--no-channels",
            description = "Skip the channel view (saves the detection engine's second pass over the input).")
    boolean noChannels;

    @Override
    public Integer call() throws Exception {
        if (maxRows < 0) {
            throw new UsageException("--max-rows must be >= 0, got " + maxRows);
        }
        if (top < 1) {
            throw new UsageException("--top must be >= 1, got " + top);
        }
        if (label != null && !by.isEmpty()) {
            throw new UsageException("--by applies to unlabelled exploration (without --label)");
        }
        new OutputPaths().inputs(input.inputs).folder("--out", out, ReportWriter.HTML, ReportWriter.JSON).check();
        if (label == null) {
            return unlabelled();
        }
        ExploreOptions options = new ExploreOptions(label, positive, maxRows, seed, top);
        DataTable table;
        long rowsRead = 0;
        List<String> files;
        try (FlowSource source = FlowInputs.open(input.inputs, input.readOptions())) {
            table = FlowTables.read(source, maxRows, seed);
            Reports.printWarnings(source.reports(), System.err);
            for (FileReport r : source.reports()) {
                if (!r.format().isCompanion()) { // ssl/http/dns records enrich flows, they are not rows
                    rowsRead += r.recordsRead();
                }
            }
            files = source.files();
        }
        if (table.column(label).isEmpty()) {
            throw new UsageException("no label column '" + TerminalText.clean(label) + "'; columns are "
                    + TerminalText.clean(String.join(", ", table.names())));
        }
        // Only a --max-rows reservoir sample makes the table smaller than the input.
        boolean sampled = maxRows > 0 && rowsRead > table.rows();
        long totalRows = sampled ? rowsRead : table.rows();
        if (sampled) {
            System.err.printf(Locale.ROOT, "explore: sampled %,d of %,d rows (seed %d)%n", table.rows(), rowsRead, seed);
        }
        DataTable channels = null;
        String channelNote;
        if (noChannels) {
            channelNote = "Skipped (--no-channels).";
        } else if (table.column("src").isEmpty() || table.column("dst").isEmpty() || table.column("ts").isEmpty()) {
            channelNote = "The input has no source, destination and time columns, so it has no channels.";
        } else {
            DetectOptions detect = DetectOptions.defaults().withSeed(seed);
            DetectionResult dr;
            try (FlowSource source = FlowInputs.open(input.inputs, input.readOptions())) {
                dr = new BeaconDetector().detect(source, detect, DetectionListener.none());
            }
            if (dr.findings().isEmpty()) {
                channelNote = String.format(Locale.ROOT, "The detection engine found no channel with at least %d "
                        + "connections from an internal source in %,d flows, so there is nothing to explore at channel "
                        + "level (e.g. each source-destination pair occurs only once).", detect.minConns(), dr.flowsRead());
            } else {
                channels = ChannelTables.fromFindings(dr.findings());
                channelNote = String.format(Locale.ROOT, "%,d channels scored by the detection engine (default options: "
                        + "internal sources, at least %d connections) from %,d of %,d flows; each channel carries the "
                        + "most frequent label of its flows.", dr.findings().size(), detect.minConns(), dr.flowsUsed(),
                        dr.flowsRead());
            }
        }
        ExploreResult result = Explorer.explore(table, options, totalRows,
                InputDigests.of(files), channels, channelNote);
        Path html = ReportWriter.write(result, out);
        System.out.println("wrote " + html);
        System.out.println("wrote " + out.resolve(ReportWriter.JSON));
        System.out.println(TerminalText.clean(result.overview().sentence()));
        System.out.println(TerminalText.clean(result.labels().sentence()));
        int n = Math.min(5, result.signals().size());
        if (n > 0) {
            System.out.println("strongest signals:");
            for (int i = 0; i < n; i++) {
                ExploreResult.Signal s = result.signals().get(i);
                System.out.printf(Locale.ROOT, "  %d. %s  %s = %.3f (%s)%n", s.rank(), TerminalText.clean(s.feature()),
                        s.effectName(),
                        s.effect(), s.magnitude());
            }
        }
        return ExitCodes.OK;
    }

    /** Explores a log without a label column (see {@link Exploration}). */
    private Integer unlabelled() throws Exception {
        Exploration.Outcome o;
        try {
            o = Exploration.run(input.inputs, input.readOptions(), new Exploration.Options(by, maxRows, seed,
                    "beaconwatch explore " + org.beaconwatch.BuildInfo.version()));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--by: " + TerminalText.clean(e.getMessage()));
        }
        Reports.printWarnings(o.reports(), System.err);
        if (o.rowsRead() > o.rowsAnalysed()) {
            System.err.printf(Locale.ROOT, "explore: sampled %,d of %,d rows (seed %d)%s%n", o.rowsAnalysed(),
                    o.rowsRead(), seed, o.result().full() == null ? "" : "; every row summarised in a first pass");
        }
        Path html = UnlabelledReport.write(o.result(), out);
        System.out.println("wrote " + html);
        System.out.println("wrote " + out.resolve("summary.json"));
        System.out.println(TerminalText.clean(o.result().overview().sentence()));
        return ExitCodes.OK;
    }
}
