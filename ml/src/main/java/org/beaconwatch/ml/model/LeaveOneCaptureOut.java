package org.beaconwatch.ml.model;

import java.util.ArrayList;
import java.util.List;
import org.beaconwatch.ml.eval.BinaryMetrics;
import org.beaconwatch.ml.eval.Confusion;
import org.beaconwatch.ml.features.FeatureSet;
import org.beaconwatch.ml.features.FeatureSets;
import org.beaconwatch.ml.split.Split;
import org.beaconwatch.ml.split.Splits;
import org.beaconwatch.table.DataTable;

/**
 * Cross-capture honesty for channel models: each input file (capture) is held out in turn, the
 * model is tuned and trained on the others, and every {@link ThresholdRule} is measured on the
 * held-out capture. A capture of one class still tells: with only benign channels, the false alerts
 * of the threshold; with only positive ones, its recall.
 */
public final class LeaveOneCaptureOut {
    private LeaveOneCaptureOut() {
    }

    /**
     * Leave-one-capture-out: for each input file (capture) of {@code t} in turn, the model is tuned
     * and trained on all the others and evaluated on the held-out one, under each threshold rule of
     * {@link ThresholdRule}. Captures without usable labels are skipped; a capture with one class
     * only still gives the threshold's precision or recall (its PR-AUC is NaN).
     *
     * @return one result per held-out capture
     */
    public static List<CaptureResult> run(DataTable t, TrainOptions o) {
        LabelSpec.Labels labels = o.label().read(t);
        boolean[] pos = labels.positive();
        int[] usable = labels.usableRows();
        List<String> excluded = new ArrayList<>(List.of(o.label().column()));
        FeatureSet fs = FeatureSets.of(o.features(), t, excluded);
        double[] beacon = TrainedModel.beacon(t);
        List<CaptureResult> out = new ArrayList<>();
        for (int c = 0; c < t.sourceNames().size(); c++) {
            List<Integer> tr = new ArrayList<>();
            List<Integer> te = new ArrayList<>();
            for (int r : usable) {
                (t.source(r) == c ? te : tr).add(r);
            }
            if (te.isEmpty()) {
                continue;
            }
            int[] train = tr.stream().mapToInt(Integer::intValue).toArray();
            int[] test = te.stream().mapToInt(Integer::intValue).toArray();
            int trainPos = 0;
            for (int r : train) {
                trainPos += pos[r] ? 1 : 0;
            }
            if (trainPos == 0 || trainPos == train.length) {
                continue;
            }
            ModelTrainer.Fit fit = ModelTrainer.fit(fs, t, train, labels, o, o.seed());
            if (fit == null) {
                continue;
            }
            boolean[] y = new boolean[test.length];
            for (int i = 0; i < test.length; i++) {
                y[i] = pos[test[i]];
            }
            List<RuleResult> rules = new ArrayList<>();
            ModelTrainer.Tuned byFold = ModelTrainer.tune(t, train, labels, o, fs, beacon,
                    Splits.folds(t, train, o.split(), pos, o.folds(), o.seed()));
            List<Split> cf = Splits.captureFolds(t, train);
            ModelTrainer.Tuned byCapture = cf == null ? byFold : ModelTrainer.tune(t, train, labels, o, fs, beacon, cf);
            for (ThresholdRule rule : ThresholdRule.values()) {
                ModelTrainer.Tuned tu = rule.byCapture() ? byCapture : byFold;
                double thr = rule.threshold(tu);
                ScoredRows s = TrainedModel.score(ModelTrainer.rows(fit.x(), test), fit.classifier(), fit.anomaly(),
                        o.label().negativeClass(), tu.calibration(), thr, ModelTrainer.pick(beacon, test), 0,
                        fit.features().names());
                rules.add(new RuleResult(rule, thr, BinaryMetrics.confusion(s.risk(), y, thr),
                        BinaryMetrics.count(y) == 0 || BinaryMetrics.count(y) == y.length ? Double.NaN
                                : BinaryMetrics.averagePrecision(s.risk(), y)));
            }
            out.add(new CaptureResult(t.sourceNames().get(c), test.length, BinaryMetrics.count(y),
                    (double) BinaryMetrics.count(y) / test.length, rules));
        }
        return out;
    }

    /**
     * One held-out capture of {@link #run}.
     *
     * @param capture   input file
     * @param rows      labelled rows (channels) in it
     * @param positives positive rows
     * @param chance    positive rate
     * @param rules     each threshold rule's threshold (chosen on the other captures) and what it gives here
     */
    public record CaptureResult(String capture, long rows, long positives, double chance, List<RuleResult> rules) {
        /** The result of one rule. */
        public RuleResult rule(ThresholdRule r) {
            for (RuleResult x : rules) {
                if (x.rule() == r) {
                    return x;
                }
            }
            throw new IllegalArgumentException("no result for " + r);
        }
    }

    /**
     * A threshold rule on a held-out capture.
     *
     * @param rule        the rule
     * @param threshold   the threshold it chose on the other captures
     * @param atThreshold confusion on the held-out capture
     * @param prAuc       PR-AUC of the risk on the held-out capture (NaN when it holds one class only)
     */
    public record RuleResult(ThresholdRule rule, double threshold, Confusion atThreshold,
                             double prAuc) {
    }


    /**
     * One rule over all held-out captures.
     *
     * @param rule     the rule
     * @param meanF1   mean F1 over the held-out captures that hold positives (each capture weighs the same)
     * @param captures captures in that mean
     * @param tp       true alerts, summed over every held-out capture
     * @param fp       false alerts, summed (captures without positives count here)
     * @param fn       missed positives, summed
     */
    public record RuleSummary(ThresholdRule rule, double meanF1, int captures, long tp, long fp, long fn) {
    }

    /** Per-rule figures over all held-out captures, in {@link ThresholdRule} order. */
    public static List<RuleSummary> summary(List<CaptureResult> loco) {
        List<RuleSummary> out = new ArrayList<>();
        for (ThresholdRule rule : ThresholdRule.values()) {
            double f1 = 0;
            int n = 0;
            long tp = 0;
            long fp = 0;
            long fn = 0;
            for (CaptureResult c : loco) {
                Confusion m = c.rule(rule).atThreshold();
                tp += m.tp();
                fp += m.fp();
                fn += m.fn();
                if (c.positives() > 0) {
                    f1 += 2.0 * m.tp() / (2.0 * m.tp() + m.fp() + m.fn());
                    n++;
                }
            }
            out.add(new RuleSummary(rule, n == 0 ? Double.NaN : f1 / n, n, tp, fp, fn));
        }
        return out;
    }
}
