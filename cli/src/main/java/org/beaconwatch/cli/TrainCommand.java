package org.beaconwatch.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.beaconwatch.ml.BenignCaptures;
import org.beaconwatch.ml.ChannelInputs;
import org.beaconwatch.ml.TableInputs;
import org.beaconwatch.ml.VerdictLabels;
import org.beaconwatch.ml.eval.Evaluation;
import org.beaconwatch.ml.eval.EvaluationJson;
import org.beaconwatch.ml.model.InputDigest;
import org.beaconwatch.ml.model.LabelSpec;
import org.beaconwatch.ml.model.LeaveOneCaptureOut;
import org.beaconwatch.ml.model.ModelKind;
import org.beaconwatch.ml.model.ModelTrainer;
import org.beaconwatch.ml.model.ThresholdRule;
import org.beaconwatch.ml.model.TrainOptions;
import org.beaconwatch.ml.model.TrainingResult;
import org.beaconwatch.ml.split.LeakySplitException;
import org.beaconwatch.ml.split.UnusableSplitException;
import org.beaconwatch.ml.split.SplitSpec;
import org.beaconwatch.output.Numbers;
import org.beaconwatch.output.TerminalText;
import org.beaconwatch.report.evaluation.EvaluationReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code beaconwatch train}: trains a model without leakage and evaluates it once on held-out data. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Trains a model on labelled logs and evaluates it honestly: the rows are split so that no "
                + "host (group split), no later time (time split) or no capture (file split) is shared between training "
                + "and test; k-fold cross-validation of the same kind on the training part chooses the alert "
                + "threshold; the test part is scored once.",
            "A plain random row split of data with hosts is refused unless --allow-leaky-split is given.",
            "Example: beaconwatch train beacon_events_train.csv --label label --split group:host_id --model gbt "
                + "--out beacon.bwm --baseline-feature inter_event_seconds --eval-html eval.html"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:model written", "1:error (unreadable input, missing columns, one class only)",
            "2:usage error (bad option value, refused leaky split)"})
final class TrainCommand implements Callable<Integer> {

    @Mixin
    InputOptions input;

    @Option(names = "--label", paramLabel = "COL", description = "Label column (e.g. label). Needed unless "
            + "--verdicts gives the labels.")
    String label;

    @Option(names = "--verdicts", paramLabel = "FILE",
            description = "Analyst verdict file (src,dst,dst_port,server_name,verdict,note,analyst,date) whose verdicts "
                    + "label channels (needs --features channel): benign = 0, malicious = 1, unsure = no verdict. "
                    + "With --label, verdicts override the capture labels of the channels they name; without, only "
                    + "channels with a verdict are used.")
    Path verdicts;

    @Option(names = "--benign-capture", paramLabel = "NAME",
            description = "Input(s) whose file name contains NAME are normal captures: their rows without a label are "
                    + "benign (e.g. CTU-Normal-7, whose Label column is empty). Repeatable; needs --label.")
    List<String> benignCaptures = new java.util.ArrayList<>();

    @Option(names = "--positive", paramLabel = "VALUE",
            description = "Label value that is positive; default: anything that reads as malicious "
                    + "(1, Malicious, botnet, attack names; benign/normal/0 are negative).")
    String positive;

    @Option(names = "--classes", paramLabel = "binary|ctu|label|kdd", defaultValue = "binary",
            description = "binary (malicious vs benign); ctu (multiclass cc, spam, ddos, scan, malicious, normal, "
                    + "refined by detailed_label when present); label (the raw label values as classes, benign values "
                    + "as normal, values with fewer than " + LabelSpec.MIN_CLASS_ROWS + " rows grouped as other); kdd "
                    + "(DoS, Probe, R2L, U2R from KDD attack names, unknown names as other). Default: ${DEFAULT-VALUE}.")
    String classes;

    @Option(names = "--background", paramLabel = "drop|benign", defaultValue = "drop",
            description = "What to do with unlabelled CTU 'Background' rows: drop them (default) or count them as benign.")
    String background;

