package org.beaconwatch.ml.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.beaconwatch.ml.eval.BinaryMetrics;
import org.beaconwatch.ml.eval.Evaluation;
import org.beaconwatch.ml.eval.Evaluator;
import org.beaconwatch.ml.features.FeatureMatrix;
import org.beaconwatch.ml.features.FeatureSet;
import org.beaconwatch.ml.features.FeatureSets;
import org.beaconwatch.ml.features.FittedFeatures;
import org.beaconwatch.ml.split.Split;
import org.beaconwatch.ml.split.Splits;
import org.beaconwatch.ml.split.UnusableSplitException;
import org.beaconwatch.table.Column;
import org.beaconwatch.table.DataTable;

/**
 * Trains and honestly evaluates a model.
 *
 * <ol>
 *   <li>Labels are read; unusable rows (missing labels, unlabelled background) are set aside.</li>
 *   <li>The rows are split (by group, time, file, or stratified) into a training and a test part.</li>
 *   <li>k-fold cross-validation of the same kind runs on the training part: in each fold the
 *   feature encoders, the classifier and the anomaly detector are fitted on the fold's training rows
 *   only, and the fold's validation rows are scored. Platt scaling of the probability is fitted on
 *   these out-of-fold scores ({@link Calibration}); the alert threshold is the median over folds of
 *   each fold's F1-maximising threshold ({@link BinaryMetrics#medianFoldF1Threshold}): chosen on
 *   validation data, never on the test part.</li>
 *   <li>The final encoders and models are fitted on the whole training part and evaluated once on
 *   the test part; a one-feature baseline can be trained the same way for comparison.</li>
 * </ol>
 */
public final class ModelTrainer {
    private ModelTrainer() {
    }

    /**
     * Trains a model on a labelled table.
     *
     * @param t       the labelled input
     * @param o       options
     * @param inputs  digests of the input files, recorded in the model's provenance
     */
    public static TrainingResult train(DataTable t, TrainOptions o, List<InputDigest> inputs) {
        LabelSpec.Labels labels = o.label().read(t);
        int[] usable = labels.usableRows();
        if (labels.classes().size() < 2) {
            throw new IllegalArgumentException("training needs two classes in column '" + o.label().column() + "', found "
                    + labels.classes() + " in " + usable.length + " labelled rows (" + labels.dropped() + " dropped)");
        }
        boolean[] pos = labels.positive();
        Split split = Splits.split(t, usable, o.split(), pos, o.testFraction(), o.seed(), o.allowLeakySplit());
        if (split.train().length == 0 || split.test().length == 0) {
            throw new UnusableSplitException("the split left an empty part: " + split.description());
        }
        for (int[] part : new int[][] {split.train(), split.test()}) {
            int p = 0;
            for (int r : part) {
                if (pos[r]) {
                    p++;
                }
            }
            if (p == 0) {
                throw new UnusableSplitException("the split left the " + (part == split.train() ? "training" : "test")
                        + " part without positives (0 of " + part.length + " rows positive: "
                        + split.description() + "); PR-AUC and the threshold would mean nothing. The positives come "
                        + "from too few groups or files for this split: use another split column or more data");
            }
        }
        List<String> excluded = new ArrayList<>(List.of(o.label().column()));
        if (o.split().column() != null) {
            excluded.add(o.split().column());
        }
        FeatureSet fs = FeatureSets.of(o.features(), t, excluded);
        double[] beacon = TrainedModel.beacon(t);

        Tuned tuned = tune(t, split.train(), labels, o, fs, beacon);
        Calibration cal = tuned.calibration();
        double threshold = tuned.threshold();
        Evaluation.CrossValidation cv = tuned.cv();

        // final model on the whole training part
        Fit fit = fit(fs, t, split.train(), labels, o, o.seed());
        if (fit == null) {
            throw new IllegalArgumentException("the training part has a single class: " + split.description());
        }
        Map<String, Object> learned = new TreeMap<>(learned(fit.features));
        Map<String, String> libs = new LinkedHashMap<>();
        libs.put("tribuo", org.tribuo.Tribuo.VERSION);
        libs.put("xgboost4j", mavenVersion("ml.dmlc", "xgboost4j_2.12"));
        libs.put("java", System.getProperty("java.version"));
        Map<String, String> opts = new LinkedHashMap<>();
        opts.put("trees", Integer.toString(o.trees() > 0 ? o.trees()
                : o.kind() == ModelKind.RF ? Classifier.RF_TREES : Classifier.GBT_TREES));
        opts.put("features", o.features());
        opts.put("allowLeakySplit", Boolean.toString(o.allowLeakySplit()));
        opts.put("baselineFeature", String.valueOf(o.baselineFeature()));
        if (o.predictAheadSeconds() > 0) {
            opts.put("predictAheadSeconds", Long.toString(o.predictAheadSeconds()));
        }
        java.util.Set<Integer> captures = new java.util.HashSet<>();
        for (int r : split.train()) {
            captures.add(t.source(r));
        }
        opts.put("thresholdRule", ThresholdRule.used(o.split(), captures.size()).label());
        ModelProvenance prov = new ModelProvenance(ModelProvenance.FORMAT_VERSION, org.beaconwatch.BuildInfo.version(), libs,
                o.kind().label(), fs.name(), fit.features.names(), fit.features.inputColumns(),
                labels.kept() == null ? o.label() : o.label().withKept(labels.kept()),
                fit.classifier == null ? List.of(LabelSpec.BENIGN, "malicious") : fit.classifier.classes(),
                o.split() + " (" + split.description() + ")", o.seed(), o.folds(), o.testFraction(), threshold,
                split.train().length, inputs, learned, opts, describe(cal), null);
        TrainedModel model = new TrainedModel(prov, fit.features, fit.classifier, fit.anomaly, o.label().negativeClass(),
                cal);

        // one evaluation on the test part
        int[] test = split.test();
        ScoredRows s = model.score(new FeatureMatrix(fit.x.names(), rows(fit.x, test)), pick(beacon, test),
                TrainedModel.MAX_EXPLAINED_ROWS_TRAINING);
        Map<String, double[]> baselines = new LinkedHashMap<>();
        if (o.baselineFeature() != null) {
            baselines.put("baseline:" + o.baselineFeature(), baseline(t, split, labels, o));
        }
        Evaluation e = Evaluator.evaluate("test part: " + split.description(),
                o.kind().label() + " on " + fs.name() + " features", scoresOf(t, test, labels, s), threshold, baselines)
                .withCrossValidation(cv).withExcludedRows(labels.excluded());
        boolean[] yTest = new boolean[test.length];
        for (int i = 0; i < test.length; i++) {
            yTest[i] = pos[test[i]];
        }
        List<Evaluation.FeatureImportance> imp = Importance.measure(model, rows(fit.x, test), yTest, pick(beacon, test),
                o.seed());
        e = e.withImportance(imp);
        model = model.withTestFigures(new TestFigures(e.name(), e.rows(), e.positives(), e.prAuc(), e.chancePrAuc(),
                e.rocAuc(), e.precision(), e.recall(), e.f1(), e.brier(), Importance.top(imp)));
        return new TrainingResult(model, e, split, usable.length, labels.dropped());
    }

