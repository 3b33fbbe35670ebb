package org.beaconwatch.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.io.OutputStreamWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.beaconwatch.ml.ChannelInputs;
import org.beaconwatch.ml.TableInputs;
import org.beaconwatch.ml.eval.Evaluation;
import org.beaconwatch.ml.eval.Evaluator;
import org.beaconwatch.ml.model.ScoredRows;
import org.beaconwatch.ml.model.TrainedModel;
import org.beaconwatch.output.AtomicOutput;
import org.beaconwatch.output.DetectionSummary;
import org.beaconwatch.output.Numbers;
import org.beaconwatch.output.TerminalText;
import org.beaconwatch.table.Column;
import org.beaconwatch.table.DataTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code beaconwatch score}: scores unlabelled logs with a saved model. */
@Command(name = "score", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Scores logs with a model: one CSV row per input record with the supervised probability, "
                + "the anomaly percentile, the fused risk, whether it alerts (risk >= the model's threshold), the "
                + "predicted class and up to three reasons (features that raised the risk most). Prints the host "
                + "triage table (hosts ranked by risk) to stdout.",
            "Example: beaconwatch score --model beacon.bwm beacon_events_eval_unlabeled.csv --out scores.csv"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:scored", "1:error (unreadable input or model, input lacks the model's columns)",
            "2:usage error"})
final class ScoreCommand implements Callable<Integer> {
    static final String[] ID_COLUMNS = {"event_id", "uid"};
    static final String[] HOST_COLUMNS = {"host_id", "src"};

    @Mixin
    InputOptions input;

