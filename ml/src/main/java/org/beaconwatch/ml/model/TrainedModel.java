package org.beaconwatch.ml.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.beaconwatch.ml.features.FeatureMatrix;
import org.beaconwatch.ml.features.FittedFeatures;
import org.beaconwatch.table.Column;
import org.beaconwatch.table.DataTable;

/**
 * A trained model: fitted feature encoders, the classifier (absent for the Isolation Forest),
 * the anomaly detector, the alert threshold and provenance. Saved as a zip of JSON and Tribuo's
 * protobuf form ({@link ModelFile}); loading never Java-deserialises.
 */
public final class TrainedModel {
    /** Rows explained when scoring: every alert up to this many. */
    static final int MAX_EXPLAINED_ROWS = 5000;
    /** Rows explained in the evaluation made during training (for the triage table). */
    static final int MAX_EXPLAINED_ROWS_TRAINING = 500;
    static final String[] BEACON_COLUMNS = {"beacon_score"};
    static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private final ModelProvenance provenance;
    private final FittedFeatures features;
    private final Classifier classifier;
    private final AnomalyDetector anomaly;
    private final String negativeClass;
    private final Calibration calibration;

    TrainedModel(ModelProvenance provenance, FittedFeatures features, Classifier classifier, AnomalyDetector anomaly,
                 String negativeClass, Calibration calibration) {
        this.provenance = provenance;
        this.features = features;
        this.classifier = classifier;
        this.anomaly = anomaly;
        this.negativeClass = negativeClass;
        this.calibration = calibration == null ? Calibration.none() : calibration;
    }

    /** The figures the model had on its held-out test part when trained (null for older files). */
    public TestFigures testFigures() {
        return provenance.testFigures();
    }

    /** The same model with its test figures recorded in the provenance. */
    TrainedModel withTestFigures(TestFigures t) {
        return new TrainedModel(provenance.withTestFigures(t), features, classifier, anomaly, negativeClass, calibration);
    }

    /** How the supervised probability is calibrated (fitted on out-of-fold scores). */
    public Calibration calibration() {
        return calibration;
    }

    public ModelProvenance provenance() {
        return provenance;
    }

    /** Alert threshold on the risk. */
    public double threshold() {
        return provenance.threshold();
    }

    /** Feature names the model uses. */
    public List<String> featureNames() {
        return features.names();
    }

    /**
     * Scores every row of {@code t} and explains the riskiest ones.
     *
     * @throws IllegalArgumentException when {@code t} lacks columns the model's features need
     */
    public ScoredRows score(DataTable t) {
        FeatureMatrix x = features.transform(t);
        if (!x.names().equals(provenance.featureNames())) {
            throw new IllegalArgumentException("the input gives features " + x.names() + " but the model was trained on "
                    + provenance.featureNames());
        }
        return score(x, beacon(t), MAX_EXPLAINED_ROWS);
    }

    /**
     * Evaluates the model on labelled data it was not trained on, with its own threshold.
     *
     * @param t      labelled input
     * @param labels how to read labels (usually {@code provenance().label()})
     * @param name   what is evaluated, for the report
     * @throws IllegalArgumentException when columns are missing or no row has a usable label
     */
    public org.beaconwatch.ml.eval.Evaluation evaluate(DataTable t, LabelSpec labels, String name) {
        LabelSpec.Labels l = labels.read(t);
        int[] rows = l.usableRows();
        if (rows.length == 0) {
            throw new IllegalArgumentException("no row has a usable label in column '" + labels.column() + "' ("
                    + l.dropped() + " rows without one)");
        }
        ScoredRows all = score(t);
        ScoredRows s = select(all, rows);
        return org.beaconwatch.ml.eval.Evaluator.evaluate(name, provenance.model() + " on " + provenance.featureSet()
                + " features", ModelTrainer.scoresOf(t, rows, l, s), threshold(), null).withExcludedRows(l.excluded());
    }

    /**
     * The files among {@code inputs} (directories: every file inside) whose SHA-256 equals that of
     * a file this model was trained on: evaluating on them is not a test.
     *
     * @throws IOException when an input cannot be read
     */
    public List<String> trainingInputsAmong(List<Path> inputs) throws IOException {
        java.util.Set<String> trained = new java.util.HashSet<>();
        if (provenance.inputs() != null) {
            for (InputDigest d : provenance.inputs()) {
                trained.add(d.sha256());
            }
        }
        List<String> out = new ArrayList<>();
        for (InputDigest d : InputDigest.of(inputs)) {
            if (trained.contains(d.sha256())) {
                out.add(d.path());
            }
        }
        return out;
    }