    /**
     * What cross-validation on the training rows decides: the calibration of the probability, the
     * alert threshold, and the fold figures.
     *
     * @param calibration Platt scaling fitted on the out-of-fold probabilities
     * @param threshold   the alert threshold on the out-of-fold risks
     * @param cv          per-fold and pooled PR-AUC
     * @param oofRisk     out-of-fold risk per validated row
     * @param oofPositive its label
     * @param oofFold     its fold
     */
    // arrays by design: columnar data handed over without copies; never compared or hashed by value
    @SuppressWarnings("ArrayRecordComponent")
    record Tuned(Calibration calibration, double threshold, Evaluation.CrossValidation cv, double[] oofRisk,
                 boolean[] oofPositive, int[] oofFold) {
        /** The threshold maximising F1 on all out-of-fold scores pooled (the rule before the per-fold median). */
        double pooledThreshold() {
            return BinaryMetrics.bestF1Threshold(oofRisk, oofPositive);
        }

        /** The threshold maximising the mean F1 over folds. */
        double macroThreshold() {
            return BinaryMetrics.macroFoldF1Threshold(oofRisk, oofPositive, oofFold);
        }

        /** The median of the folds' F1-maximising thresholds. */
        double medianThreshold() {
            return BinaryMetrics.medianFoldF1Threshold(oofRisk, oofPositive, oofFold);
        }
    }

    /** k-fold cross-validation of the split's kind on {@code train}: calibration, threshold, fold figures. */
    static Tuned tune(DataTable t, int[] train, LabelSpec.Labels labels, TrainOptions o, FeatureSet fs, double[] beacon) {
        return tune(t, train, labels, o, fs, beacon, tuningFolds(t, train, labels.positive(), o));
    }

