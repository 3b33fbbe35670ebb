package org.beaconwatch.cli;

import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.beaconwatch.dns.DnsTunnelDetector;
import org.beaconwatch.intel.IntelSet;
import org.beaconwatch.io.FileReport;
import org.beaconwatch.io.FlowInputs;
import org.beaconwatch.io.FlowSource;
import org.beaconwatch.ml.ChannelModelScores;
import org.beaconwatch.output.AtomicOutput;
import org.beaconwatch.output.DetectionSummary;
import org.beaconwatch.output.FindingWriter;
import org.beaconwatch.output.HostWriter;
import org.beaconwatch.output.OutputFormat;
import org.beaconwatch.output.SyslogOutput;
import org.beaconwatch.output.TerminalText;
import org.beaconwatch.score.BeaconDetector;
import org.beaconwatch.score.DetectOptions;
import org.beaconwatch.score.DetectionResult;
import org.beaconwatch.score.Finding;
import org.beaconwatch.score.FindingDetails;
import org.beaconwatch.score.FindingsKept;
import org.beaconwatch.report.detection.DetectionReport;
import org.beaconwatch.verdict.Verdict;
import org.beaconwatch.verdict.VerdictFile;
import org.beaconwatch.verdict.Verdicts;
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

    @Mixin
    SiemOptions siem;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
            description = "table (top findings for a terminal), csv, jsonl (one row per scored channel) or ecs "
                    + "(JSON lines shaped like the Elastic Common Schema). "
                    + "Default: ${DEFAULT-VALUE}.")
    String format = "table";

    @Option(names = {"-o", "--out"}, paramLabel = "FILE",
            description = "Write findings to FILE instead of stdout (and provenance to FILE.meta.json).")
    Path out;

    @Option(names = "--top", paramLabel = "N", defaultValue = "20",
            description = "Rows in the table format; only these findings are kept and ranked (counts, alerts and "
                    + "host triage still cover every channel). Default: ${DEFAULT-VALUE}.")
    int top = 20;

    @Option(names = "--memory", paramLabel = "SIZE",
            description = "Memory for the flows being grouped, e.g. 512m or 2g; past it flows go to compressed "
                    + "temporary files (removed afterwards) and channels are scored a part at a time, with the same "
                    + "findings. Default: a third of the JVM's maximum heap.")
    String memory;

    @Option(names = "--partitions", paramLabel = "N",
            description = "Cut the input by source host into N temporary files (1, 2, 4, ... 1024) and score one at a "
                    + "time, so a week of logs needs memory for one part, with the same findings; 0: never. Default: "
                    + "when the input's size says it would not fit in the heap whole (not with --html).")
    Integer partitions;

    @Option(names = "--alerts-only", description = "Write only findings that alert (csv and jsonl); only those are "
            + "kept and ranked.")
    boolean alertsOnly;

    @Option(names = "--hosts", paramLabel = "FILE",
            description = "Also write the host triage table (rank, host, score, severity, alerts, findings, top_type, "
                    + "top_dst, explanation) to FILE: JSON lines for .jsonl/.json/.ndjson, CSV for .csv, "
                    + "else as --format (csv when --format is table).")
    Path hostsOut;

    @Option(names = "--intel", paramLabel = "FILE", arity = "1..*",
            description = "Indicator files matched offline: plain lists of IPs, CIDRs and domains (one per line), "
                    + "or abuse.ch Feodo Tracker CSV/JSON exports. A match is a threat_intel finding for the host.")
    List<Path> intelFiles = new java.util.ArrayList<>();

    @Option(names = "--verdicts", paramLabel = "FILE",
            description = "Analyst verdicts (CSV: src,dst,dst_port,server_name,verdict,note,analyst,date). Channels "
                    + "judged benign are suppressed and counted; malicious and unsure ones are marked in every output "
                    + "(a verdict column in csv and jsonl).")
    Path verdictsFile;

    @Option(names = "--html", paramLabel = "FILE",
            description = "Also write a detection report to FILE: one self-contained HTML page with a summary, the "
                    + "host triage table (the same host scores as --hosts) and a card per finding (timeline, intervals, "
                    + "periodogram, bytes, what to do).")
    Path html;

    @Option(names = "--html-top", paramLabel = "N", defaultValue = "50",
            description = "Cards for the N highest-ranked findings that do not alert, besides every alert, chosen "
                    + "after --verdicts apply (a suppressed channel gets no card). Default: ${DEFAULT-VALUE}.")
    int htmlTop = 50;

    @Option(names = "--model", paramLabel = "FILE",
            description = "A channel model (train --features channel, e.g. trained with --verdicts): every finding also "
                    + "gets the model's risk, shown beside the detector's score (MODEL column in the table, model_risk "
                    + "in csv and jsonl, beaconwatch.model_risk in ecs). The detector's scores, ranks, alerts and exit "
                    + "code are unchanged; stderr counts the channels at or above the model's threshold.")
    Path modelFile;

    @Option(names = "--timing", description = "Print how long each stage took (read and group, sort, score, rank, "
            + "host triage, write) on stderr. Host triage runs beside the ranking when there is more than one "
            + "thread: its figure is the time it took beyond the ranking.")
    boolean timing;

    /** Parses a size: digits with an optional k, m or g suffix (powers of 1024). */
    static long memoryBytes(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        long unit = 1;
        if (t.endsWith("k") || t.endsWith("m") || t.endsWith("g")) {
            char u = t.charAt(t.length() - 1);
            unit = u == 'k' ? 1L << 10 : u == 'm' ? 1L << 20 : 1L << 30;
            t = t.substring(0, t.length() - 1);
        }
        long v;
        try {
            v = Long.parseLong(t);
        } catch (NumberFormatException e) {
            throw new UsageException("--memory: not a size: '" + text + "' (e.g. 512m, 2g)");
        }
        if (v <= 0 || v > Long.MAX_VALUE / unit) {
            throw new UsageException("--memory must be positive, got '" + text + "'");
        }
        return v * unit;
    }

    @Override
    public Integer call() throws Exception {
        OutputFormat fmt;
        try {
            fmt = OutputFormat.parse(format);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--format: " + e.getMessage());
        }
        if (top < 1) {
            throw new UsageException("--top must be >= 1, got " + top);
        }
        if (memory != null) {
            memoryBytes(memory);
        }
        if (partitions != null && BeaconDetector.checkPartitions(partitions) != null) {
            throw new UsageException("--" + BeaconDetector.checkPartitions(partitions));
        }
        if (htmlTop < 0) {
            throw new UsageException("--html-top must be >= 0, got " + htmlTop);
        }
        DetectOptions options = detection.toOptions();
        siem.target(); // usage errors before any work
        Path meta = out == null ? null : Path.of(out + ".meta.json");
        Verdicts verdicts = verdictsFile == null ? Verdicts.none() : Verdicts.of(VerdictFile.read(verdictsFile));
        new OutputPaths().inputs(input.inputs).inputs(detection.allowlistFiles).inputs(intelFiles)
                .inputs(verdictsFile == null ? List.of() : List.of(verdictsFile))
                .inputs(modelFile == null ? List.of() : List.of(modelFile))
                .file("--out", out).file("--out (provenance)", meta).file("--hosts", hostsOut).file("--html", html)
                .check();
        ChannelModelScores model = null;
        if (modelFile != null) {
            try {
                model = ChannelModelScores.load(modelFile);
            } catch (IllegalArgumentException e) {
                throw new UsageException("--model " + e.getMessage());
            }
        }
        IntelSet intel;
        try {
            intel = intelFiles.isEmpty() ? IntelSet.empty() : IntelSet.load(intelFiles);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new UsageException("--intel: no such file: " + e.getFile());
        }
        // the inputs' SHA-256 only where a record is written (FILE.meta.json, the HTML report): on a
        // table to the terminal it would take a core for nothing (about 1.7 CPU-seconds at 20 M rows)
        ProvenanceRecorder provenance = meta != null || html != null ? ProvenanceRecorder.start(input.inputs) : null;
        long start = System.nanoTime();
        DetectionResult result;
        List<FileReport> reports;
        Progress progress = new Progress("detect");
        // A suppressed channel may hold a place among the top: keep one more per verdict; the page picks after verdicts.
        FindingDetails details = html == null ? null : new FindingDetails(htmlTop + verdicts.size());
        // dns.log is read once, by the reader (for its answers), which hands its queries to the tunnel detector
        DnsTunnelDetector dnsTunnels = new DnsTunnelDetector(options::isInternalHost);
        // detect needs a connection's uid only as its hash (logged-twice check, companion names): no uid text per row
        try (FlowSource source = FlowInputs.open(input.inputs, input.readOptions().withUidText(false), options.threads(),
                dnsTunnels)) {
            try {
                BeaconDetector detector = new BeaconDetector(details).withIntel(intel).withDnsTunnels(dnsTunnels);
                if (memory != null) {
                    detector = detector.withMemory(memoryBytes(memory));
                }
                if (partitions != null) {
                    detector = detector.cuttingBySource(partitions);
                }
                detector = detector.keeping(kept(fmt));
                result = detector.detect(source, options, progress);
            } finally { // the per-file warnings explain a "nothing to analyse" error too
                progress.close();
                reports = List.copyOf(source.reports());
                Reports.printWarnings(reports, System.err);
            }
        }
        Verdicts.Applied applied = verdicts.apply(result);
        result = applied.result();
        java.util.function.Function<org.beaconwatch.score.Finding, String> verdictOf = verdictsFile == null ? null
                : f -> {
                    Verdict v = verdicts.of(f);
                    return v == null ? null : v.kind().label();
                };
        java.util.function.ToDoubleFunction<Finding> modelRiskOf = null;
        if (model != null) {
            long m0 = System.nanoTime();
            java.util.IdentityHashMap<Finding, Double> risks;
            try {
                risks = model.risks(result.findings());
            } catch (IllegalArgumentException e) {
                throw new UsageException("--model " + modelFile + ": " + e.getMessage());
            }
            modelRiskOf = f -> risks.getOrDefault(f, Double.NaN);
            double thr = model.threshold();
            long over = risks.values().stream().filter(r -> r >= thr).count();
            System.err.printf(Locale.ROOT, "model: %s (%s) scored %s; %s at or above its threshold %.4f%n",
                    modelFile, TerminalText.clean(model.model().provenance().model() + ", trained on "
                            + model.model().provenance().inputs().size() + " inputs"),
                    DetectionSummary.count(risks.size(), "channel", "channels"),
                    DetectionSummary.count(over, "channel", "channels"), model.threshold());
            progress.stage("model", m0, System.nanoTime());
        }
        long w0 = System.nanoTime();
        // rows formatted on as many threads as scored the channels
        write(result, FindingWriter.of(fmt, top, verdictOf, applied.suppressed(), modelRiskOf).withThreads(options.threads()),
                fmt, alertsOnly, out);
        progress.stage("write " + fmt.name().toLowerCase(Locale.ROOT), w0, System.nanoTime());
        if (hostsOut != null) {
            OutputFormat hf = hostsFormat(hostsOut, fmt);
            List<org.beaconwatch.host.HostScore> hosts = result.hosts();
            AtomicOutput.write(hostsOut, raw -> {
                OutputStream o = new BufferedOutputStream(raw, 1 << 16);
                HostWriter.write(hosts, hf, o);
                o.flush();
            });
        }
        if (siem.syslog != null) {
            SyslogOutput syslog = siem.open(null, fmt == OutputFormat.ECS);
            try {
                for (Finding f : result.alerts()) {
                    syslog.emit(f, null);
                }
            } finally {
                siem.close(syslog);
            }
        }
        if (html != null) {
            long h0 = System.nanoTime();
            DetectionReport.write(DetectionReport.build(new DetectionReport.Inputs(result, details, htmlTop,
                    provenance.record("detect", describe(), reports), applied.suppressed(), verdicts::of)), html);
            progress.stage("write html", h0, System.nanoTime());
        }
        if (meta != null) {
            long p0 = System.nanoTime();
            provenance.write(meta, provenance.record("detect", describe(), reports), reports,
                    verdictsFile == null ? java.util.Map.of()
                    : java.util.Map.of("suppressed_by_verdict", (long) applied.suppressed(),
                            "suppressed_alerts_by_verdict", (long) applied.suppressedAlerts(),
                            "marked_malicious", (long) applied.malicious()));
            progress.stage("provenance", p0, System.nanoTime());
        }
        if (fmt != OutputFormat.TABLE || out != null) { // the table ends with its own summary line
            summary(result, out, verdictsFile == null ? -1 : applied.suppressed());
        }
        explainSkips(result, detection.internal);
        if (timing) {
            progress.printStages(System.nanoTime() - start);
        }
        result.close(); // findings held on disk for a large input: removed now (else at exit)
        return result.alertCount() == 0 ? ExitCodes.OK : ExitCodes.ALERTS;
    }

    /**
     * The findings this run writes, so the detector holds and sorts only those: the table's top rows,
     * the alerts for --alerts-only (and for syslog); every finding when verdicts, a model or the HTML
     * report read them all, or the output is every scored channel (then read once, in rank order,
     * so an input cut by source host keeps them on disk).
     */
    FindingsKept kept(OutputFormat fmt) {
        if (verdictsFile != null || modelFile != null || html != null) {
            return FindingsKept.ALL;
        }
        boolean syslog = siem.syslog != null;
        if (fmt == OutputFormat.TABLE) {
            return FindingsKept.top(top, syslog);
        }
        return alertsOnly ? FindingsKept.alertsOnly() : FindingsKept.ALL_STREAMED;
    }

    /**
     * Writes the findings to stdout (control characters cleaned when stdout is a terminal) or
     * atomically to {@code out}: the previous file stays in place if anything fails.
     */
    static void write(DetectionResult result, OutputFormat fmt, boolean alertsOnly, int top, Path out) throws Exception {
        write(result, FindingWriter.of(fmt, top), fmt, alertsOnly, out);
    }

    /** The options as given, for provenance and the report. */
    private String describe() {
        return detection.describe() + " format=" + format
                + (verdictsFile == null ? "" : " verdicts=" + verdictsFile)
                + (modelFile == null ? "" : " model=" + modelFile)
                + (html == null ? "" : " html_top=" + htmlTop);
    }

    static void write(DetectionResult result, FindingWriter writer, OutputFormat fmt, boolean alertsOnly, Path out)
            throws Exception {
        if (out == null) {
            OutputStream o = new BufferedOutputStream(fmt == OutputFormat.TABLE ? System.out
                    : Terminal.forStdout(System.out), 1 << 16);
            emit(writer, result, fmt, alertsOnly, o);
            o.flush();
        } else {
            AtomicOutput.write(out, raw -> {
                OutputStream o = new BufferedOutputStream(raw, 1 << 16);
                emit(writer, result, fmt, alertsOnly, o);
                o.flush();
            });
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

    /** Host file format: by extension, else the findings format (CSV when that is the table). */
    static OutputFormat hostsFormat(Path file, OutputFormat fmt) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".jsonl") || name.endsWith(".json") || name.endsWith(".ndjson")) {
            return OutputFormat.JSONL;
        }
        if (name.endsWith(".csv")) {
            return OutputFormat.CSV;
        }
        return fmt == OutputFormat.JSONL ? OutputFormat.JSONL : OutputFormat.CSV;
    }

    /**
     * When nothing (or little) was analysed, says where the flows went and suggests only what
     * applies: --internal when the default networks left most sources out, the given networks
     * when --internal was given, the allowlist when it removed most flows.
     */
    static void explainSkips(DetectionResult r, List<String> internalGiven) {
        long read = r.flowsRead();
        if (read == 0) {
            return;
        }
        boolean fewUsed = r.flowsUsed() == 0;
        boolean mostExternal = r.skippedExternalSource() * 2 >= read;
        boolean mostAllowlisted = r.allowlisted() * 2 >= read;
        if (!fewUsed && !mostExternal && !mostAllowlisted) {
            return;
        }
        System.err.println("note: " + DetectionSummary.count(r.flowsUsed(), null, null) + " of "
                + DetectionSummary.count(read, "flow", "flows") + " analysed; skipped: "
                + DetectionSummary.count(r.skippedExternalSource(), null, null)
                + " with a source outside the internal networks, "
                + DetectionSummary.count(r.skippedDestination(), null, null)
                + " to internal/multicast/broadcast destinations, "
                + DetectionSummary.count(r.allowlisted(), null, null) + " allowlisted");
        if (r.skippedExternalSource() > 0 && (mostExternal || fewUsed)) {
            if (internalGiven == null || internalGiven.isEmpty()) {
                System.err.println("note: if your hosts use public addresses, give them with --internal CIDR "
                        + "(e.g. --internal 147.32.0.0/16), or analyse every source with --all-sources; "
                        + "inputs without addresses (NSL-KDD) have no channels.");
            } else {
                System.err.println("note: " + DetectionSummary.count(r.skippedExternalSource(), "flow", "flows")
                        + " had a source outside the given networks (--internal "
                        + TerminalText.clean(String.join(", ", internalGiven))
                        + "); check those networks, or analyse every source with --all-sources.");
            }
        }
        if (r.allowlisted() > 0 && (mostAllowlisted || (fewUsed && r.allowlisted() >= r.skippedExternalSource()))) {
            System.err.println("note: " + DetectionSummary.count(r.allowlisted(), "flow", "flows")
                    + " matched the allowlist (--allow/--allowlist) and were not analysed; review it if that is "
                    + "more than you expected.");
        }
    }

    /** The run's summary sentence on stderr (the same one the table ends with). */
    static void summary(DetectionResult r, Path out) {
        summary(r, out, -1);
    }

    /** As {@link #summary(DetectionResult, Path)}, counting findings suppressed by verdict (none when negative). */
    static void summary(DetectionResult r, Path out, int suppressed) {
        System.err.println(DetectionSummary.sentence(r)
                + (suppressed < 0 ? "" : ", " + DetectionSummary.count(suppressed, null, null) + " suppressed by verdict")
                + (out == null ? "" : "; findings written to " + out));
    }
}