    @Option(names = "--split", paramLabel = "SPEC",
            description = "group:COL (no COL value on both sides), time[:GAP_SECONDS] (train strictly before test), "
                    + "file[:NAME] (test on the input whose name contains NAME, default the last input), stratified "
                    + "or random (refused on data with hosts unless --allow-leaky-split).")
    String split;

    @Option(names = "--allow-leaky-split", description = "Allow a random row split on data with hosts (inflates scores).")
    boolean allowLeaky;

    @Option(names = "--model", paramLabel = "gbt|rf|iforest", defaultValue = "gbt",
            description = "gbt (gradient-boosted trees, XGBoost), rf (random forest) or iforest (Isolation Forest, "
                    + "unsupervised; labels only choose the threshold). Default: ${DEFAULT-VALUE}.")
    String model;

    @Option(names = "--features", paramLabel = "SET", defaultValue = "auto",
            description = "auto, event, record, entity, record+entity, channel. auto = event for event tables with "
                    + "inter_event_seconds, record+entity for flows, record otherwise. channel runs the detection "
                    + "engine and learns from its per-channel scores and statistics (one row per channel, labelled "
                    + "by its most frequent flow label). Default: ${DEFAULT-VALUE}.")
    String features;

    @Option(names = "--out", required = true, paramLabel = "MODEL", description = "Model file to write.")
    Path out;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of splits, folds and models. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--folds", defaultValue = "5", description = "Cross-validation folds on the training part. "
            + "Default: ${DEFAULT-VALUE}.")
    int folds;

    @Option(names = "--test-fraction", defaultValue = "0.25",
            description = "Share of rows (or groups) held out for test. Default: ${DEFAULT-VALUE}.")
    double testFraction;

    @Option(names = "--trees", defaultValue = "0",
            description = "Trees per model; 0 = 150 for gbt, 60 for rf. Default: ${DEFAULT-VALUE}.")
    int trees;

    @Option(names = "--baseline-feature", paramLabel = "COL",
            description = "Also train the same model on this one raw column and report its PR-AUC for comparison.")
    String baselineFeature;

    @Option(names = "--max-rows", defaultValue = "0",
            description = "Keep at most this many rows per input (seeded sample; 0 = all). Default: ${DEFAULT-VALUE}.")
    int maxRows;

    @Option(names = "--predict-ahead", paramLabel = "WINDOW",
            description = "Predict ahead of time on LANL auth/flows/redteam files or the Featuretools LANL export "
                    + "(recognised by content; computer names are the entities): one example per (src, dst) pair and "
                    + "window (e.g. 1h, 30m, 1d), features from events before the window only, label = the pair has a "
                    + "red-team (label A) event in the window. Time split with a one-window gap; the baseline is 'was "
                    + "it malicious in the last window'. --label and --split are not needed.")
    String predictAhead;

    @Option(names = "--leave-one-capture-out",
            description = "Before training, evaluate on each input file (capture) in turn with a model tuned and trained "
                    + "on all the other inputs: per-capture PR-AUC and, for each threshold rule (pooled F1, fold median "
                    + "F1, capture median F1, capture mean F1), precision/recall at the threshold chosen on the others "
                    + "(false alerts for a capture without positives), then each rule over all captures. The model uses "
                    + "capture median F1 for a file split over three or more training captures, fold median F1 "
                    + "otherwise. Needs two or more inputs.")
    boolean leaveOneCaptureOut;

    @Option(names = "--eval-json", paramLabel = "FILE", description = "Write the test evaluation as JSON.")
    Path evalJson;

    @Option(names = "--eval-html", paramLabel = "FILE", description = "Write the test evaluation as an HTML page.")
    Path evalHtml;

    @Override
    public Integer call() throws Exception {
        TrainOptions o = options();
        if (maxRows < 0) {
            throw new UsageException("--max-rows must be >= 0 (0 = all), got " + maxRows);
        }
        // Before training: a model that cannot be saved is hours lost.
        new OutputPaths().inputs(input.inputs).input(verdicts).file("--out", out).file("--eval-json", evalJson)
                .file("--eval-html", evalHtml).check();
        TableInputs.Read read;
        if (predictAhead != null) {
            long w = windowSeconds(predictAhead);
            var ev = org.beaconwatch.ml.ahead.LanlEvents.read(input.inputs);
            var ex = org.beaconwatch.ml.ahead.PredictAhead.examples(ev, w);
            System.err.printf(Locale.ROOT, "predict ahead: %,d events -> %,d (pair, %s window) examples%n", ev.size(),
                    ex.rows(), predictAhead);
            read = new TableInputs.Read(ex, List.of());
        } else {
            read = channel(features) ? ChannelInputs.read(input.inputs, input.readOptions())
                    : TableInputs.read(input.inputs, input.readOptions(), maxRows, seed);
        }
        Reports.printWarnings(read.reports(), System.err);
        List<InputDigest> digests = new java.util.ArrayList<>(InputDigest.of(input.inputs));
        org.beaconwatch.table.DataTable table = read.table();
        if (!benignCaptures.isEmpty()) {
            if (label == null) {
                throw new UsageException("--benign-capture fills in the --label column: give --label COL too");
            }
            BenignCaptures.Applied b;
            try {
                b = BenignCaptures.apply(table, label, benignCaptures);
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
            table = b.table();
            System.err.printf(Locale.ROOT, "benign:     %,d unlabelled rows of %s labelled benign%n", b.labelled(),
                    TerminalText.clean(String.join(", ", benignCaptures)));
        }
        if (verdicts != null) {
            var v = org.beaconwatch.verdict.VerdictFile.read(verdicts);
            VerdictLabels.Applied a;
            try {
                a = VerdictLabels.apply(table, v, label);
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
            table = a.table();
            digests.addAll(InputDigest.of(List.of(verdicts)));
            System.err.printf(Locale.ROOT, "verdicts:   %,d in %s -> %,d channels malicious, %,d benign, %,d unsure "
                    + "(no verdict)%s%n", v.size(), verdicts, a.malicious(), a.benign(), a.unsure(),
                    label == null ? "" : String.format(Locale.ROOT, "; %,d channels keep their '%s' label", a.fromLabel(),
                            label));
        }
        if (leaveOneCaptureOut) {
            if (input.inputs.size() < 2) {
                throw new UsageException("--leave-one-capture-out needs two or more input files");
            }
            // each held-out run trains on the other inputs: per capture when three or more remain
            printCaptures(LeaveOneCaptureOut.run(table, o), ThresholdRule.used(o.split(), input.inputs.size() - 1),
                    System.out);
        }
        TrainingResult r;
        try {
            r = ModelTrainer.train(table, o, digests);
        } catch (LeakySplitException | UnusableSplitException e) {
            throw new UsageException(e.getMessage());
        }
        r.model().save(out);
        PrintStream p = System.out;
        p.println("model:      " + out + " (" + o.kind().label() + ", " + r.model().featureNames().size() + " features: "
                + r.model().provenance().featureSet() + ")");
        p.printf(Locale.ROOT, "rows:       %,d labelled (%,d train, %,d test), %,d without a usable label%n",
                r.labelsUsed(), r.split().train().length, r.split().test().length, r.dropped());
        p.println("split:      " + TerminalText.clean(r.split().description()));
        for (var l : r.model().provenance().learned().entrySet()) {
            p.println("learned:    " + TerminalText.clean(l.getKey() + " = " + rounded(l.getValue())));
        }
        printEvaluation(r.test(), p);
        if (r.model().testFigures() != null && !r.model().testFigures().topFeatures().isEmpty()) {
            p.println("top features (shuffled on the test part, mean +- sd of "
                    + r.test().importance().get(0).repeats() + " shuffles; booster gain share): "
                    + TerminalText.clean(String.join(", ", r.model().testFigures().topFeatures())));
        }
        warnSingleClass(r.test());
        write(r.test(), evalJson, evalHtml, org.beaconwatch.output.Provenance.of("train",
                "label=" + label + " features=" + features + " split=" + split + " seed=" + seed,
                digests.stream().map(InputDigest::toInput).toList()));
        return ExitCodes.OK;
    }

    /** The leave-one-capture-out table: per held-out capture, each threshold rule; then each rule over all captures. */
    static void printCaptures(List<LeaveOneCaptureOut.CaptureResult> rs, ThresholdRule used, PrintStream p) {
        p.println("leave one capture out (model tuned and trained on the other captures; per rule, the threshold "
                + "chosen on the others -> precision/recall here, n/a where undefined, or the false alerts of a capture without positives):");
        StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "  %-44s %5s %5s %15s", "held-out capture",
                "rows", "pos", "PR-AUC (chance)"));
        for (ThresholdRule r : ThresholdRule.values()) {
            head.append(String.format(Locale.ROOT, " %19s", r.label() + (r == used ? "*" : "")));
        }
        p.println(head);
        for (var c : rs) {
            java.nio.file.Path cp = java.nio.file.Path.of(c.capture());
            String name = (cp.getParent() == null ? "" : cp.getParent().getFileName() + "/") + cp.getFileName();
            double prAuc = c.rule(used).prAuc();
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  %-44s %5d %5d %15s",
                    TerminalText.clean(name.length() > 44 ? "~" + name.substring(name.length() - 43) : name), c.rows(),
                    c.positives(), Double.isNaN(prAuc) ? "n/a" : String.format(Locale.ROOT, "%.3f (%.3f)", prAuc,
                            c.chance())));
            for (ThresholdRule r : ThresholdRule.values()) {
                var x = c.rule(r);
                line.append(String.format(Locale.ROOT, " %19s", atThreshold(x.threshold(), x.atThreshold())));
            }
            p.println(line);
        }
        p.println("  * the rule the model uses. Over all held-out captures (mean F1 over captures with positives; "
                + "alerts summed):");
        for (var s : LeaveOneCaptureOut.summary(rs)) {
            p.printf(Locale.ROOT, "  %-19s mean F1 %s over %d captures; %,d true alerts, %,d false alerts, %,d missed%n",
                    s.rule().label(), f3(s.meanF1()), s.captures(), s.tp(), s.fp(), s.fn());
        }
    }

    private static String atThreshold(double thr, org.beaconwatch.ml.eval.Confusion m) {
        if (m.tp() + m.fn() == 0) { // a capture without positives: what matters is how many false alerts
            return String.format(Locale.ROOT, "%.2f: %,d false", thr, m.fp());
        }
        return String.format(Locale.ROOT, "%.2f: %s/%s", thr, m.tp() + m.fp() == 0 ? "n/a" : f3(m.precision()),
                m.tp() + m.fn() == 0 ? "n/a" : f3(m.recall()));
    }

    /** Whether a feature set works on per-channel rows of the detection engine. */
    static boolean channel(String featureSet) {
        return featureSet != null && featureSet.trim().equalsIgnoreCase("channel");
    }

    /** Seconds of a window written 90, 90s, 30m, 1h or 2d. */
    static long windowSeconds(String s) {
        String v = s.trim().toLowerCase(Locale.ROOT);
        long mult = 1;
        if (v.endsWith("s")) {
            v = v.substring(0, v.length() - 1);
        } else if (v.endsWith("m")) {
            mult = 60;
            v = v.substring(0, v.length() - 1);
        } else if (v.endsWith("h")) {
            mult = 3600;
            v = v.substring(0, v.length() - 1);
        } else if (v.endsWith("d")) {
            mult = 86400;
            v = v.substring(0, v.length() - 1);
        }
        try {
            long n = Long.parseLong(v.trim());
            if (n <= 0) {
                throw new NumberFormatException();
            }
            return Math.multiplyExact(n, mult);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new UsageException("--predict-ahead needs a window like 1h, 30m, 90s or 1d, not '" + s + "'");
        }
    }

    TrainOptions options() {
        if (predictAhead != null) {
            long w = windowSeconds(predictAhead);
            if (split == null) {
                split = "time:" + w;
            }
            if (label == null) {
                label = "label";
            }
            if (baselineFeature == null) {
                baselineFeature = org.beaconwatch.ml.ahead.PredictAhead.BASELINE;
            }
            if (features.equalsIgnoreCase("auto")) {
                features = "record"; // the examples carry their own history features
            }
        }
        if (split == null) {
            throw new UsageException("--split is required (group:COL, time[:GAP_SECONDS], file[:NAME], stratified)");
        }
        if (label == null && verdicts == null) {
            throw new UsageException("give --label COL (the label column) or --verdicts FILE (analyst verdicts)");
        }
        if (verdicts != null && !channel(features)) {
            throw new UsageException("--verdicts labels channels: add --features channel");
        }
        if (folds < 2) {
            throw new UsageException("--folds must be at least 2");
        }
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new UsageException("--test-fraction must be between 0 and 1");
        }
        if (trees < 0) {
            throw new UsageException("--trees must be at least 1 (or 0 for the default)");
        }
        String scheme = switch (classes.trim().toLowerCase(Locale.ROOT)) {
            case "binary" -> LabelSpec.BINARY;
            case "ctu", "multiclass" -> LabelSpec.CTU;
            case "label" -> LabelSpec.LABEL;
            case "kdd" -> LabelSpec.KDD;
            default -> throw new UsageException("--classes must be binary, ctu, label or kdd, not '" + classes + "'");
        };
        boolean multi = !scheme.equals(LabelSpec.BINARY);
        boolean bgBenign = switch (background.trim().toLowerCase(Locale.ROOT)) {
            case "drop" -> false;
            case "benign" -> true;
            default -> throw new UsageException("--background must be drop or benign, not '" + background + "'");
        };
        SplitSpec s;
        ModelKind k;
        try {
            s = SplitSpec.parse(split);
            k = ModelKind.parse(model);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        String labelColumn = verdicts != null ? VerdictLabels.COLUMN : label;
        return new TrainOptions(new LabelSpec(labelColumn, positive, multi, bgBenign, scheme, null), s, k, features, seed, folds,
                testFraction, allowLeaky, trees, baselineFeature).withPredictAhead(predictAhead == null ? 0 : windowSeconds(predictAhead));
    }

    private static String rounded(Object v) {
        if (v instanceof List<?> list) {
            List<String> parts = new java.util.ArrayList<>();
            for (Object o : list) {
                parts.add(o instanceof Double d ? String.format(Locale.ROOT, "%.1f", d) : String.valueOf(o));
            }
            return String.join(", ", parts);
        }
        return String.valueOf(v);
    }

    /** A test part with one class says nothing about ranking: tell the user. */
    static void warnSingleClass(Evaluation e) {
        if (e.positives() == 0 || e.positives() == e.rows()) {
            System.err.println("warning: the evaluated rows hold a single class (" + e.positives() + " of " + e.rows()
                    + " positive), so PR-AUC, ROC-AUC and the threshold figures say nothing; choose another split "
                    + "(e.g. --split file or time when one host holds all benign traffic)");
        }
    }

    /** Writes the evaluation JSON and page where asked; {@code provenance} is printed on the page. */
    static void write(Evaluation e, Path json, Path html, org.beaconwatch.output.Provenance provenance)
            throws java.io.IOException {
        if (json != null) {
            EvaluationJson.write(e, json);
            System.err.println("wrote " + json);
        }
        if (html != null) {
            EvaluationReport.write(e, provenance, html);
            System.err.println("wrote " + html);
        }
    }

    /** A figure through the one formatter; n/a for an undefined figure (a class without support). */
    static String f3(double v) {
        return Numbers.num(v);
    }

    /** One line saying that an evaluation ran on the model's own training data. */
    static String trainingDataWarning(Evaluation e) {
        return "the model was trained on " + String.join(", ", e.trainingInputsEvaluated())
                + " (same SHA-256); these figures measure memory, not performance on new data";
    }

    /** The figures an analyst reads first, PR-AUC first. */
    static void printEvaluation(Evaluation e, PrintStream p) {
        if (e.testIsTrainingData()) {
            p.println("NOT A TEST: " + TerminalText.clean(trainingDataWarning(e)));
        }
        p.println("evaluated:  " + TerminalText.clean(e.name()));
        if (e.excludedRows() != null) {
            for (var x : e.excludedRows().entrySet()) {
                p.println("excluded:   " + Numbers.count(x.getValue()) + " rows: " + TerminalText.clean(x.getKey()));
            }
        }
        p.println("PR-AUC:     " + Numbers.num(e.prAuc()) + " (chance " + Numbers.num(e.chancePrAuc()) + "; "
                + Numbers.count(e.positives()) + " of " + Numbers.count(e.rows()) + " rows positive)");
        for (var s : e.prAucByScore().entrySet()) {
            if (!s.getKey().equals("risk")) {
                p.printf(Locale.ROOT, "  %-26s PR-AUC %s%n", TerminalText.clean(s.getKey()) + ":", Numbers.num(s.getValue()));
            }
        }
        p.println("ROC-AUC:    " + Numbers.num(e.rocAuc()));
        p.println("threshold:  " + Numbers.num(e.threshold()) + " (chosen on validation folds) -> precision "
                + Numbers.num(e.precision()) + ", recall " + Numbers.num(e.recall()) + ", F1 " + Numbers.num(e.f1()));
        p.println("confusion:  TP " + Numbers.count(e.confusion().tp()) + "  FP " + Numbers.count(e.confusion().fp())
                + "  TN " + Numbers.count(e.confusion().tn()) + "  FN " + Numbers.count(e.confusion().fn()));
        if (!Double.isNaN(e.brier())) {
            p.println("brier:      " + Numbers.num(e.brier()));
        }
        if (e.crossValidation() != null) {
            p.println("cv PR-AUC:  " + Numbers.num(e.crossValidation().meanPrAuc()) + " +- "
                    + Numbers.num(e.crossValidation().sdPrAuc()) + " (" + e.crossValidation().foldPrAuc().size() + " "
                    + e.crossValidation().kind() + " folds on the training part)");
        }
        for (var c : e.perClass()) {
            p.printf(Locale.ROOT, "  class %-12s support %7s  PR-AUC %s  precision %s  recall %s  F1 %s%n",
                    TerminalText.clean(c.name()), Numbers.count(c.support()), f3(c.prAuc()), f3(c.precision()), f3(c.recall()),
                    f3(c.f1()));
        }
        if (e.classAverages() != null) {
            var a = e.classAverages();
            p.printf(Locale.ROOT, "  %-18s %15s  PR-AUC %s  precision %s  recall %s  F1 %s%n", "macro average", "",
                    f3(a.macroPrAuc()), f3(a.macroPrecision()), f3(a.macroRecall()), f3(a.macroF1()));
            p.printf(Locale.ROOT, "  %-18s %15s  PR-AUC %s  precision %s  recall %s  F1 %s%n", "weighted average", "",
                    f3(a.weightedPrAuc()), f3(a.weightedPrecision()), f3(a.weightedRecall()), f3(a.weightedF1()));
            p.printf(Locale.ROOT, "  accuracy %s%n", f3(a.accuracy()));
            p.println("  confusion (rows true, columns predicted): " + TerminalText.clean(String.join(" | ", e.classes())));
            int w = 6;
            for (String c : e.classes()) {
                w = Math.max(w, Math.min(30, TerminalText.clean(c).length()));
            }
            for (int i = 0; i < e.classConfusion().length; i++) {
                StringBuilder sb = new StringBuilder();
                for (long v : e.classConfusion()[i]) {
                    sb.append(String.format(Locale.ROOT, " %7d", v));
                }
                p.printf(Locale.ROOT, "  %-" + w + "s%s%n", TerminalText.clean(e.classes().get(i)), sb);
            }
        }
        if (!e.triage().isEmpty()) {
            p.println("top hosts (by expected malicious rows + highest risk):");
            int n = 0;
            for (var h : e.triage()) {
                if (n++ == 10) {
                    break;
                }
                p.printf(Locale.ROOT, "  %-20s score %7.3f (max %.3f)  alerts %,d/%,d  labelled positive %,d  %s%n",
                        TerminalText.clean(h.host()), h.hostScore(), h.maxRisk(), h.alerts(), h.rows(), h.knownPositives(),
                        TerminalText.clean(String.join(", ", h.topReasons())));
            }
        }
    }
}