    static ScoredRows select(ScoredRows s, int[] rows) {
        int n = rows.length;
        double[] p = s.probability() == null ? null : new double[n];
        double[] a = new double[n];
        double[] risk = new double[n];
        boolean[] alert = new boolean[n];
        double[][] cp = s.classProb() == null ? null : new double[n][];
        String[] pc = s.predictedClass() == null ? null : new String[n];
        String[] reasons = new String[n];
        for (int i = 0; i < n; i++) {
            int r = rows[i];
            if (p != null) {
                p[i] = s.probability()[r];
            }
            a[i] = s.anomaly()[r];
            risk[i] = s.risk()[r];
            alert[i] = s.alert()[r];
            if (cp != null) {
                cp[i] = s.classProb()[r];
            }
            if (pc != null) {
                pc[i] = s.predictedClass()[r];
            }
            reasons[i] = s.reasons()[r];
        }
        return new ScoredRows(p, a, risk, alert, s.classes(), cp, pc, reasons);
    }

    /** The beacon score column of a per-channel table, or null. */
    static double[] beacon(DataTable t) {
        for (String b : BEACON_COLUMNS) {
            var c = t.column(b);
            if (c.isPresent() && c.get() instanceof Column.Numeric n) {
                return n.values();
            }
        }
        return null;
    }

    ScoredRows score(FeatureMatrix x, double[] beacon, int explain) {
        return score(x.values(), classifier, anomaly, negativeClass, calibration, provenance.threshold(), beacon,
                explain, x.names());
    }

    static ScoredRows score(double[][] x, Classifier classifier, AnomalyDetector anomaly, String negativeClass,
                            Calibration cal, double threshold, double[] beacon, int explain, List<String> names) {
        int n = x.length;
        double[] anom = new double[n];
        for (int r = 0; r < n; r++) {
            anom[r] = anomaly.percentile(anomaly.raw(x[r]));
        }
        double[] prob = null;
        double[][] cp = null;
        String[] pred = null;
        List<String> classes = List.of();
        if (classifier != null) {
            classes = classifier.classes();
            cp = classifier.proba(x);
            prob = maliciousProbability(cp, classes, negativeClass);
            for (int r = 0; r < n; r++) {
                prob[r] = cal.apply(prob[r]);
            }
            pred = new String[n];
            for (int r = 0; r < n; r++) {
                int best = 0;
                for (int c = 1; c < classes.size(); c++) {
                    if (cp[r][c] > cp[r][best]) {
                        best = c;
                    }
                }
                pred[r] = classes.get(best);
            }
        }
        double[] risk = new double[n];
        boolean[] alert = new boolean[n];
        for (int r = 0; r < n; r++) {
            risk[r] = FusedRisk.fuse(prob == null ? Double.NaN : prob[r], anom[r], beacon == null ? Double.NaN : beacon[r]);
            alert[r] = risk[r] >= threshold;
        }
        String[] reasons = new String[n];
        java.util.Arrays.fill(reasons, "");
        if (explain > 0) {
            explain(x, prob, risk, threshold, classifier, anomaly, negativeClass, cal, names, reasons, explain);
        }
        return new ScoredRows(prob, anom, risk, alert, classes, cp, pred, reasons);
    }

    static double[] maliciousProbability(double[][] cp, List<String> classes, String negativeClass) {
        int neg = classes.indexOf(negativeClass);
        double[] p = new double[cp.length];
        for (int r = 0; r < cp.length; r++) {
            p[r] = neg < 0 ? 1 : Math.max(0, Math.min(1, 1 - cp[r][neg]));
        }
        return p;
    }

