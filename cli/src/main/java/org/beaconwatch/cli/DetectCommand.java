package org.beaconwatch.cli;

import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.beaconwatch.io.FlowInputs;
import org.beaconwatch.io.FlowSource;
import org.beaconwatch.output.FindingWriter;
import org.beaconwatch.output.OutputFormat;
import org.beaconwatch.score.BeaconDetector;
import org.beaconwatch.score.DetectOptions;
import org.beaconwatch.score.DetectionResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code beaconwatch detect}: rank the channels that look like C2 beaconing. */
@Command(name = "detect", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Ranks the channels (source -> destination:port/proto, or source -> server name) that look "
                + "like command-and-control beaconing, with one plain sentence of explanation each.",
            "Scores: timing regularity, periodicity, size consistency, persistence and prevalence, each in [0, 1], "
                + "combined into one score; strobes (very frequent) and long connections are their own finding types.",
            "The whole time span of the input is analysed at microsecond precision."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:no alerts", "1:error", "2:usage error", "3:alerts found"})
final class DetectCommand implements Callable<Integer> {

    @Mixin
    InputOptions input;

    @Mixin
    DetectionOptions detection;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
            description = "table (top findings for a terminal), csv or jsonl (one row per scored channel). "
                    + "Default: ${DEFAULT-VALUE}.")
    String format = "table";

    @Option(names = {"-o", "--out"}, paramLabel = "FILE",
            description = "Write findings to FILE instead of stdout (and provenance to FILE.meta.json).")
    Path out;

    @Option(names = "--top", paramLabel = "N", defaultValue = "20",
            description = "Rows in the table format. Default: ${DEFAULT-VALUE}.")
    int top = 20;

    @Option(names = "--alerts-only", description = "Write only findings that alert (csv and jsonl).")
    boolean alertsOnly;

    @Option(names = "--timing", description = "Print how long each stage took (read and group, sort, score, rank, "
            + "write) on stderr.")
    boolean timing;

    @Override
    public Integer call() throws Exception {
        OutputFormat fmt;
        try {
            fmt = OutputFormat.parse(format);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--format: " + e.getMessage());
        }
        DetectOptions options = detection.toOptions();
        Provenance provenance = Provenance.start(input.inputs);
        long start = System.nanoTime();
        DetectionResult result;
        Progress progress = new Progress("detect");
        try (FlowSource source = FlowInputs.open(input.inputs, input.readOptions())) {
            try {
                result = new BeaconDetector().detect(source, options, progress);
            } finally { // the per-file warnings explain a "nothing to analyse" error too
                progress.close();
                Reports.printWarnings(source.reports(), System.err);
            }
        }
        long w0 = System.nanoTime();
        write(result, fmt, alertsOnly, top, out);
        progress.stage("write " + fmt.name().toLowerCase(Locale.ROOT), w0, System.nanoTime());
        if (out != null) {
            long p0 = System.nanoTime();
            provenance.write(Path.of(out + ".meta.json"), "detect", detection.describe() + " format=" + format);
            progress.stage("provenance", p0, System.nanoTime());
        }
        if (fmt != OutputFormat.TABLE || out != null) { // the table ends with its own summary line
            summary(result, out);
        }
        explainSkips(result);
        if (timing) {
            progress.printStages(System.nanoTime() - start);
        }
        return result.alerts().isEmpty() ? ExitCodes.OK : ExitCodes.ALERTS;
    }

    static void write(DetectionResult result, OutputFormat fmt, boolean alertsOnly, int top, Path out) throws Exception {
        FindingWriter writer = FindingWriter.of(fmt, top);
        if (out == null) {
            OutputStream o = new BufferedOutputStream(System.out, 1 << 16);
            emit(writer, result, fmt, alertsOnly, o);
            o.flush();
        } else {
            Path parent = out.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            try (OutputStream o = new BufferedOutputStream(Files.newOutputStream(out), 1 << 16)) {
                emit(writer, result, fmt, alertsOnly, o);
            }
        }
    }

    private static void emit(FindingWriter w, DetectionResult r, OutputFormat fmt, boolean alertsOnly, OutputStream o)
            throws java.io.IOException {
        if (alertsOnly && fmt != OutputFormat.TABLE) {
            w.write(r.alerts(), o);
        } else {
            w.write(r, o);
        }
    }

    /** When nothing (or little) was analysed, says where the flows went and what to try. */
    static void explainSkips(DetectionResult r) {
        if (r.flowsRead() == 0 || r.flowsUsed() > 0 && r.skippedExternalSource() * 2 < r.flowsRead()) {
            return;
        }
        System.err.printf(Locale.ROOT, "note: %,d of %,d flows analysed; skipped: %,d with a source outside the "
                        + "internal networks, %,d to internal/multicast/broadcast destinations, %,d allowlisted%n",
                r.flowsUsed(), r.flowsRead(), r.skippedExternalSource(), r.skippedDestination(), r.allowlisted());
        if (r.skippedExternalSource() > 0) {
            System.err.println("note: if your hosts use public addresses, give them with --internal CIDR "
                    + "(e.g. --internal 147.32.0.0/16), or analyse every source with --all-sources; "
                    + "inputs without addresses (NSL-KDD) have no channels.");
        }
    }

    static void summary(DetectionResult r, Path out) {
        System.err.printf(Locale.ROOT, "%,d flows read, %,d in %,d scored channels; %,d alert%s%s%n", r.flowsRead(),
                r.flowsUsed(), r.findings().size(), r.alerts().size(), r.alerts().size() == 1 ? "" : "s",
                out == null ? "" : "; findings written to " + out);
    }
}