    /**
     * The folds that choose calibration and threshold: one per training capture for a file split
     * with three or more training captures ({@link ThresholdRule#CAPTURE_MEDIAN_F1}: the threshold
     * is then the median of the captures' own best thresholds, which transferred best to unseen
     * captures, README "Cross-capture honesty"), else k folds of the split's kind.
     */
    static List<Split> tuningFolds(DataTable t, int[] train, boolean[] pos, TrainOptions o) {
        if (o.split().kind() == org.beaconwatch.ml.split.SplitSpec.Kind.FILE) {
            List<Split> cf = Splits.captureFolds(t, train);
            if (cf != null) {
                return cf;
            }
        }
        return Splits.folds(t, train, o.split(), pos, o.folds(), o.seed());
    }

    /** Cross-validation over the given folds of {@code train}: calibration, threshold, fold figures. */
    static Tuned tune(DataTable t, int[] train, LabelSpec.Labels labels, TrainOptions o, FeatureSet fs, double[] beacon,
                      List<Split> folds) {
        boolean[] pos = labels.positive();
        // out-of-fold raw probability, anomaly percentile and beacon score; risk needs the calibration first
        double[] oofP = new double[t.rows()];
        double[] oofA = new double[t.rows()];
        boolean[] validated = new boolean[t.rows()];
        int[] foldOf = new int[t.rows()];
        boolean supervised = o.kind() != ModelKind.IFOREST;
        for (int k = 0; k < folds.size(); k++) {
            Split f = folds.get(k);
            if (f.train().length == 0 || f.test().length == 0) {
                continue;
            }
            Fit fit = fit(fs, t, f.train(), labels, o, o.seed() + 1 + k);
            if (fit == null) {
                continue;
            }
            double[][] xv = rows(fit.x, f.test());
            ScoredRows s = TrainedModel.score(xv, fit.classifier, fit.anomaly, o.label().negativeClass(),
                    Calibration.none(), 0.5, pick(beacon, f.test()), 0, fit.features.names());
            for (int i = 0; i < f.test().length; i++) {
                int r = f.test()[i];
                oofP[r] = s.probability() == null ? Double.NaN : s.probability()[i];
                oofA[r] = s.anomaly()[i];
                validated[r] = true;
                foldOf[r] = k;
            }
        }
        int nv = 0;
        for (boolean b : validated) {
            if (b) {
                nv++;
            }
        }
        int[] vrows = new int[nv];
        double[] vp = new double[nv];
        boolean[] vy = new boolean[nv];
        int j = 0;
        for (int r = 0; r < validated.length; r++) {
            if (validated[r]) {
                vrows[j] = r;
                vp[j] = oofP[r];
                vy[j++] = pos[r];
            }
        }
        Calibration cal = supervised ? Calibration.platt(vp, vy) : Calibration.none();
        double[] vs = new double[nv];
        for (int i = 0; i < nv; i++) {
            int r = vrows[i];
            vs[i] = FusedRisk.fuse(cal.apply(vp[i]), oofA[r], beacon == null ? Double.NaN : beacon[r]);
        }
        double[] foldAp = new double[folds.size()];
        for (int k = 0; k < folds.size(); k++) {
            int m = 0;
            for (int i = 0; i < nv; i++) {
                if (foldOf[vrows[i]] == k) {
                    m++;
                }
            }
            double[] fs2 = new double[m];
            boolean[] fy = new boolean[m];
            int q = 0;
            for (int i = 0; i < nv; i++) {
                if (foldOf[vrows[i]] == k) {
                    fs2[q] = vs[i];
                    fy[q++] = vy[i];
                }
            }
            foldAp[k] = m == 0 ? Double.NaN : BinaryMetrics.averagePrecision(fs2, fy);
        }
        int[] vfold = new int[nv];
        for (int i = 0; i < nv; i++) {
            vfold[i] = foldOf[vrows[i]];
        }
        double threshold = BinaryMetrics.medianFoldF1Threshold(vs, vy, vfold);
        Evaluation.CrossValidation cv = Evaluator.crossValidation(folds.size() > 0 && folds.get(0).description()
                .startsWith("capture") ? "capture" : o.split().kind().name().toLowerCase(Locale.ROOT),
                foldAp, BinaryMetrics.averagePrecision(vs, vy));
        int[] vf = new int[nv];
        for (int i = 0; i < nv; i++) {
            vf[i] = foldOf[vrows[i]];
        }
        return new Tuned(cal, threshold, cv, vs, vy, vf);

    }

    static String describe(Calibration c) {
        return c.method().equals("platt") ? String.format(Locale.ROOT, "platt: p' = 1/(1+exp(-(%.4f*logit(p) %+.4f))) "
                + "fitted on %d out-of-fold rows", c.slope(), c.intercept(), c.rows()) : "none";
    }