    /**
     * Reasons for the riskiest rows (at most {@code maxRows}, those with risk at least half the
     * threshold). Supervised: occlusion -- each feature in turn is set to its training median and
     * the drop in probability is its contribution; the three largest positive drops are the reasons.
     * When no single feature moves the probability (redundant evidence, saturated model), and for
     * the unsupervised model: the three largest robust z-scores against the training rows.
     */
    private static void explain(double[][] x, double[] prob, double[] risk, double threshold, Classifier classifier,
                                AnomalyDetector anomaly, String negativeClass, Calibration cal, List<String> names,
                                String[] reasons, int maxRows) {
        int n = x.length;
        double[] key = new double[n];
        int cand = 0;
        for (int r = 0; r < n; r++) {
            key[r] = risk[r];
            if (risk[r] >= threshold * 0.5) {
                cand++;
            }
        }
        int[] order = org.beaconwatch.ml.eval.Ranking.descending(key);
        int m = Math.min(maxRows, cand);
        if (m == 0) {
            return;
        }
        int f = names.size();
        double[][] effect = new double[m][f];
        if (classifier != null) {
            double[][] sub = new double[m][];
            for (int j = 0; j < f; j++) {
                double ref = anomaly.median(j);
                for (int i = 0; i < m; i++) {
                    double[] row = x[order[i]].clone();
                    row[j] = ref;
                    sub[i] = row;
                }
                double[] pj = maliciousProbability(classifier.proba(sub), classifier.classes(), negativeClass);
                for (int i = 0; i < m; i++) {
                    effect[i][j] = prob[order[i]] - cal.apply(pj[i]);
                }
            }
        } else {
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < f; j++) {
                    effect[i][j] = Math.abs(anomaly.z(x[order[i]], j));
                }
            }
        }
        double minEffect = classifier != null ? 0.005 : 1.5;
        for (int i = 0; i < m; i++) {
            int r = order[i];
            List<String> parts = new ArrayList<>();
            boolean[] used = new boolean[f];
            for (int k = 0; k < 3; k++) {
                int best = -1;
                for (int j = 0; j < f; j++) {
                    double floor = k == 0 ? 1e-9 : minEffect; // the strongest reason always shows
                    if (!used[j] && effect[i][j] > floor && (best < 0 || effect[i][j] > effect[i][best])) {
                        best = j;
                    }
                }
                if (best < 0) {
                    break;
                }
                used[best] = true;
                parts.add(classifier != null
                        ? String.format(Locale.ROOT, "%s=%.4g (+%.2f)", names.get(best), x[r][best], effect[i][best])
                        : String.format(Locale.ROOT, "%s=%.4g (z=%.1f)", names.get(best), x[r][best], effect[i][best]));
            }
            if (parts.isEmpty()) {
                // no single feature moves a saturated probability: say what is unusual about the row instead
                for (int k = 0; k < 3; k++) {
                    int best = -1;
                    double bz = 0;
                    for (int j = 0; j < f; j++) {
                        double z = Math.abs(anomaly.z(x[r], j));
                        if (!used[j] && z > 1.5 && z > bz) {
                            best = j;
                            bz = z;
                        }
                    }
                    if (best < 0) {
                        break;
                    }
                    used[best] = true;
                    parts.add(String.format(Locale.ROOT, "%s=%.4g (z=%.1f)", names.get(best), x[r][best], bz));
                }
            }
            reasons[r] = String.join("; ", parts);
        }
    }

    /**
     * Writes the model file atomically (see {@link ModelFile}: JSON and Tribuo protobuf, no Java
     * serialisation).
     *
     * @throws IOException naming the file when it cannot be written; a previous file stays as it was
     */
    public void save(Path file) throws IOException {
        ModelFile.save(this, file);
    }

    /** The provenance JSON of the model. */
    public String provenanceJson() {
        try {
            return JSON.writeValueAsString(provenance);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * Reads a model file written by {@link #save}. Never Java-deserialises; sizes, entries and the
     * classes a Tribuo model names are checked before anything is built from the file.
     *
     * @throws IOException with one line naming the file and the reason (missing, not a model file,
     *                     damaged, older format)
     */
    public static TrainedModel load(Path file) throws IOException {
        Classifier.quietTribuo();
        return ModelFile.load(file);
    }

    FittedFeatures features() {
        return features;
    }

    Classifier classifier() {
        return classifier;
    }

    AnomalyDetector anomaly() {
        return anomaly;
    }

    String negativeClass() {
        return negativeClass;
    }

    Calibration calibrationPart() {
        return calibration;
    }
}
