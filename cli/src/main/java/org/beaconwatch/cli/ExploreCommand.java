package org.beaconwatch.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.beaconwatch.output.Numbers;
import org.beaconwatch.output.TerminalText;
import org.beaconwatch.report.ExploreResult;
import org.beaconwatch.report.ReportWriter;
import org.beaconwatch.report.explore.Exploration;
import org.beaconwatch.report.explore.UnlabelledReport;
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
        Exploration.Options options = label == null ? Exploration.Options.unlabelled(by, maxRows, seed)
                : new Exploration.Options(label, positive, by, maxRows, seed, top, !noChannels, describe());
        Exploration.Outcome o;
        try {
            o = Exploration.run(input.inputs, input.readOptions(), options);
        } catch (IllegalArgumentException e) {
            throw new UsageException(TerminalText.clean(e.getMessage()));
        }
        Reports.printWarnings(o.reports(), System.err);
        if (o.rowsRead() > o.rowsAnalysed()) {
            System.err.println("explore: sampled " + Numbers.count(o.rowsAnalysed()) + " of " + Numbers.count(o.rowsRead())
                    + " rows (seed " + seed + ")" + (o.unlabelled() != null && o.unlabelled().full() != null
                            ? "; every row summarised in a first pass" : ""));
        }
        Path html = o.labelled() != null ? ReportWriter.write(o.labelled(), out) : UnlabelledReport.write(o.unlabelled(), out);
        System.out.println("wrote " + html);
        System.out.println("wrote " + out.resolve(ReportWriter.JSON));
        System.out.println(TerminalText.clean(o.overview()));
        if (o.labelled() != null) {
            ExploreResult result = o.labelled();
            System.out.println(TerminalText.clean(result.labels().sentence()));
            int n = Math.min(5, result.signals().size());
            if (n > 0) {
                System.out.println("strongest signals:");
                for (int i = 0; i < n; i++) {
                    ExploreResult.Signal s = result.signals().get(i);
                    System.out.println("  " + s.rank() + ". " + TerminalText.clean(s.feature()) + "  " + s.effectName()
                            + " = " + Numbers.num(s.effect()) + " (" + s.magnitude() + ")");
                }
            }
        }
        return ExitCodes.OK;
    }

    /** The options as given, for the provenance. */
    private String describe() {
        return "label=" + label + (positive == null ? "" : " positive=" + positive) + " max_rows=" + maxRows + " seed="
                + seed + " top=" + top + (noChannels ? " no_channels" : "");
    }
}
