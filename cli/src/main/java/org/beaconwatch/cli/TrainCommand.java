package org.beaconwatch.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.beaconwatch.ml.VerdictLabels;
import org.beaconwatch.ml.ahead.PredictAhead;
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
import org.beaconwatch.output.Provenance;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code beaconwatch train}: trains a model without leakage and evaluates it once on held-out data.
 *
 * <p>This class holds the options, checks them and runs the steps in order: {@link TrainingData}
 * reads the inputs and fills in labels, {@link LeaveOneCaptureOutTable} prints the held-out captures
 * when asked, {@code ModelTrainer} (ml) splits, tunes, trains and tests, {@link TrainingSummary} prints
 * the result and {@link EvaluationOutput} writes the evaluation files.
 */
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
        TrainingData data = predictAhead != null
                ? TrainingData.readAhead(input.inputs, predictAhead, windowSeconds(predictAhead), System.err)
                : TrainingData.read(input, channel(features), maxRows, seed, System.err);
        if (!benignCaptures.isEmpty()) {
            if (label == null) {
                throw new UsageException("--benign-capture fills in the --label column: give --label COL too");
            }
            data = data.withBenignCaptures(label, benignCaptures, System.err);
        }
        if (verdicts != null) {
            data = data.withVerdicts(verdicts, label, System.err);
        }
        if (leaveOneCaptureOut && input.inputs.size() < 2) {
            throw new UsageException("--leave-one-capture-out needs two or more input files");
        }
        TrainingResult r;
        try { // a split that leaks or cannot be made is a usage error, here and in the held-out runs
            if (leaveOneCaptureOut) {
                // each held-out run trains on the other inputs: per capture when three or more remain
                LeaveOneCaptureOutTable.print(LeaveOneCaptureOut.run(data.table(), o),
                        ThresholdRule.used(o.split(), input.inputs.size() - 1), System.out);
            }
            r = ModelTrainer.train(data.table(), o, data.digests());
        } catch (LeakySplitException | UnusableSplitException e) {
            throw new UsageException(e.getMessage());
        }
        r.model().save(out);
        TrainingSummary.print(r, o.kind(), out, System.out);
        EvaluationOutput.warnSingleClass(r.test());
        EvaluationOutput.write(r.test(), evalJson, evalHtml, Provenance.of("train",
                "label=" + label + " features=" + features + " split=" + split + " seed=" + seed,
                data.digests().stream().map(InputDigest::toInput).toList()));
        return ExitCodes.OK;
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

    /**
     * The training options from the command line, checked; with {@code --predict-ahead}, first fills in,
     * where they are not given, what it implies (a time split with a one-window gap, the label column
     * {@code label}, its baseline feature, record features instead of auto).
     */
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
                baselineFeature = PredictAhead.BASELINE;
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
}