    /** Evaluation inputs for the given rows of a table scored by a model. */
    public static Evaluator.Scores scoresOf(DataTable t, int[] rows, LabelSpec.Labels labels, ScoredRows s) {
        boolean[] y = new boolean[rows.length];
        String[] tc = new String[rows.length];
        for (int i = 0; i < rows.length; i++) {
            y[i] = labels.positive()[rows[i]];
            tc[i] = labels.classOf()[rows[i]];
        }
        Column host = Splits.hostColumn(t);
        String[] hosts = null;
        if (host != null) {
            hosts = new String[rows.length];
            for (int i = 0; i < rows.length; i++) {
                hosts[i] = host.isMissing(rows[i]) ? null : host.text(rows[i]);
            }
        }
        boolean multi = !s.classes().isEmpty() && !s.classes().equals(List.of(LabelSpec.BENIGN, org.beaconwatch.table.LabelClasses.MALICIOUS));
        return new Evaluator.Scores(y, s.risk(), s.probability(), s.anomaly(), multi ? tc : null,
                multi ? s.predictedClass() : null, multi ? s.classProb() : null, multi ? s.classes() : List.of(), hosts,
                s.reasons());
    }

    record Fit(FittedFeatures features, FeatureMatrix x, Classifier classifier, AnomalyDetector anomaly) {
    }

    /** Fits encoders, classifier and anomaly detector on {@code train}; null when it has one class only. */
    static Fit fit(FeatureSet fs, DataTable t, int[] train, LabelSpec.Labels labels, TrainOptions o, long seed) {
        FittedFeatures ff = fs.fit(t, train, labels.positive());
        FeatureMatrix x = ff.transform(t);
        AnomalyDetector ad = AnomalyDetector.fit(x.values(), train, seed);
        Classifier c = null;
        if (o.kind() != ModelKind.IFOREST) {
            java.util.Set<String> cls = new java.util.HashSet<>();
            for (int r : train) {
                cls.add(labels.classOf()[r]);
            }
            if (cls.size() < 2) {
                return null;
            }
            c = Classifier.train(o.kind(), x, train, labels.classOf(), seed, o.trees());
        }
        return new Fit(ff, x, c, ad);
    }

    /** Scores of a model of the same kind trained on one raw column (median-imputed), on the test part. */
    private static double[] baseline(DataTable t, Split split, LabelSpec.Labels labels, TrainOptions o) {
        Column c = t.column(o.baselineFeature()).orElseThrow(() -> new IllegalArgumentException(
                "baseline column '" + o.baselineFeature() + "' is not in the input"));
        double[] v = new double[t.rows()];
        for (int r = 0; r < v.length; r++) {
            v[r] = c instanceof Column.Numeric n ? n.values()[r] : Double.NaN;
        }
        double[] known = new double[split.train().length];
        int k = 0;
        for (int r : split.train()) {
            if (!Double.isNaN(v[r])) {
                known[k++] = v[r];
            }
        }
        java.util.Arrays.sort(known, 0, k);
        double med = k == 0 ? 0 : known[k / 2];
        double[][] x = new double[t.rows()][];
        for (int r = 0; r < x.length; r++) {
            x[r] = new double[] {Double.isNaN(v[r]) ? med : v[r]};
        }
        FeatureMatrix fm = new FeatureMatrix(List.of(o.baselineFeature()), x);
        double[][] xt = rows(fm, split.test());
        if (o.kind() == ModelKind.IFOREST) {
            AnomalyDetector ad = AnomalyDetector.fit(x, split.train(), o.seed());
            double[] s = new double[xt.length];
            for (int i = 0; i < xt.length; i++) {
                s[i] = ad.raw(xt[i]);
            }
            return s;
        }
        Classifier cl = Classifier.train(o.kind(), fm, split.train(), labels.classOf(), o.seed(), o.trees());
        return TrainedModel.maliciousProbability(cl.proba(xt), cl.classes(), o.label().negativeClass());
    }

    private static Map<String, Object> learned(FittedFeatures f) {
        Map<String, Object> m = new LinkedHashMap<>();
        org.beaconwatch.ml.features.FeatureInfo.describe(f, m);
        return m;
    }

    /** A library's version from its Maven metadata on the class path, or "unknown". */
    static String mavenVersion(String group, String artifact) {
        String res = "/META-INF/maven/" + group + "/" + artifact + "/pom.properties";
        try (java.io.InputStream in = ModelTrainer.class.getResourceAsStream(res)) {
            if (in == null) {
                return "unknown";
            }
            java.util.Properties p = new java.util.Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    static double[][] rows(FeatureMatrix x, int[] rows) {
        double[][] out = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            out[i] = x.values()[rows[i]];
        }
        return out;
    }

    static double[] pick(double[] v, int[] rows) {
        if (v == null) {
            return null;
        }
        double[] out = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = v[rows[i]];
        }
        return out;
    }
}