    @Option(names = "--model", required = true, paramLabel = "MODEL", description = "Model file written by train.")
    Path model;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "CSV file to write.")
    Path out;

    @Option(names = "--top", defaultValue = "20", description = "Hosts to list in the triage table. Default: ${DEFAULT-VALUE}.")
    int top;

    @Option(names = "--hosts", paramLabel = "FILE",
            description = "Write the whole host triage table as CSV (rank, host, host_score, expected_malicious, "
                    + "max_risk, alerts, rows, top_reasons). Hosts are ranked by expected malicious rows (sum of "
                    + "calibrated risks) plus the highest risk; ties broken by alerts, highest risk, rows.")
    Path hostsFile;

    @Option(names = "--html", paramLabel = "FILE",
            description = "Write an analyst page: triage table, per-host reasons, score distribution, what the model "
                    + "was trained on and its test figures.")
    Path html;

    @Override
    public Integer call() throws Exception {
        if (top < 1) {
            throw new UsageException("--top must be >= 1, got " + top);
        }
        new OutputPaths().inputs(input.inputs).input(model).file("--out", out).file("--hosts", hostsFile)
                .file("--html", html).check();
        TrainedModel m = TrainedModel.load(model);
        String ahead = m.provenance().options() == null ? null : m.provenance().options().get("predictAheadSeconds");
        TableInputs.Read read;
        if (ahead != null) {
            // a prediction-ahead model: the same (pair, window) examples, features from the past only
            var ev = org.beaconwatch.ml.ahead.LanlEvents.read(input.inputs);
            read = new TableInputs.Read(org.beaconwatch.ml.ahead.PredictAhead.examples(ev, Long.parseLong(ahead)),
                    List.of());
        } else {
            read = TrainCommand.channel(m.provenance().featureSet())
                    ? ChannelInputs.read(input.inputs, input.readOptions())
                    : TableInputs.read(input.inputs, input.readOptions());
        }
        Reports.printWarnings(read.reports(), System.err);
        DataTable t = read.table();
        ScoredRows s = m.score(t);
        int alerts = write(t, s, out);
        System.out.printf(Locale.ROOT, "scored %s with %s (%s); %s at threshold %s; wrote %s%n",
                DetectionSummary.count(t.rows(), "row", "rows"), model, TerminalText.clean(m.provenance().model()),
                DetectionSummary.count(alerts, "alert", "alerts"), Numbers.num(m.threshold()), out);
        Column host = first(t, HOST_COLUMNS);
        List<Evaluation.HostRisk> triage = List.of();
        if (host != null) {
            String[] hosts = new String[t.rows()];
            for (int r = 0; r < hosts.length; r++) {
                hosts[r] = host.isMissing(r) ? null : host.text(r);
            }
            triage = Evaluator.triage(hosts, s.risk(), null, s.reasons(), m.threshold(), 0);
            System.out.println("top hosts (" + TerminalText.clean(host.name()) + "), by expected malicious rows + highest "
                    + "risk:");
            int rank = 1;
            for (Evaluation.HostRisk h : triage) {
                if (rank > top) {
                    break;
                }
                System.out.printf(Locale.ROOT, "%3d  %-20s score %s (expected %s, max %s)  alerts %s/%s  %s%n",
                        rank++, TerminalText.clean(h.host()), Numbers.num(h.hostScore()), Numbers.num(h.expected()),
                        Numbers.num(h.maxRisk()), Numbers.count(h.alerts()), Numbers.count(h.rows()),
                        TerminalText.clean(String.join(", ", h.topReasons())));
            }
        } else if (hostsFile != null) {
            System.err.println("warning: the input has no host column (" + String.join(", ", HOST_COLUMNS)
                    + "); the host table is empty");
        }
        if (hostsFile != null) {
            writeHosts(triage, hostsFile);
            System.err.println("wrote " + hostsFile);
        }
        if (html != null) {
            org.beaconwatch.output.Provenance run = org.beaconwatch.output.Provenance.of("score", "model=" + model
                    + " top=" + top, org.beaconwatch.output.Provenance.digest(input.inputs));
            org.beaconwatch.report.scoring.ScoringReport.write(new org.beaconwatch.report.scoring.ScoringReport.Input(
                    run, m.provenance(), m.testFigures(), s.risk(),
                    m.threshold(), host == null ? null : host.name(), triage, top), html);
            System.err.println("wrote " + html);
        }
        return ExitCodes.OK;
    }

    /** The triage table as CSV, atomically. */
    static void writeHosts(List<Evaluation.HostRisk> triage, Path file) throws IOException {
        AtomicOutput.write(file, raw -> {
            Writer w = new BufferedWriter(new OutputStreamWriter(raw, StandardCharsets.UTF_8), 1 << 16);
            w.write("rank,host,host_score,expected_malicious,max_risk,alerts,rows,top_reasons\n");
            int rank = 1;
            for (Evaluation.HostRisk h : triage) {
                w.write(rank++ + "," + cell(h.host()) + "," + num(h.hostScore()) + "," + num(h.expected()) + ","
                        + num(h.maxRisk()) + "," + h.alerts() + "," + h.rows() + ","
                        + cell(String.join("; ", h.topReasons())) + "\n");
            }
            w.flush();
        });
    }

    static Column first(DataTable t, String... names) {
        for (String n : names) {
            var c = t.column(n);
            if (c.isPresent()) {
                return c.get();
            }
        }
        return null;
    }

    /** Writes the scores atomically (the previous file stays on failure); returns the number of alerts. */
    static int write(DataTable t, ScoredRows s, Path file) throws IOException {
        List<Column> keep = new ArrayList<>();
        for (String n : new String[] {"event_id", "uid", "ts", "host_id", "src", "dst", "dst_port"}) {
            t.column(n).ifPresent(keep::add);
        }
        int[] count = new int[1];
        AtomicOutput.write(file, raw -> {
            Writer w = new BufferedWriter(new OutputStreamWriter(raw, StandardCharsets.UTF_8), 1 << 16);
            StringBuilder h = new StringBuilder("row,input");
            for (Column c : keep) {
                h.append(',').append(c.name());
            }
            h.append(",probability,anomaly,risk,alert,predicted_class,reasons\n");
            w.write(h.toString());
            StringBuilder sb = new StringBuilder();
            for (int r = 0; r < t.rows(); r++) {
                sb.setLength(0);
                sb.append(r + 1).append(',');
                int src = t.source(r);
                sb.append(cell(src < t.sourceNames().size() ? t.sourceNames().get(src) : ""));
                for (Column c : keep) {
                    sb.append(',').append(cell(c.text(r)));
                }
                sb.append(',').append(s.probability() == null ? "" : num(s.probability()[r]));
                sb.append(',').append(num(s.anomaly()[r]));
                sb.append(',').append(num(s.risk()[r]));
                sb.append(',').append(s.alert()[r] ? '1' : '0');
                sb.append(',').append(s.predictedClass() == null ? "" : cell(s.predictedClass()[r]));
                sb.append(',').append(cell(s.reasons()[r]));
                sb.append('\n');
                w.write(sb.toString());
                if (s.alert()[r]) {
                    count[0]++;
                }
            }
            w.flush();
        });
        return count[0];
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.6f", v);
    }

    /**
     * One CSV cell: quoted when it holds a separator, quote or line break; a leading =, +, - or @ is
     * prefixed with an apostrophe so spreadsheets do not run log text as a formula (log fields are
     * attacker-controlled).
     */
    static String cell(String v) {
        if (v == null || v.isEmpty()) {
            return "";
        }
        String s = v;
        char c0 = s.charAt(0);
        if (c0 == '=' || c0 == '+' || c0 == '@' || c0 == '\t' || c0 == '\r' || (c0 == '-' && !isNumber(s))) {
            s = "'" + s;
        }
        if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
            s = '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }

    private static boolean isNumber(String s) {
        try {
            Double.parseDouble(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
